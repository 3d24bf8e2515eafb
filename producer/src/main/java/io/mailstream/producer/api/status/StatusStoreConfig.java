package io.mailstream.producer.api.status;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the API keeps the status of transactional messages.
 *
 * @param retention     how long a transactional message's status is answered after its latest event
 *                      (also the {@code retention.ms} the status topic should have)
 * @param stateDir      where this replica keeps its local copy (RocksDB); empty = a fresh temporary
 *                      folder per start, restored from {@code mail.transactional-status}
 * @param applicationId Kafka Streams application id, shared by every replica of one API deployment
 */
public record StatusStoreConfig(Duration retention, Optional<Path> stateDir, String applicationId) {
    public static final String DEFAULT_APPLICATION_ID = "mailstream-api-status";

    public StatusStoreConfig {
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(applicationId, "applicationId");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("statusRetention must be positive, was " + retention);
        }
    }
}
