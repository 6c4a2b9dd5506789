package io.minigun.spring.boot.processapp;

import org.springframework.stereotype.Component;

/** A dependency the PROCESS stage needs: injected in the parent and in every worker's application context. */
@Component
public class Greeter {
    public String greet(int n) {
        return "hello " + n;
    }
}
