package io.mailstream.cli.demo;

import io.mailstream.avro.Suppression;
import io.mailstream.avro.SuppressionSource;
import io.mailstream.bounces.suppress.SuppressionTopic;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.ids.MessageIds;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.SchemaRegistry;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.UnsubscribeTokens;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;

/**
 * The demo's leaving recipients: some open the one-click page of the mail they got and press its
 * button (GET, then the form POST), others send a mail to its List-Unsubscribe mailto address.
 * Once the bounce processor has done its work, every one of them must be unsubscribed.
 */
final class UnsubscribeLoop {
    static final Domain LEAVING = Domain.of("leave.demo.test");

    private final List<String> viaPage = new ArrayList<>();
    private final List<String> viaMailto = new ArrayList<>();

    /** How many unsubscribes each way were sent. */
    record Sent(int viaPage, int viaMailto) {
    }

    UnsubscribeLoop(int perKind) {
        for (int i = 0; i < perKind; i++) {
            viaPage.add("page" + i + "@" + LEAVING.asString());
            viaMailto.add("mailto" + i + "@" + LEAVING.asString());
        }
    }

    List<String> addresses() {
        List<String> all = new ArrayList<>(viaPage);
        all.addAll(viaMailto);
        return all;
    }

    /**
     * Unsubscribes the leaving recipients of campaign {@code campaignId}: the links are the ones the
     * dispatcher wrote into their mail (message ids are deterministic, as for the bounce loop's
     * return paths): the signed one-click page, opened and its button pressed (GET, then the form
     * POST), and the signed List-Unsubscribe mailto, written to through the bounce receiver.
     */
    Sent unsubscribe(String campaignId, SignedVerp returnPaths, String pageBase, int receiverPort) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        UnsubscribeTokens tokens = new UnsubscribeTokens(returnPaths.keys());
        int pages = 0;
        for (String address : viaPage) {
            EmailAddress to = EmailAddress.parse(address);
            URI page = URI.create(pageBase + "/u/" + tokens.sign(new UnsubscribeTokens.Claim(
                    MessageIds.forCampaign(campaignId, to), to, Optional.of(campaignId))));
            HttpResponse<String> shown = http.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> pressed = http.send(HttpRequest.newBuilder(page)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(), HttpResponse.BodyHandlers.ofString());
            if (shown.statusCode() == 200 && pressed.statusCode() == 200) {
                pages++;
            }
        }
        for (String address : viaMailto) {
            EmailAddress to = EmailAddress.parse(address);
            send(receiverPort, address, returnPaths.unsubscribeAddress(MessageIds.forCampaign(campaignId, to)).asString());
        }
        return new Sent(pages, viaMailto.size());
    }

    private static void send(int port, String from, String mailto) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "localhost");
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.from", from);
        MimeMessage message = new MimeMessage(Session.getInstance(props),
                new ByteArrayInputStream(("From: <" + from + ">\r\nTo: <" + mailto + ">\r\nSubject: unsubscribe\r\n\r\nunsubscribe\r\n")
                        .getBytes(StandardCharsets.US_ASCII)));
        Transport.send(message, new InternetAddress[] {new InternetAddress(mailto)});
    }

    /** Waits until every leaving address is unsubscribed on {@code mail.suppressions} (or the timeout passes); how many are, each way. */
    Sent awaitUnsubscribed(KafkaConnection kafka, SchemaRegistry registry, Duration timeout) {
        SuppressionTopic topic = new SuppressionTopic(kafka, AvroSerde.forValue(Suppression.class, registry));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Suppression> snapshot = topic.snapshot();
            Sent done = new Sent(unsubscribed(snapshot, viaPage), unsubscribed(snapshot, viaMailto));
            if (done.viaPage() == viaPage.size() && done.viaMailto() == viaMailto.size() || System.nanoTime() > deadline) {
                return done;
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }

    private static int unsubscribed(Map<String, Suppression> snapshot, List<String> addresses) {
        return (int) addresses.stream().map(snapshot::get)
                .filter(s -> s != null && s.getParts().stream().anyMatch(p -> p.getSource() == SuppressionSource.UNSUBSCRIBE)
                        || s != null && s.getSource() == SuppressionSource.UNSUBSCRIBE)
                .count();
    }
}
