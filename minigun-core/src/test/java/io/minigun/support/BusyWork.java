package io.minigun.support;

/** CPU work of a chosen length for stage bodies: it ignores interrupts, like most stage code, and cannot be elided. */
public final class BusyWork {
    private BusyWork() {
    }

    /** Spins for about {@code micros} µs and returns {@code n}. */
    public static int spin(int n, long micros) {
        long until = System.nanoTime() + micros * 1_000L;
        int x = n;
        while (System.nanoTime() < until) {
            x = x * 31 + 7;
        }
        return x == 42 ? n + 1 : n;
    }
}
