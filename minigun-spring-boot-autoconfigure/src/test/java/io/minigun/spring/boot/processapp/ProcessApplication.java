package io.minigun.spring.boot.processapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A small application whose pipeline runs a stage bean with an injected dependency in PROCESS workers. */
@SpringBootApplication
public class ProcessApplication {
}
