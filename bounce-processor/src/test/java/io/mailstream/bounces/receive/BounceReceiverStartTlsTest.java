package io.mailstream.bounces.receive;

import static io.mailstream.bounces.support.TestReturnPaths.RETURN_PATHS;
import static io.mailstream.bounces.support.TestReturnPaths.verp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailstream.avro.RawBounce;
import io.mailstream.bounces.support.SampleBounces;
import io.mailstream.bounces.support.SmtpDialog;
import io.mailstream.bounces.support.StartTlsClient;
import io.mailstream.bounces.support.TestKeystore;
import io.mailstream.bounces.topology.BounceConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STARTTLS on the receiver (RFC 3207), with a certificate made by keytool for this test. */
class BounceReceiverStartTlsTest {
    @TempDir
    static Path dir;

    private static TestKeystore keystore;
    private final Map<String, RawBounce> stored = new ConcurrentHashMap<>();

    @BeforeAll
    static void makeCertificate() throws Exception {
        keystore = TestKeystore.create(dir);
    }

    private BounceReceiver start(boolean required) {
        ReceiverConfig config = new ReceiverConfig("127.0.0.1", 0, "localhost", RETURN_PATHS,
                java.util.Set.of(), ReceiverConfig.DEFAULT_MAX_MESSAGE_BYTES, ReceiverConfig.DEFAULT_ACK_TIMEOUT, 10)
                .withTls(new ReceiverTls(keystore.file(), TestKeystore.PASSWORD, required));
        return BounceReceiver.start(config, stored::put, Clock.systemUTC());
    }

    @Test
    void aClientRequiringStartTlsShouldDeliverABounce() throws Exception {
        try (BounceReceiver receiver = start(false)) {
            StartTlsClient.send(receiver.port(), keystore.clientContext(), "mailer-daemon@mx.example.net",
                    verp("tls-1"),
                    SampleBounces.dsn("gone@example.org", "tls-1", "5.1.1", "550 5.1.1 user unknown"));
            assertThat(stored).containsKey("tls-1");
            assertThat(stored.get("tls-1").getEnvelopeTo()).containsExactly(verp("tls-1"));
        }
    }

    @Test
    void requiredTlsShouldRefuseAPlainTextSenderAndStoreNothing() throws Exception {
        try (BounceReceiver receiver = start(true);
             SmtpDialog smtp = new SmtpDialog("localhost", receiver.port())) {
            String reply = smtp.send("", verp("plain-1"),
                    SampleBounces.dsn("gone@example.org", "plain-1", "5.1.1", "550 5.1.1 user unknown"));
            assertThat(reply).startsWith("530");
        }
        assertThat(stored).isEmpty();
    }

    @Test
    void aKeystoreThatCannotBeOpenedShouldFailAtStartNamingTheKey() throws Exception {
        Path garbage = Files.writeString(dir.resolve("not-a-keystore.p12"), "hello");
        ReceiverConfig config = ReceiverConfig.of(RETURN_PATHS, 0)
                .withTls(new ReceiverTls(garbage, "x", false));
        assertThatThrownBy(() -> BounceReceiver.start(config, stored::put, Clock.systemUTC()))
                .isInstanceOf(BounceConfigException.class).hasMessageContaining("receiver.tls.keystore");
        assertThatThrownBy(() -> new ReceiverTls(dir.resolve("missing.p12"), "x", false))
                .isInstanceOf(BounceConfigException.class).hasMessageContaining("cannot read");
    }
}
