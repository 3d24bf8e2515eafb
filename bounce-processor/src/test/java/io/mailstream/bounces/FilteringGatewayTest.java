package io.mailstream.bounces;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailstream.bounces.classify.MtaFamily;
import io.mailstream.bounces.classify.RuleSelection;
import io.mailstream.bounces.support.SampleBounces;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * "User unknown" reported by a relay that accepted the message (a content-filtering gateway, or
 * any MTA quoting the next hop's reply without the command it answered) is a filter's decision;
 * answered to RCPT TO it is the directory's.
 */
class FilteringGatewayTest {
    private final BounceClassifier classifier = new BounceClassifier();

    private static byte[] dsnFrom(String fromLine, String extraHeader) {
        return dsnFrom(fromLine, extraHeader, "550 unknown user <a@example.org>");
    }

    private static byte[] dsnFrom(String fromLine, String extraHeader, String diagnostic) {
        String dsn = new String(SampleBounces.dsn("a@example.org", "m-1", "5.0.0", diagnostic), StandardCharsets.UTF_8);
        return dsn.replace("From: MAILER-DAEMON@mx.example.net", fromLine + extraHeader).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void userUnknownQuotedByAnOrdinaryRelayShouldBeUserUnknownOnlyWhenAnsweredToRcpt() {
        BounceReport noCommand = classifier.classify(dsnFrom("From: MAILER-DAEMON@mx.example.net", ""));
        assertThat(noCommand.recipients()).singleElement().satisfies(x -> {
            assertThat(x.reason()).isEqualTo(BounceReason.FILTERED);
            assertThat(x.hard()).isFalse();
        });
        BounceReport atRcpt = classifier.classify(dsnFrom("From: MAILER-DAEMON@mx.example.net", "",
                "550 unknown user <a@example.org> (in reply to RCPT TO command)"));
        assertThat(atRcpt.recipients()).singleElement().extracting(RecipientReport::reason).isEqualTo(BounceReason.USER_UNKNOWN);
    }

    @Test
    void userUnknownWrittenByAFilteringProductShouldBeFilteredWithOrWithoutTheGatewayRules() {
        BounceClassifier withoutGatewayRules = new BounceClassifier(BounceLimits.DEFAULTS,
                RuleSelection.without(MtaFamily.FILTERING_GATEWAY));
        for (BounceClassifier c : new BounceClassifier[] {classifier, withoutGatewayRules}) {
            BounceReport bySender = c.classify(dsnFrom("From: \"Mail Delivery System\" <MAILER-DAEMON@0000.mxlogic.net>", ""));
            BounceReport byTrace = c.classify(dsnFrom("From: MAILER-DAEMON@mx.example.net",
                    "\r\nReceived: From localhost (127.0.0.1) by smtp9.mf.example.net (MAILFOUNDRY) id 1"));
            BounceReport byApplianceHeader = c.classify(dsnFrom("From: MAILER-DAEMON@mx.example.net",
                    "\r\nX-NAI-Header: Modified by McAfee Email and Web Security Virtual Appliance"));
            for (BounceReport r : new BounceReport[] {bySender, byTrace, byApplianceHeader}) {
                assertThat(r.recipients()).singleElement().satisfies(x -> {
                    assertThat(x.reason()).isEqualTo(BounceReason.FILTERED);
                    assertThat(x.hard()).isFalse();
                });
            }
        }
    }
}
