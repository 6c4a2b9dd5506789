package io.minigun.spring.boot.workerenv;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application whose PROCESS stage reports the configuration its worker JVM sees. */
@SpringBootApplication
public class WorkerEnvironmentApplication {
}
