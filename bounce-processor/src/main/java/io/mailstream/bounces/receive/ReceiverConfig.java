package io.mailstream.bounces.receive;

import io.mailstream.bounces.topology.BounceConfigException;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.verp.SignedVerp;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * The bounce receiver's settings.
 *
 * @param bindAddress       interface to listen on ({@code 0.0.0.0} for all)
 * @param port              SMTP port; 0 picks a free one (tests)
 * @param hostName          the name announced in the greeting and EHLO reply
 * @param returnPaths       the bounce domain and the keys of its signed VERP addresses
 *                          ({@code bounces+<messageId>.<keyId>-<mac>@<bounce domain>}): only those are accepted
 * @param feedbackAddresses feedback-loop addresses (RFC 6449) also accepted, e.g. {@code fbl@bounce.example.com}
 * @param maxMessageBytes   larger messages are refused with 552 (RFC 5321 §4.5.3.1.10 / RFC 1870)
 * @param ackTimeout        how long DATA waits for Kafka to acknowledge the bounce before answering 451
 * @param maxConnections    concurrent SMTP sessions
 * @param tls               STARTTLS (RFC 3207) offered with this keystore, or not offered when empty
 * @param clientLimits      what one client IP may use: concurrent sessions, messages per window
 * @param dataTimeout       how long the message after DATA may take to arrive in all; a slower one gets 421 and
 *                          the connection is closed, nothing of it stored (each read also times out after 60 s)
 * @param maxRecordBytes    the largest record {@code mail.bounces.raw} takes (its {@code max.message.bytes}); a larger
 *                          bounce is stored shortened to fit, marked {@code X-Mailstream-Truncated}
 */
