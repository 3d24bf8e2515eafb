package io.mailstream.bounces.receive;

import io.mailstream.avro.RawBounce;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.InvalidAddressException;
import io.mailstream.schemas.verp.VerpCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;

/**
 * One mail transaction of the bounce receiver (RFC 5321 §3.3): refuses recipients the
 * {@link RecipientPolicy} does not accept with 550 (unsigned or badly signed return paths told to
 * the {@link ReceiverObserver}), defers a client over its messages per window with 451 at MAIL
 * FROM ({@link ClientLimits}), refuses messages over the size limit with 552,
 * and answers DATA with 250 only after the {@link RawBounceSink} acknowledged the bounce (451
 * otherwise, so the sending MTA keeps it and retries).
 */
final class BounceSession implements org.subethamail.smtp.MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(BounceSession.class);
    /**
     * An unsubscribe request by mail needs no more than its envelope; a reply quoting a whole
     * newsletter still fits. Larger ones get 552 rather than a place on the topic.
     */
    static final int MAX_UNSUBSCRIBE_BYTES = 512 * 1024;

    private final RecipientPolicy policy;
    private final ReceiverObserver observer;
    private final RawBounceSink sink;
    private final int maxMessageBytes;
    private final String remoteAddress;
    private final Clock clock;
    private final ClientLimiter limiter;
    private final DataDeadline deadline;
    private String from;
    private final List<EmailAddress> recipients = new ArrayList<>();

    BounceSession(RecipientPolicy policy, ReceiverObserver observer, RawBounceSink sink, int maxMessageBytes,
                  String remoteAddress, Clock clock, ClientLimiter limiter, DataDeadline deadline) {
        this.policy = policy;
        this.observer = observer;
        this.sink = sink;
        this.maxMessageBytes = maxMessageBytes;
        this.remoteAddress = remoteAddress;
        this.clock = clock;
        this.limiter = limiter;
        this.deadline = deadline;
    }

    @Override
    public void from(String reversePath) throws RejectException {
        if (!limiter.tryMessage(remoteAddress)) {
            observer.clientLimited(ReceiverObserver.ClientLimit.MESSAGES);
            LOG.info("Deferred a message from {}: over its messages per window", remoteAddress);
            throw new RejectException(451, "4.7.0 too many messages from " + remoteAddress + " for now, try again later");
        }
        from = reversePath == null ? "" : reversePath; // bounces come from the null path <> (RFC 5321 §4.5.5)
    }

    @Override
    public void recipient(String forwardPath) throws RejectException {
        EmailAddress address;
        try {
            address = EmailAddress.parse(forwardPath);
        } catch (InvalidAddressException e) {
            throw new RejectException(553, "5.1.3 <" + forwardPath + ">: bad recipient address syntax");
        }
        Optional<VerpCheck.Reason> refusal = policy.refusal(address);
        if (refusal.isPresent()) {
            observer.recipientRefused(refusal.get());
            if (refusal.get() == VerpCheck.Reason.NOT_VERP) {
                throw new RejectException(550, "5.7.1 <" + address.asString() + ">: relay access denied, not a bounce address");
            }
            LOG.info("Refused RCPT TO <{}> from {}: {} return path", address.asString(), remoteAddress, refusal.get());
            throw new RejectException(550, "5.7.1 <" + address.asString() + ">: not a return path we signed");
        }
        recipients.add(address);
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        boolean unsubscribeOnly = !recipients.isEmpty() && recipients.stream().allMatch(policy::isUnsubscribe);
        int limit = unsubscribeOnly ? Math.min(maxMessageBytes, MAX_UNSUBSCRIBE_BYTES) : maxMessageBytes;
        byte[] message = readAtMost(data, limit, deadline.start());
        if (message == null) {
            throw new RejectException(552, "5.3.4 " + (unsubscribeOnly ? "an unsubscribe request" : "message")
                    + " exceeds the size limit of " + limit + " bytes; nothing was stored");
        }
        String key = key();
        RawBounce bounce = RawBounce.newBuilder()
                .setReceivedAt(clock.instant())
                .setEnvelopeFrom(from)
                .setEnvelopeTo(recipients.stream().map(EmailAddress::asString).toList())
                .setRemoteAddress(remoteAddress)
                .setSource("smtp")
                .setMessage(ByteBuffer.wrap(message))
                .build();
        try {
            sink.store(key, bounce);
        } catch (RawBounceSinkException e) {
            LOG.warn("Bounce {} from {} deferred with 451: {}", key, remoteAddress, e.getMessage());
            throw new RejectException(451, "4.3.0 cannot store the message now, try again later");
        }
        return null;
    }

    @Override
    public void done() {
        recipients.clear();
    }

    /** The message id of the first VERP recipient, else the first recipient (feedback loops). */
    private String key() {
        for (EmailAddress r : recipients) {
            var id = policy.verpId(r);
            if (id.isPresent()) {
                return id.get();
            }
        }
        return recipients.isEmpty() ? "" : recipients.get(0).normalized();
    }

    /**
     * Reads the whole stream (so the session stays in sync) but keeps at most {@code limit} bytes;
     * null if over. A message still arriving at {@code deadline} ends the session with 421.
     * Byte by byte: the library's streams fill a whole buffer before returning, so a trickling
     * client would never reach the deadline check between buffers.
     */
    private byte[] readAtMost(InputStream in, int limit, DataDeadline.Running running) throws IOException, RejectException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 64 * 1024));
        long total = 0;
        int b;
        while ((b = in.read()) >= 0) {
            if (running.passed()) {
                LOG.info("Dropped the connection of {}: its message took longer than {} to arrive", remoteAddress, running.timeout());
                throw new DropConnectionException(421, "4.4.2 message not received within " + running.timeout().toSeconds()
                        + " s, closing connection; nothing was stored");
            }
            total++;
            if (total <= limit) {
                out.write(b);
            }
        }
        return total > limit ? null : out.toByteArray();
    }
}
