package io.minigun.spring.boot.discovery.worker;

import org.springframework.stereotype.Component;

/** Injected into {@link WhereaboutsPipeline}, in the parent and in each worker's application context. */
@Component
public class Labeler {

    public String label(int n) {
        return n + "@" + ProcessHandle.current().pid();
    }
}
