package io.mailstream.embedded.smtp.internal;

import io.mailstream.embedded.smtp.ReceivedMessage;
import io.mailstream.embedded.smtp.SinkLatency;
import io.mailstream.embedded.smtp.SinkRule;
import io.mailstream.embedded.smtp.SinkTransaction;
import io.mailstream.embedded.smtp.SmtpReply;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.InvalidAddressException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/** One mail transaction on one connection: applies the rules, records what was accepted. */
public final class SinkSession implements MessageHandler {
    private final SinkLedger ledger;
    private final Supplier<List<SinkRule>> rules;
    private final Clock clock;
    private final SinkLatency latency;
    private final Supplier<String> helo;
    private final String client;
    private final SinkTransaction.Listener listener;
    private boolean inTransaction;
    private Instant started;
    private boolean accepted;
    private Optional<String> from = Optional.empty();
    private final List<EmailAddress> recipients = new ArrayList<>();

    /**
     * @param helo     the name the client gave in EHLO, read when a transaction ends (it may come after the session opened)
     * @param client   the client's address and port
     * @param listener told each transaction when it ends
     */
    public SinkSession(SinkLedger ledger, Supplier<List<SinkRule>> rules, Clock clock, SinkLatency latency,
                       Supplier<String> helo, String client, SinkTransaction.Listener listener) {
        this.ledger = ledger;
        this.rules = rules;
        this.clock = clock;
        this.latency = latency;
        this.helo = helo;
        this.client = client;
        this.listener = listener;
    }

    public SinkSession(SinkLedger ledger, Supplier<List<SinkRule>> rules, Clock clock, SinkLatency latency) {
        this(ledger, rules, clock, latency, () -> "", "", SinkTransaction.Listener.NONE);
    }

    public SinkSession(SinkLedger ledger, Supplier<List<SinkRule>> rules, Clock clock) {
        this(ledger, rules, clock, SinkLatency.NONE);
    }

    @Override
    public void from(String reversePath) throws RejectException {
        if (!inTransaction) {
            inTransaction = true;
            started = clock.instant();
            ledger.transactionStarted();
        }
        from = reversePath == null || reversePath.isEmpty() ? Optional.empty() : Optional.of(reversePath);
        pause(latency.command());
    }

    @Override
    public void recipient(String forwardPath) throws RejectException {
        pause(latency.command());
        EmailAddress address;
        try {
            address = EmailAddress.parse(forwardPath);
        } catch (InvalidAddressException e) {
            throw new RejectException(553, "5.1.3 <" + forwardPath + ">: bad recipient address syntax");
        }
        Optional<SinkRule> rule = ruleFor(address, SinkRule.Stage.RCPT);
        if (rule.isPresent()) {
            throw reject(rule.get().reply(), address.asString());
        }
        recipients.add(address);
    }

    @Override
    public String data(InputStream data) throws RejectException, IOException {
        // Unless messages are kept, the content is read to its end and dropped: no per-message copy.
        byte[] raw = ledger.keepsMessages() ? data.readAllBytes() : null;
        if (raw == null) {
            data.transferTo(OutputStream.nullOutputStream());
        }
        pause(latency.command().plus(latency.data()));
        for (EmailAddress r : recipients) {
            Optional<SinkRule> rule = ruleFor(r, SinkRule.Stage.DATA);
            if (rule.isPresent()) {
                throw reject(rule.get().reply(), r.asString());
            }
        }
        if (raw == null) {
            ledger.count(recipients);
        } else {
            ledger.accept(new ReceivedMessage(from, recipients, raw, clock.instant()));
        }
        accepted = true;
        return null;
    }

    @Override
    public void done() {
        if (inTransaction) {
            inTransaction = false;
            ledger.transactionEnded();
            listener.ended(new SinkTransaction(helo.get(), client, started, clock.instant(), recipients, accepted));
        }
        recipients.clear();
        accepted = false;
    }

    /** The modelled receiver's think time; the session's own virtual thread waits, nothing else. */
    private static void pause(Duration delay) throws RejectException {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DropConnectionException(421, "4.3.2 sink shutting down");
        }
    }

    private Optional<SinkRule> ruleFor(EmailAddress address, SinkRule.Stage stage) {
        for (SinkRule rule : rules.get()) {
            if (rule.stage() == stage && rule.domain().equals(address.domain())) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    private static RejectException reject(SmtpReply reply, String recipient) {
        String line = reply.enhancedCode() + " <" + recipient + ">: " + reply.text();
        // 421 means the server closes the channel (RFC 5321 §3.8), so the client must reconnect
        return reply.code() == 421 ? new DropConnectionException(421, line) : new RejectException(reply.code(), line);
    }
}
