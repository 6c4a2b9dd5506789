package io.minigun.spring.boot.autoconfigure;

import io.minigun.Pipeline;
import io.minigun.remote.RemoteTransport;

/**
 * What a stage with {@code transport: kafka} needs from the transport's auto-configuration: the transport its
 * pipeline is built with (the coordinator side), and, once the pipeline is registered, this instance's share of the
 * stage's items (the worker side). There is no bean of this type when the transport's module is not on the class
 * path, and then such a stage fails startup naming the dependency to add.
 */
interface RemoteStages {

    /** The transport of {@code pipeline}'s stage {@code stage}, from its {@code kafka.*} settings. */
    RemoteTransport transport(String pipeline, String stage, MinigunProperties.StageKafka settings);

    /** Makes this instance run its share of the items of the registered pipeline's remote stage. */
    void serve(Pipeline pipeline, String stage, MinigunProperties.StageKafka settings);
}
