package io.mailstream.dispatcher.sending;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.dispatcher.routing.DnsSettings;
import io.mailstream.dispatcher.sending.EhloNameCheck.Finding;
import io.mailstream.testkit.dns.LocalDnsServer;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The start-up check of EHLO names against reverse DNS, over a real DNS exchange with a local server. */
class EhloNameCheckTest {
    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void eachSendingIpShouldBeReportedConfirmedMismatchedWithoutPtrOrNotCheckedButNeverRefused() throws Exception {
        try (LocalDnsServer dns = new LocalDnsServer()) {
            dns.ptr("192.0.2.1", "mta1.acme.test", 300).a("mta1.acme.test", "192.0.2.1", 300)
                    .ptr("192.0.2.2", "static-2.isp.test", 300)
                    .ptr("192.0.2.4", "mta4.acme.test", 300).a("mta4.acme.test", "192.0.2.99", 300)
                    .servfail("5.2.0.192.in-addr.arpa");
            Map<InetAddress, String> identities = new LinkedHashMap<>();
            identities.put(ip("192.0.2.1"), "mta1.acme.test");
            identities.put(ip("192.0.2.2"), "mta2.acme.test");
            identities.put(ip("192.0.2.3"), "mta3.acme.test");
            identities.put(ip("192.0.2.4"), "mta4.acme.test");
            identities.put(ip("192.0.2.5"), "mta5.acme.test");

            List<Finding> findings = new EhloNameCheck(new DnsPtrLookup(DnsSettings.resolver(dns.address()))).check(identities);

            assertThat(findings).hasSize(5);
            assertThat(findings.get(0)).isEqualTo(new Finding.Confirmed(ip("192.0.2.1"), "mta1.acme.test"));
            assertThat(findings.get(1)).isInstanceOfSatisfying(Finding.Mismatch.class,
                    m -> assertThat(m.detail()).isEqualTo("its PTR names static-2.isp.test"));
            assertThat(findings.get(2)).isEqualTo(new Finding.NoPtr(ip("192.0.2.3"), "mta3.acme.test"));
            assertThat(findings.get(3)).as("PTR right, but the name does not resolve back").isInstanceOfSatisfying(Finding.Mismatch.class,
                    m -> assertThat(m.detail()).contains("resolves to 192.0.2.99"));
            assertThat(findings.get(4)).isInstanceOfSatisfying(Finding.NotChecked.class,
                    n -> assertThat(n.reason()).contains("SERVFAIL"));
        }
    }

    @Test
    void anUnreachableResolverShouldLeaveEveryIpNotChecked() throws Exception {
        List<Finding> findings = new EhloNameCheck(new DnsPtrLookup(DnsSettings.resolver("127.0.0.1:1")))
                .check(Map.of(ip("192.0.2.1"), "mta1.acme.test"));

        assertThat(findings).singleElement().isInstanceOf(Finding.NotChecked.class);
    }
}
