package io.mailstream.testkit.internal;

import io.mailstream.embedded.EmbeddedStack;
import io.mailstream.embedded.EmbeddedStackConfig;
import io.mailstream.embedded.smtp.SmtpSink;
import io.mailstream.testkit.PipelineStack;
import io.mailstream.testkit.PipelineStackConfig;

/** {@link PipelineStack} on the in-process {@link EmbeddedStack}. */
public final class EmbeddedPipelineStack implements PipelineStack {
    private final EmbeddedStack stack;

    private EmbeddedPipelineStack(EmbeddedStack stack) {
        this.stack = stack;
    }

    public static EmbeddedPipelineStack start(PipelineStackConfig config) {
        return new EmbeddedPipelineStack(EmbeddedStack.start(EmbeddedStackConfig.defaults()
                .withOutboundPartitions(config.outboundPartitions())
                .withSmtp(config.smtp())));
    }

    @Override
    public String bootstrapServers() {
        return stack.bootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return stack.schemaRegistryUrl();
    }

    @Override
    public SmtpSink sink() {
        return stack.sink();
    }

    @Override
    public Kind kind() {
        return Kind.EMBEDDED;
    }

    @Override
    public void close() {
        stack.close();
    }
}
