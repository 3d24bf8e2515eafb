package io.mailstream.bounces.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailstream.avro.Campaign;
import io.mailstream.avro.DeliveryEvent;
import io.mailstream.avro.EngagementEvent;
import io.mailstream.avro.RawBounce;
import io.mailstream.bounces.BounceClassifier;
import io.mailstream.bounces.BounceKind;
import io.mailstream.bounces.BounceReport;
import io.mailstream.bounces.DsnAction;
import io.mailstream.bounces.RecipientReport;
import io.mailstream.bounces.stats.CampaignStats;
import io.mailstream.bounces.stats.CampaignTally;
import io.mailstream.bounces.stats.Clicker;
import io.mailstream.bounces.stats.ClickerTally;
import io.mailstream.bounces.stats.EngagementStats;
import io.mailstream.bounces.stats.EngagementTally;
import io.mailstream.bounces.stats.LinkStats;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.serde.CorruptRecordException;
import io.mailstream.schemas.topics.Topics;
import io.mailstream.schemas.verp.SignedVerp;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code campaign status ID [--json]}: a campaign's state ("done" once the bounce processor found
 * every message finished), its delivered, deferred, bounced (by reason), expired, complaint and
 * suppressed counts, and its clicks and opens (total, unique, per link; machine events apart, from
 * {@code mail.engagement}); with {@code --clickers} the recipients who clicked, a page at a time. A message a relay accepted and later bounced with a DSN counts as bounced,
 * not delivered; a delayed DSN as a deferral (as in the stats topology: {@code OutcomeLedger}). Reads {@code mail.campaigns}, {@code mail.delivery-events} and
 * {@code mail.bounces.raw} directly (the Streams store lives in the bounce-processor process), so
 * it costs a scan of the topics. Exit code 1 if neither the campaign nor any event of it was found.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Print a campaign's delivery and engagement statistics (from mail.delivery-events, mail.bounces.raw and mail.engagement).")
