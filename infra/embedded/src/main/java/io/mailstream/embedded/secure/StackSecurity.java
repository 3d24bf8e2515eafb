package io.mailstream.embedded.secure;

import io.mailstream.embedded.registry.RegistryServerSecurity;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import io.mailstream.schemas.registry.RegistrySecurity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may use the secured local stack and how: a SASL_SSL client listener (SCRAM-SHA-512) with
 * one user per service and an admin (the stack's own provisioning; a super user), TLS from a
 * throw-away CA ({@link LocalCertificateAuthority}), the controller listener on mutual TLS (its
 * only client is the broker itself, by certificate), Kafka's StandardAuthorizer, and the registry
 * on HTTPS with basic auth for the same users.
 *
 * @param admin    the stack's own user, super user of the broker and the registry
 * @param users    every user name with its password, {@code admin} included
 * @param tls      the stores the broker, the registry and the clients use
 */
public record StackSecurity(String admin, Map<String, String> users, LocalCertificateAuthority.TlsFiles tls) {
    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String DEFAULT_ADMIN = "mailstream-admin";

    public StackSecurity {
        users = Map.copyOf(users);
        if (!users.containsKey(admin)) {
            throw new IllegalArgumentException("the admin user " + admin + " needs a password in users");
        }
        users.keySet().forEach(StackSecurity::checkName);
    }

    /** New certificates in {@code dir} and a random password for the admin and each of {@code serviceUsers}. */
    public static StackSecurity generate(Path dir, Collection<String> serviceUsers) {
        Map<String, String> users = new LinkedHashMap<>();
        users.put(DEFAULT_ADMIN, Passwords.random());
        serviceUsers.forEach(u -> users.put(u, Passwords.random()));
        return new StackSecurity(DEFAULT_ADMIN, users, LocalCertificateAuthority.issue(dir));
    }

    /** The broker properties of the secured listeners (they replace the plaintext ones). */
    public Map<String, String> brokerProperties(int brokerPort, int controllerPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("listeners", "SASL_SSL://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
        p.put("advertised.listeners", "SASL_SSL://localhost:" + brokerPort);
        p.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:SSL");
        p.put("inter.broker.listener.name", "SASL_SSL");
        p.put("sasl.enabled.mechanisms", MECHANISM);
        p.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config", jaas(admin));
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.location", tls.keyStore().toString());
        p.put("ssl.keystore.password", tls.password());
        p.put("ssl.key.password", tls.password());
        p.put("ssl.truststore.type", "PKCS12");
        p.put("ssl.truststore.location", tls.trustStore().toString());
        p.put("ssl.truststore.password", tls.password());
        // Only the broker's own certificate may speak to its controller: the controller listener is no side door.
        p.put("listener.name.controller.ssl.client.auth", "required");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + admin + ";User:" + LocalCertificateAuthority.HOST_SUBJECT);
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    /** {@code kafka-storage format} arguments that store every user's SCRAM credential before the first start. */
    public List<String> formatArguments() {
        List<String> args = new ArrayList<>();
        users.forEach((name, password) -> {
            args.add("--add-scram");
            args.add(MECHANISM + "=[name=" + name + ",password=" + password + "]");
        });
        return args;
    }

    /** The client settings of {@code user}: Kafka (SASL_SSL, SCRAM) and the registry (basic auth, the CA), in one file's worth. */
    public KafkaClientSettings clientSettings(String user) {
        String password = Optional.ofNullable(users.get(user))
                .orElseThrow(() -> new IllegalArgumentException("no such user in the secured stack: " + user));
        Map<String, String> s = new LinkedHashMap<>();
        s.put("security.protocol", "SASL_SSL");
        s.put("sasl.mechanism", MECHANISM);
        s.put("sasl.jaas.config", jaas(user, password));
        s.put("ssl.truststore.type", "PKCS12");
        s.put("ssl.truststore.location", tls.trustStore().toString());
        s.put("ssl.truststore.password", tls.password());
        s.put(RegistrySecurity.BASIC_SOURCE, "USER_INFO");
        s.put(RegistrySecurity.BASIC_USER_INFO, user + ":" + password);
        s.put(RegistrySecurity.TRUSTSTORE_TYPE, "PKCS12");
        s.put(RegistrySecurity.TRUSTSTORE_LOCATION, tls.trustStore().toString());
        s.put(RegistrySecurity.TRUSTSTORE_PASSWORD, tls.password());
        return new KafkaClientSettings(s, Optional.empty());
    }

    /** The registry's HTTPS certificate and its basic-auth users: the same users and passwords as Kafka's. */
    public RegistryServerSecurity registryServer() {
        try (InputStream in = Files.newInputStream(tls.keyStore())) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, tls.password().toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, tls.password().toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return new RegistryServerSecurity(context, users);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + tls.keyStore(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not load " + tls.keyStore() + ": " + e.getMessage(), e);
        }
    }

    public KafkaClientSettings adminSettings() {
        return clientSettings(admin);
    }

    private String jaas(String user) {
        return jaas(user, users.get(user));
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                + password + "\";";
    }

    private static void checkName(String name) {
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("user name '" + name + "' must be 1-64 of [A-Za-z0-9._-]");
        }
    }

    @Override
    public String toString() {
        return "StackSecurity[admin=" + admin + ", users=" + users.keySet() + "]";
    }
}
