package io.mailstream.dispatcher.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.dispatcher.InvalidConfigException;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SendingPoolIdentityTest {
    @Test
    void anAddressMayCarryItsOwnEhloNameAndTheOthersUseTheDispatchersName() throws Exception {
        SendingPool pool = SendingPool.of("default", SourceSelection.ROUND_ROBIN, List.of("192.0.2.1/MTA1.Acme.Example", "192.0.2.2",
                "2001:db8::1/mta6.acme.example"));
        SendingPools pools = new SendingPools(Map.of("default", pool), Map.of());

        assertThat(pool.addresses()).hasSize(3);
        assertThat(pools.ehloNameOf(InetAddress.getByName("192.0.2.1"))).contains("mta1.acme.example");
        assertThat(pools.ehloNameOf(InetAddress.getByName("2001:db8::1"))).contains("mta6.acme.example");
        assertThat(pools.ehloNameOf(InetAddress.getByName("192.0.2.2"))).isEmpty();
        assertThat(pools.identities("out.acme.example")).containsEntry(InetAddress.getByName("192.0.2.2"), "out.acme.example")
                .containsEntry(InetAddress.getByName("192.0.2.1"), "mta1.acme.example");
    }

    @Test
    void aBadEhloNameShouldBeRefusedNamingTheKeyAndTheEntry() {
        assertThatThrownBy(() -> SendingPool.of("bulk", SourceSelection.ROUND_ROBIN, List.of("192.0.2.1/not a name")))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("sending-pools.bulk.addresses");
                    assertThat(e.getMessage()).contains("'192.0.2.1/not a name'").contains("fully qualified host name");
                });
        assertThatThrownBy(() -> SendingPool.of("bulk", SourceSelection.ROUND_ROBIN, List.of("192.0.2.1/")))
                .isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void oneIpWithTwoNamesInTwoPoolsShouldBeRefused() {
        SendingPool a = SendingPool.of("default", SourceSelection.ROUND_ROBIN, List.of("192.0.2.1/mta1.acme.example"));
        SendingPool b = SendingPool.of("warmup", SourceSelection.ROUND_ROBIN, List.of("192.0.2.1/other.acme.example"));

        assertThatThrownBy(() -> new SendingPools(Map.of("default", a, "warmup", b), Map.of()))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.getMessage()).contains("one IP, one name"));
    }
}
