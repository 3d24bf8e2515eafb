package io.mailstream.dispatcher.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressScopeTest {
    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "0.0.0.0", "::", "10.0.0.1", "172.16.0.1", "172.31.255.255",
            "192.168.0.1", "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.254", "fe80::1", "fd00::1",
            "fd00:ec2::254", "fc00::1", "fec0::1", "224.0.0.1", "ff02::1", "255.255.255.255", "0.1.2.3",
            "::ffff:10.0.0.1", "::ffff:169.254.169.254"})
    void nonPublicShouldNameWhyAnAddressIsNotOnThePublicInternet(String ip) throws Exception {
        assertThat(AddressScope.nonPublic(InetAddress.getByName(ip))).as(ip).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.25", "8.8.8.8", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
            "2001:db8::25", "2a00:1450:4001:80b::201a", "::ffff:8.8.8.8"})
    void nonPublicShouldBeEmptyForPublicAddresses(String ip) throws Exception {
        assertThat(AddressScope.nonPublic(InetAddress.getByName(ip))).as(ip).isEmpty();
    }
}
