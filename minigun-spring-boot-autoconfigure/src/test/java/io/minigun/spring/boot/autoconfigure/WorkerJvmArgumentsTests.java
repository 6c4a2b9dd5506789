package io.minigun.spring.boot.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a worker JVM is told of its parent's configuration, and in which order. */
class WorkerJvmArgumentsTests {

    @Test
    void nothingButTheJvmArgsWhenTheParentHasNoProfileCommandLineOrSystemProperty() {
        assertThat(WorkerJvmArguments.of(new StandardEnvironment(), List.of("-Xmx1g", "-XX:+UseG1GC"), name -> null,
                List.of("-Xmx256m"))).containsExactly("-Xmx256m");
    }

    @Test
    void theParentsSystemPropertiesCommandLineAndProfilesComeBeforeTheJvmArgs() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(
                "--app.mode=batch", "--app.mode=fast", "--app.flag", "--sample.orders=10", "a-file.csv"));
        environment.setActiveProfiles("prod", "eu");
        Map<String, String> system = Map.of("app.region", "north", "sample.orders", "5",
                "spring.profiles.active", "prod", "file.encoding", "UTF-8");

        List<String> arguments = WorkerJvmArguments.of(environment,
                List.of("-Xmx1g", "-Dapp.region=south", "-Dsample.orders=5", "-Dspring.profiles.active=prod",
                        "-Dfile.encoding=UTF-8", "-Dgone=1"),
                system::get, List.of("-Xmx256m", "-Dapp.region=west"));

        // current values of the parent's -D properties (app.region was changed since, 'gone' was removed); the
        // command line wins over them, the resolved profiles over both, the jvm-args last
        assertThat(arguments).containsExactly("-Dapp.region=north", "-Dsample.orders=10",
                "-Dspring.profiles.active=prod,eu", "-Dfile.encoding=UTF-8", "-Dapp.mode=batch,fast", "-Dapp.flag=",
                "-Xmx256m", "-Dapp.region=west");
    }

    @Test
    void theWorkersOwnLaunchSettingsAndJmxPortsAreNotPassed() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource("--minigun.worker=false"));
        Map<String, String> system = Map.of("minigun.worker", "false", "loader.main", "com.example.App",
                "loader.path", "lib/", "com.sun.management.jmxremote.port", "9010", "minigun.workers", "3");

        assertThat(WorkerJvmArguments.of(environment,
                List.of("-Dminigun.worker=false", "-Dloader.main=com.example.App", "-Dloader.path=lib/",
                        "-Dcom.sun.management.jmxremote.port=9010", "-Dminigun.workers=3"),
                system::get, List.of())).containsExactly("-Dminigun.workers=3");
    }
}
