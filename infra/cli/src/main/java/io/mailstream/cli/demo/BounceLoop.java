package io.mailstream.cli.demo;

import io.mailstream.avro.Suppression;
import io.mailstream.bounces.suppress.SuppressionTopic;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.ids.MessageIds;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.verp.SignedVerp;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo's bouncing recipients: some at a domain whose server refuses them with 550 during the
 * SMTP transaction, some at a domain that accepts the mail and later returns a DSN to the VERP
 * address. Once the bounce processor has done its work, every one of them must be suppressed.
 */
final class BounceLoop {
    static final Domain REJECTING = Domain.of("reject.demo.test");
    static final Domain RETURNING = Domain.of("dsn.demo.test");

    private final List<String> rejected = new ArrayList<>();
    private final List<String> returned = new ArrayList<>();

    BounceLoop(int perKind) {
        for (int i = 0; i < perKind; i++) {
            rejected.add("gone" + i + "@" + REJECTING.asString());
            returned.add("moved" + i + "@" + RETURNING.asString());
        }
    }

    List<String> addresses() {
        List<String> all = new ArrayList<>(rejected);
        all.addAll(returned);
        return all;
    }

    /** Sends one DSN per returning recipient to its message's signed return path; returns how many were sent. */
    int returnDsns(String campaignId, SignedVerp returnPaths, int receiverPort) throws MessagingException {
        String reportingHost = "mx." + RETURNING.asString();
        for (String address : returned) {
            String verp = returnPaths.returnPath(MessageIds.forCampaign(campaignId, EmailAddress.parse(address))).asString();
            SampleDsn.send(receiverPort, reportingHost, verp, SampleDsn.userUnknown(reportingHost, verp, address));
        }
        return returned.size();
    }

    /**
     * Waits until every bouncing address is on {@code mail.suppressions} (or the timeout passes) and
     * returns the suppressed ones with their classified reason.
     */
    Map<String, String> awaitSuppressed(KafkaConnection kafka, SchemaRegistry registry, Duration timeout) {
        SuppressionTopic topic = new SuppressionTopic(kafka, AvroSerde.forValue(Suppression.class, registry));
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> found = new TreeMap<>();
        List<String> expected = addresses();
        while (true) {
            Map<String, Suppression> snapshot = topic.snapshot();
            found.clear();
            for (String address : expected) {
                Suppression s = snapshot.get(EmailAddress.parse(address).normalized());
                if (s != null) {
                    found.put(address, s.getReason());
                }
            }
            if (found.size() == expected.size() || System.nanoTime() > deadline) {
                return Map.copyOf(found);
            }
            // Each snapshot reads the compacted topic afresh; half a second apart is plenty for a demo.
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }
}
