package io.mailstream.testkit;

import io.mailstream.embedded.smtp.SmtpSink;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts one {@link PipelineStack} before the first test of a class and
 * stops it after the last (or, with {@link #sharedPerJvm()}, once for the whole test run).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PipelineStackExtension STACK = PipelineStackExtension.perClass();
 * ... STACK.bootstrapServers(), STACK.schemaRegistryUrl(), STACK.sink()
 * }</pre>
 *
 * or {@code @ExtendWith(PipelineStackExtension.class)} and a {@link PipelineStack} or
 * {@link SmtpSink} parameter on a test, lifecycle method or constructor. The stack is closed by
 * JUnit when its store closes. The sink is shared by the tests of a class: call
 * {@code sink().reset()} where counts must start at zero.
 */
public final class PipelineStackExtension implements BeforeAllCallback, ParameterResolver {
    /** How long a stack lives. */
    public enum Scope {
        /** Started for a test class (and its nested classes), stopped after it. */
        CLASS,
        /** Started once and shared by every class that asks for it, stopped at the end of the run. */
        JVM
    }

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PipelineStackExtension.class);
    private static final String KEY = "pipeline-stack";

    private final PipelineStackConfig config;
    private final Scope scope;
    private volatile PipelineStack stack;

    /** For {@code @ExtendWith}: per class, default config. */
    public PipelineStackExtension() {
        this(PipelineStackConfig.defaults(), Scope.CLASS);
    }

    private PipelineStackExtension(PipelineStackConfig config, Scope scope) {
        if (config == null || scope == null) {
            throw new IllegalArgumentException("config and scope are required");
        }
        this.config = config;
        this.scope = scope;
    }

    public static PipelineStackExtension perClass() {
        return new PipelineStackExtension(PipelineStackConfig.defaults(), Scope.CLASS);
    }

    public static PipelineStackExtension perClass(PipelineStackConfig config) {
        return new PipelineStackExtension(config, Scope.CLASS);
    }

    /** One stack for the test run, whichever class asks first decides its config. */
    public static PipelineStackExtension sharedPerJvm() {
        return new PipelineStackExtension(PipelineStackConfig.defaults(), Scope.JVM);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        stack = obtain(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == PipelineStack.class || type == SmtpSink.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        PipelineStack s = obtain(context);
        return parameter.getParameter().getType() == SmtpSink.class ? s.sink() : s;
    }

    private PipelineStack obtain(ExtensionContext context) {
        ExtensionContext owner = scope == Scope.JVM ? context.getRoot() : context;
        // JUnit closes AutoCloseable store values when the owning context ends (5.13+). A store lookup also
        // sees the values of every ancestor context, the root's included: one key for both scopes handed a
        // per-class test the JVM-wide stack, with earlier classes' records in it (CampaignEndToEndIT counted
        // another class's delivery). Each scope has its own key (PipelineStackScopeIT).
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(KEY + "-" + scope, k -> PipelineStack.start(config), PipelineStack.class);
    }

    /** The running stack. */
    public PipelineStack stack() {
        PipelineStack s = stack;
        if (s == null) {
            throw new IllegalStateException("the pipeline stack starts in beforeAll; register the extension on a static field");
        }
        return s;
    }

    public String bootstrapServers() {
        return stack().bootstrapServers();
    }

    public String schemaRegistryUrl() {
        return stack().schemaRegistryUrl();
    }

    public SmtpSink sink() {
        return stack().sink();
    }
}
