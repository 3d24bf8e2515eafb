package io.mailstream.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DomainMixTest {
    private static final int ROWS = 200_000;

    @Test
    void providersMixShouldSpreadOverAThousandDomainsWithAFewTakingMostOfTheList() {
        Map<String, Integer> counts = count(DomainMix.PROVIDERS);

        assertThat(counts).hasSize(1_000);
        List<Integer> bySize = counts.values().stream().sorted(Comparator.reverseOrder()).toList();
        int top3 = bySize.get(0) + bySize.get(1) + bySize.get(2);
        assertThat(top3).as("the three largest providers' rows").isGreaterThan(ROWS / 2);
        assertThat(counts.get("gmail.test")).as("the largest provider").isBetween(ROWS * 30 / 100, ROWS * 38 / 100);
        // The long tail follows Zipf: its first domain has many more rows than its hundredth.
        assertThat(counts.get("tail-001.test")).isGreaterThan(20 * counts.getOrDefault("tail-100.test", 0) / 10);
        assertThat(counts.keySet()).allSatisfy(d -> assertThat(d).endsWith(".test"));
    }

    @Test
    void mixesShouldBeTheSameEveryRun() {
        for (int row : new int[] {0, 1, 17, 99_999, Integer.MAX_VALUE}) {
            assertThat(DomainMix.PROVIDERS.domainOf(row)).isEqualTo(DomainMix.Skewed.providers().domainOf(row));
        }
        assertThat(DomainMix.FEW.domainOf(5)).isEqualTo(DomainMix.FEW.domainOf(1));
    }

    @Test
    void unknownWorkloadShouldBeRefusedWithTheChoices() {
        assertThat(DomainMix.named("domains")).isSameAs(DomainMix.PROVIDERS);
        assertThatThrownBy(() -> DomainMix.named("zipf")).hasMessageContaining("uniform or domains").hasMessageContaining("zipf");
    }

    private static Map<String, Integer> count(DomainMix mix) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < ROWS; i++) {
            counts.merge(mix.domainOf(i), 1, Integer::sum);
        }
        return counts;
    }
}
