package io.mailstream.dispatcher.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DomainGroupsTest {

    @Test
    void firstDomainsShouldKeepTheirNameAndTheRestBeOther() {
        DomainGroups groups = new DomainGroups(2);
        assertThat(groups.of("GMAIL.com")).isEqualTo("gmail.com");
        assertThat(groups.of("outlook.com")).isEqualTo("outlook.com");
        assertThat(groups.of("tiny.example")).isEqualTo(DomainGroups.OTHER);
        assertThat(groups.of("gmail.com")).as("a named domain stays named").isEqualTo("gmail.com");
        assertThat(groups.ofAddress("Ann@Outlook.COM")).isEqualTo("outlook.com");
        assertThat(groups.ofAddress("no-at-sign")).isEqualTo(DomainGroups.NONE);
        assertThat(groups.of(null)).isEqualTo(DomainGroups.NONE);
    }

    @Test
    void labelsShouldStayWithinTheLimitHoweverManyDomainsArriveConcurrently() throws Exception {
        DomainGroups groups = new DomainGroups(20);
        Set<String> labels = java.util.concurrent.ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            int thread = t;
            pool.submit(() -> {
                for (int i = 0; i < 5_000; i++) {
                    labels.add(groups.of("d" + thread + "-" + i + ".example"));
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        Set<String> named = new HashSet<>(labels);
        named.remove(DomainGroups.OTHER);
        assertThat(named).hasSize(20);
        assertThat(labels).hasSizeLessThanOrEqualTo(groups.maxLabels()).contains(DomainGroups.OTHER);
    }

    @Test
    void aNegativeLimitShouldBeRefused() {
        assertThatThrownBy(() -> new DomainGroups(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
