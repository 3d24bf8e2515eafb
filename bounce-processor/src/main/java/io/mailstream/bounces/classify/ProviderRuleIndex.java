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
    private final List<ProviderCodeFormat> formats;

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
        this.formats = ProviderRules.codeFormats().stream().filter(f -> selection.isOn(f.family())).toList();
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
        // a code format's anchors only wake the provider checks, which then read the code itself
        formats.forEach(f -> {
            codes.addAll(f.anchors());
            all.addAll(f.anchors());
        });
        if (!all.isEmpty()) {
            byLabel.put(providerLabel, all);
        }
        if (!codes.isEmpty()) {
            byLabel.put(codeLabel, codes);
        }
    }

    /** The reason a switched-on provider code format reads in the normalised text, else that of the first decisive rule whose phrase occurs. */
    Optional<BounceReason> decisiveReason(String text) {
        for (ProviderCodeFormat f : formats) {
            Optional<BounceReason> r = f.reasonIn(text);
            if (r.isPresent()) {
                return r;
            }
        }
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
        for (ProviderCodeFormat f : formats) {
            if (f.reasonIn(text).filter(reason::equals).isPresent()) {
                return Optional.of(f.name(reason));
            }
        }
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
