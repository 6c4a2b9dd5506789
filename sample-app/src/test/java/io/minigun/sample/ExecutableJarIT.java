package io.minigun.sample;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as it ships: the executable jar that {@code mvn package} builds, started the ways a Spring Boot
 * application is deployed ({@code java -jar}, unpacked and started with Boot's {@code JarLauncher}, and Boot's
 * extracted layout). Each run imports 2,000 records with {@code parse} in worker JVMs (two from the jar, one in the
 * other layouts, to keep CI short), then exits
 * ({@code sample.exit=true}) with status 0 only when the import completed; when the workers cannot start, the import
 * fails and so does the test. Runs after {@code package}, in the {@code integration-test} phase.
 */
@Timeout(300)
class ExecutableJarIT {
    private static final Path JAR = Path.of(System.getProperty("sample.jar",
            "target/sample-app-0.1.0-SNAPSHOT.jar")).toAbsolutePath();
    private static final String JAR_LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

    @BeforeAll
    static void theExecutableJarIsBuilt() throws IOException {
        assertThat(JAR).as("the sample's executable jar (built by mvn package)").isRegularFile();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(JAR_LAUNCHER);
            assertThat(jar.getManifest().getMainAttributes().getValue("Start-Class"))
                    .isEqualTo(SampleApplication.class.getName());
            assertThat(jar.stream().map(ZipEntry::getName))
                    .anyMatch(name -> name.matches("BOOT-INF/lib/minigun-core-.*\\.jar"));
        }
    }

    @Test
    void javaDashJarRunsTheImportWithParseInWorkerJvmsStartedFromTheSameJar(@TempDir Path dir) throws Exception {
        Path jar = Files.copy(JAR, dir.resolve("sample-app.jar"));

        String log = runImport(dir, 2, "-jar", jar.toString());

        assertThat(log).contains("PROCESS workers start from: Spring Boot PropertiesLauncher of " + jar);
    }

    @Test
    void anUnpackedJarStartedWithJarLauncherStartsItsWorkersFromTheSameDirectory(@TempDir Path dir)
            throws Exception {
        Path exploded = unzip(JAR, dir.resolve("exploded"));

        String log = runImport(dir, 1, "-cp", exploded.toString(), JAR_LAUNCHER);

        assertThat(log).contains("PROCESS workers start from: Spring Boot PropertiesLauncher of " + exploded);
    }

    @Test
    void theExtractedLayoutStartsItsWorkersFromItsClassPath(@TempDir Path dir) throws Exception {
        Path extracted = dir.resolve("extracted");
        Process extract = new ProcessBuilder(java(), "-Djarmode=tools", "-jar", JAR.toString(), "extract",
                "--destination", extracted.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("extract.log").toFile()).start();
        assertThat(extract.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(extract.exitValue()).as(Files.readString(dir.resolve("extract.log"))).isZero();
        Path jar = extracted.resolve(JAR.getFileName());
        assertThat(jar).isRegularFile();

        String log = runImport(dir, 1, "-jar", jar.toString());

        assertThat(log).contains("PROCESS workers start from: class path " + jar);
    }

    /**
     * Runs the import in {@code dir} with the launch arguments and {@code workers} parse workers, and checks that it
     * exited 0 after importing exactly the valid records with {@code parse} in that many worker JVMs, none of which
     * is left once the application exited. The application's JVM is told to compile less (C1 only) and to use the
     * serial collector, as its workers are by {@code minigun.process.jvm-args}: the test is about how it starts,
     * and CI has 2 cores.
     */
    private static String runImport(Path dir, int workers, String... launch) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.addAll(List.of(launch));
        command.addAll(List.of("--sample.orders=2000", "--sample.data-dir=" + dir.resolve("data"),
                "--sample.exit=true", "--server.port=0", "--minigun.progress.interval=0",
                "--minigun.pipelines.orderImport.concurrency.processes=" + workers));
        Path logFile = dir.resolve("application.log");
        Process application = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        boolean exited;
        try {
            exited = application.waitFor(200, TimeUnit.SECONDS);
        } finally {
            application.descendants().forEach(ProcessHandle::destroyForcibly);
            application.destroyForcibly();
        }
        String log = Files.readString(logFile, StandardCharsets.UTF_8);
        assertThat(exited).as("the application exits once the import is done; its log:%n%s", log).isTrue();
        assertThat(application.exitValue()).as("exit status; the log:%n%s", log).isZero();
        assertThat(log)
                .contains("parse                        processor   process   PROCESS workers=" + workers + " ")
                .contains("Pipeline 'orderImport': 2000 produced")
                .contains("Database: 1,960 rows in orders, 40 rows in dead_letters");
        for (int worker = 1; worker <= workers; worker++) {
            // what each worker JVM wrote to its stderr (its application's startup lines), logged by the parent
            assertThat(log).contains("[orderImport/parse worker " + worker + "] ");
        }
        // no worker JVM (their command lines name this directory) outlives the application
        String marker = dir.toString();
        await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.allProcesses()
                .noneMatch(process -> process.info().arguments().map(List::of).orElse(List.of()).stream()
                        .anyMatch(argument -> argument.contains(marker))));
        return log;
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java");
    }

    private static Path unzip(Path jar, Path target) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path path = target.resolve(entry.getName()).normalize();
                assertThat(path.startsWith(target)).as("%s stays in %s", entry.getName(), target).isTrue();
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else {
                    Files.createDirectories(path.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, path);
                    }
                }
            }
        }
        return target;
    }
}
