package io.mailstream.cli.scaleout;

import io.mailstream.embedded.smtp.SinkTransaction;
import io.mailstream.schemas.address.EmailAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The bound a crash test holds repeats to: at each SIGKILL of a dispatcher, the SMTP transactions that
 * dispatcher had started (MAIL FROM before the kill, as the sink logged them, told apart by the EHLO
 * name each dispatcher gives) whose outcome was not yet durable in Kafka (no delivery event for the
 * message written before the kill). Each of those may be mailed again by the partition's next owner;
 * nothing else may.
 */
public final class KillWindows {
    private KillWindows() {
    }

    /**
     * A SIGKILL of the dispatcher that announces itself as {@code ehloName}, at {@code at} (taken once the
     * process was gone, so no transaction of it can start later).
     */
    public record Kill(String ehloName, Instant at) {
        public Kill {
            Objects.requireNonNull(ehloName, "ehloName");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * @param transactions     the sink's transaction log
     * @param kills            the dispatcher kills
     * @param messageIdOf      recipient address to message id (one message per recipient in these runs)
     * @param firstEventMillis message id to the timestamp of its first delivery event
     * @return transactions open at the kills whose outcome was not durable yet, summed over the kills
     */
    public static long inFlightAtKills(List<SinkTransaction> transactions, List<Kill> kills,
            Map<String, String> messageIdOf, Map<String, Long> firstEventMillis) {
        return perKill(transactions, kills, messageIdOf, firstEventMillis).stream().mapToLong(Long::longValue).sum();
    }

    /** As {@link #inFlightAtKills}, one count per kill, in the order of {@code kills}. */
    public static List<Long> perKill(List<SinkTransaction> transactions, List<Kill> kills,
            Map<String, String> messageIdOf, Map<String, Long> firstEventMillis) {
        List<Long> counts = new java.util.ArrayList<>();
        for (Kill kill : kills) {
            long open = 0;
            long killMillis = kill.at().toEpochMilli();
            // A dispatcher killed twice: its earlier process's transactions belong to the earlier kill.
            Instant since = kills.stream().filter(k -> k.ehloName().equalsIgnoreCase(kill.ehloName()) && k.at().isBefore(kill.at()))
                    .map(Kill::at).max(Instant::compareTo).orElse(Instant.MIN);
            for (SinkTransaction t : transactions) {
                if (!t.helo().equalsIgnoreCase(kill.ehloName()) || !t.started().isBefore(kill.at()) || t.started().isBefore(since)) {
                    continue;
                }
                if (t.recipients().isEmpty() && t.ended().isBefore(kill.at())) {
                    continue; // ended before the kill with nothing accepted: nothing of it can be mailed twice
                }
                if (!durableBefore(t.recipients(), killMillis, messageIdOf, firstEventMillis)) {
                    open++;
                }
            }
            counts.add(open);
        }
        return counts;
    }

    /** Whether every recipient of the transaction had its event written before the kill. */
    private static boolean durableBefore(List<EmailAddress> recipients, long killMillis, Map<String, String> messageIdOf,
            Map<String, Long> firstEventMillis) {
        if (recipients.isEmpty()) {
            return false; // its recipient was not accepted yet when the kill dropped it: open, whatever it was for
        }
        for (EmailAddress r : recipients) {
            String id = messageIdOf.get(r.asString());
            Long written = id == null ? null : firstEventMillis.get(id);
            if (written == null || written >= killMillis) {
                return false;
            }
        }
        return true;
    }
}