public record ReceiverConfig(String bindAddress, int port, String hostName, SignedVerp returnPaths,
                             Set<EmailAddress> feedbackAddresses, int maxMessageBytes, Duration ackTimeout,
                             int maxConnections, Optional<ReceiverTls> tls, ClientLimits clientLimits, Duration dataTimeout,
                             int maxRecordBytes) {

    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
    public static final int DEFAULT_PORT = 2525;
    public static final String DEFAULT_HOST_NAME = "localhost";
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_CONNECTIONS = 100;
    /** RFC 5321 §4.5.3.2.6 asks a server to wait 10 minutes for the end of the data; a trickle past that is an attack. */
    public static final Duration DEFAULT_DATA_TIMEOUT = Duration.ofMinutes(10);
    /** Under Kafka's default {@code max.message.bytes} (1 048 588) and {@code max.request.size} (1 048 576). */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1_000_000;

    public ReceiverConfig {
        if (bindAddress == null || bindAddress.isBlank()) {
            throw BounceConfigException.invalid("receiver.bindAddress", "is required");
        }
        if (port < 0 || port > 65535) {
            throw BounceConfigException.invalid("receiver.port", "must be 0..65535, was " + port);
        }
        if (hostName == null || hostName.isBlank()) {
            throw BounceConfigException.invalid("receiver.hostName", "is required");
        }
        if (returnPaths == null) {
            throw BounceConfigException.invalid("receiver.bounceDomain", "is required, with the VERP keys (receiver.verpKeys)");
        }
        feedbackAddresses = Set.copyOf(feedbackAddresses == null ? Set.of() : feedbackAddresses);
        if (maxMessageBytes < 1024) {
            throw BounceConfigException.invalid("receiver.maxMessageBytes", "must be at least 1024, was " + maxMessageBytes);
        }
        if (ackTimeout == null || ackTimeout.isNegative() || ackTimeout.isZero()) {
            throw BounceConfigException.invalid("receiver.ackTimeout", "must be a positive duration, was " + ackTimeout);
        }
        if (maxConnections < 1) {
            throw BounceConfigException.invalid("receiver.maxConnections", "must be at least 1, was " + maxConnections);
        }
        if (tls == null) {
            throw BounceConfigException.invalid("receiver.tls", "must be given or empty (Optional), was null");
        }
        if (clientLimits == null) {
            throw BounceConfigException.invalid("receiver.clientLimits", "is required (ClientLimits.DEFAULTS)");
        }
        if (dataTimeout == null || dataTimeout.isNegative() || dataTimeout.isZero()) {
            throw BounceConfigException.invalid("receiver.dataTimeout", "must be a positive duration, was " + dataTimeout);
        }
        if (maxRecordBytes < 64 * 1024) {
            throw BounceConfigException.invalid("receiver.maxRecordBytes", "must be at least 65536 (the topic's max.message.bytes), was "
                    + maxRecordBytes);
        }
    }

    /** With the default {@link ClientLimits}. */
    public ReceiverConfig(String bindAddress, int port, String hostName, SignedVerp returnPaths,
                          Set<EmailAddress> feedbackAddresses, int maxMessageBytes, Duration ackTimeout, int maxConnections,
                          Optional<ReceiverTls> tls) {
        this(bindAddress, port, hostName, returnPaths, feedbackAddresses, maxMessageBytes, ackTimeout, maxConnections, tls,
                ClientLimits.DEFAULTS, DEFAULT_DATA_TIMEOUT, DEFAULT_MAX_RECORD_BYTES);
    }

    /** Without STARTTLS. */
    public ReceiverConfig(String bindAddress, int port, String hostName, SignedVerp returnPaths,
                          Set<EmailAddress> feedbackAddresses, int maxMessageBytes, Duration ackTimeout, int maxConnections) {
        this(bindAddress, port, hostName, returnPaths, feedbackAddresses, maxMessageBytes, ackTimeout, maxConnections,
                Optional.empty());
    }

    /** Defaults for everything but the bounce domain and its keys. */
    public static ReceiverConfig of(SignedVerp returnPaths, int port) {
        return new ReceiverConfig(DEFAULT_BIND_ADDRESS, port, DEFAULT_HOST_NAME, returnPaths, Set.of(),
                DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_ACK_TIMEOUT, DEFAULT_MAX_CONNECTIONS);
    }

    /** The VERP domain. */
    public Domain bounceDomain() {
        return returnPaths.bounceDomain();
    }

    public ReceiverConfig withFeedbackAddresses(Set<EmailAddress> addresses) {
        return new ReceiverConfig(bindAddress, port, hostName, returnPaths, addresses, maxMessageBytes, ackTimeout, maxConnections, tls, clientLimits, dataTimeout, maxRecordBytes);
    }

    public ReceiverConfig withMaxMessageBytes(int bytes) {
        return new ReceiverConfig(bindAddress, port, hostName, returnPaths, feedbackAddresses, bytes, ackTimeout, maxConnections, tls, clientLimits, dataTimeout, maxRecordBytes);
    }

    public ReceiverConfig withTls(ReceiverTls t) {
        return new ReceiverConfig(bindAddress, port, hostName, returnPaths, feedbackAddresses, maxMessageBytes, ackTimeout,
                maxConnections, Optional.of(t), clientLimits, dataTimeout, maxRecordBytes);
    }

    public ReceiverConfig withAckTimeout(Duration timeout) {
        return new ReceiverConfig(bindAddress, port, hostName, returnPaths, feedbackAddresses, maxMessageBytes, timeout, maxConnections, tls, clientLimits, dataTimeout, maxRecordBytes);
    }

    public ReceiverConfig withClientLimits(ClientLimits limits) {
        return new ReceiverConfig(bindAddress, port, hostName, returnPaths, feedbackAddresses, maxMessageBytes, ackTimeout,
                maxConnections, tls, limits, dataTimeout, maxRecordBytes);
    }

    public ReceiverConfig withDataTimeout(Duration timeout) {
        return new ReceiverConfig(bindAddress, port, hostName, returnPaths, feedbackAddresses, maxMessageBytes, ackTimeout,
                maxConnections, tls, clientLimits, timeout, maxRecordBytes);
    }

    public ReceiverConfig withMaxRecordBytes(int bytes) {
        return new ReceiverConfig(bindAddress, port, hostName, returnPaths, feedbackAddresses, maxMessageBytes, ackTimeout,
                maxConnections, tls, clientLimits, dataTimeout, bytes);
    }
}
