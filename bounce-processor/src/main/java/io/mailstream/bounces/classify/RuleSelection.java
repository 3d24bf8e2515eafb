package io.mailstream.bounces.classify;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which families' own rules ({@link ProviderRules}) are switched on. Production uses
 * {@link #ALL}; the leave-one-family-out evaluation builds a classifier {@link #without} the
 * family it judges, answering "which rules would we have had without ever seeing that family?".
 */
public record RuleSelection(Set<MtaFamily> withheld) {
    public static final RuleSelection ALL = new RuleSelection(Set.of());

    public RuleSelection {
        withheld = withheld.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(withheld));
    }

    public static RuleSelection without(MtaFamily family) {
        return new RuleSelection(Set.of(family));
    }

    public boolean isOn(MtaFamily family) {
        return !withheld.contains(family);
    }
}
