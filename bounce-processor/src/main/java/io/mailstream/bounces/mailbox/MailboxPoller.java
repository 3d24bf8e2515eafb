package io.mailstream.bounces.mailbox;

import io.mailstream.bounces.mailbox.MailboxCounters.Outcome;
import io.mailstream.bounces.mailbox.internal.MailSessions;
import io.mailstream.bounces.receive.RawBounceSink;
import io.mailstream.bounces.receive.RawBounceSinkException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.StoreClosedException;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of the bounce mailbox, at least once: each message is stored through the
 * {@link RawBounceSink} (which returns only once Kafka acknowledged it), and only then deleted,
 * flagged or moved ({@link AfterIngest}). When Kafka does not acknowledge, the poll stops and
 * leaves that message and the rest untouched for the next one. A crash between the acknowledgement
 * and the mailbox update stores a message twice (the topology's outcome is the same), never zero
 * times. With POP3 the deletions take effect only when the poll ends cleanly (RFC 1939 §6, UPDATE
 * state), so a broken connection means repeats, not losses.
 *
 * <p>A message over {@link MailboxConfig#maxMessageBytes}, or one the server fails to hand over
 * {@value #MAX_READ_ATTEMPTS} times, is refused: counted, logged, flagged {@value
 * MailboxConfig#REFUSED_KEYWORD} (IMAP) and remembered, so no poll tries it again; it is left in
 * the mailbox for an operator. Not thread-safe: one poll at a time.
 */
public final class MailboxPoller {
    static final int MAX_READ_ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(MailboxPoller.class);

    private final MailboxConfig config;
    private final MailboxBounces bounces;
    private final RawBounceSink sink;
    private final MailboxCounters counters;
    private final Session session;
    /** UIDs refused in this process: the loop-breaker where keywords are not kept (POP3, some servers). */
    private final Set<String> refused = new HashSet<>();
    private final Map<String, Integer> readFailures = new HashMap<>();
    /** Whether this server keeps IMAP keywords; set on each poll. */
    private boolean keywordsKept;

    public MailboxPoller(MailboxConfig config, MailboxBounces bounces, RawBounceSink sink, MailboxCounters counters) {
        this.config = config;
        this.bounces = bounces;
        this.sink = sink;
        this.counters = counters;
        this.session = MailSessions.of(config.protocol(), config.tls(), config.timeout());
    }

    /** Polls once; throws {@link MailboxException} if the mailbox cannot be reached or read (nothing is lost). */
    public PollResult pollOnce() {
        try (Store store = session.getStore(config.protocol().storeName(config.tls()))) {
            store.connect(config.host(), config.port(), config.user(), config.password().reveal());
            Folder folder = store.getFolder(config.folder());
            if (!folder.exists()) {
                throw MailboxException.unsupported(config, "folder " + config.folder() + " does not exist");
            }
            Folder processed = config.after() == AfterIngest.MOVE ? processedFolder(store) : null;
            folder.open(Folder.READ_WRITE);
            checkKeywords(folder);
            try {
                return ingest(folder, processed);
            } finally {
                // expunges what was acknowledged and deleted (with any other \Deleted message: use a mailbox of its own);
                // for POP3 this QUIT is what deletes. FLAG deletes nothing, so it leaves others' \Deleted messages alone.
                folder.close(config.after() != AfterIngest.FLAG);
            }
        } catch (MessagingException e) {
            counters.failedPoll();
            throw MailboxException.unavailable(config, e);
        } catch (MailboxException e) {
            counters.failedPoll();
            throw e;
        }
    }

    private PollResult ingest(Folder folder, Folder processed) throws MessagingException {
        Message[] messages = folder.getMessages();
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.FLAGS);
        profile.add(FetchProfile.Item.SIZE);
        profile.add(UIDFolder.FetchProfileItem.UID);
        folder.fetch(messages, profile);
        int stored = 0;
        int refusedNow = 0;
        int deferred = 0;
        int looked = 0;
        for (int i = 0; i < messages.length && looked < config.maxMessagesPerPoll(); i++) {
            Message m = messages[i];
            String uid = uid(folder, m);
            if (alreadyHandled(m, uid)) {
                continue;
            }
            looked++;
            int size = m.getSize();
            if (size > config.maxMessageBytes()) {
                refuse(m, uid, Outcome.REFUSED_OVERSIZED, size + " bytes, over the limit of " + config.maxMessageBytes());
                refusedNow++;
                continue;
            }
            byte[] bytes;
            try {
                bytes = read(m);
            } catch (FolderClosedException | StoreClosedException e) {
                throw e; // the connection, not the message: the whole poll is retried
            } catch (MessagingException | IOException e) {
                int failures = readFailures.merge(uid, 1, Integer::sum);
                LOG.warn("Message {} of {} could not be read ({} of {} attempts): {}", uid, config.source(), failures,
                        MAX_READ_ATTEMPTS, e.getMessage());
                if (failures >= MAX_READ_ATTEMPTS) {
                    refuse(m, uid, Outcome.REFUSED_UNREADABLE, "the server failed to hand it over " + failures + " times");
                    refusedNow++;
                }
                continue;
            }
            if (bytes == null) {
                refuse(m, uid, Outcome.REFUSED_OVERSIZED, "over the limit of " + config.maxMessageBytes() + " bytes");
                refusedNow++;
                continue;
            }
            MailboxBounces.Keyed keyed = bounces.of(bytes, config.protocol().label() + ":" + uid);
            try {
                sink.store(keyed.key(), keyed.bounce());
            } catch (RawBounceSinkException e) {
                deferred = remaining(messages, i, folder);
                counters.add(Outcome.DEFERRED, deferred);
                LOG.warn("Kafka did not acknowledge a bounce from {}: {} message(s) left in the mailbox for the next poll ({})",
                        config.source(), deferred, e.getMessage());
                break;
            }
            readFailures.remove(uid);
            afterStored(folder, m, processed);
            counters.add(Outcome.STORED, 1);
            stored++;
        }
        if (stored + refusedNow + deferred > 0) {
            LOG.info("Polled {}: {} stored, {} refused, {} left for later", config.source(), stored, refusedNow, deferred);
        }
        return new PollResult(stored, refusedNow, deferred);
    }

    private boolean alreadyHandled(Message m, String uid) throws MessagingException {
        if (refused.contains(uid)) {
            return true;
        }
        if (config.protocol() == MailboxProtocol.POP3) {
            return false;
        }
        Flags flags = m.getFlags();
        return flags.contains(Flags.Flag.DELETED) || flags.contains(MailboxConfig.INGESTED_KEYWORD)
                || flags.contains(MailboxConfig.REFUSED_KEYWORD);
    }

    private int remaining(Message[] messages, int from, Folder folder) throws MessagingException {
        int n = 0;
        for (int j = from; j < messages.length; j++) {
            if (!alreadyHandled(messages[j], uid(folder, messages[j]))) {
                n++;
            }
        }
        return n;
    }

    private void afterStored(Folder folder, Message m, Folder processed) throws MessagingException {
        if (config.protocol() == MailboxProtocol.POP3) {
            m.setFlag(Flags.Flag.DELETED, true);
            return;
        }
        Flags done = new Flags(Flags.Flag.SEEN);
        switch (config.after()) {
            case DELETE -> {
                done.add(Flags.Flag.DELETED);
                m.setFlags(done, true);
            }
            case FLAG -> {
                done.add(MailboxConfig.INGESTED_KEYWORD);
                m.setFlags(done, true);
            }
            case MOVE -> {
                // flagged first: the copy carries the keyword, and a crash before the delete leaves a marked original
                done.add(MailboxConfig.INGESTED_KEYWORD);
                m.setFlags(done, true);
                folder.copyMessages(new Message[] {m}, processed);
                m.setFlag(Flags.Flag.DELETED, true);
            }
        }
    }

    private void refuse(Message m, String uid, Outcome why, String detail) throws MessagingException {
        refused.add(uid);
        readFailures.remove(uid);
        counters.add(why, 1);
        LOG.warn("Refused message {} of {}: {}; left in the mailbox{}", uid, config.source(), detail,
                config.protocol() == MailboxProtocol.IMAP ? " flagged " + MailboxConfig.REFUSED_KEYWORD : "");
        if (config.protocol() == MailboxProtocol.IMAP && keywordsKept) {
            m.setFlags(new Flags(MailboxConfig.REFUSED_KEYWORD), true);
        }
    }

    /** Keywords are optional in IMAP (PERMANENTFLAGS without {@code \*}): FLAG cannot work without them. */
    private void checkKeywords(Folder folder) {
        if (config.protocol() != MailboxProtocol.IMAP) {
            return;
        }
        keywordsKept = folder.getPermanentFlags().contains(Flags.Flag.USER);
        if (!keywordsKept && config.after() == AfterIngest.FLAG) {
            throw MailboxException.unsupported(config, "the server does not keep keywords (PERMANENTFLAGS without \\*): "
                    + "use --after delete or move");
        }
    }

    private Folder processedFolder(Store store) throws MessagingException {
        Folder processed = store.getFolder(config.processedFolder());
        if (!processed.exists()) {
            if (!processed.create(Folder.HOLDS_MESSAGES)) {
                throw MailboxException.unsupported(config, "cannot create the processed folder " + config.processedFolder());
            }
            LOG.info("Created the folder {} for processed bounces of {}", config.processedFolder(), config.source());
        }
        return processed;
    }

    private static String uid(Folder folder, Message m) throws MessagingException {
        if (folder instanceof UIDFolder imap) {
            return imap.getUIDValidity() + "." + imap.getUID(m);
        }
        if (folder instanceof org.eclipse.angus.mail.pop3.POP3Folder pop3) {
            String uidl = pop3.getUID(m);
            if (uidl != null) {
                return uidl;
            }
        }
        return "#" + m.getMessageNumber();
    }

    /** The raw message, or null once it passes the size limit (the server's SIZE may be missing or wrong). */
    private byte[] read(Message m) throws MessagingException, IOException {
        LimitedBuffer out = new LimitedBuffer(config.maxMessageBytes());
        try {
            m.writeTo(out);
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof LimitedBuffer.Exceeded) {
                return null;
            }
            throw e;
        }
        return out.toByteArray();
    }

    private static final class LimitedBuffer extends ByteArrayOutputStream {
        private final int limit;

        LimitedBuffer(int limit) {
            super(8192);
            this.limit = limit;
        }

        static final class Exceeded extends IOException {
            private static final long serialVersionUID = 1L;
        }

        @Override
        public synchronized void write(int b) {
            check(1);
            super.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            check(len);
            super.write(b, off, len);
        }

        private void check(int more) {
            if (count + (long) more > limit) {
                throw new java.io.UncheckedIOException(new Exceeded());
            }
        }
    }
}