public class CampaignStatusCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Parameters(index = "0", paramLabel = "ID", description = "The campaign id.")
    String campaignId;

    @Option(names = "--json", description = "Print the statistics as one JSON object.")
    boolean json;

    @Option(names = "--clickers", description = "Also list the recipients who clicked a tracked link (human clicks), most clicks first.")
    boolean clickers;

    @Option(names = "--clickers-limit", defaultValue = "100", paramLabel = "N",
            description = "At most N clickers (1.." + ClickerTally.MAX_PAGE + "; default: ${DEFAULT-VALUE}).")
    int clickersLimit;

    @Option(names = "--clickers-offset", defaultValue = "0", paramLabel = "N",
            description = "Skip the first N clickers, for the next page (default: ${DEFAULT-VALUE}).")
    int clickersOffset;

    public CampaignStatusCommand() {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (clickersLimit < 1 || clickersLimit > ClickerTally.MAX_PAGE || clickersOffset < 0) {
            spec.commandLine().getErr().println("--clickers-limit must be 1.." + ClickerTally.MAX_PAGE
                    + " and --clickers-offset at least 0, were " + clickersLimit + " and " + clickersOffset);
            return 2;
        }
        var registry = kafka.registry();
        AvroSerde<DeliveryEvent> events = AvroSerde.forValue(DeliveryEvent.class, registry);
        AvroSerde<RawBounce> bounces = AvroSerde.forValue(RawBounce.class, registry);
        BounceClassifier classifier = new BounceClassifier();
        CampaignTally tally = new CampaignTally(campaignId, classifier);
        AvroSerde<Campaign> campaigns = AvroSerde.forValue(Campaign.class, registry);
        AtomicReference<Campaign> record = new AtomicReference<>();
        TopicScan.scan(kafka.connection(), Topics.CAMPAIGNS, r -> {
            if (campaignId.equals(r.key())) {
                try {
                    record.set(r.value() == null ? null : campaigns.decode(r));
                } catch (CorruptRecordException e) {
                    // an unreadable record says nothing about the state; the counts are still shown
                }
            }
        });
        TopicScan.scan(kafka.connection(), Topics.DELIVERY_EVENTS, r -> {
            if (r.value() != null) {
                try {
                    tally.accept(events.decode(r));
                } catch (CorruptRecordException e) {
                    // counted by the bounce processor; a status query just skips it
                }
            }
        });
        if (tally.isKnown()) {
            TopicScan.scan(kafka.connection(), Topics.BOUNCES_RAW, r -> {
                if (r.value() == null) {
                    return;
                }
                try {
                    RawBounce b = bounces.decode(r);
                    BounceReport report = classifier.classify(bytes(b.getMessage()),
                            b.getEnvelopeTo().isEmpty() ? null : b.getEnvelopeTo().get(0));
                    if (report.kind() == BounceKind.FEEDBACK) {
                        report.recipients().stream().map(RecipientReport::messageId)
                                .forEach(id -> tally.acceptComplaint(id.orElse(null)));
                    } else {
                        relayed(b).ifPresent(messageId -> report.recipients().forEach(rr -> {
                            if (rr.action() == DsnAction.DELAYED) {
                                tally.acceptReceivedDelay(messageId);
                            } else if (rr.isBounce()) {
                                tally.acceptReceivedBounce(messageId, rr.recipient(), rr.reason().sisimaiName());
                            }
                        }));
                    }
                } catch (CorruptRecordException e) {
                    // see above
                }
            });
        }
        EngagementTally engagement = new EngagementTally(campaignId);
        ClickerTally clicked = new ClickerTally(campaignId);
        AvroSerde<EngagementEvent> engagementSerde = AvroSerde.forValue(EngagementEvent.class, registry);
        TopicScan.scan(kafka.connection(), Topics.ENGAGEMENT, r -> {
            if (r.value() != null) {
                try {
                    EngagementEvent e = engagementSerde.decode(r);
                    engagement.accept(e);
                    if (clickers) {
                        clicked.accept(e);
                    }
                } catch (CorruptRecordException e) {
                    // see above
                }
            }
        });
        if (!tally.isKnown() && record.get() == null) {
            spec.commandLine().getErr().println("no campaign record and no delivery events for campaign " + campaignId);
            return 1;
        }
        CampaignStats s = tally.stats();
        Campaign c = record.get();
        String state = c == null ? "unknown" : c.getState().name().toLowerCase(Locale.ROOT);
        Long expected = c == null ? null : c.getExpectedMessages();
        if (json) {
            var node = JSON.valueToTree(s);
            ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("state", state)
                    .put("finishedMessages", s.finishedMessages())
                    .put("expectedMessages", expected)
                    .set("engagement", JSON.valueToTree(engagement.stats()));
            ((com.fasterxml.jackson.databind.node.ObjectNode) node).set("guard", GuardHolds.json(c, JSON));
            if (clickers) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) node).set("clickers", clickersJson(clicked, tally));
            }
            out.println(JSON.writeValueAsString(node));
        } else {
            out.printf("campaign %s: %s (%d of %s messages finished)%n", s.campaignId(), state, s.finishedMessages(),
                    expected == null ? "?" : expected.toString());
            out.printf("  delivered   %d%n  deferred    %d%n  bounced     %d%s%n  expired     %d%n"
                            + "  complaints  %d%n  suppressed  %d%n  rejected    %d%n  cancelled   %d%n",
                    s.delivered(), s.deferred(), s.bounced(), reasons(s.bouncedByReason()) + afterDelivery(s), s.expired(),
                    s.complaints(), s.suppressed(), s.rejected(), s.cancelled());
            GuardHolds.lines(c).forEach(out::println);
            printEngagement(out, engagement.stats());
            if (clickers) {
                printClickers(out, clicked, tally);
            }
        }
        out.flush();
        return 0;
    }

    private static void printEngagement(PrintWriter out, EngagementStats e) {
        out.printf("  clicks      %d (unique %d)%s%n  opens       %d (unique %d)%s%n",
                e.clicks(), e.uniqueClicks(), machines(e.machineClicks()), e.opens(), e.uniqueOpens(), machines(e.machineOpens()));
        e.links().values().stream().sorted(java.util.Comparator.comparingInt(LinkStats::index)).forEach(l ->
                out.printf("    link %-3d %d (unique %d)  %s%n", l.index(), l.clicks(), l.uniqueClicks(), l.url()));
    }

    private com.fasterxml.jackson.databind.node.ObjectNode clickersJson(ClickerTally clicked, CampaignTally tally) {
        com.fasterxml.jackson.databind.node.ObjectNode n = JSON.createObjectNode()
                .put("total", clicked.count()).put("offset", clickersOffset).put("limit", clickersLimit);
        var list = n.putArray("recipients");
        for (Clicker c : clicked.page(clickersOffset, clickersLimit, tally::recipientOf)) {
            var o = list.addObject().put("recipient", c.recipient()).put("messageId", c.messageId()).put("clicks", c.clicks())
                    .put("firstClickAt", c.firstClickAt().toString()).put("lastClickAt", c.lastClickAt().toString());
            var links = o.putArray("links");
            c.links().forEach(links::add);
        }
        return n;
    }

    private void printClickers(PrintWriter out, ClickerTally clicked, CampaignTally tally) {
        List<Clicker> page = clicked.page(clickersOffset, clickersLimit, tally::recipientOf);
        out.printf("  clickers    %d%s%n", clicked.count(), page.isEmpty() ? ""
                : "   (" + (clickersOffset + 1) + "-" + (clickersOffset + page.size()) + " below, most clicks first)");
        page.forEach(c -> out.printf("    %-40s %d click%s  links %s  first %s%n", c.recipient() == null ? "? (message " + c.messageId() + ")"
                : c.recipient(), c.clicks(), c.clicks() == 1 ? "" : "s", c.links(), c.firstClickAt()));
    }

    private static String machines(long n) {
        return n == 0 ? "" : "   (+" + n + " by machines: privacy proxies, scanners; not counted)";
    }

    private static String afterDelivery(CampaignStats s) {
        return s.bouncedAfterDelivery() == 0 ? "" : "   (" + s.bouncedAfterDelivery() + " by DSN after a relay accepted them)";
    }

    private static String reasons(Map<String, Long> byReason) {
        if (byReason.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("   (");
        new java.util.TreeMap<>(byReason).forEach((k, v) -> b.append(b.length() > 4 ? ", " : "").append(k).append(' ').append(v));
        return b.append(')').toString();
    }

    /**
     * The message id of a DSN's signed return path (verified by the receiver that wrote it), as the
     * stats topology takes it; none for an operator's import, which the topology does not count either.
     */
    private static Optional<String> relayed(RawBounce b) {
        if (b.getSource() != null && b.getSource().startsWith("import:")) {
            return Optional.empty();
        }
        return b.getEnvelopeTo().stream().map(SignedVerp::messageIdOf).flatMap(Optional::stream).findFirst();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
