package io.mailstream.schemas.registry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The CAs the registry client trusts instead of the JVM's ({@code schema.registry.ssl.truststore.*}),
 * e.g. a company CA or the secured embedded stack's. The password never appears in {@link #toString()}.
 *
 * @param location {@code schema.registry.ssl.truststore.location}
 * @param password {@code schema.registry.ssl.truststore.password}; empty for none
 * @param type     {@code schema.registry.ssl.truststore.type}: JKS (default) or PKCS12
 */
public record RegistryTrustStore(Path location, String password, String type) {
    public RegistryTrustStore {
        if (location == null) {
            throw new IllegalArgumentException("schema.registry.ssl.truststore.location is required");
        }
        password = password == null ? "" : password;
        type = type == null ? "JKS" : type;
        if (!type.equalsIgnoreCase("JKS") && !type.equalsIgnoreCase("PKCS12")) {
            throw new IllegalArgumentException("schema.registry.ssl.truststore.type must be JKS or PKCS12, was " + type);
        }
    }

    /** A TLS context trusting exactly this store's certificates. */
    public SSLContext sslContext() {
        try (InputStream in = Files.newInputStream(location)) {
            KeyStore store = KeyStore.getInstance(type.toUpperCase(java.util.Locale.ROOT));
            store.load(in, password.isEmpty() ? null : password.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls;
        } catch (IOException | GeneralSecurityException e) {
            throw new SchemaRegistryException("cannot load the schema registry trust store " + location + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); check schema.registry.ssl.truststore.location, .password and .type", e);
        }
    }

    @Override
    public String toString() {
        return "RegistryTrustStore[" + location + ", " + type + "]";
    }
}
