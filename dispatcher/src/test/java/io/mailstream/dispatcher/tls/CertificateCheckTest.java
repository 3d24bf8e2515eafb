package io.mailstream.dispatcher.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.dispatcher.support.TestCertificates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificateCheckTest {
    private static final Instant NOW = Instant.now();
    private static TestCertificates trusted;
    private static TestCertificates stranger;
    private final CertificateCheck check = new CertificateCheck(List.of(trusted.ca()), Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void certificates() {
        trusted = TestCertificates.forServer("mx.example.test");
        stranger = TestCertificates.forServer("mx.example.test");
    }

    private static Instant ago(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    @Test
    void aTrustedCurrentCertificateNamingTheMxShouldPass() {
        assertThat(check.judge(trusted.chainFor("mx.example.test", ago(1), NOW.plus(Duration.ofDays(1))), "mx.example.test")).isEmpty();
        assertThat(check.judge(trusted.chainFor("*.example.test", ago(1), NOW.plus(Duration.ofDays(1))), "MX.example.test.")).isEmpty();
    }

    @Test
    void aCertificateForAnotherHostShouldBeAHostMismatch() {
        assertThat(check.judge(trusted.chainFor("other.example.test", ago(1), NOW.plus(Duration.ofDays(1))), "mx.example.test"))
                .contains(TlsResultType.CERTIFICATE_HOST_MISMATCH);
        // RFC 8461 §4.1: a wildcard covers exactly one leftmost label
        assertThat(check.judge(trusted.chainFor("*.example.test", ago(1), NOW.plus(Duration.ofDays(1))), "a.mx.example.test"))
                .contains(TlsResultType.CERTIFICATE_HOST_MISMATCH);
    }

    @Test
    void anExpiredCertificateShouldBeReportedAsExpired() {
        assertThat(check.judge(trusted.chainFor("mx.example.test", ago(10), ago(2)), "mx.example.test"))
                .contains(TlsResultType.CERTIFICATE_EXPIRED);
    }

    @Test
    void aCertificateFromAnUntrustedCaShouldBeNotTrusted() {
        assertThat(check.judge(stranger.chainFor("mx.example.test", ago(1), NOW.plus(Duration.ofDays(1))), "mx.example.test"))
                .contains(TlsResultType.CERTIFICATE_NOT_TRUSTED);
    }
}
