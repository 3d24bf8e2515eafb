package io.mailstream.embedded.kafka.internal;

import io.mailstream.embedded.kafka.EmbeddedKafkaException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats a KRaft log directory with Kafka's own {@code StorageTool}, as {@code kafka-storage.sh
 * format} does. A directory formatted before keeps its cluster id: {@code --ignore-formatted} still
 * refuses a different one.
 */
public final class StorageFormatter {
    private static final Logger LOG = LoggerFactory.getLogger(StorageFormatter.class);

    private StorageFormatter() {
    }

    /** Formats {@code logDir} if needed and returns the cluster id in use. */
    public static String format(Path logDir, Map<String, String> brokerProperties) {
        return format(logDir, brokerProperties, java.util.List.of());
    }

    /** @param extraArguments more {@code kafka-storage format} arguments, e.g. {@code --add-scram} credentials */
    public static String format(Path logDir, Map<String, String> brokerProperties, java.util.List<String> extraArguments) {
        String clusterId = existingClusterId(logDir).orElseGet(() -> Uuid.randomUuid().toString());
        Path configFile = logDir.resolveSibling(logDir.getFileName() + "-format.properties");
        try {
            Files.createDirectories(logDir);
            Properties props = new Properties();
            props.putAll(brokerProperties);
            ownerOnly(configFile); // it may hold the listeners' passwords until it is deleted below
            try (Writer w = Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
                props.store(w, "mailstream embedded broker");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code;
            try (PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8)) {
                java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                        "format", "-t", clusterId, "-c", configFile.toString(), "--ignore-formatted"));
                args.addAll(extraArguments);
                code = StorageTool.execute(args.toArray(String[]::new), ps);
            }
            String output = out.toString(StandardCharsets.UTF_8).strip();
            if (code != 0) {
                throw EmbeddedKafkaException.formatFailed(logDir, code, output);
            }
            LOG.debug("Formatted {}: {}", logDir, output);
            return clusterId;
        } catch (IOException e) {
            throw EmbeddedKafkaException.io(logDir, "could not write the format config", e);
        } finally {
            try {
                Files.deleteIfExists(configFile);
            } catch (IOException e) {
                LOG.debug("Could not delete {}", configFile, e);
            }
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }

    static Optional<String> existingClusterId(Path logDir) {
        Path meta = logDir.resolve("meta.properties");
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(meta, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw EmbeddedKafkaException.io(logDir, "could not read meta.properties", e);
        }
        return Optional.ofNullable(p.getProperty("cluster.id")).filter(s -> !s.isBlank());
    }
}
