package io.mailstream.schemas.http;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * TLS for a public HTTP endpoint (the transactional API, the one-click unsubscribe pages): the
 * server's key and certificate chain in a key store. The password comes from a file or the
 * environment, never from the command line ({@link #fromOptions}). The store is loaded once, at
 * construction, so a wrong path, password or a store without a key fails at start, naming the option.
 *
 * @param keyStore the PKCS12 (or JKS) file with one private key entry and its chain
 * @param type     {@code PKCS12} or {@code JKS}
 */
public record ServerTls(Path keyStore, String type, SSLContext context) {
    public static final String PASSWORD_ENV = "MAILSTREAM_TLS_KEYSTORE_PASSWORD";

    public ServerTls {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(context, "context");
    }

    /** Loads {@code keyStore} with {@code password}; @throws IllegalArgumentException naming {@code option} and what to fix */
    public static ServerTls load(String option, Path keyStore, char[] password) {
        if (!Files.isReadable(keyStore)) {
            throw new IllegalArgumentException(option + ": cannot read the key store " + keyStore);
        }
        String type = keyStore.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password);
            boolean hasKey = false;
            for (String alias : Collections.list(store.aliases())) {
                hasKey |= store.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw new IllegalArgumentException(option + ": " + keyStore + " holds no private key entry (a server "
                        + "certificate with its key is needed, e.g. openssl pkcs12 -export -in cert.pem -inkey key.pem)");
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return new ServerTls(keyStore, type, context);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot load " + keyStore + " as " + type + " (wrong password, or "
                    + "not a key store): " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(option + ": " + keyStore + " is not usable for TLS: " + e.getMessage(), e);
        }
    }

    /**
     * TLS from command-line options: none without {@code keyStore}; else its password from
     * {@code passwordFile} (first line) or, without one, from {@value #PASSWORD_ENV} in {@code env}.
     */
    public static Optional<ServerTls> fromOptions(String option, Path keyStore, Path passwordFile, Map<String, String> env) {
        if (keyStore == null) {
            if (passwordFile != null) {
                throw new IllegalArgumentException(option + "-password-file is given without " + option);
            }
            return Optional.empty();
        }
        String password;
        if (passwordFile != null) {
            try {
                password = Files.readString(passwordFile, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            } catch (IOException e) {
                throw new IllegalArgumentException(option + "-password-file: cannot read " + passwordFile, e);
            }
        } else {
            password = env.get(PASSWORD_ENV);
            if (password == null) {
                throw new IllegalArgumentException(option + " needs its password in " + option + "-password-file FILE or in $"
                        + PASSWORD_ENV + " (never on the command line)");
            }
        }
        return Optional.of(load(option, keyStore, password.toCharArray()));
    }

    /** An HTTPS server with this context on {@code address}. */
    public HttpServer createServer(InetSocketAddress address) throws IOException {
        HttpsServer https = HttpsServer.create(address, 0);
        https.setHttpsConfigurator(new HttpsConfigurator(context));
        return https;
    }

    /** HTTPS with {@code tls}, plain HTTP without it. */
    public static HttpServer create(InetSocketAddress address, Optional<ServerTls> tls) throws IOException {
        return tls.isPresent() ? tls.get().createServer(address) : HttpServer.create(address, 0);
    }

    @Override
    public String toString() {
        return "ServerTls[" + keyStore + ", " + type + "]";
    }
}
