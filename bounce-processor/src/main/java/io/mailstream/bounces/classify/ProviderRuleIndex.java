package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provider rules a {@link RuleSelection} switches on, with their phrases normalised like the
 * text they are matched against: feeds them to the phrase automaton and, after a decision, names
 * the rule that made it (for {@code ClassificationEvidence}).
 */
final class ProviderRuleIndex {
    private final List<Map.Entry<ProviderRules.ProviderRule, List<String>>> rules;

    ProviderRuleIndex(RuleSelection selection) {
        List<Map.Entry<ProviderRules.ProviderRule, List<String>>> on = new ArrayList<>();
        for (ProviderRules.ProviderRule rule : ProviderRules.all()) {
            if (selection.isOn(rule.family())) {
                List<String> normalized = new ArrayList<>();
                rule.phrases().forEach(p -> normalized.add(DiagnosticText.normalize(p)));
                on.add(Map.entry(rule, List.copyOf(normalized)));
            }
        }
        this.rules = List.copyOf(on);
    }

    /**
     * Adds each switched-on rule's phrases to its reason's label, all of them to {@code providerLabel}, and
     * the decisive ones ({@link ProviderRules.ProviderRule#decisive()}) to {@code codeLabel} as well.
     */
    void addTo(Map<Integer, List<String>> byLabel, int providerLabel, int codeLabel) {
        List<String> all = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (Map.Entry<ProviderRules.ProviderRule, List<String>> r : rules) {
            byLabel.computeIfAbsent(r.getKey().reason().ordinal(), k -> new ArrayList<>()).addAll(r.getValue());
            all.addAll(r.getValue());
            if (r.getKey().decisive()) {
                codes.addAll(r.getValue());
            }
        }
        if (!all.isEmpty()) {
            byLabel.put(providerLabel, all);
        }
        if (!codes.isEmpty()) {
            byLabel.put(codeLabel, codes);
        }
    }

    /** The reason of the first switched-on decisive rule whose phrase occurs in the normalised text. */
    Optional<BounceReason> decisiveReason(String text) {
        for (Map.Entry<ProviderRules.ProviderRule, List<String>> r : rules) {
            if (!r.getKey().decisive()) {
                continue;
            }
            for (String phrase : r.getValue()) {
                if (text.contains(phrase)) {
                    return Optional.of(r.getKey().reason());
                }
            }
        }
        return Optional.empty();
    }

    /** The first switched-on rule of {@code reason} whose phrase occurs in the normalised text. */
    Optional<String> nameOf(BounceReason reason, String text) {
        for (Map.Entry<ProviderRules.ProviderRule, List<String>> r : rules) {
            if (r.getKey().reason() != reason) {
                continue;
            }
            for (String phrase : r.getValue()) {
                if (text.contains(phrase)) {
                    return Optional.of(r.getKey().name());
                }
            }
        }
        return Optional.empty();
    }
}
