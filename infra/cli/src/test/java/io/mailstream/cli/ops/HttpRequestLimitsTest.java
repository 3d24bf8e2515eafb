package io.mailstream.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class HttpRequestLimitsTest {

    @Test
    void defaultsShouldBeThirtySecondsToSendARequestAndFiveMinutesToAnswerIt() {
        Properties system = new Properties();

        HttpRequestLimits.from(system).applyToJdkHttpServer(system);

        assertThat(system).containsEntry("sun.net.httpserver.maxReqTime", "30").containsEntry("sun.net.httpserver.maxRspTime", "300");
    }

    @Test
    void ourPropertiesShouldBecomeTheJdksInWholeSecondsRoundedUp() {
        Properties system = new Properties();
        system.setProperty("mailstream.http.request-timeout", "PT1.2S");
        system.setProperty("mailstream.http.response-timeout", "PT5S");

        HttpRequestLimits limits = HttpRequestLimits.from(system);
        limits.applyToJdkHttpServer(system);

        assertThat(limits.requestTimeout()).isEqualTo(Duration.ofMillis(1200));
        assertThat(system).containsEntry("sun.net.httpserver.maxReqTime", "2").containsEntry("sun.net.httpserver.maxRspTime", "5");
    }

    @Test
    void aJdkLimitTheUserSetShouldBeKept() {
        Properties system = new Properties();
        system.setProperty("sun.net.httpserver.maxReqTime", "7");

        HttpRequestLimits.from(system).applyToJdkHttpServer(system);

        assertThat(system).containsEntry("sun.net.httpserver.maxReqTime", "7");
    }

    @Test
    void anInvalidOrNonPositiveValueShouldFailNamingTheProperty() {
        Properties bad = new Properties();
        bad.setProperty("mailstream.http.request-timeout", "30s");
        Properties zero = new Properties();
        zero.setProperty("mailstream.http.response-timeout", "PT0S");

        assertThatThrownBy(() -> HttpRequestLimits.from(bad)).hasMessageContaining("mailstream.http.request-timeout")
                .hasMessageContaining("PT30S");
        assertThatThrownBy(() -> HttpRequestLimits.from(zero)).hasMessageContaining("mailstream.http.response-timeout must be a positive duration");
    }
}
