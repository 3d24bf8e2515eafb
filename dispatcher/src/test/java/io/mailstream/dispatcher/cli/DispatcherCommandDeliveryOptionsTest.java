package io.mailstream.dispatcher.cli;

import io.mailstream.dispatcher.support.VerpKeyFiles;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DispatcherCommandDeliveryOptionsTest {
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return new CommandLine(new DispatcherCommand()).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void implicitTlsWithoutRequiredShouldExitWith2NamingTheKey() {
        assertThat(run("--bounce-domain", "bounce.example.com", "--verp-keys", VerpKeyFiles.path(), "--smtp-implicit-tls")).isEqualTo(2);
        assertThat(err.toString()).contains("tls.implicit");
    }

    @Test
    void malformedDkimOptionShouldExitWith2NamingTheDomain() {
        assertThat(run("--bounce-domain", "bounce.example.com", "--verp-keys", VerpKeyFiles.path(), "--dkim", "acme.example=no-key-path")).isEqualTo(2);
        assertThat(err.toString()).contains("dkim.acme.example");
    }

    @Test
    void aSecondDkimKeyForADomainShouldBeReadToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path rsa = io.mailstream.dispatcher.support.PemFiles.writePrivateKey(dir.resolve("rsa.pem"),
                java.security.KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate());
        java.nio.file.Path missing = dir.resolve("ed25519-missing.pem");

        assertThat(run("--bounce-domain", "bounce.example.com", "--verp-keys", VerpKeyFiles.path(), "--dkim",
                "acme.example=rsa2026:" + rsa + ",ed2026:" + missing)).isEqualTo(2);
        assertThat(err.toString()).contains("dkim.acme.example.private-key").contains("ed25519-missing.pem");
    }

    @Test
    void unknownDeliveryModeShouldBeRefused() {
        assertThat(run("--bounce-domain", "bounce.example.com", "--verp-keys", VerpKeyFiles.path(), "--delivery-mode", "CARRIER_PIGEON")).isEqualTo(2);
        assertThat(err.toString()).contains("--delivery-mode");
    }

    @Test
    void sendingPoolsWithoutADefaultPoolShouldExitWith2NamingTheKey() {
        assertThat(run("--bounce-domain", "bounce.example.com", "--verp-keys", VerpKeyFiles.path(), "--sending-pool", "bulk=192.0.2.10,192.0.2.11")).isEqualTo(2);
        assertThat(err.toString()).contains("sending-pools.default");
    }

    @Test
    void aHostNameAsSourceAddressShouldExitWith2() {
        assertThat(run("--bounce-domain", "bounce.example.com", "--verp-keys", VerpKeyFiles.path(), "--sending-pool", "default=mail.example.com")).isEqualTo(2);
        assertThat(err.toString()).contains("sending-pools.default.addresses").contains("mail.example.com");
    }

    @Test
    void aSelectionForAnUnknownPoolShouldExitWith2() {
        assertThat(run("--bounce-domain", "bounce.example.com", "--verp-keys", VerpKeyFiles.path(), "--sending-pool", "default=192.0.2.10",
                "--sending-pool-selection", "warmup=LEAST_USED")).isEqualTo(2);
        assertThat(err.toString()).contains("sending-pools.warmup.selection");
    }

    @Test
    void aCircuitMinimumAboveItsWindowShouldExitWith2() {
        assertThat(run("--bounce-domain", "bounce.example.com", "--verp-keys", VerpKeyFiles.path(), "--circuit-window", "3", "--circuit-minimum-calls", "5")).isEqualTo(2);
        assertThat(err.toString()).contains("circuit.minimum-calls");
    }

    @Test
    void aTransactionTimeoutShorterThanTheReadTimeoutShouldExitWith2NamingTheKey() {
        assertThat(run("--bounce-domain", "bounce.example.com", "--verp-keys", VerpKeyFiles.path(),
                "--smtp-transaction-timeout", "PT10S")).isEqualTo(2);
        assertThat(err.toString()).contains("smtp.transaction-timeout").contains("smtp.read-timeout");
    }

    @Test
    void anUnreadableMtaStsTrustStoreShouldExitWith2NamingTheKey() {
        assertThat(run("--bounce-domain", "bounce.example.com", "--verp-keys", VerpKeyFiles.path(), "--delivery-mode", "DIRECT_MX",
                "--mta-sts-trusted-ca", "/nonexistent/ca.pem")).isEqualTo(2);
        assertThat(err.toString()).contains("mta-sts.trusted-ca").contains("/nonexistent/ca.pem");
    }
}
