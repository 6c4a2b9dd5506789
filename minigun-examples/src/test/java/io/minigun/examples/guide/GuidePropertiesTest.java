package io.minigun.examples.guide;

import io.minigun.Affinity;
import io.minigun.ContextType;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code minigun.*} key the user guide shows in a {@code yaml} or {@code properties} block exists.
 *
 * <p>Why not the configuration metadata: the authoritative list of keys is the
 * {@code META-INF/spring-configuration-metadata.json} that the autoconfigure module generates when it is compiled,
 * but this module depends on the core only, and a reactor build of {@code -pl minigun-examples -am} never compiles
 * the autoconfigure module, so that file may be missing or stale. The metadata is generated from
 * {@code MinigunProperties}, so this test reads the same source: it parses
 * {@code minigun-spring-boot-autoconfigure/.../MinigunProperties.java} as text and derives the key tree from it —
 * every field that has a public getter is a key (camelCase written kebab-case, as Boot binds it); a field whose type
 * is one of the file's nested classes is a group of the keys of that class, and a {@code Map<String, X>} field takes
 * any name as next segment followed by the keys of {@code X}. The parse is checked too (the keys it must find), so
 * a change of the file's style that breaks it fails here rather than letting every key pass.
 *
 * <p>The YAML of the guide is flattened by a small reader of the subset it uses (block mappings, flow mappings
 * {@code { a: 1, b: 2 }} and lists); values of {@code concurrency} and {@code type} keys of stages and contexts must be
 * {@link ContextType} names and {@code affinity} an {@link Affinity} name (case-insensitive, as Boot binds enums),
 * unless they are {@code ${...}} placeholders. Keys outside {@code minigun.} (Spring's own) are not checked.
 */
class GuidePropertiesTest {

    private static final Pattern CLASS = Pattern.compile("\\bclass\\s+(\\w+)[^{]*\\{");
    private static final Pattern FIELD = Pattern.compile(
            "private\\s+(?:final\\s+)?(?:@Nullable\\s+)?([\\w.]+(?:<[^;=]*>)?)\\s+(\\w+)\\s*[;=]");

    /** A node of the key tree: leaf, group of named children, or map (any name, then the value's children). */
    record Node(Map<String, Node> children, Node mapValue) {
        static Node leaf() {
            return new Node(Map.of(), null);
        }

        boolean isLeaf() {
            return children.isEmpty() && mapValue == null;
        }
    }

    static Node keyTree() {
        String source = String.join("\n", GuideSnippetsTest.read(GuideSnippetsTest.root().resolve(
                "minigun-spring-boot-autoconfigure/src/main/java/io/minigun/spring/boot/autoconfigure/"
                        + "MinigunProperties.java")));
        Map<String, String> bodies = new LinkedHashMap<>();
        Matcher cls = CLASS.matcher(source);
        while (cls.find()) {
            int open = cls.end() - 1;
            int depth = 0;
            int close = open;
            for (int i = open; i < source.length(); i++) {
                char c = source.charAt(i);
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                if (depth == 0) {
                    close = i;
                    break;
                }
            }
            bodies.put(cls.group(1), source.substring(open + 1, close));
        }
        // a class's own body: without the bodies of the classes nested in it
        Map<String, String> own = new LinkedHashMap<>();
        bodies.forEach((name, body) -> {
            String text = body;
            for (Map.Entry<String, String> other : bodies.entrySet()) {
                if (!other.getKey().equals(name) && body.contains(other.getValue())) {
                    text = text.replace(other.getValue(), "");
                }
            }
            own.put(name, text);
        });
        return node("MinigunProperties", own);
    }

    private static Node node(String type, Map<String, String> own) {
        String body = own.get(type);
        Map<String, Node> children = new LinkedHashMap<>();
        Matcher field = FIELD.matcher(body);
        while (field.find()) {
            String fieldType = field.group(1);
            String name = field.group(2);
            String capitalised = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            if (!Pattern.compile("public\\s+[^;{]*\\b(get|is)" + capitalised + "\\(\\)").matcher(body).find()) {
                continue;
            }
            String key = name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            Matcher map = Pattern.compile("Map<String,\\s*(\\w+)>").matcher(fieldType);
            if (map.matches() && own.containsKey(map.group(1))) {
                children.put(key, new Node(Map.of(), node(map.group(1), own)));
            } else if (own.containsKey(fieldType)) {
                children.put(key, node(fieldType, own));
            } else {
                children.put(key, Node.leaf());
            }
        }
        return new Node(children, null);
    }

    /** Whether {@code key} (dotted, below {@code minigun.}) is a leaf of the tree. */
    static boolean exists(Node tree, String key) {
        Node node = tree;
        for (String segment : key.split("\\.")) {
            if (node.mapValue() != null) {
                node = node.mapValue();
            } else if (node.children().containsKey(segment)) {
                node = node.children().get(segment);
            } else {
                return false;
            }
        }
        return node.isLeaf();
    }

    /** Flattens the YAML subset the guide uses into dotted keys and their (scalar or list) values. */
    static Map<String, String> flatten(List<String> yaml) {
        Map<String, String> keys = new LinkedHashMap<>();
        Deque<Map.Entry<Integer, String>> path = new ArrayDeque<>();
        for (String raw : yaml) {
            String line = raw.replaceAll("(^|\\s)#.*$", "").stripTrailing();
            if (line.isBlank()) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            String text = line.strip();
            while (!path.isEmpty() && path.peek().getKey() >= indent) {
                path.pop();
            }
            String prefix = path.isEmpty() ? "" : path.peek().getValue() + ".";
            if (text.startsWith("- ")) {
                keys.merge(prefix.substring(0, prefix.length() - 1), text.substring(2).strip(), (a, b) -> a + "," + b);
                continue;
            }
            int colon = text.indexOf(':');
            assertThat(colon).as("not a YAML key: %s", raw).isPositive();
            String key = prefix + text.substring(0, colon).strip();
            String value = text.substring(colon + 1).strip();
            if (value.isEmpty()) {
                path.push(Map.entry(indent, key));
            } else if (value.startsWith("{") && value.endsWith("}")) {
                for (String pair : value.substring(1, value.length() - 1).split(",")) {
                    String[] kv = pair.split(":", 2);
                    keys.put(key + "." + kv[0].strip(), kv[1].strip());
                }
            } else {
                keys.put(key, value);
            }
        }
        return keys;
    }

    static Map<String, String> flattenProperties(List<String> lines) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : lines) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] kv = text.split("=", 2);
            keys.put(kv[0].strip(), kv.length > 1 ? kv[1].strip() : "");
        }
        return keys;
    }

    /** What is wrong with one key of the guide, or null. */
    static String check(Node tree, String key, String value) {
        if (!key.startsWith("minigun.")) {
            return null;
        }
        String below = key.substring("minigun.".length());
        if (!exists(tree, below)) {
            return key + " is not a property of MinigunProperties";
        }
        String last = below.substring(below.lastIndexOf('.') + 1);
        boolean stageOrContext = below.startsWith("pipelines.") && below.contains(".stages.")
                || below.startsWith("contexts.");
        if (value.startsWith("${") || !stageOrContext) {
            return null;
        }
        String constant = value.toUpperCase(Locale.ROOT).replace('-', '_');
        if ((last.equals("concurrency") || last.equals("type"))
                && Arrays.stream(ContextType.values()).noneMatch(t -> t.name().equals(constant))) {
            return key + ": " + value + " is not a ContextType";
        }
        if (last.equals("affinity") && Arrays.stream(Affinity.values()).noneMatch(a -> a.name().equals(constant))) {
            return key + ": " + value + " is not an Affinity";
        }
        return null;
    }

    @Test
    void theKeyTreeIsReadFromMinigunProperties() {
        Node tree = keyTree();
        assertThat(tree.children().keySet()).contains("enabled", "concurrency", "queue-size", "pipelines",
                "contexts", "process", "run-on-startup", "progress", "max-threads");
        for (String key : List.of("concurrency.threads", "concurrency.force-inline", "concurrency.virtual-threads",
                "process.keep-alive", "process.jvm-args", "process.start-workers-on-startup", "progress.interval",
                "pipelines.orders.concurrency.processes", "pipelines.orders.queue-size",
                "pipelines.orders.stages.parse.pool-size", "pipelines.orders.stages.parse.affinity",
                "contexts.io.type", "contexts.io.size")) {
            assertThat(exists(tree, key)).as(key).isTrue();
        }
        for (String key : List.of("concurrency", "concurrency.thread", "pipelines.orders", "process.keepalive",
                "pipelines.orders.stages.parse.max-size", "contexts.io.threads")) {
            assertThat(exists(tree, key)).as(key).isFalse();
        }
    }

    @Test
    void theYamlReaderFlattensTheGuidesSubset() {
        Map<String, String> keys = flatten(List.of(
                "minigun:", "  concurrency:", "    threads: 8   # comment", "  run-on-startup: [orders]",
                "  pipelines:", "    orders:", "      stages:", "        parse: { concurrency: process, pool-size: 4 }",
                "  process:", "    jvm-args:", "      - -Xmx256m", "      - -XX:+UseSerialGC", "  queue-size: 10"));
        assertThat(keys).containsExactly(
                Map.entry("minigun.concurrency.threads", "8"),
                Map.entry("minigun.run-on-startup", "[orders]"),
                Map.entry("minigun.pipelines.orders.stages.parse.concurrency", "process"),
                Map.entry("minigun.pipelines.orders.stages.parse.pool-size", "4"),
                Map.entry("minigun.process.jvm-args", "-Xmx256m,-XX:+UseSerialGC"),
                Map.entry("minigun.queue-size", "10"));
        Node tree = keyTree();
        assertThat(check(tree, "minigun.pipelines.o.stages.s.concurrency", "virtual")).isNull();
        assertThat(check(tree, "minigun.pipelines.o.stages.s.concurrency", "fork")).contains("not a ContextType");
        assertThat(check(tree, "minigun.concurrency.thread", "4")).contains("not a property");
    }

    @Test
    void everyMinigunKeyOfTheGuideExists() {
        Node tree = keyTree();
        List<String> problems = new ArrayList<>();
        TreeSet<String> seen = new TreeSet<>();
        for (GuideSnippetsTest.Block block : GuideSnippetsTest.blocks()) {
            Map<String, String> keys = switch (block.language()) {
                case "yaml", "yml" -> flatten(block.lines());
                case "properties" -> flattenProperties(block.lines());
                default -> Map.of();
            };
            keys.forEach((key, value) -> {
                seen.add(key);
                String problem = check(tree, key, value);
                if (problem != null) {
                    problems.add(block.where() + ": " + problem);
                }
            });
        }
        assertThat(seen).as("the guide shows minigun properties").anyMatch(k -> k.startsWith("minigun.pipelines."));
        assertThat(problems).isEmpty();
    }
}
