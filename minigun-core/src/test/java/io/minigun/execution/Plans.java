package io.minigun.execution;

import io.minigun.internal.plan.Plan;

/** Test access to the engine's plan behind an {@link ExecutionPlan} (package-private in main code). */
public final class Plans {
    private Plans() {
    }

    /** The engine's plan that {@code plan} shows. */
    public static Plan of(ExecutionPlan plan) {
        return plan.plan();
    }
}
