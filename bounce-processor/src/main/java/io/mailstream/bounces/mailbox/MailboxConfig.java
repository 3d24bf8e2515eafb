package io.mailstream.bounces.mailbox;

import io.mailstream.bounces.receive.ReceiverConfig;
import io.mailstream.bounces.topology.BounceConfigException;
import java.time.Duration;

/**
 * Where the bounce mailbox is and how it is polled; validated once, at start.
 *
 * @param maxMessageBytes a larger message is not downloaded: it is refused (flagged, counted) and left for an operator
 * @param maxRecordBytes  a stored message larger than this is shortened to fit the topic, as by the SMTP receiver
 * @param ackTimeout      how long a poll waits for Kafka to acknowledge one message before it stops and leaves the rest
 */
public record MailboxConfig(MailboxProtocol protocol, String host, int port, MailboxTls tls, String user,
                            MailboxPassword password, String folder, Duration pollInterval, AfterIngest after,
                            String processedFolder, int maxMessageBytes, int maxRecordBytes, int maxMessagesPerPoll,
                            Duration ackTimeout, Duration timeout) {
    /** The IMAP keyword of a message stored in Kafka (kept with {@link AfterIngest#FLAG} and on moved copies). */
    public static final String INGESTED_KEYWORD = "$MailstreamIngested";
    /** The IMAP keyword of a message refused (too large, unreadable): later polls skip it, an operator looks at it. */
    public static final String REFUSED_KEYWORD = "$MailstreamRefused";
    public static final String DEFAULT_FOLDER = "INBOX";
    public static final String DEFAULT_PROCESSED_FOLDER = "Processed";
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(1);
    public static final int DEFAULT_MAX_MESSAGES_PER_POLL = 500;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public MailboxConfig {
        require(protocol != null, "mailbox.protocol", "is missing");
        require(tls != null, "mailbox.tls", "is missing");
        require(host != null && !host.isBlank(), "mailbox.host", "is missing");
        require(port > 0 && port <= 65535, "mailbox.port", "must be 1..65535, was " + port);
        require(user != null && !user.isBlank(), "mailbox.user", "is missing");
        require(password != null, "mailbox.password", "is missing");
        require(folder != null && !folder.isBlank(), "mailbox.folder", "is missing");
        require(positive(pollInterval), "mailbox.pollInterval", "must be a positive duration, was " + pollInterval);
        require(after != null, "mailbox.after", "is missing");
        require(protocol == MailboxProtocol.IMAP || after == AfterIngest.DELETE, "mailbox.after",
                "POP3 has no flags or folders: only 'delete' is possible, was " + after);
        require(protocol == MailboxProtocol.IMAP || DEFAULT_FOLDER.equalsIgnoreCase(folder), "mailbox.folder",
                "POP3 has only INBOX, was " + folder);
        require(after != AfterIngest.MOVE || (processedFolder != null && !processedFolder.isBlank()
                && !processedFolder.equals(folder)), "mailbox.processedFolder", "must name a folder other than the polled one, was " + processedFolder);
        require(maxMessageBytes > 0, "mailbox.maxMessageBytes", "must be positive, was " + maxMessageBytes);
        require(maxRecordBytes >= 64 * 1024, "mailbox.maxRecordBytes", "must be at least 65536, was " + maxRecordBytes);
        require(maxMessagesPerPoll > 0, "mailbox.maxMessagesPerPoll", "must be positive, was " + maxMessagesPerPoll);
        require(positive(ackTimeout), "mailbox.ackTimeout", "must be a positive duration, was " + ackTimeout);
        require(positive(timeout), "mailbox.timeout", "must be a positive duration, was " + timeout);
    }

    /** A mailbox with every default: folder INBOX, polled each minute, messages deleted after acknowledgement. */
    public static MailboxConfig of(MailboxProtocol protocol, String host, int port, MailboxTls tls, String user, MailboxPassword password) {
        return new MailboxConfig(protocol, host, port, tls, user, password, DEFAULT_FOLDER, DEFAULT_POLL_INTERVAL,
                AfterIngest.DELETE, DEFAULT_PROCESSED_FOLDER, ReceiverConfig.DEFAULT_MAX_MESSAGE_BYTES,
                ReceiverConfig.DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_MESSAGES_PER_POLL, ReceiverConfig.DEFAULT_ACK_TIMEOUT,
                DEFAULT_TIMEOUT);
    }

    public MailboxConfig withFolder(String value) {
        return new MailboxConfig(protocol, host, port, tls, user, password, value, pollInterval, after, processedFolder,
                maxMessageBytes, maxRecordBytes, maxMessagesPerPoll, ackTimeout, timeout);
    }

    public MailboxConfig withAfter(AfterIngest value, String processed) {
        return new MailboxConfig(protocol, host, port, tls, user, password, folder, pollInterval, value, processed,
                maxMessageBytes, maxRecordBytes, maxMessagesPerPoll, ackTimeout, timeout);
    }

    public MailboxConfig withPollInterval(Duration value) {
        return new MailboxConfig(protocol, host, port, tls, user, password, folder, value, after, processedFolder,
                maxMessageBytes, maxRecordBytes, maxMessagesPerPoll, ackTimeout, timeout);
    }

    public MailboxConfig withMaxMessageBytes(int value) {
        return new MailboxConfig(protocol, host, port, tls, user, password, folder, pollInterval, after, processedFolder,
                value, maxRecordBytes, maxMessagesPerPoll, ackTimeout, timeout);
    }

    public MailboxConfig withAckTimeout(Duration value) {
        return new MailboxConfig(protocol, host, port, tls, user, password, folder, pollInterval, after, processedFolder,
                maxMessageBytes, maxRecordBytes, maxMessagesPerPoll, value, timeout);
    }

    /** What stored bounces carry as {@code source}: {@code imap:<user>@<host>/<folder>} or {@code pop3:<user>@<host>}. */
    public String source() {
        return protocol.label() + ":" + user + "@" + host + (protocol == MailboxProtocol.IMAP ? "/" + folder : "");
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    private static void require(boolean ok, String key, String reason) {
        if (!ok) {
            throw BounceConfigException.invalid(key, reason);
        }
    }
}
