package io.minigun.internal.worker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which command line reaches {@link WorkerMain}, found from what the system class loader holds: the class path when
 * {@code WorkerMain} is on it, else Spring Boot's {@code PropertiesLauncher} from the same jar or directory. The
 * system class loaders here are made over directories that hold just the class files looked for.
 */
class WorkerLaunchTest {
    private static final String WORKER_MAIN = "io.minigun.internal.worker.WorkerMain";

    @TempDir
    Path dir;

    @Test
    void onTheClassPathAWorkerGetsTheSameClassPathWithRelativeEntriesMadeAbsolute() throws IOException {
        ClassLoader system = loaderWith("io/minigun/internal/worker/WorkerMain.class");

        WorkerLaunch launch = WorkerLaunch.detect(system, properties("app/classes:/opt/lib/a.jar:lib/*", "/srv"));

        assertThat(launch.arguments()).containsExactly("-cp", "/srv/app/classes:/opt/lib/a.jar:/srv/lib/*",
                WORKER_MAIN);
        assertThat(launch.description()).isEqualTo("class path of 3 entries");
        assertThat(WorkerLaunch.detect(system, properties("app.jar", "/srv")).description())
                .isEqualTo("class path /srv/app.jar");
    }

    @Test
    void fromASpringBootExecutableJarAWorkerRunsWorkerMainThroughPropertiesLauncherOfTheSameJar() throws IOException {
        ClassLoader system = loaderWith("org/springframework/boot/loader/launch/JarLauncher.class",
                "org/springframework/boot/loader/launch/PropertiesLauncher.class");

        WorkerLaunch launch = WorkerLaunch.detect(system, properties("target/app.jar", "/srv"));

        assertThat(launch.arguments()).containsExactly("-Dloader.main=" + WORKER_MAIN, "-cp", "/srv/target/app.jar",
                "org.springframework.boot.loader.launch.PropertiesLauncher");
        assertThat(launch.description())
                .isEqualTo("Spring Boot PropertiesLauncher of /srv/target/app.jar");
    }

    @Test
    void theParentsLoaderSettingsArePassedOnButNotItsMainClass() throws IOException {
        ClassLoader system = loaderWith("org/springframework/boot/loader/launch/PropertiesLauncher.class");
        Properties properties = properties("/srv/app.jar", "/srv");
        properties.setProperty("loader.path", "lib/,config/");
        properties.setProperty("loader.home", "/srv");
        properties.setProperty("loader.main", "com.example.App");
        properties.setProperty("loaderish", "not a loader setting");

        assertThat(WorkerLaunch.detect(system, properties).arguments()).containsExactly("-Dloader.home=/srv",
                "-Dloader.path=lib/,config/", "-Dloader.main=" + WORKER_MAIN, "-cp", "/srv/app.jar",
                "org.springframework.boot.loader.launch.PropertiesLauncher");
    }

    @Test
    void anUnpackedJarStartsItsWorkersFromItsDirectory() throws IOException {
        ClassLoader system = loaderWith("org/springframework/boot/loader/launch/PropertiesLauncher.class");

        assertThat(WorkerLaunch.detect(system, properties("exploded/", "/srv")).arguments())
                .containsExactly("-Dloader.main=" + WORKER_MAIN, "-cp", "/srv/exploded",
                        "org.springframework.boot.loader.launch.PropertiesLauncher");
    }

    @Test
    void theLoaderOfSpringBootBefore32IsUsedWhenItIsTheOneThere() throws IOException {
        ClassLoader system = loaderWith("org/springframework/boot/loader/PropertiesLauncher.class");

        assertThat(WorkerLaunch.detect(system, properties("/srv/app.jar", "/srv")).arguments())
                .endsWith("org.springframework.boot.loader.PropertiesLauncher");
    }

    @Test
    void withNeitherTheClassesNorALauncherItSaysHowToStartTheApplication() throws IOException {
        ClassLoader system = loaderWith("com/example/Other.class");
        Properties properties = properties("/srv/other.jar", "/srv");
        properties.setProperty("sun.java.command", "com.example.Main --x");

        assertThatThrownBy(() -> WorkerLaunch.detect(system, properties))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("io.minigun.internal.worker.WorkerMain is not on its class path")
                .hasMessageContaining("java.class.path=/srv/other.jar")
                .hasMessageContaining("started as: com.example.Main --x")
                .hasMessageContaining("org.springframework.boot.loader.launch.PropertiesLauncher");
    }

    @Test
    void thisTestJvmStartsItsWorkersFromItsClassPath() {
        WorkerLaunch launch = WorkerLaunch.current();

        assertThat(launch.arguments()).last().isEqualTo(WORKER_MAIN);
        assertThat(WorkerProcesses.command(List.of("-Xmx64m"), launch))
                .containsSubsequence("-Xmx64m", "-Dminigun.worker=true", "-cp")
                .endsWith(launch.arguments().toArray(String[]::new));
    }

    private static Properties properties(String classPath, String userDir) {
        Properties properties = new Properties();
        properties.setProperty("java.class.path", classPath);
        properties.setProperty("user.dir", userDir);
        return properties;
    }

    /** A class loader with no parent that finds the given resources (empty files) and nothing else. */
    private ClassLoader loaderWith(String... resources) throws IOException {
        Path root = Files.createTempDirectory(dir, "cp");
        for (String resource : resources) {
            Path file = root.resolve(resource);
            Files.createDirectories(file.getParent());
            Files.createFile(file);
        }
        return new URLClassLoader(new URL[]{root.toUri().toURL()}, null);
    }
}
