package io.minigun.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Command-line options of {@link BenchmarkMain}: which pairs to run, at what size and with how many rounds.
 *
 * @param quick       smoke run: each workload's {@link Workload#quickSize()}, no warm-up, one measured round
 * @param workloads   workloads to run, in table order
 * @param impls       implementation names to run, or empty for all
 * @param size        items per round overriding every workload's size, or 0 for the workload's own
 * @param warmups     warm-up rounds per pair
 * @param rounds      measured rounds per pair
 * @param jvmArgs     extra arguments for every forked JVM
 * @param timeout     ceiling for one forked JVM
 */
public record Options(boolean quick, List<Workload> workloads, List<String> impls, long size, int warmups,
        int rounds, List<String> jvmArgs, Duration timeout) {

    /** Usage text. */
    public static final String USAGE = String.join(System.lineSeparator(),
            "usage: BenchmarkMain [options]",
            "  --quick               tiny N, no warm-up, one measured round (a smoke run)",
            "  --only <w[,w...]>     workloads to run (" + Workload.ids() + ")",
            "  --impl <i[,i...]>     implementations to run (default: all available)",
            "  --size <n>            items per round for every workload (default: the workload's own)",
            "  --warmups <k>         warm-up rounds per pair (default 3; 0 with --quick)",
            "  --rounds <k>          measured rounds per pair, median reported (default 5; 1 with --quick)",
            "  --jvm-arg <arg>       extra argument for each forked JVM (repeatable), e.g. --jvm-arg -Xmx2g",
            "  --timeout <seconds>   ceiling for one forked JVM (default 900)",
            "  --help                this text");

    /** Parses the arguments; throws {@link IllegalArgumentException} with a message on a bad one. */
    public static Options parse(String... args) {
        boolean quick = false;
        List<Workload> workloads = new ArrayList<>();
        List<String> impls = new ArrayList<>();
        long size = 0;
        Integer warmups = null;
        Integer rounds = null;
        List<String> jvmArgs = new ArrayList<>();
        Duration timeout = Duration.ofSeconds(900);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> quick = true;
                case "--only" -> {
                    for (String id : value(args, ++i, arg).split(",")) {
                        workloads.add(Workload.fromId(id));
                    }
                }
                case "--impl" -> impls.addAll(Arrays.asList(value(args, ++i, arg).trim().split("\\s*,\\s*")));
                case "--size" -> size = positive(value(args, ++i, arg), arg);
                case "--warmups" -> warmups = (int) atLeast(value(args, ++i, arg), 0, arg);
                case "--rounds" -> rounds = (int) positive(value(args, ++i, arg), arg);
                case "--jvm-arg" -> jvmArgs.add(value(args, ++i, arg));
                case "--timeout" -> timeout = Duration.ofSeconds(positive(value(args, ++i, arg), arg));
                default -> {
                    if (!arg.isBlank()) {
                        throw new IllegalArgumentException("unknown option '" + arg + "'");
                    }
                }
            }
        }
        if (workloads.isEmpty()) {
            workloads.addAll(Arrays.asList(Workload.values()));
        }
        return new Options(quick, workloads.stream().distinct().toList(),
                impls.stream().distinct().toList(), size,
                warmups != null ? warmups : quick ? 0 : 3, rounds != null ? rounds : quick ? 1 : 5,
                List.copyOf(jvmArgs), timeout);
    }

    /** Items per round for this workload. */
    public long sizeOf(Workload workload) {
        if (size > 0) {
            return size;
        }
        return quick ? workload.quickSize() : workload.fullSize();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static long positive(String text, String option) {
        return atLeast(text, 1, option);
    }

    private static long atLeast(String text, long minimum, String option) {
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got '" + text + "'", e);
        }
        if (value < minimum) {
            throw new IllegalArgumentException(option + " must be at least " + minimum + ", got " + value);
        }
        return value;
    }
}
