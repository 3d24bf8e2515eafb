package io.mailstream.bounces.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds the addresses a text bounce marks as the failed ones, by where they stand rather than by
 * which MTA wrote the report (issue 16). Each MTA lays its report out differently, but they mark
 * the failed recipient in a few ways only:
 *
 * <ul>
 *   <li><b>an address that opens its line</b>, alone or followed by the reason: qmail's
 *       "&lt;addr&gt;:" paragraphs (qmail-send.c), Courier's and Yahoo's legacy "&lt;addr&gt;:",
 *       Postfix's text report "&lt;addr&gt;: host ... said:" (bounce(8) templates), Sendmail's
 *       "addr... User unknown" and the lines under "----- The following addresses had permanent
 *       fatal errors -----" (savemail.c {@code errbody()}), Exim's indented lines under "The
 *       following address(es) failed:" (Exim spec, "Bounce messages"), Exchange 5.5/2003's
 *       "addr on 6/11/97 5:02 PM" under "The following recipient(s) could not be reached:"
 *       (Microsoft KB Q192349, Q166866), Exchange 2007's list under "Delivery has failed to
 *       these recipients or groups:", Domino/Lotus Notes' indented address under "was not
 *       delivered to:" and GroupWise's "addr (host not found)" under "The message that you sent
 *       was undeliverable to the following:" (how Sisimai's Lhost::Domino, Lhost::Notes,
 *       Lhost::Exchange2003 and Lhost::Qmail find their recipients: the line after the
 *       report's opening sentence);</li>
 *   <li><b>a labelled field</b> written out in the text: RFC 3464's Final-Recipient /
 *       Original-Recipient (§2.3.1–2.3.2) when a report or a forwarded report is quoted as text,
 *       Exim's X-Failed-Recipients, X.400 and Exchange "Recipient:" tables, and the same labels in
 *       German, French, Spanish, Italian, Portuguese, Dutch and Japanese reports; a value folded
 *       onto the next line is read there;</li>
 *   <li><b>the echo of the failed command</b>: "RCPT TO:&lt;addr&gt;" in a Sendmail or MDaemon
 *       transcript ("&gt;&gt;&gt; RCPT To:&lt;addr&gt;") or Exim's "SMTP error from remote mail
 *       server after RCPT TO:&lt;addr&gt;:";</li>
 *   <li><b>an address in a reply line</b> after its SMTP reply code ("&lt;&lt;&lt; 550 5.1.1
 *       &lt;addr&gt;... User unknown", "Remote host said: 550 &lt;addr&gt;: ..."), RFC 5321 §4.2;</li>
 *   <li><b>an address after a delivery phrase</b> on its line ("could not be delivered to addr",
 *       "Ihre Nachricht konnte nicht an addr zugestellt werden", "n'a pas pu être remis à addr").</li>
 * </ul>
 *
 * An address after "from" (the sender) or in a request to contact someone ("please contact
 * &lt;support@example.net&gt;") is never marked; callers also drop the bounce's own parties.
 */
final class MarkedRecipients {
    /** How far before an address the text of its line is read. */
    private static final int BEFORE_CHARS = 160;

    /**
     * Field labels whose value is the failed recipient. RFC 3464 field names, Exim's header,
     * and the recipient labels of Exchange/X.400 tables and of localised reports
     * ("Empfänger", "Destinataire", "Destinatario", "Destinatário", "Ontvanger", "宛先").
     */
    private static final List<String> LABELS = List.of(
            "final-recipient", "original-recipient", "x-failed-recipients", "x-failed-recipient",
            "failed recipient", "failed recipients", "failed address", "failed addresses",
            "invalid recipient", "unknown recipient", "bad recipient", "rejected recipient",
            "intended recipient", "original recipient", "undeliverable recipient", "undeliverable address",
            // Sun/Oracle Messaging Server: "Recipient address: final" then "Original address: ORCPT"
            "original address",
            "recipient address", "recipient", "recipients", "recipient(s)", "rcpt to", "envelope-to",
            "empfänger", "empfaenger", "empfängeradresse", "empfaengeradresse",
            "destinataire", "destinataires", "adresse du destinataire",
            "destinatario", "destinatarios", "destinatari", "destinatário", "destinatários",
            "ontvanger", "宛先", "宛先アドレス", "受信者",
            // Chinese, Korean, Russian, Polish, Scandinavian, Czech, Turkish, Finnish, Hungarian, Greek, Ukrainian,
            // Vietnamese, Indonesian words for "recipient" as report tables label it (issue 16's older set); no
            // public template was found for each language: the word itself, as a translated NDR uses it
            "收件人", "收件者", "收件人地址", "받는 사람", "받는사람", "수신자", "получатель", "адресат", "odbiorca",
            "adresat", "mottagare", "modtager", "mottaker", "příjemce", "alıcı", "vastaanottaja", "címzett",
            "παραλήπτης", "одержувач", "người nhận", "penerima", "送信先", "あて先");

    /**
     * Words of the sentence before an address that say it is the one mail could not reach, in
     * the languages bounces come in: English, German ("zugestellt", "Empfänger"), French
     * ("remis", "distribué", "destinataire"), Spanish/Portuguese ("entregad", "destinat"),
     * Italian ("consegnat", "recapitat"), Dutch ("bezorgd", "afgeleverd"), Japanese
     * ("宛先", "配信", "送信", "届").
     */
    private static final List<String> DELIVERY_WORDS = List.of(
            "deliver", "recipient", "address", "mailbox", "user", "account", "failed", "reach", "unknown",
            "sent to", "message to", "mail to", "rejected", "bounced", "undeliver", "not found",
            "zugestellt", "zustell", "empfänger", "empfaenger", "adresse", "postfach", "benutzer",
            "remis", "distribu", "destinat", "utilisateur",
            "entreg", "consegn", "recapit", "indirizzo", "dirección", "endereço",
            "bezorgd", "afgeleverd", "ontvanger",
            "宛先", "配信", "送信", "届",
            // Russian "доставлено адресату", Polish "dostarczona do odbiorcy", Chinese "无法投递到 / 送达 / 收件人",
            // Korean "수신자 / 전달", Scandinavian "levereras / leveres", Czech "doručena", Turkish "teslim",
            // Hungarian "kézbesíthető": the verbs and nouns a translated "could not be delivered to" uses
            "доставл", "адресат", "получател", "dostarcz", "odbiorc", "投递", "投遞", "送达", "送達", "收件",
            "수신", "전달", "levere", "doruč", "teslim", "kézbesít",
            // "sent to" in Spanish/Portuguese ("enviado a"), French ("envoyé à"), Italian ("inviato a"), Chinese
            // ("发送给", "退信"; midoks/imail's return_to_sender template: "无法发送到 {ERR_TO_MAIL}"), Indonesian
            // ("dikirim ke"), Vietnamese ("gửi đến"); Finnish, Greek, Ukrainian recipients
            "enviad", "envoy", "inviat", "发送", "發送", "退信", "dikirim", "penerima", "gửi đến", "người nhận",
            "vastaanottaja", "toimit", "παραλήπτ", "παραδ", "одержувач");

    /** Requests to write to someone: the address after them is a help desk, not a recipient. */
    private static final List<String> HELP_WORDS = List.of(
            "contact", "kontakt", "wenden sie sich", "contactez", "contacter", "contacte",
            "write to", "questions to", "problems to", "report this", "forward this", "helpdesk", "help desk",
            "please send", "please reply to", "問い合わせ", "обратитесь", "свяжитесь", "skontaktuj", "联系", "聯繫", "聯絡",
            // a role's label before its mailbox ("-----Error Text: ... Help: <addr>", "Questions: <addr>"): the place
            // to write to, under a report whose failed recipient stands in the list its opening sentence announced
            // (the layouts Sympa's anabounce reads only the announced paragraph of, bounce-lib.pl "type_18")
            "help:", "questions:", "support:", "postmaster:", "hostmaster:", "administrator:");

    /**
     * Requests to write to someone that follow the address, as Japanese and Korean put the verb
     * after its object ("&lt;support@example.jp&gt;へご連絡ください").
     */
    private static final List<String> HELP_AFTER = List.of("連絡", "問い合わせ", "문의", "for assistance", "for help");

    /**
     * Words that make an address on their line the sender's: "Return address: …", "Sender
     * address rejected" after it (Postfix's reject_sender rules, RFC 5321 MAIL FROM refusals).
     */
    private static final List<String> SENDER_WORDS = List.of(
            "sender", "return address", "reply address", "absender", "expéditeur", "remitente", "mittente",
            "mail from", "envelope from", "差出人", "送信者", "отправител", "nadawc", "发件人", "寄件者", "寄件人",
            "보낸 사람", "발신", "avsändare", "afzender", "gönderen");

    /** Where a field's value begins after its label: what may stand between. */
    private static final String VALUE_LEAD = " \t:;<\"'([";

    /** What may stand before an address that opens its line: indentation, quoting, bullets, brackets. */
    private static final String LINE_LEAD = " \t>*-•·\"'<([";

    private MarkedRecipients() {
    }

    /** An address the report marks as failed, where it stands, and how it was marked. */
    record Mark(String address, int start, Kind kind) {
    }

    enum Kind {
        /** a Final-Recipient / X-Failed-Recipients / "Recipient:" field */
        FIELD,
        /** RFC 3464 Original-Recipient: only when no Final-Recipient names the same report's recipient */
        ORIGINAL_FIELD,
        /** the address opens its line */
        LINE_START,
        /** RCPT TO:&lt;addr&gt; */
        COMMAND,
        /** after an SMTP reply code on its line */
        REPLY,
        /** after a delivery phrase on its line */
        PHRASE
    }

    /**
     * The addresses {@code text} marks as failed, in order of appearance, each once (the first
     * mark), without {@code excluded} addresses and mail-system mailboxes.
     */
    static List<Mark> find(String text, Set<String> excluded) {
        return scan(text, excluded);
    }

    /**
     * Only the addresses of fields naming a failed recipient (Final-Recipient, X-Failed-Recipients
     * ...), Original-Recipient where no Final-Recipient is written.
     */
    static List<Mark> fields(String text, Set<String> excluded) {
        // only the lines that start with one of the fields are read: the whole text of a bounce,
        // returned message included, is long and holds many addresses
        List<Mark> finals = new ArrayList<>();
        List<Mark> originals = new ArrayList<>();
        int len = text.length();
        for (int start = 0; start < len; ) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? len : end;
            int i = start;
            while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '>')) {
                i++;
            }
            char first = i < end ? (char) (text.charAt(i) | 0x20) : ' ';
            if (first == 'f' || first == 'o' || first == 'x') {
                for (String field : RECIPIENT_FIELDS) {
                    if (text.regionMatches(true, i, field, 0, field.length())) {
                        // the value, or the next line when the field is folded there
                        int valueEnd = end;
                        if (Addresses.findAll(text.substring(i, end)).isEmpty() && end < len) {
                            int next = text.indexOf('\n', end + 1);
                            valueEnd = next < 0 ? len : next;
                        }
                        List<Mark> into = field.equals("original-recipient:") ? originals : finals;
                        for (Addresses.Found f : Addresses.findAll(text.substring(i + field.length(), valueEnd))) {
                            if (!excluded.contains(f.address()) && !Addresses.isMailSystem(f.address())
                                    && !contains(finals, f.address()) && !contains(originals, f.address())) {
                                into.add(new Mark(f.address(), start, field.equals("original-recipient:")
                                        ? Kind.ORIGINAL_FIELD : Kind.FIELD));
                            }
                        }
                        break;
                    }
                }
            }
            start = end + 1;
        }
        return finals.isEmpty() ? originals : finals;
    }

    /** The RFC 3464 and Exim fields whose value is the failed recipient, as {@link #fields} reads them. */
    private static final List<String> RECIPIENT_FIELDS = List.of(
            "final-recipient:", "x-failed-recipients:", "original-recipient:");

    private static List<Mark> scan(String text, Set<String> excluded) {
        List<Mark> out = new ArrayList<>();
        boolean finalRecipient = false;
        Addresses.Found previous = null;
        Kind previousKind = null;
        for (Addresses.Found f : Addresses.findAll(text)) {
            // "a@example.org, b@example.org" in one list: the second is marked as the first is
            Kind kind = previous != null && onlySeparators(text, previous.end(), f.start()) ? previousKind : kindOf(text, f);
            previous = f;
            previousKind = kind;
            String a = f.address();
            if (kind == null || excluded.contains(a) || Addresses.isMailSystem(a) || contains(out, a)) {
                continue;
            }
            if (kind == Kind.REPLY && quotesTheReasonOf(text, out, f.start())) {
                continue;
            }
            finalRecipient |= kind == Kind.FIELD;
            out.add(new Mark(a, f.start(), kind));
        }
        if (finalRecipient) {
            // "Original-Recipient: rfc822; alias" next to its Final-Recipient: the address failed is the final one
            out.removeIf(m -> m.kind() == Kind.ORIGINAL_FIELD);
        }
        return out;
    }

    /**
     * Whether a reply's address at {@code at} stands in the reason paragraph of a recipient the report
     * already marked otherwise (its line, its field, its RCPT TO, a delivery sentence), with no blank line
     * between: "The following message to &lt;a&gt; was undeliverable. The reason for the problem: 5.1.0 - Unknown
     * address error 550-'5.1.1 &lt;b&gt;: ...'" (Bigfoot's and Amazon SES's legacy layout), Sendmail's "&lt;a&gt;
     * (reason: 550 5.1.1 &lt;b&gt;... User unknown)". The remote server answered for the address it was handed,
     * the forward or alias target of the recipient the report names (how Sisimai's Lhost modules read these
     * layouts: the recipient is the one the report's own line names); a reply in a paragraph of its own still marks.
     */
    private static boolean quotesTheReasonOf(String text, List<Mark> marked, int at) {
        if (marked.isEmpty()) {
            return false;
        }
        Mark last = marked.get(marked.size() - 1);
        if (last.kind() == Kind.REPLY || last.start() >= at || at - last.start() > 2000) {
            return false;
        }
        for (int nl = text.indexOf('\n', last.start()); nl >= 0 && nl < at; nl = text.indexOf('\n', nl + 1)) {
            int i = nl + 1;
            while (i < at && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\r')) {
                i++;
            }
            if (i < text.length() && text.charAt(i) == '\n') {
                return false; // a blank line: the reply starts a paragraph of its own
            }
        }
        return true;
    }

    private static boolean onlySeparators(String text, int from, int to) {
        return to - from <= 8 && onlyOf(text.substring(from, to), " \t,;<>\"'");
    }

    private static boolean contains(List<Mark> marks, String address) {
        for (Mark m : marks) {
            if (m.address().equals(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the address at {@code f} is one the report asks to write to ("please contact &lt;addr&gt;", "Help:
     * addr", "&lt;addr&gt;へご連絡ください", Netscape Messaging Server's "Please reply to &lt;addr&gt; if you feel this
     * message to be in error", which Mailman's flufl.bounce skips, {@code _detectors/netscape.py}): a help desk, never
     * the failed recipient, whichever tier reads the address, also where the report marks no address at all.
     */
    static boolean asksToWriteTo(String text, Addresses.Found f) {
        int lineStart = text.lastIndexOf('\n', f.start() - 1) + 1;
        int from = Math.max(lineStart, f.start() - BEFORE_CHARS);
        String before = text.substring(from, f.start()).toLowerCase(Locale.ROOT);
        return containsAny(before, HELP_WORDS) || helpAfter(text, f.end());
    }

    /**
     * Whether the words right before the address on its line call it the message's sender ("intercepted a mail
     * from &lt;addr&gt;", "A message sent by &lt;addr&gt;", "Sender: addr"): never the failed recipient, whichever
     * tier reads the address, also where the report marks none (Perl's Mail::DeliveryStatus::BounceParser, CPAN,
     * {@code _extract_reports} skips an address after "A message sent by" and "not accepting mail from").
     */
    static boolean calledTheSender(String text, Addresses.Found f) {
        int lineStart = text.lastIndexOf('\n', f.start() - 1) + 1;
        int from = Math.max(lineStart, f.start() - BEFORE_CHARS);
        String before = text.substring(from, f.start()).toLowerCase(Locale.ROOT);
        return afterFrom(before) || containsAny(before, SENDER_WORDS);
    }

    /** How the address at {@code f} is marked, or null if it is not. */
    static Kind kindOf(String text, Addresses.Found f) {
        int lineStart = text.lastIndexOf('\n', f.start() - 1) + 1;
        int from = Math.max(lineStart, f.start() - BEFORE_CHARS);
        String before = text.substring(from, f.start()).toLowerCase(Locale.ROOT);
        if (TextBounceReader.isSenderLabelled(text, f.start()) || containsAny(before, HELP_WORDS)
                || before.contains("expanded from") || helpAfter(text, f.end())) {
            return null;
        }
        if (stripLead(before).isEmpty() || from == lineStart && DisplayNameLead.only(text, from, f.start())) {
            // the address opens its line, unless it is the value of a field folded from the line above
            String above = from == lineStart && lineStart > 0 ? previousLine(text, lineStart) : "";
            if (above.toLowerCase(Locale.ROOT).stripTrailing().endsWith("expanded from")) {
                return null; // Postfix's "<final> (expanded from\n <alias>)": the alias is not what failed
            }
            Kind folded = fieldKind(above);
            if (folded != null) {
                return folded;
            }
            if (from == lineStart && continuesSummaryList(text, lineStart)) {
                return null;
            }
            // a list item of an instruction ("please send mail with the body 'help' to the address\n\n  x")
            return containsAny(sentenceBefore(text, lineStart), HELP_WORDS) ? null : Kind.LINE_START;
        }
        Kind field = fieldKind(before);
        if (field != null) {
            return field;
        }
        String tail = before.stripTrailing();
        if (tail.endsWith("rcpt to:<") || tail.endsWith("rcpt to:") || tail.endsWith("rcpt to: <")) {
            return Kind.COMMAND;
        }
        // Exchange 5.5/2000's X.400 recipient line, "c=US;a= ;p=Org;o=Site;dda:SMTP=a@example.org; on <date>",
        // under "did not reach the following recipient(s):" (Microsoft KB Q192349; Sisimai Lhost::Exchange2003)
        if (tail.endsWith(":smtp=") && tail.strip().startsWith("c=")) {
            return Kind.LINE_START;
        }
        if (afterFrom(before) || containsAny(before, SENDER_WORDS) || aboutTheSender(text, f.end())
                || copySentTo(before)) {
            return null;
        }
        if (hasReplyCode(before)) {
            return Kind.REPLY;
        }
        if (containsAny(before, DELIVERY_WORDS)) {
            return Kind.PHRASE;
        }
        return failureFollows(text, f.end()) && !aboutTheMessage(before) ? Kind.PHRASE : null;
    }

    /**
     * Whether the line says a copy went to the address ("Forwarding copy sent to addr", "a copy of this report has
     * been sent to addr"): delivered there, not failed; a reason paragraph beside the recipient an announced list
     * named (the "Recipient: / Reason:" layout Sympa's anabounce reads, bounce-lib.pl "type_38").
     */
    private static boolean copySentTo(String before) {
        return before.contains("copy") && (before.contains("sent to") || before.contains("forwarded to"))
                && !before.contains("not ") && !before.contains("n't") && !before.contains("unable");
    }

    /**
     * Failure phrases that follow the address they are about: German and Turkish put the verb
     * last ("Ihre Nachricht an addr konnte nicht zugestellt werden", "addr adresine teslim
     * edilemedi"), Japanese and Korean the postposition after its noun ("addr 宛のメールは配信できません
     * でした"); English, Polish and Russian reports also say "addr could not be delivered".
     */
    private static final List<String> FAILURE_AFTER = List.of(
            "could not be delivered", "cannot be delivered", "couldn't be delivered", "was not delivered",
            "is undeliverable", "nicht zugestellt", "unzustellbar", "teslim edilemedi", "adresine",
            "宛", "への配信", "への送信", "へのメール", "配信できません", "送信できません", "届きません",
            "无法投递", "无法送达", "投递失败", "發送失敗", "전달되지", "전송 실패",
            "не доставлен", "не может быть доставлен", "nie została dostarczon", "nie może zostać dostarczon",
            "n'a pas pu être remis", "n'a pas pu être distribué", "no se pudo entregar", "no pudo ser entregad",
            "non è stato recapitat", "non è stato consegnat", "não pôde ser entregue", "não foi entregue",
            "kon niet worden afgeleverd", "kon niet worden bezorgd", "kunde inte levereras", "kunne ikke leveres");

    /** Whether the rest of the address's line, within 80 characters, says delivery to it failed. */
    private static boolean failureFollows(String text, int end) {
        int eol = text.indexOf('\n', end);
        String after = text.substring(end, Math.min(eol < 0 ? text.length() : eol, end + 80)).toLowerCase(Locale.ROOT);
        return containsAny(after, FAILURE_AFTER);
    }

    /**
     * Whether the address stands where a message id would ("Your message &lt;id@host&gt; could not
     * be delivered", "Message-ID: …"): a failure phrase after it is about the message, not the address.
     */
    private static boolean aboutTheMessage(String before) {
        String s = before.stripTrailing();
        while (!s.isEmpty() && "<\"'(:".indexOf(s.charAt(s.length() - 1)) >= 0) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        return s.endsWith("message") || s.endsWith("nachricht") || s.endsWith("mail") || s.endsWith("id")
                || s.endsWith("メッセージ") || s.endsWith("メール");
    }

    /**
     * The sentence that leads to a line: the text before {@code lineStart} back to the last
     * sentence end (". ", "! ", "? ", ": ", "。"), the line that introduces a list with a colon
     * included, at most {@value #BEFORE_CHARS} characters, lower-cased.
     */
    private static String sentenceBefore(String text, int lineStart) {
        int floor = Math.max(0, lineStart - BEFORE_CHARS);
        int end = lineStart;
        // the line that introduces a list ("The following address(es) failed:") belongs to it
        while (end > floor && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end > floor && ".!?。".indexOf(text.charAt(end - 1)) >= 0) {
            return ""; // the text above ended its sentence: the line starts afresh
        }
        if (end > floor && text.charAt(end - 1) == ':') {
            end--;
        }
        int from = floor;
        for (int i = end - 1; i > floor; i--) {
            char c = text.charAt(i - 1);
            if ((c == '.' || c == '!' || c == '?' || c == ':' || c == '。') && Character.isWhitespace(text.charAt(i))
                    || c == '。') {
                from = i;
                break;
            }
        }
        return text.substring(from, lineStart).toLowerCase(Locale.ROOT);
    }

    /** Whether the rest of the address's line says it is the sender ("&lt;s@example.net&gt;: Sender address rejected"). */
    private static boolean aboutTheSender(String text, int end) {
        int eol = text.indexOf('\n', end);
        String after = text.substring(end, Math.min(eol < 0 ? text.length() : eol, end + 40)).toLowerCase(Locale.ROOT);
        return containsAny(after, SENDER_WORDS);
    }

    /** Whether the rest of the address's line (or the next line, when it ends the line) asks to write to it. */
    private static boolean helpAfter(String text, int end) {
        int eol = text.indexOf('\n', end);
        eol = eol < 0 ? text.length() : eol;
        if (text.substring(end, eol).isBlank() && eol < text.length()) {
            int next = text.indexOf('\n', eol + 1);
            eol = next < 0 ? text.length() : next;
        }
        String after = text.substring(end, Math.min(eol, end + BEFORE_CHARS)).toLowerCase(Locale.ROOT);
        return containsAny(after, HELP_AFTER);
    }

    /** The field kind when {@code before} is a recipient label and what may stand between it and its value. */
    private static Kind fieldKind(String before) {
        String s = stripLead(before.toLowerCase(Locale.ROOT));
        for (String label : LABELS) {
            if (s.startsWith(label)) {
                String rest = s.substring(label.length()).strip();
                if (!rest.startsWith(":") && !rest.startsWith("：")) {
                    continue;
                }
                rest = rest.substring(1).strip();
                if (rest.startsWith("rfc822") || rest.startsWith("smtp")) {
                    rest = rest.substring(rest.startsWith("rfc822") ? 6 : 4);
                }
                if (onlyOf(rest, VALUE_LEAD)) {
                    // Messaging Server's "Original address:" is the ORCPT (RFC 3461 §4.2) beside its "Recipient
                    // address:", like RFC 3464's Original-Recipient: the address that failed is the other one
                    return label.equals("original-recipient") || label.equals("original address")
                            ? Kind.ORIGINAL_FIELD : Kind.FIELD;
                }
            }
        }
        return null;
    }

    /**
     * Labels of the returned message's summary that reports repeat above their list of failures (Exchange's
     * "Your message / To: … / Subject: …", Domino's "Your message / To: …"): their values name every recipient.
     */
    private static final List<String> SUMMARY_LABELS = List.of("to:", "cc:", "bcc:", "an:", "kopie:", "à:", "a:",
            "para:", "aan:", "宛先:");

    /**
     * Whether the indented line at {@code lineStart} continues a To/Cc summary folded over several lines ("  To:
     * Fay Ng &lt;fay@example.org&gt;,\n      Colleague &lt;colleague@example.com&gt;", RFC 5322 §2.2.3 folding as
     * reports copy it): each line above up to the label ends with a comma or semicolon. The summary lists all the
     * message's recipients, not the failed ones.
     */
    private static boolean continuesSummaryList(String text, int lineStart) {
        if (lineStart >= text.length() || text.charAt(lineStart) != ' ' && text.charAt(lineStart) != '\t') {
            return false;
        }
        int line = lineStart;
        for (int up = 0; up < 10 && line > 0; up++) {
            int last = line - 2; // the last character of the line above, before its line break
            while (last >= 0 && (text.charAt(last) == ' ' || text.charAt(last) == '\t' || text.charAt(last) == '\r')) {
                last--;
            }
            if (last < 0 || text.charAt(last) != ',' && text.charAt(last) != ';') {
                return false; // checked in place: this is asked of every indented line an address opens
            }
            String above = previousLine(text, line).strip();
            if (!above.endsWith(",") && !above.endsWith(";")) {
                return false;
            }
            String lower = above.toLowerCase(Locale.ROOT);
            for (String label : SUMMARY_LABELS) {
                if (lower.startsWith(label)) {
                    return true;
                }
            }
            line = text.lastIndexOf('\n', line - 2) + 1;
        }
        return false;
    }

    private static String previousLine(String text, int lineStart) {
        if (lineStart < 2) {
            return "";
        }
        int prevStart = text.lastIndexOf('\n', lineStart - 2) + 1;
        return text.substring(prevStart, lineStart - 1);
    }

    /** {@code before} without what may lead an address on its line (indentation, bullets, "mailto:"). */
    private static String stripLead(String before) {
        int i = 0;
        while (i < before.length() && LINE_LEAD.indexOf(before.charAt(i)) >= 0) {
            i++;
        }
        String s = before.substring(i);
        return s.equals("mailto:") || s.equals("smtp:") ? "" : s;
    }

    /** Whether the word right before the address is "from" (or a translation): the sender's. */
    private static boolean afterFrom(String before) {
        String s = before.stripTrailing();
        while (!s.isEmpty() && "<\"'(:".indexOf(s.charAt(s.length() - 1)) >= 0) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        // Russian "от", Polish "od", Swedish "från", Danish/Norwegian "fra" (not Dutch "van", which also means
        // "of": "de mailbox van addr is vol" names the failed one); "sent by/from" in French
        // ("envoyé par"), Spanish and Portuguese ("enviado por / desde"), Italian ("inviato da")
        return s.endsWith(" from") || s.equals("from") || s.endsWith(" von") || s.endsWith(" by")
                || s.endsWith(" от") || s.endsWith(" od") || s.endsWith(" från") || s.endsWith(" fra")
                || s.endsWith(" par") || s.endsWith(" por") || s.endsWith(" desde") || s.endsWith(" da")
                || s.endsWith("sender") || s.endsWith("absender") || s.endsWith("expéditeur")
                || s.endsWith("remitente") || s.endsWith("mittente");
    }

    /** Whether {@code before} holds an SMTP reply code (4xx / 5xx, RFC 5321 §4.2) as a token of its own. */
    private static boolean hasReplyCode(String before) {
        for (int i = 0; i + 3 <= before.length(); i++) {
            char c = before.charAt(i);
            if ((c == '4' || c == '5') && isDigit(before, i + 1) && isDigit(before, i + 2)
                    && (i == 0 || !Character.isLetterOrDigit(before.charAt(i - 1)) && before.charAt(i - 1) != '.')
                    && (i + 3 == before.length() || " -".indexOf(before.charAt(i + 3)) >= 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigit(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }

    private static boolean onlyOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsAny(String s, List<String> words) {
        for (String w : words) {
            if (s.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
