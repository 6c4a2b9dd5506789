package io.minigun.spring.boot.discovery.worker;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application whose only pipeline, discovered with no {@code @Component}, has a PROCESS stage. */
@SpringBootApplication
public class WorkerApplication {
}
