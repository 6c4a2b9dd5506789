package io.minigun.spring.boot.workerenv;

import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicBoolean;

/** A bean no PROCESS stage needs: a worker JVM's application context must not create it. */
@Component
public class UnneededService {
    static final AtomicBoolean CREATED = new AtomicBoolean();

    public UnneededService() {
        CREATED.set(true);
    }
}
