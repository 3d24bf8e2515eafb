package io.mailstream.bounces.parse;

import io.mailstream.bounces.classify.DiagnosticText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads recipients and diagnostics from bounces that are not RFC 3464 reports (qmail, Exchange,
 * Sendmail/Postfix text, webmail vendors ...) with general rules: addresses in the explanatory
 * text that are not the bounce's own parties, {@code X-Failed-Recipients} (Exim), and failing
 * those the recipients of the returned message. Each recipient's diagnostic is the text from its
 * address to the next recipient's; the whole explanation is kept as fallback.
 */
public final class TextBounceReader {
    private static final int SEGMENT_CHARS = 2000;
    private static final int FALLBACK_CHARS = 4000;

    private TextBounceReader() {
    }

    /** The explanatory text of the bounce: its text parts up to the quoted original. */
    public static String explanation(MessageParts parts, int maxChars) {
        StringBuilder sb = new StringBuilder();
        for (String t : parts.texts()) {
            if (sb.length() >= maxChars) {
                break;
            }
            sb.append(ReturnedTextCutter.cut(t, parts.originalHeaders().isEmpty())).append('\n');
        }
        return sb.length() > maxChars ? sb.substring(0, maxChars) : sb.toString();
    }

    public static List<RecipientEvidence> read(MessageParts parts, int maxRecipients, List<String> problems) {
        String text = FoldedAddresses.join(explanation(parts, 64 * 1024));
        Set<String> excluded = parties(parts);
        Map<String, Integer> firstSeen = new LinkedHashMap<>();
        for (String failed : parts.headers().all("x-failed-recipients")) {
            for (String a : failed.split(",")) {
                Optional<String> addr = Addresses.first(a);
                if (addr.isPresent()) {
                    firstSeen.putIfAbsent(addr.get(), positionOf(text, addr.get()));
                }
            }
        }
        if (firstSeen.isEmpty()) {
            List<Integer> addressLines = new ArrayList<>();
            for (MarkedRecipients.Mark m : MarkedRecipients.find(text, excluded)) {
                firstSeen.putIfAbsent(m.address(), m.start());
                if (m.kind() == MarkedRecipients.Kind.LINE_START) {
                    addressLines.add(m.start());
                }
            }
            // the same list may name other failed recipients by their local name alone (GroupWise)
            for (NamedRecipients.Named n : NamedRecipients.inMarkedBlocks(text, addressLines,
                    () -> parts.originalHeaders().isEmpty() ? quotedHeaders(parts) : parts.originalHeaders(), excluded,
                    firstSeen.keySet())) {
                firstSeen.putIfAbsent(n.address(), n.lineStart());
            }
            if (!firstSeen.isEmpty() && parts.originalHeaders().isEmpty()) {
                // the sender of a returned copy quoted inline is no recipient, even where the report's words
                // seem to mark it ("Sorry <sender>. Your mail ... could not be delivered", AOL's AirMail:
                // BounceParser's p_aol_senderblock drops that address)
                firstSeen.keySet().removeIf(a -> onASenderLine(parts, a));
            }
        }
        if (firstSeen.isEmpty()) {
            // a bounce a person forwarded: the report sits under the forward heading the cut stopped at;
            // read it as the report, without the forwarder's and the quoted header block's own addresses
            Optional<ForwardedBounce.Forwarded> forwarded = ForwardedBounce.find(parts);
            if (forwarded.isPresent()) {
                Set<String> without = new LinkedHashSet<>(excluded);
                without.addAll(forwarded.get().parties());
                String report = FoldedAddresses.join(forwarded.get().text());
                for (MarkedRecipients.Mark m : MarkedRecipients.find(report, without)) {
                    firstSeen.putIfAbsent(m.address(), m.start());
                }
                if (!firstSeen.isEmpty()) {
                    text = report;
                }
            }
        }
        if (firstSeen.isEmpty()) {
            // a report forwarded or quoted as text below the cut still names its recipient in a
            // Final-Recipient field (RFC 3464 §2.3.2): the one field of the quoted part that is read
            for (String t : parts.texts()) {
                for (MarkedRecipients.Mark m : MarkedRecipients.fields(t, excluded)) {
                    firstSeen.putIfAbsent(m.address(), -1);
                }
            }
        }
        if (firstSeen.isEmpty()) {
            // some MTAs write the report's recipient fields (RFC 3464 §2.3.1-2.3.2) into the bounce's
            // own header instead of a delivery-status part: read there before guessing from the text
            for (String field : List.of("final-recipient", "original-recipient", "x-actual-recipient")) {
                for (String v : parts.headers().all(field)) {
                    Optional<String> addr = Addresses.first(v.substring(v.indexOf(';') + 1));
                    if (addr.isPresent() && !excluded.contains(addr.get()) && !Addresses.isMailSystem(addr.get())) {
                        firstSeen.putIfAbsent(addr.get(), -1);
                    }
                }
                if (!firstSeen.isEmpty()) {
                    break;
                }
            }
        }
        if (firstSeen.isEmpty()) {
            // a report that names the recipient by its local or display name only (GroupWise, AOL,
            // CompuServe, Exchange 5.5): the one returned recipient so named
            HeaderFields returned = parts.originalHeaders().isEmpty() ? quotedHeaders(parts) : parts.originalHeaders();
            NamedRecipients.findAll(text, returned, excluded).forEach(a -> firstSeen.put(a, -1));
            if (firstSeen.isEmpty()) {
                // an X.400 gateway's report names the recipient by its O/R address (/G=Anne/S=Marie/...)
                X400Names.find(text, returned, excluded).ifPresent(a -> firstSeen.put(a, -1));
            }
        }
        if (firstSeen.isEmpty() && returnedRecipients(parts, Set.of()).isEmpty()) {
            // names listed without a domain and no returned copy to complete them (AOL's screen names, Yale's
            // local names): the mailboxes are at the reporting system's domain
            Optional<String> from = parts.headers().first("from").flatMap(Addresses::first);
            for (String a : ReportingDomainNames.find(text, from)) {
                if (!excluded.contains(a)) {
                    firstSeen.putIfAbsent(a, -1);
                }
            }
        }
        if (firstSeen.isEmpty()) {
            List<String> returnedRecipients = returnedRecipients(parts, excluded);
            // the returned message's senders also where its header is quoted inline below the report, read only
            // here, where no earlier tier found an address (AOL's AirMail opens with "Sorry <sender>. Your mail to
            // the following recipients could not be delivered ...": BounceParser's p_aol_senderblock drops that
            // address, its _extract_reports one after "A message sent by")
            Set<String> senders = senders(parts);
            Map<String, Integer> unmarked = new LinkedHashMap<>();
            for (Addresses.Found f : Addresses.findAll(text)) {
                if (!excluded.contains(f.address()) && !senders.contains(f.address()) && !Addresses.isMailSystem(f.address())
                        && !looksLikeMessageId(text, f.start()) && !isSenderLabelled(text, f.start())
                        && !MarkedRecipients.asksToWriteTo(text, f) && !MarkedRecipients.calledTheSender(text, f)) {
                    unmarked.putIfAbsent(f.address(), f.start());
                }
            }
            // of the addresses the text names without marking any, those the returned message was
            // sent to are the likely failures; the rest (help desks, forwarders, hosts' admins) are kept
            // only when none of them was
            if (unmarked.keySet().stream().anyMatch(returnedRecipients::contains)) {
                unmarked.keySet().retainAll(returnedRecipients);
            }
            firstSeen.putAll(unmarked);
        }
        if (firstSeen.isEmpty()) {
            // a report whose text names nobody may still say whom in its subject ("Undeliverable:
            // nobody@example.org", "Delivery failure to nobody@example.org"), marked as in the text
            for (String subject : parts.headers().all("subject")) {
                for (MarkedRecipients.Mark m : MarkedRecipients.find(subject, excluded)) {
                    firstSeen.putIfAbsent(m.address(), -1);
                }
            }
        }
        if (firstSeen.isEmpty()) {
            // a bounce back to a local sender (qmail, Sendmail) names the bounce's own To as the
            // failed recipient: accept addresses excluded only for being the bounce's To / Cc
            Set<String> senders = senders(parts);
            for (Addresses.Found f : Addresses.findAll(text)) {
                if (!senders.contains(f.address()) && !Addresses.isMailSystem(f.address())
                        && !looksLikeMessageId(text, f.start()) && !MarkedRecipients.asksToWriteTo(text, f)
                        && !MarkedRecipients.calledTheSender(text, f)) {
                    firstSeen.putIfAbsent(f.address(), f.start());
                }
            }
        }
        if (firstSeen.isEmpty()) {
            // last resort, a report that names no address: the returned message's recipient, but
            // only when it had exactly one (of several, which failed is a guess, and a wrong guess
            // suppresses an innocent address)
            List<String> returnedRecipients = returnedRecipients(parts, excluded);
            if (returnedRecipients.size() == 1) {
                firstSeen.put(returnedRecipients.get(0), -1);
            } else {
                // sent to an undisclosed list (Bcc) or to several: the envelope recipient the last hop's
                // delivery wrote into the returned copy (Postfix local(8)'s X-Original-To and Delivered-To,
                // qmail's Delivered-To, Exim's Envelope-To, RFC 3798 §2.3's Original-Recipient), only when
                // they name exactly one address, and one of the To/Cc when there were several
                List<String> envelope = returnedEnvelopeRecipients(parts, excluded);
                if (envelope.size() == 1 && (returnedRecipients.isEmpty() || returnedRecipients.contains(envelope.get(0)))) {
                    firstSeen.put(envelope.get(0), -1);
                }
            }
        }
        String fallback = withoutHostTrailer(truncate(text, FALLBACK_CHARS));
        List<Map.Entry<String, Integer>> found = new ArrayList<>(firstSeen.entrySet());
        if (found.size() > maxRecipients) {
            problems.add(found.size() + " recipients found; kept the first " + maxRecipients);
            found = found.subList(0, maxRecipients);
        }
        List<RecipientEvidence> out = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            int start = found.get(i).getValue();
            String segment;
            if (found.size() == 1 || start < 0) {
                segment = fallback;
            } else {
                int lineStart = text.lastIndexOf('\n', start) + 1;
                int end = text.length();
                for (Map.Entry<String, Integer> other : found) {
                    int s = other.getValue();
                    if (s > start && s < end) {
                        end = text.lastIndexOf('\n', s) + 1;
                        if (end <= start) {
                            end = s;
                        }
                    }
                }
                segment = truncate(text.substring(lineStart, Math.max(lineStart, end)), SEGMENT_CHARS);
            }
            out.add(evidence(found.get(i).getKey(), segment, fallback));
        }
        return out;
    }

    /** The To and Cc addresses of the returned message (attached, or quoted in the text), without {@code excluded}. */
    private static List<String> returnedRecipients(MessageParts parts, Set<String> excluded) {
        HeaderFields returned = parts.originalHeaders().isEmpty() ? quotedHeaders(parts) : parts.originalHeaders();
        Set<String> out = new LinkedHashSet<>();
        for (String field : List.of("to", "cc")) {
            for (String v : returned.all(field)) {
                for (Addresses.Found f : Addresses.findAll(v)) {
                    if (!excluded.contains(f.address())) {
                        out.add(f.address());
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** The envelope recipient fields a delivery wrote into the returned message, without {@code excluded}. */
    private static List<String> returnedEnvelopeRecipients(MessageParts parts, Set<String> excluded) {
        HeaderFields returned = parts.originalHeaders().isEmpty() ? quotedHeaders(parts) : parts.originalHeaders();
        Set<String> out = new LinkedHashSet<>();
        for (String field : List.of("x-original-to", "delivered-to", "envelope-to", "x-envelope-to", "original-recipient")) {
            for (String v : returned.all(field)) {
                for (Addresses.Found f : Addresses.findAll(v)) {
                    if (!excluded.contains(f.address()) && !Addresses.isMailSystem(f.address())) {
                        out.add(f.address());
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** Labels of sender fields that reports copy into their explanation (the original's envelope and header). */
    private static final List<String> SENDER_LABELS = List.of("mail from:", "from:", "sender:", "reply-to:",
            "return-path:", "envelope-from:");

    /**
     * Whether the address at {@code start} is the value of a sender field written out in the
     * explanation ("MAIL FROM: s@example.com", "From: s@example.com" in a list of message details):
     * the sender is never the failed recipient.
     */
    static boolean isSenderLabelled(String text, int start) {
        int lineStart = text.lastIndexOf('\n', start - 1) + 1;
        String before = text.substring(lineStart, start).strip().toLowerCase(java.util.Locale.ROOT);
        if (before.endsWith("<")) {
            before = before.substring(0, before.length() - 1).strip();
        }
        for (String label : SENDER_LABELS) {
            if (before.endsWith(label) && (before.length() == label.length()
                    || !Character.isLetterOrDigit(before.charAt(before.length() - label.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    static RecipientEvidence evidence(String address, String rawSegment, String fallback) {
        String segment = withoutHostTrailer(rawSegment);
        String withoutAddress = segment.replace(address, " ");
        return new RecipientEvidence(address, Optional.empty(),
                DiagnosticText.findStatus(withoutAddress), DiagnosticText.findReplyCode(withoutAddress),
                segment.strip(), fallback, Optional.empty());
    }

    /**
     * The segment without two lines of report boilerplate that name a host and no reason:
     * qmail-remote's closing "Giving up on 192.0.2.1." (qmail-remote.c, after every permanent failure
     * of a remote host; Sisimai's Lhost::Qmail reads it only for the remote host's name), whose words
     * are no queue expiry, and the banner "Hi. This is the mail delivery agent at mx.example.net."
     * with which qmail and its clones open the report (qmail-send.c "This is the qmail-send program
     * at"; the clones Sisimai's Lhost::X4 recognises), whose words are no failing mailer.
     */
    static String withoutHostTrailer(String segment) {
        if (!segment.contains("Giving up on ") && !segment.contains("This is the ")) {
            return segment;
        }
        StringBuilder out = null;
        int copied = 0;
        for (int lineStart = 0; lineStart < segment.length(); ) {
            int nl = segment.indexOf('\n', lineStart);
            int lineEnd = nl < 0 ? segment.length() : nl;
            int first = lineStart;
            while (first < lineEnd && Character.isWhitespace(segment.charAt(first))) {
                first++;
            }
            char c = first < lineEnd ? segment.charAt(first) : ' ';
            if ((c == 'G' || c == 'T' || c == 'H') && namesOnlyAHost(segment.substring(first, lineEnd).strip())) {
                if (out == null) {
                    out = new StringBuilder(segment.length());
                }
                out.append(segment, copied, lineStart);
                copied = nl < 0 ? segment.length() : nl + 1;
            }
            lineStart = nl < 0 ? segment.length() : nl + 1;
        }
        return out == null ? segment : out.append(segment, copied, segment.length()).toString();
    }

    private static boolean namesOnlyAHost(String line) {
        if (line.startsWith("Giving up on ")) {
            String host = line.substring("Giving up on ".length());
            return host.indexOf(' ') < 0 && host.indexOf('.') > 0 && host.indexOf('.') < host.length() - 1;
        }
        String banner = line.startsWith("Hi. ") ? line.substring(4) : line;
        int at = banner.lastIndexOf(" at ");
        // the word after "at" is a host name (it has a dot before the closing full stop or colon)
        return banner.startsWith("This is the ") && at > 0 && banner.indexOf(' ', at + 4) < 0
                && (banner.endsWith(".") || banner.endsWith(":"))
                && banner.substring(at + 4, banner.length() - 1).indexOf('.') > 0;
    }

    private static int positionOf(String text, String address) {
        int i = text.toLowerCase(java.util.Locale.ROOT).indexOf(address);
        return i;
    }

    private static boolean looksLikeMessageId(String text, int start) {
        int from = Math.max(0, start - 16);
        String before = text.substring(from, start).toLowerCase(java.util.Locale.ROOT);
        return before.contains("message-id") || before.contains("message id") || before.contains("msgid");
    }

    /** Whether a text part has {@code address} on a sender field's line ("From: ...", "Return-Path: &lt;...&gt;"). */
    private static boolean onASenderLine(MessageParts parts, String address) {
        for (String t : parts.texts()) {
            for (int i = t.indexOf(address); i >= 0; i = t.indexOf(address, i + address.length())) {
                int lineStart = t.lastIndexOf('\n', i) + 1;
                String head = t.substring(lineStart, Math.min(i, lineStart + 16)).toLowerCase(java.util.Locale.ROOT);
                if (head.startsWith("from:") || head.startsWith("return-path:") || head.startsWith("sender:")
                        || head.startsWith("reply-to:")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Senders of the bounce and of the returned message, attached or quoted inline. */
    private static Set<String> senders(MessageParts parts) {
        Set<String> out = new LinkedHashSet<>();
        HeaderFields returned = parts.originalHeaders().isEmpty() ? quotedHeaders(parts) : parts.originalHeaders();
        for (String f : List.of("from", "return-path", "reply-to", "sender")) {
            for (String v : parts.headers().all(f)) {
                Addresses.findAll(v).forEach(a -> out.add(a.address()));
            }
            for (String v : returned.all(f)) {
                Addresses.findAll(v).forEach(a -> out.add(a.address()));
            }
        }
        return out;
    }

    /**
     * The header fields of a returned message quoted inline in the text (after "Unsent message
     * follows", "Original Message:" ...), for bounces that do not attach it as a MIME part.
     */
    static HeaderFields quotedHeaders(MessageParts parts) {
        for (String t : parts.texts()) {
            String cut = ReturnedTextCutter.cut(t);
            if (cut.length() >= t.length()) {
                continue;
            }
            String rest = t.substring(cut.length());
            int nl = rest.indexOf('\n');
            String first = nl < 0 ? rest : rest.substring(0, nl);
            if (first.indexOf(':') < 0 || first.strip().endsWith(":") || first.contains(" ") && !first.startsWith("Received")) {
                rest = nl < 0 ? "" : rest.substring(nl + 1); // the marker line itself
            }
            rest = rest.stripLeading();
            HeaderFields h = HeaderFields.parseBlock(rest);
            if (h.has("to") || h.has("cc")) {
                return h;
            }
        }
        return HeaderFields.empty();
    }

    /** The bounce's own sender and receiver and the returned message's sender: never the failed recipient. */
    static Set<String> parties(MessageParts parts) {
        Set<String> out = new LinkedHashSet<>();
        // X-Original-To / Delivered-To are left out: some MTAs (DragonFly, qmail) put the failed
        // recipient there, and where they name our own return path it is the To address anyway
        for (String f : List.of("from", "to", "cc", "return-path", "reply-to", "sender")) {
            for (String v : parts.headers().all(f)) {
                Addresses.findAll(v).forEach(a -> out.add(a.address()));
            }
        }
        for (String f : List.of("from", "return-path", "reply-to", "sender")) {
            for (String v : parts.originalHeaders().all(f)) {
                Addresses.findAll(v).forEach(a -> out.add(a.address()));
            }
        }
        return out;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
