package io.mailstream.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.support.SampleBounces;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** "User unknown" reported by a content-filtering gateway is the filter's decision. */
class FilteringGatewayTest {
    private final BounceClassifier classifier = new BounceClassifier();

    private static byte[] dsnFrom(String fromLine, String extraHeader) {
        String dsn = new String(SampleBounces.dsn("a@example.org", "m-1", "5.0.0", "550 unknown user <a@example.org>"),
                StandardCharsets.UTF_8);
        return dsn.replace("From: MAILER-DAEMON@mx.example.net", fromLine + extraHeader).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void userUnknownFromAnOrdinaryMtaShouldStayUserUnknown() {
        BounceReport r = classifier.classify(dsnFrom("From: MAILER-DAEMON@mx.example.net", ""));
        assertThat(r.recipients()).singleElement().extracting(RecipientReport::reason).isEqualTo(BounceReason.USER_UNKNOWN);
    }

    @Test
    void userUnknownWrittenByAFilteringProductShouldBeFiltered() {
        BounceReport bySender = classifier.classify(dsnFrom("From: \"Mail Delivery System\" <MAILER-DAEMON@0000.mxlogic.net>", ""));
        BounceReport byTrace = classifier.classify(dsnFrom("From: MAILER-DAEMON@mx.example.net",
                "\r\nReceived: From localhost (127.0.0.1) by smtp9.mf.example.net (MAILFOUNDRY) id 1"));
        BounceReport byApplianceHeader = classifier.classify(dsnFrom("From: MAILER-DAEMON@mx.example.net",
                "\r\nX-NAI-Header: Modified by McAfee Email and Web Security Virtual Appliance"));
        for (BounceReport r : new BounceReport[] {bySender, byTrace, byApplianceHeader}) {
            assertThat(r.recipients()).singleElement().satisfies(x -> {
                assertThat(x.reason()).isEqualTo(BounceReason.FILTERED);
                assertThat(x.hard()).isFalse();
            });
        }
    }
}
