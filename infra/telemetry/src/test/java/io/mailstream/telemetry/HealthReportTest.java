package io.mailstream.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthReportTest {

    @Test
    void upOnlyWhenEveryCheckPasses() {
        Map<String, Boolean> checks = new LinkedHashMap<>();
        checks.put("a", true);
        checks.put("b", false);
        HealthReport report = HealthReport.of(checks);
        assertThat(report.up()).isFalse();
        checks.put("b", true);
        assertThat(report.up()).as("a copy: later changes to the map do not leak in").isFalse();
        assertThat(HealthReport.of(checks).up()).isTrue();
        assertThat(report.checks().keySet()).containsExactly("a", "b");
    }

    @Test
    void disabledFactoryShouldGiveARegistryAndNoPort() {
        try (OpsServer ops = OpsServerFactory.disabled().start("svc", OpsServerFactory.DISABLED_PORT)) {
            assertThat(ops.port()).isEqualTo(-1);
            ops.registry().counter("x").increment();
            assertThat(ops.registry().get("x").counter().count()).isEqualTo(1.0);
        }
    }

    @Test
    void nullsShouldBeRefused() {
        assertThatThrownBy(() -> new HealthReport(null, Map.of())).isInstanceOf(NullPointerException.class);
    }
}
