package io.mailstream.tracking.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MachineDetectorTest {
    private static final Instant SENT = Instant.parse("2026-12-03T12:00:00Z");
    private static final Instant LATER = SENT.plusSeconds(3600);
    private final MachineDetector detector = new MachineDetector(Duration.ofSeconds(2));

    private Verdict judge(String ua, String ip, Instant at) throws Exception {
        return detector.judge(ua, InetAddress.getByName(ip), SENT, at);
    }

    @Test
    void appleMailPrivacyProtectionShouldBeAMachineByItsBareUserAgentOrItsNetwork() throws Exception {
        assertThat(judge("Mozilla/5.0", "203.0.113.9", LATER).machineReason()).contains("user-agent");
        Verdict fromApple = judge("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)", "17.58.1.2", LATER);
        assertThat(fromApple.clientClass()).isEqualTo(ClientClass.PRIVACY_PROXY);
        assertThat(fromApple.ipClass()).isEqualTo(IpClass.APPLE);
        assertThat(fromApple.machineReason()).contains("ip-class");
    }

    @Test
    void scannersShouldBeMachinesAndWebmailProxiesPeople() throws Exception {
        assertThat(judge("python-requests/2.32", "198.51.100.1", LATER).clientClass()).isEqualTo(ClientClass.SCANNER);
        assertThat(judge("Barracuda Sentinel (EE)", "198.51.100.1", LATER).machine()).isTrue();
        Verdict gmail = judge("Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", "66.249.1.1", LATER);
        assertThat(gmail.clientClass()).isEqualTo(ClientClass.WEBMAIL_PROXY);
        assertThat(gmail.machine()).isFalse();
    }

    @Test
    void aRequestBeforeAPersonCouldHaveReadTheMailShouldBeAMachine() throws Exception {
        String safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
        assertThat(judge(safari, "2001:db8::1", SENT.plusMillis(900)).machineReason()).contains("too-soon");
        Verdict later = judge(safari, "2001:db8::1", LATER);
        assertThat(later.machine()).isFalse();
        assertThat(later.clientClass()).isEqualTo(ClientClass.BROWSER);
        assertThat(later.ipClass()).isEqualTo(IpClass.PUBLIC_V6);
    }

    @Test
    void addressesShouldFallIntoCoarseClasses() throws Exception {
        assertThat(IpClass.of(InetAddress.getByName("10.1.2.3"))).isEqualTo(IpClass.PRIVATE);
        assertThat(IpClass.of(InetAddress.getByName("fd00::1"))).isEqualTo(IpClass.PRIVATE);
        assertThat(IpClass.of(InetAddress.getByName("::1"))).isEqualTo(IpClass.LOOPBACK);
        assertThat(IpClass.of(InetAddress.getByName("192.0.2.1"))).isEqualTo(IpClass.PUBLIC_V4);
    }
}
