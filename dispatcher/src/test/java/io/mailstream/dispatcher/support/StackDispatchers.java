package io.mailstream.dispatcher.support;

import io.mailstream.dispatcher.config.DispatcherConfig;
import io.mailstream.schemas.verp.VerpKeys;
import io.mailstream.testkit.PipelineStackExtension;
import java.time.Duration;

/** The dispatcher configuration the ITs on the shared embedded stack start from: its broker, registry and sink. */
public final class StackDispatchers {
    private StackDispatchers() {
    }

    /** Group {@code group}, id {@code id}, polling every 100 ms, 10 s to finish in-flight mail on close. */
    public static DispatcherConfig.Builder config(PipelineStackExtension stack, String group, String id) {
        return DispatcherConfig.builder()
                .bootstrapServers(stack.bootstrapServers())
                .schemaRegistryUrl(stack.schemaRegistryUrl())
                .smtpHost(stack.stack().smtpHost())
                .smtpPort(stack.stack().smtpPort())
                .bounceDomain("bounce.acme.example").verpKeys(VerpKeys.generate("t"))
                .groupId(group)
                .dispatcherId(id)
                .pollTimeout(Duration.ofMillis(100))
                .shutdownGracePeriod(Duration.ofSeconds(10));
    }
}
