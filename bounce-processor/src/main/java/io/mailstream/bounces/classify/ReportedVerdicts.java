package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.Classification;
import io.mailstream.bounces.ClassificationEvidence;
import io.mailstream.bounces.Confidence;
import io.mailstream.bounces.DeliveryStatus;
import io.mailstream.bounces.parse.ReportedVerdict;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static io.mailstream.bounces.BounceReason.*;

/**
 * What a reporting MTA's own verdict field ({@link ReportedVerdict}) says about a recipient, read
 * only when the diagnostic decides nothing, and switched off with the family of the product that
 * writes it (leave-one-family-out withholds it like {@link ProviderRules}).
 *
 * <p>Asymmetric caution: such a verdict is the product's own pattern match of a reply we may not
 * have, so a hard reason from it alone is {@link Confidence#LOW} (provisional until a second bounce
 * confirms it), a soft one {@link Confidence#MEDIUM}.
 */
public final class ReportedVerdicts {
    /**
     * One verdict value and its reason.
     *
     * @param overridesBarePhrase the verdict also decides over a reason read from a phrase alone (no
     *                            status, no reply code): the writer's mark is then better evidence
     */
    record Rule(MtaFamily family, String name, String field, String value, BounceReason reason,
                boolean overridesBarePhrase, String source) {
    }

    private static final String POWERMTA_GUIDE = "PowerMTA User's Guide, bounce-category-patterns (categories as "
            + "republished at https://it.i88.ca/2014/11/bounce-categories-of-powermta.html); Sisimai Lhost::PowerMTA";

    private static final List<Rule> RULES = List.of(
            // PowerMTA's documented bounce categories. Each names what its pattern matched; the categories
            // for the address itself (bad-mailbox, bad-domain) are hard, all others soft. "inactive-mailbox"
            // (expired, inactive or disabled addresses) is a disabled mailbox: soft (issue 16). "other" says nothing.
            powerMta("bad-mailbox", USER_UNKNOWN),
            powerMta("bad-domain", HOST_UNKNOWN),
            powerMta("inactive-mailbox", SUSPEND),
            powerMta("quota-issues", MAILBOX_FULL),
            powerMta("message-expired", EXPIRED),
            powerMta("no-answer-from-host", NETWORK_ERROR),
            powerMta("bad-connection", NETWORK_ERROR),
            powerMta("routing-errors", SYSTEM_ERROR),
            powerMta("bad-configuration", SYSTEM_ERROR),
            powerMta("protocol-errors", SYNTAX_ERROR),
            powerMta("relaying-issues", NO_RELAYING),
            powerMta("invalid-sender", REJECTED),
            powerMta("policy-related", POLICY_VIOLATION),
            powerMta("spam-related", SPAM_DETECTED),
            powerMta("virus-related", VIRUS_DETECTED),
            powerMta("content-related", CONTENT_ERROR),
            // au (KDDI) EZweb stamps X-SPASIGN: NG on the report of mail its (recipient-configured) filter refused;
            // the report's sentence may then name any cause ("account is disabled"), the stamp is the filter's
            // (Sisimai Lhost::EZweb: "Filtered recipient returns message that include 'X-SPASIGN' header")
            new Rule(MtaFamily.JAPANESE_CARRIER, "ezweb/x-spasign-ng", ReportedVerdict.EZWEB_SPASIGN, "ng", FILTERED, true,
                    "Sisimai Lhost::EZweb (X-SPASIGN: NG, au EZweb's filter mark)"));

    private static Rule powerMta(String category, BounceReason reason) {
        return new Rule(MtaFamily.POWERMTA, "powermta/" + category, ReportedVerdict.POWERMTA_CATEGORY, category, reason, false, POWERMTA_GUIDE);
    }

    private final List<Rule> rules;

    public ReportedVerdicts(RuleSelection selection) {
        this.rules = RULES.stream().filter(r -> selection.isOn(r.family())).toList();
    }

    /**
     * The classification {@code verdict} gives instead of {@code decided} (what the diagnostic said), if it
     * applies: when the diagnostic decided nothing ({@code onhold}, {@code undefined}), or, for a verdict that
     * overrides a bare phrase, when {@code decided} rests on a phrase without any status or reply code.
     */
    public Optional<Classification> instead(ReportedVerdict verdict, Classification decided,
                                            Optional<DeliveryStatus> status) {
        boolean undecided = decided.reason() == ONHOLD || decided.reason() == UNDEFINED;
        ClassificationEvidence ev = decided.evidence();
        boolean barePhrase = ev.status().isEmpty() && ev.replyCode().isEmpty() && ev.providerRule().isEmpty();
        for (Rule r : rules) {
            if (r.field().equals(verdict.field()) && r.value().equals(verdict.value())
                    && (undecided || (r.overridesBarePhrase() && barePhrase))) {
                return Optional.of(classification(r, status));
            }
        }
        return Optional.empty();
    }

    private static Classification classification(Rule r, Optional<DeliveryStatus> status) {
        boolean hard = Classification.isHard(r.reason(), status);
        Confidence confidence = hard ? Confidence.LOW : Confidence.MEDIUM;
        ClassificationEvidence evidence = new ClassificationEvidence(status, OptionalInt.empty(), Optional.empty(),
                Optional.of(r.name()), Optional.empty());
        return new Classification(r.reason(), hard, status, confidence, evidence);
    }

    /** Every rule's source, for the README and tests. */
    static List<Rule> all() {
        return RULES;
    }
}
