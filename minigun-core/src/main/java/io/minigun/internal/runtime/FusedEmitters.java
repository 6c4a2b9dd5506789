package io.minigun.internal.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Makes the {@link FusedEmitter} for a fused hop, from a copy of that class per class of the next stage's body: a
 * hidden class defined from {@code FusedEmitter}'s own bytes. The JIT keeps its profile per class, so a copy's call
 * into the body sees only that body and inlines it, and a chain of fused stages compiles into one method the way a
 * hand-written loop does. Copies live as long as the body's class (a {@link ClassValue}), so every run of a pipeline
 * shares them, and the JIT's work, and they go when the body's class loader goes.
 *
 * <p>When the class bytes cannot be read (an unusual class loader) or a copy cannot be defined, hops use
 * {@code FusedEmitter} itself: the same behaviour, with a profile shared by every stage.
 */
final class FusedEmitters {
    private static final Logger log = LoggerFactory.getLogger(FusedEmitters.class);
    private static final MethodType CONSTRUCTOR =
            MethodType.methodType(void.class, StageRuntime.class, Lane.class, ItemStage.class);
    private static final MethodType FACTORY =
            MethodType.methodType(Emitter.class, StageRuntime.class, Lane.class, ItemStage.class);
    private static final byte[] CLASS_BYTES = readClassBytes();

    private static final ClassValue<MethodHandle> COPIES = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> bodyClass) {
            try {
                MethodHandles.Lookup copy = MethodHandles.lookup().defineHiddenClass(CLASS_BYTES, true);
                return copy.findConstructor(copy.lookupClass(), CONSTRUCTOR).asType(FACTORY);
            } catch (ReflectiveOperationException | LinkageError e) {
                log.warn("Cannot define a copy of {}; fused hops into {} share one class", FusedEmitter.class, bodyClass, e);
                return null;
            }
        }
    };

    private FusedEmitters() {
    }

    /** The output of {@code lane} of {@code stage}, whose one static target is the fused stage {@code next}. */
    static Emitter create(StageRuntime stage, Lane lane, ItemStage next) {
        if (CLASS_BYTES == null) {
            return new FusedEmitter(stage, lane, next);
        }
        Object code = next.userCode();
        MethodHandle copy = COPIES.get(code != null ? code.getClass() : next.body().getClass());
        if (copy == null) {
            return new FusedEmitter(stage, lane, next);
        }
        try {
            return (Emitter) copy.invokeExact(stage, lane, next);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static byte[] readClassBytes() {
        String resource = FusedEmitter.class.getSimpleName() + ".class";
        try (InputStream in = FusedEmitter.class.getResourceAsStream(resource)) {
            if (in != null) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            log.debug("Cannot read {}; fused hops share one class", resource, e);
            return null;
        }
        log.debug("Cannot find {}; fused hops share one class", resource);
        return null;
    }
}
