package io.minigun.process;

import org.jspecify.annotations.Nullable;

/**
 * An exception thrown by stage code in a worker JVM that could not be sent to the parent as itself (it was not
 * serializable, or its class is not admitted): its class name, message and stack trace are kept.
 */
public final class RemoteStageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String remoteClass;

    public RemoteStageException(String remoteClass, @Nullable String message,
                                StackTraceElement @Nullable [] stackTrace) {
        super(remoteClass + (message == null ? "" : ": " + message));
        this.remoteClass = remoteClass;
        setStackTrace(stackTrace == null ? new StackTraceElement[0] : stackTrace);
    }

    /** The class of the exception the stage threw. */
    public String remoteClass() {
        return remoteClass;
    }
}
