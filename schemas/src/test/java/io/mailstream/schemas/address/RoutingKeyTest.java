package io.mailstream.schemas.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoutingKeyTest {
    private static final DomainShards SHARDS = DomainShards.parse("gmail.com=8,outlook.com=3");

    @Test
    void unshardedDomainIsItsOwnKeyWithTheWholeBudget() {
        RoutingKey key = RoutingKey.of(EmailAddress.parse("ann@Example.com"), SHARDS);

        assertThat(key.asString()).isEqualTo("example.com");
        assertThat(key.shard()).isZero();
        assertThat(key.budgetShare()).isEqualTo(1.0);
    }

    @Test
    void sameRecipientAlwaysMapsToTheSameShardWhateverItsCase() {
        RoutingKey first = RoutingKey.of(EmailAddress.parse("ann.lee@gmail.com"), SHARDS);

        for (int i = 0; i < 10; i++) {
            assertThat(RoutingKey.of(EmailAddress.parse("ann.lee@gmail.com"), SHARDS)).isEqualTo(first);
        }
        assertThat(RoutingKey.of(EmailAddress.parse("Ann.Lee@GMAIL.COM"), SHARDS)).isEqualTo(first);
    }

    @Test
    void shardIsPinnedSoProducerAndDispatcherReleasesAgree() {
        // CRC32("user0@gmail.com") = 0xef75d6b5 = 4017477301 (Python zlib.crc32); 4017477301 % 8 = 5
        assertThat(RoutingKey.of(EmailAddress.parse("user0@gmail.com"), SHARDS).asString()).isEqualTo("gmail.com#5");
    }

    @Test
    void shardsSpreadEvenlyOverManyRecipients() {
        int n = 8;
        int recipients = 80_000;
        int[] counts = new int[n];
        for (int i = 0; i < recipients; i++) {
            RoutingKey key = RoutingKey.of(EmailAddress.parse("user" + i + "@gmail.com"), SHARDS);
            assertThat(key.shardCount()).isEqualTo(n);
            counts[key.shard()]++;
        }
        for (int count : counts) {
            assertThat(count).isCloseTo(recipients / n, within(recipients / n / 20)); // ±5 %
        }
    }

    @Test
    void everyShardOfASmallDomainIsUsed() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(RoutingKey.of(EmailAddress.parse("u" + i + "@outlook.com"), SHARDS).shard());
        }
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void budgetShareIsTheDomainBudgetSplitOverItsShards() {
        assertThat(RoutingKey.of(EmailAddress.parse("a@gmail.com"), SHARDS).budgetShare()).isEqualTo(1.0 / 8);
        assertThat(RoutingKey.of(EmailAddress.parse("a@outlook.com"), SHARDS).budgetShare()).isEqualTo(1.0 / 3);
    }

    @Test
    void parseWithTheConfigurationRoundTripsEveryKey() {
        for (int i = 0; i < 500; i++) {
            for (String domain : new String[] {"gmail.com", "outlook.com", "example.org"}) {
                RoutingKey key = RoutingKey.of(EmailAddress.parse("r" + i + "@" + domain), SHARDS);

                assertThat(RoutingKey.parse(key.asString(), SHARDS)).isEqualTo(key);
            }
        }
    }

    @Test
    void parseWithoutConfigurationKeepsTheKeyString() {
        for (int shard = 0; shard < 8; shard++) {
            RoutingKey key = new RoutingKey(Domain.of("gmail.com"), shard, 8);

            assertThat(RoutingKey.parse(key.asString()).asString()).isEqualTo(key.asString());
            assertThat(RoutingKey.parse(key.asString()).shard()).isEqualTo(shard);
        }
        assertThat(RoutingKey.parse("example.org")).isEqualTo(new RoutingKey(Domain.of("example.org"), 0, 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gmail.com#", "gmail.com#x", "gmail.com#-1", "gmail.com#+1", "#1", "gmail.com#99999999999"})
    void malformedKeyIsRefused(String key) {
        assertThatThrownBy(() -> RoutingKey.parse(key)).isInstanceOf(InvalidAddressException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gmail.com#8", "gmail.com", "example.org#0", "outlook.com#3"})
    void keyThatDoesNotFitTheConfigurationIsRefused(String key) {
        assertThatThrownBy(() -> RoutingKey.parse(key, SHARDS)).isInstanceOf(InvalidAddressException.class);
    }

    @Test
    void shardOutsideItsCountIsRefused() {
        Domain d = Domain.of("gmail.com");

        assertThatThrownBy(() -> new RoutingKey(d, 8, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RoutingKey(d, -1, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RoutingKey(d, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void siteKeysShouldRoundTripWithTheirShardCountFromTheShardMap() {
        DomainShards shards = DomainShards.parse("site:google=16,gmail.com=8");
        for (int i = 0; i < 200; i++) {
            RoutingKey key = RoutingKey.of(EmailAddress.parse("r" + i + "@startup.io"), Site.of("google"), shards);
            assertThat(key.asString()).matches("site:google#([0-9]|1[0-5])");
            assertThat(RoutingKey.parse(key.asString(), shards)).isEqualTo(key);
            assertThat(key.budgetShare()).isEqualTo(1.0 / 16);
            assertThat(key.domain()).isEmpty();
        }
        assertThat(RoutingKey.parse("site:mx1.hoster.net", shards)).isEqualTo(new RoutingKey(Site.of("mx1.hoster.net"), 0, 1));
    }

    @Test
    void aKeyWhoseShardsDoNotMatchTheShardMapShouldBeRefusedNamingTheMismatch() {
        DomainShards dispatcher = DomainShards.parse("site:google=4");

        assertThatThrownBy(() -> RoutingKey.parse("site:google#7", dispatcher))
                .isInstanceOf(InvalidAddressException.class).hasMessageContaining("out of range")
                .hasMessageContaining("site:google");
        assertThatThrownBy(() -> RoutingKey.parse("site:google", dispatcher))
                .isInstanceOf(InvalidAddressException.class).hasMessageContaining("has 4 shards");
        assertThatThrownBy(() -> RoutingKey.parse("site:microsoft#1", dispatcher))
                .isInstanceOf(InvalidAddressException.class).hasMessageContaining("not sharded");
    }

    @Test
    void aShardMapShouldKeepItsCanonicalSpec() {
        DomainShards shards = DomainShards.parse("site:google=16, gmail.com=8");
        assertThat(shards.asSpec()).isEqualTo("gmail.com=8,site:google=16");
        assertThat(DomainShards.parse(shards.asSpec())).isEqualTo(shards);
        assertThatThrownBy(() -> DomainShards.parse("site:Google=2,site:google=3")).hasMessageContaining("twice");
    }
}
