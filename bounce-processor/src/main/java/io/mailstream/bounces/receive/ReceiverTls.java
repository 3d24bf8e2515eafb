package io.mailstream.bounces.receive;

import io.mailstream.bounces.topology.BounceConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * STARTTLS for the bounce receiver (RFC 3207): the server's certificate and key in a PKCS12
 * keystore, and whether clients must use it before {@code MAIL FROM}.
 *
 * @param keystore PKCS12 file holding one private key entry and its certificate chain
 * @param password the keystore's (and key's) password
 * @param required refuse mail from clients that did not start TLS (530, RFC 3207 §4); leave it off
 *                 unless every MTA that sends you bounces can do STARTTLS
 */
public record ReceiverTls(Path keystore, String password, boolean required) {
    public ReceiverTls {
        if (keystore == null) {
            throw BounceConfigException.invalid("receiver.tls.keystore", "is required to offer STARTTLS");
        }
        if (!Files.isReadable(keystore)) {
            throw BounceConfigException.invalid("receiver.tls.keystore", "cannot read " + keystore.toAbsolutePath()
                    + "; give the path of a PKCS12 file (e.g. made with keytool -genkeypair -storetype PKCS12)");
        }
        if (password == null) {
            throw BounceConfigException.invalid("receiver.tls.password", "is required with receiver.tls.keystore");
        }
    }

    /** The server-side TLS context; fails naming the key when the keystore cannot be opened. */
    SSLContext sslContext() {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password.toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw BounceConfigException.invalid("receiver.tls.keystore", "cannot load " + keystore.toAbsolutePath()
                    + " as PKCS12 with the given password: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "ReceiverTls[keystore=" + keystore + ", password=***, required=" + required + "]";
    }
}
