package io.mailstream.cli.stack;

import io.mailstream.cli.acl.MailstreamService;
import io.mailstream.cli.acl.ServiceAcls;
import io.mailstream.embedded.secure.SecuredStackConfig;
import io.mailstream.embedded.secure.StackSecurity;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * The secured local stack as {@code mailstream stack --secure} and {@code demo --secure} run it: one
 * SCRAM user per service named after its principal in {@link ServiceAcls}, exactly the ACLs
 * {@code mailstream topics --print-acls} prints, and the registry running as its own user.
 */
public final class SecureStackSetup {
    private final ServiceAcls acls;
    private final StackSecurity security;

    private SecureStackSetup(ServiceAcls acls, StackSecurity security) {
        this.acls = acls;
        this.security = security;
    }

    /** New certificates and passwords in {@code dir} for the principals of {@code acls}. */
    public static SecureStackSetup generate(Path dir, ServiceAcls acls) {
        return new SecureStackSetup(acls, StackSecurity.generate(dir, acls.principals().values().stream()
                .map(SecureStackSetup::userName).toList()));
    }

    public SecuredStackConfig stackConfig() {
        return new SecuredStackConfig(security, acls.all(), user(MailstreamService.REGISTRY));
    }

    /** The SCRAM user a service runs as. */
    public String user(MailstreamService service) {
        return userName(acls.principals().get(service));
    }

    public KafkaClientSettings settings(MailstreamService service) {
        return security.clientSettings(user(service));
    }

    public StackSecurity security() {
        return security;
    }

    /**
     * Writes {@code <service>.properties} for every service into {@code dir}: a Kafka client properties file
     * with the registry's settings, for {@code --kafka-config} / {@code MAILSTREAM_KAFKA_CONFIG}. Readable by
     * the owner only, since it holds the service's password.
     */
    public Map<MailstreamService, Path> writeClientFiles(Path dir, String bootstrapServers, String registryUrl) {
        Map<MailstreamService, Path> files = new EnumMap<>(MailstreamService.class);
        try {
            Files.createDirectories(dir);
            for (MailstreamService service : MailstreamService.values()) {
                Properties p = new Properties();
                p.putAll(settings(service).entries());
                p.put("bootstrap.servers", bootstrapServers);
                p.put(KafkaClientSettings.REGISTRY_URL, registryUrl);
                Path file = dir.resolve(service.id() + ".properties");
                Files.deleteIfExists(file);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    p.store(w, "mailstream " + service.id() + " on the secured local stack (user " + user(service) + ")");
                }
                files.put(service, file);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the client properties files into " + dir, e);
        }
    }

    private static String userName(String principal) {
        if (!principal.startsWith("User:")) {
            throw new IllegalArgumentException("principal " + principal + " is not a User: principal; SCRAM users need one");
        }
        return principal.substring("User:".length());
    }
}
