package io.mailstream.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A per-class stack is the class's own even when a JVM-wide stack runs: tests that count every record of
 * a topic (a campaign's outcomes, the sink's mail) must not see what other classes left on the shared one.
 */
class PipelineStackScopeIT {
    @RegisterExtension
    static final PipelineStackExtension SHARED = PipelineStackExtension.sharedPerJvm();

    @RegisterExtension
    static final PipelineStackExtension OWN = PipelineStackExtension.perClass();

    @Test
    void aPerClassStackShouldNotBeTheJvmWideOne() {
        assertThat(OWN.stack()).isNotSameAs(SHARED.stack());
        assertThat(OWN.bootstrapServers()).isNotEqualTo(SHARED.bootstrapServers());
        assertThat(OWN.sink()).isNotSameAs(SHARED.sink());
    }
}
