package io.minigun.spring.boot.testapp;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small application used by the {@code @SpringBootTest}s: its pipelines are plain components, discovered by the
 * starter's auto-configuration with no other annotation.
 */
@SpringBootApplication
public class TestApplication {

    public static void main(String[] args) {
        SpringApplication.run(TestApplication.class, args);
    }
}
