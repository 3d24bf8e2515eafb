package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.classify.internal.LiteralStartPattern;
import java.util.List;
import java.util.Optional;

/**
 * The diagnostic being classified: its normalised text, the phrase labels the automaton found in it
 * (bit {@code n} = label {@code n}; a reason's phrase family is labelled with its ordinal), and the
 * results of the few regexes run so far, so that a rule asking about the same reason twice runs
 * them once. One per classification; not thread-safe.
 */
final class PhraseEvidence {
    /** The automaton labels that are reasons' phrase families (label = reason ordinal). */
    private static final long REASON_LABELS = (1L << BounceReason.values().length) - 1;

    private final String text;
    private final long found;
    private final boolean directReply;
    private final PhraseLabels labels;
    private long patternChecked;
    private long patternHit;

    PhraseEvidence(String text, long found, boolean directReply, PhraseLabels labels) {
        this.text = text;
        this.found = found;
        this.directReply = directReply;
        this.labels = labels;
    }

    String text() {
        return text;
    }

    /** Said to us by the recipient's server (the dispatcher's reply), not quoted in a bounce by a relay. */
    boolean directReply() {
        return directReply;
    }

    /** Whether the automaton found a phrase of {@code label}. */
    private boolean has(int label) {
        return (found & (1L << label)) != 0;
    }

    /** Whether a block list ({@link DiagnosticPhrases#blockLists()}) is named. */
    boolean namesBlockList() {
        return has(labels.blockListLabel);
    }

    /** Whether a refusal of the sender ({@link SenderRefusalTexts}) is said. */
    boolean namesSenderRefusal() {
        return has(labels.senderRefusalLabel);
    }

    /** Whether any reason's phrase family occurs in the text. */
    boolean anyReasonPhrase() {
        return (found & REASON_LABELS) != 0;
    }

    /** Whether {@code r}'s phrase family occurs: a literal phrase, else one of its regexes (run once). */
    boolean matches(BounceReason r) {
        if (has(r.ordinal())) {
            return true;
        }
        List<PhraseLabels.AnchoredPatterns> groups = labels.patterns.get(r);
        if (groups == null) {
            return false;
        }
        long bit = 1L << r.ordinal();
        if ((patternChecked & bit) == 0) {
            patternChecked |= bit;
            if (anyMatches(groups)) {
                patternHit |= bit;
            }
        }
        return (patternHit & bit) != 0;
    }

    /** Whether a regex of a group whose anchor occurs matches the text. */
    private boolean anyMatches(List<PhraseLabels.AnchoredPatterns> groups) {
        for (PhraseLabels.AnchoredPatterns g : groups) {
            if (has(g.label())) {
                for (LiteralStartPattern p : g.patterns()) {
                    if (p.foundIn(text)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The switched-on provider rule of {@code reason} ({@link ProviderRules}) whose phrase occurs, if any. */
    Optional<String> providerRule(BounceReason reason) {
        return has(labels.providerLabel) ? labels.providerRules.nameOf(reason, text) : Optional.empty();
    }

    /** The reason a provider's own code in the text names ({@link ProviderCodeRules}), if any rule of one is on. */
    Optional<BounceReason> providerCode() {
        return has(labels.codeLabel) ? labels.providerRules.decisiveReason(text) : Optional.empty();
    }

    /** The reason an on-premises MTA's own code in the text names ({@link MtaReportCodes}), if any rule of one is on. */
    Optional<BounceReason> mtaCode() {
        return has(labels.mtaCodeLabel) ? labels.mtaCodes.find(text).map(ProviderRules.ProviderRule::reason) : Optional.empty();
    }

    /** Whether a switched-on provider rule of {@code reason} matched the text. */
    boolean providerSays(BounceReason reason) {
        return providerRule(reason).isPresent();
    }
}
