package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import io.mailstream.bounces.classify.internal.LiteralStartPattern;
import io.mailstream.bounces.classify.internal.PhraseAutomaton;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which automaton label each kind of phrase gets, and the automaton built from them: a reason's phrase
 * family is labelled with the reason's ordinal; the regexes' anchor sets, the block lists, the provider
 * phrases, the providers' own codes, the MTAs' own codes and the sender refusals take the top labels.
 * Built once per classifier; immutable afterwards.
 */
final class PhraseLabels {
    final PhraseAutomaton automaton;
    /** Per reason, its regexes in groups, each behind its own anchor label. */
    final Map<BounceReason, List<AnchoredPatterns>> patterns;
    final int blockListLabel;
    final int providerLabel;
    final int codeLabel;
    final int mtaCodeLabel;
    final int senderRefusalLabel;
    final ProviderRuleIndex providerRules;
    final MtaReportCodes mtaCodes;

    PhraseLabels(RuleSelection selection) {
        Map<Integer, List<String>> byLabel = new TreeMap<>();
        // each reason's family: the English phrases, the same in other languages (LocalizedPhrases), the
        // policy-side wordings (PolicyReasonWording), the list-server handlers' wordings (ListServerWording),
        // providers' reply wordings (ProviderReplyWording) and the mailing tools' bounce tables
        // (MailingToolWording), the filters' and policy daemons' replies (FilterReplyWording), all under the
        // reason's own label
        for (Map<BounceReason, List<String>> source : List.of(DiagnosticPhrases.literals(), LocalizedPhrases.literals(),
                PolicyReasonWording.literals(), ListServerWording.literals(), ProviderReplyWording.literals(),
                MailingToolWording.literals(), FilterReplyWording.literals())) {
            source.forEach((reason, phrases) -> {
                List<String> family = byLabel.computeIfAbsent(reason.ordinal(), k -> new ArrayList<>());
                phrases.forEach(p -> family.add(DiagnosticText.normalize(p)));
            });
        }
        this.providerRules = new ProviderRuleIndex(selection);
        // each source's regexes stay behind their own anchors: a common anchor of one source ("unknown") does not
        // run the other source's regexes, which only its own anchors can make match
        this.patterns = new EnumMap<>(BounceReason.class);
        int label = 62; // anchors take the top labels; bit 63 stays clear (see PreparedText.found)
        for (PatternSource source : List.of(
                new PatternSource(DiagnosticPhrases.patternAnchors(), DiagnosticPhrases.patterns()),
                new PatternSource(ListServerWording.patternAnchors(), ListServerWording.patterns()),
                new PatternSource(MailingToolWording.patternAnchors(), MailingToolWording.patterns()))) {
            for (Map.Entry<BounceReason, List<String>> e : source.anchors().entrySet()) {
                List<String> normalized = new ArrayList<>();
                for (String p : e.getValue()) {
                    normalized.add(DiagnosticText.normalize(p));
                }
                patterns.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(AnchoredPatterns.of(label, source.patterns().get(e.getKey())));
                byLabel.put(label--, normalized);
            }
        }
        List<String> lists = new ArrayList<>();
        DiagnosticPhrases.blockLists().forEach(p -> lists.add(DiagnosticText.normalize(p)));
        blockListLabel = label--;
        byLabel.put(blockListLabel, lists);
        providerLabel = label--;
        codeLabel = label--;
        // a provider phrase counts as its reason's phrase family, and marks the provider label too
        // (a provider's own code also the code label)
        providerRules.addTo(byLabel, providerLabel, codeLabel);
        // an MTA's own code names its reason outright (MtaReportCodes); its label only says one is there
        this.mtaCodes = new MtaReportCodes(selection);
        mtaCodeLabel = label--;
        if (!mtaCodes.phrases().isEmpty()) {
            byLabel.put(mtaCodeLabel, mtaCodes.phrases());
        }
        senderRefusalLabel = label;
        byLabel.put(senderRefusalLabel, SenderRefusalTexts.phrases());
        if (senderRefusalLabel <= BounceReason.values().length) {
            throw new IllegalStateException("phrase labels collide: " + senderRefusalLabel);
        }
        this.automaton = PhraseAutomaton.build(byLabel);
    }

    /** Regexes of one reason that run only when one of their anchors (automaton label {@code label}) occurs. */
    record AnchoredPatterns(int label, List<LiteralStartPattern> patterns) {
        AnchoredPatterns {
            patterns = List.copyOf(patterns);
        }

        static AnchoredPatterns of(int label, List<Pattern> patterns) {
            return new AnchoredPatterns(label, patterns.stream().map(LiteralStartPattern::of).toList());
        }
    }

    /** A source's anchors and regexes per reason; every reason with regexes has anchors. */
    private record PatternSource(Map<BounceReason, List<String>> anchors, Map<BounceReason, List<Pattern>> patterns) {
        PatternSource {
            if (!anchors.keySet().equals(patterns.keySet())) {
                throw new IllegalStateException("regexes and anchors name different reasons: " + anchors.keySet()
                        + " / " + patterns.keySet());
            }
        }
    }
}
