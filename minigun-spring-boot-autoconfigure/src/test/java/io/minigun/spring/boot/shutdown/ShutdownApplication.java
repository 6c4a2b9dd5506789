package io.minigun.spring.boot.shutdown;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application the shutdown tests start and close mid-run; its PROCESS workers start it too, in worker mode. Its
 * package holds only the pipelines of these tests, so neither the parent nor a worker creates anything else.
 */
@SpringBootApplication
public class ShutdownApplication {
}
