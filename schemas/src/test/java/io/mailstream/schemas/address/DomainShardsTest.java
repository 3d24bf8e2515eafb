package io.mailstream.schemas.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainShardsTest {

    @Test
    void specListsShardCountsByNormalisedDomain() {
        DomainShards shards = DomainShards.parse(" GMAIL.com = 8 , outlook.com=4");

        assertThat(shards.shardsFor(Domain.of("gmail.com"))).isEqualTo(8);
        assertThat(shards.shardsFor(Domain.of("outlook.com"))).isEqualTo(4);
        assertThat(shards.shardsFor(Domain.of("example.org"))).isEqualTo(1);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void blankSpecMeansNoSharding(String spec) {
        assertThat(DomainShards.parse(spec)).isEqualTo(DomainShards.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gmail.com", "gmail.com=", "gmail.com=x", "gmail.com=8=9", "gmail.com=0", "gmail.com=1025",
        "gmail.com=-2", "gmail.com=8,,outlook.com=2", "gmail.com=8,GMAIL.COM=4"})
    void malformedSpecIsRefused(String spec) {
        assertThatThrownBy(() -> DomainShards.parse(spec)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void duplicateDomainIsNamed() {
        assertThatThrownBy(() -> DomainShards.parse("gmail.com=8,GMAIL.COM=4")).hasMessageContaining("gmail.com")
                .hasMessageContaining("twice");
    }

    @Test
    void invalidDomainInSpecIsRefused() {
        assertThatThrownBy(() -> DomainShards.parse("=8")).isInstanceOf(InvalidAddressException.class);
        assertThatThrownBy(() -> DomainShards.parse("localhost=8")).isInstanceOf(InvalidAddressException.class);
    }

    @Test
    void shardMapIsImmutable() {
        DomainShards shards = DomainShards.parse("gmail.com=8");

        @SuppressWarnings("unchecked") Map<RouteTarget, Integer> map = (Map<RouteTarget, Integer>) shards.shards();
        assertThatThrownBy(() -> map.put(Domain.of("x.com"), 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new DomainShards(Map.of(Domain.of("gmail.com"), 8))).isEqualTo(shards);
    }
}
