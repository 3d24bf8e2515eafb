package io.mailstream.bounces.parse;

import io.mailstream.bounces.BounceKind;
import io.mailstream.bounces.BounceLimits;
import io.mailstream.bounces.DeliveryStatus;
import io.mailstream.bounces.DsnAction;
import io.mailstream.bounces.classify.DiagnosticText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads a received message into a {@link ParsedBounce}: an RFC 5965 feedback report, an RFC 3464
 * delivery status notification, an Amazon SES notification, a non-standard text bounce, or an
 * RFC 3834 automatic reply, tried in that order. Pure and thread-safe; MIME errors become
 * {@link BounceKind#UNPARSEABLE} results, they are not thrown.
 */
public final class BounceParser {
    private static final int FALLBACK_CHARS = 4000;

    private final BounceLimits limits;
    private final MimeReader mime;

    public BounceParser(BounceLimits limits) {
        this.limits = limits;
        this.mime = new MimeReader(limits);
    }

    /** Parses; {@code problems} receives what was skipped or could not be read. */
    public ParsedBounce parse(byte[] raw, List<String> problems) throws Exception {
        ParsedBounce parsed = read(raw, problems);
        // a verdict field in the bounce's own header (EZweb's X-SPASIGN; PowerMTA's category where the
        // report puts it there) speaks for every recipient that has none of its own
        Optional<ReportedVerdict> reportWide = parsed.kind() == BounceKind.DSN
                ? ReportedVerdict.in(parsed.parts().headers()) : Optional.empty();
        if (reportWide.isEmpty()) {
            return parsed;
        }
        List<RecipientEvidence> with = parsed.recipients().stream().map(e -> e.orVerdict(reportWide)).toList();
        return new ParsedBounce(parsed.kind(), parsed.reportingMta(), parsed.originalEnvelopeId(), with, parsed.parts());
    }

    private ParsedBounce read(byte[] raw, List<String> problems) throws Exception {
        MessageParts parts = mime.read(raw, problems);
        if (!parts.feedbackReports().isEmpty() || isComplaintForward(parts.headers())) {
            return result(BounceKind.FEEDBACK, parts, FeedbackReportReader.read(parts, limits.maxRecipients()));
        }
        if (!parts.deliveryStatus().isEmpty()) {
            ParsedBounce dsn = fromDeliveryStatus(parts, problems);
            if (!dsn.recipients().isEmpty()) {
                return dsn;
            }
            problems.add("delivery-status part names no recipient; read the text instead");
        }
        Optional<SesNotificationReader.Result> ses = SesNotificationReader.read(parts, limits.maxRecipients());
        if (ses.isPresent() && !ses.get().recipients().isEmpty()) {
            return result(ses.get().kind(), parts, ses.get().recipients());
        }
        boolean bounce = AutoReplies.looksLikeBounce(parts.headers());
        if (!bounce && (AutoReplies.isAutoReply(parts.headers())
                || AutoReplies.isAutomaticNotice(parts.headers(), parts.texts()))) {
            return autoReply(parts);
        }
        List<RecipientEvidence> fromText = TextBounceReader.read(parts, limits.maxRecipients(), problems);
        if (fromText.isEmpty()) {
            problems.add(bounce ? "bounce names no recipient that could be found"
                    : "neither a delivery report, a feedback report nor an auto-reply");
            return result(BounceKind.UNPARSEABLE, parts, List.of());
        }
        if (!bounce) {
            problems.add("not recognisably a bounce (sender, subject); recipients read from the text");
        }
        return result(BounceKind.DSN, parts, fromText);
    }

    /**
     * A complaint forwarded without an RFC 5965 report part, as Microsoft's JMRP sends them
     * ("complaint about message from 192.0.2.1", the complained-about message attached).
     */
    private static boolean isComplaintForward(HeaderFields headers) {
        return headers.first("subject").map(s -> s.strip().toLowerCase(java.util.Locale.ROOT))
                .filter(s -> s.startsWith("complaint about message from")).isPresent();
    }

    private ParsedBounce autoReply(MessageParts parts) {
        String from = parts.headers().first("from").flatMap(Addresses::first).orElse("");
        // an auto-reply's own words are its first text part: a second one is a disclaimer ("if you received this in
        // error, the address may not exist") or the first's HTML twin (Perl's Mail::DeliveryStatus::BounceParser,
        // CPAN, parse: "some vacation autoreplies are multipart/mixed, with an additional part containing a
        // pointless disclaimer ... so look at the first part")
        String text = parts.texts().isEmpty() ? "" : TextBounceReader.explanation(parts.withFirstTextOnly(), FALLBACK_CHARS);
        RecipientEvidence e = new RecipientEvidence(from, Optional.empty(), Optional.empty(), OptionalInt.empty(),
                "", text, Optional.empty());
        return result(BounceKind.AUTO_REPLY, parts, List.of(e));
    }

    private ParsedBounce fromDeliveryStatus(MessageParts parts, List<String> problems) {
        String explanation = TextBounceReader.explanation(parts, limits.maxPartChars());
        String fallback = explanation.length() > FALLBACK_CHARS ? explanation.substring(0, FALLBACK_CHARS) : explanation;
        Optional<String> reportingMta = Optional.empty();
        Optional<String> envid = Optional.empty();
        List<RecipientEvidence> out = new ArrayList<>();
        int dropped = 0;
        for (String body : parts.deliveryStatus()) {
            DeliveryStatusReader.Report report = DeliveryStatusReader.read(body, limits.maxRecipients() - out.size());
            dropped += report.droppedRecipients();
            HeaderFields pm = report.perMessage();
            if (reportingMta.isEmpty()) {
                reportingMta = pm.first("reporting-mta").map(DeliveryStatusReader::text);
            }
            if (envid.isEmpty()) {
                envid = pm.first("original-envelope-id").filter(s -> !s.isBlank());
            }
            Optional<ReportedVerdict> perMessageVerdict = ReportedVerdict.in(pm);
            for (HeaderFields r : report.recipients()) {
                out.add(recipient(r, fallback, parts.originalHeaders()).orVerdict(
                        ReportedVerdict.in(r).or(() -> perMessageVerdict)));
            }
            if (out.size() >= limits.maxRecipients()) {
                break;
            }
        }
        if (dropped > 0) {
            problems.add(dropped + " recipients beyond the limit of " + limits.maxRecipients() + " were dropped");
        }
        return new ParsedBounce(BounceKind.DSN, reportingMta, envid, out, parts);
    }

    private static RecipientEvidence recipient(HeaderFields r, String fallback, HeaderFields returned) {
        String address = DeliveryStatusReader.address(r.first("final-recipient"))
                .or(() -> DeliveryStatusReader.address(r.first("original-recipient")))
                .or(() -> DeliveryStatusReader.address(r.first("x-actual-recipient")))
                .map(a -> a.indexOf('@') > 0 ? a : withDomain(a, r, returned))
                .orElse("");
        String given = r.all("diagnostic-code").stream().map(DeliveryStatusReader::text)
                .reduce((a, b) -> a + " " + b).orElse("");
        // "Status: 4.0.0 (cat.example.net: host name lookup failure)": the comment explains; without
        // either, the explanation's line about this recipient does (OpenSMTPD, some Sendmails)
        String explained = given.isBlank() ? r.first("status").map(BounceParser::comment).orElse("") : given;
        String diagnostic = explained.isBlank() && !address.isEmpty() ? lineAbout(fallback, address) : explained;
        Optional<DeliveryStatus> status = r.first("status").flatMap(DeliveryStatus::parse)
                .or(() -> DiagnosticText.findStatus(diagnostic));
        // the remote server's own code in the diagnostic is more precise than the reporting MTA's
        // Status (which is often x.0.0, or 4.4.7 for "gave up" whatever the remote said)
        if (status.isPresent()) {
            Optional<DeliveryStatus> inText = DiagnosticText.findStatus(diagnostic);
            if (inText.isPresent() && inText.get().statusClass() == status.get().statusClass()) {
                status = inText;
            }
        }
        OptionalInt reply = DiagnosticText.findReplyCode(diagnostic);
        Optional<String> remoteMta = r.first("remote-mta").map(DeliveryStatusReader::text).filter(s -> !s.isBlank());
        return new RecipientEvidence(address, r.first("action").flatMap(DsnAction::parse), status, reply,
                diagnostic, fallback, remoteMta, Optional.empty(), diagnosticType(r));
    }

    /** The Diagnostic-Code's type; of several codes, a local mailer's (X-Unix) is the one that adds evidence. */
    private static Optional<String> diagnosticType(HeaderFields r) {
        List<String> types = r.all("diagnostic-code").stream().map(DeliveryStatusReader::type)
                .filter(t -> !t.isEmpty()).toList();
        return types.contains("X-UNIX") ? Optional.of("X-UNIX") : types.stream().findFirst();
    }

    /**
     * A recipient written without its domain ("Final-Recipient: LOCAL; nobody", "rfc822; nobody":
     * RFC 3464 §2.3.2 allows address types other than rfc822, and local deliveries write the user
     * name) is completed from the Original-Recipient, else from the one To/Cc address of the
     * returned message with that local part; if neither names it, it stays as written.
     */
    private static String withDomain(String local, HeaderFields r, HeaderFields returned) {
        // an address of another type than rfc822 ("X400; c=US;a= ;p=Org;o=Site;s=Nobody;", which Exchange
        // 5.5/2000 write when the recipient resolved to an X.400 mailbox; RFC 3464 §2.3.2 allows any
        // address type): the Original-Recipient is the address the sender gave in RCPT TO (RFC 3461 §4.2)
        if (!DeliveryStatusReader.type(r.first("final-recipient").orElse("")).equals("RFC822")
                && local.indexOf(';') >= 0) {
            Optional<String> given = DeliveryStatusReader.address(r.first("original-recipient"))
                    .filter(a -> a.indexOf('@') > 0);
            if (given.isPresent()) {
                return given.get();
            }
        }
        String user = local.strip();
        Optional<String> original = DeliveryStatusReader.address(r.first("original-recipient"))
                .filter(a -> a.startsWith(user + "@"));
        if (original.isPresent()) {
            return original.get();
        }
        List<String> matching = new ArrayList<>();
        for (String field : List.of("to", "cc")) {
            for (String v : returned.all(field)) {
                for (Addresses.Found f : Addresses.findAll(v)) {
                    if (f.address().startsWith(user + "@") && !matching.contains(f.address())) {
                        matching.add(f.address());
                    }
                }
            }
        }
        if (matching.isEmpty() && local.indexOf('=') > 0) {
            // an X.400 O/R address and no Original-Recipient: the one returned recipient its personal name spells
            Optional<String> named = X400Names.find(local, returned, java.util.Set.of());
            if (named.isPresent()) {
                return named.get();
            }
        }
        return matching.size() == 1 ? matching.get(0) : local;
    }

    /** The explanation's paragraph naming {@code address}: from its line to the next blank line. */
    static String lineAbout(String text, String address) {
        int at = text.indexOf(address);
        if (at < 0) {
            at = text.toLowerCase(java.util.Locale.ROOT).indexOf(address);
        }
        if (at < 0) {
            return "";
        }
        int start = text.lastIndexOf('\n', at) + 1;
        int end = text.indexOf("\n\n", at);
        end = end < 0 ? text.length() : end;
        return text.substring(start, Math.min(end, start + 1000)).strip();
    }

    private static String comment(String statusValue) {
        int open = statusValue.indexOf('(');
        int close = statusValue.lastIndexOf(')');
        return open >= 0 && close > open ? statusValue.substring(open + 1, close).strip() : "";
    }

    private static ParsedBounce result(BounceKind kind, MessageParts parts, List<RecipientEvidence> recipients) {
        return new ParsedBounce(kind, Optional.empty(), Optional.empty(), recipients, parts);
    }
}
