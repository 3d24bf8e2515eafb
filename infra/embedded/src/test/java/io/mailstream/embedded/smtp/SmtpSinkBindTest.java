package io.mailstream.embedded.smtp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmtpSinkBindTest {

    /** An IPv4 address of this machine that is not loopback, if it has one. */
    private static Optional<InetAddress> thisMachinesNetworkAddress() throws SocketException {
        return NetworkInterface.networkInterfaces().filter(i -> {
            try {
                return i.isUp() && !i.isLoopback();
            } catch (SocketException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(a -> a instanceof Inet4Address).findFirst();
    }

    private static void connect(InetAddress address, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 2000);
        }
    }

    @Test
    void aSinkShouldListenOnLoopbackOnlyUnlessToldOtherwise() throws Exception {
        Optional<InetAddress> network = thisMachinesNetworkAddress();
        assumeTrue(network.isPresent(), "this machine has no non-loopback IPv4 address to try");

        try (SmtpSink sink = SmtpSink.start(SmtpSinkConfig.defaults())) {
            connect(InetAddress.getLoopbackAddress(), sink.port());
            assertThatThrownBy(() -> connect(network.get(), sink.port())).isInstanceOf(ConnectException.class);
        }
        try (SmtpSink everywhere = SmtpSink.start(SmtpSinkConfig.defaults().boundTo(InetAddress.getByName("0.0.0.0")))) {
            connect(network.get(), everywhere.port());
        }
    }
}
