package io.mailstream.cli.standalone;

import io.mailstream.embedded.smtp.SinkTransaction;
import io.mailstream.schemas.address.EmailAddress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sink's per-transaction log ({@code mailstream sink --transaction-log FILE}): one line per mail
 * transaction, {@code startedMicros endedMicros accepted helo client recipient[,recipient...]}
 * separated by tabs, times in microseconds since the epoch on this machine's clock, which the
 * processes of a local run share. A crash test reads it back to count the transactions that were
 * open, per client, at the moment it killed one.
 */
public final class TransactionLogFile implements SinkTransaction.Listener, AutoCloseable {
    private final Path file;
    private final BufferedWriter out;

    private TransactionLogFile(Path file, BufferedWriter out) {
        this.file = file;
        this.out = out;
    }

    /** Creates (or empties) {@code file} for writing. */
    public static TransactionLogFile create(Path file) {
        try {
            return new TransactionLogFile(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the transaction log " + file, e);
        }
    }

    @Override
    public void ended(SinkTransaction t) {
        StringBuilder line = new StringBuilder(128)
                .append(micros(t.started())).append('\t')
                .append(micros(t.ended())).append('\t')
                .append(t.accepted() ? '1' : '0').append('\t')
                .append(clean(t.helo())).append('\t')
                .append(clean(t.client())).append('\t');
        for (int i = 0; i < t.recipients().size(); i++) {
            line.append(i == 0 ? "" : ",").append(t.recipients().get(i).asString());
        }
        line.append('\n');
        synchronized (this) {
            try {
                out.write(line.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to the transaction log " + file, e);
            }
        }
    }

    /** Makes what was logged so far readable by others. */
    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush the transaction log " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the transaction log " + file, e);
        }
    }

    /** Reads a log written by this class; a line cut short by a crash of the sink is left out. */
    public static List<SinkTransaction> read(Path file) {
        List<SinkTransaction> all = new ArrayList<>();
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.forEach(line -> {
                String[] f = line.split("\t", -1);
                if (f.length != 6) {
                    return;
                }
                List<EmailAddress> recipients = f[5].isEmpty() ? List.of()
                        : Arrays.stream(f[5].split(",")).map(EmailAddress::parse).toList();
                all.add(new SinkTransaction(f[3], f[4], instant(f[0]), instant(f[1]), recipients, f[2].equals("1")));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the transaction log " + file, e);
        }
        return all;
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    private static Instant instant(String micros) {
        return Instant.EPOCH.plus(Long.parseLong(micros), ChronoUnit.MICROS);
    }

    /** Tabs and line ends in a client-chosen EHLO name would break the line format. */
    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
