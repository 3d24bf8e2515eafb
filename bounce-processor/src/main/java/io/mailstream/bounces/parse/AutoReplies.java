package io.mailstream.bounces.parse;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises automatic replies (RFC 3834 §5 {@code Auto-Submitted: auto-replied}, vendor headers
 * such as {@code X-Autoreply}, and out-of-office subjects) and bounces (sent by a mail system, or
 * a subject saying delivery failed), so that each is told from the other.
 */
final class AutoReplies {
    private static final Pattern VACATION_SUBJECT = Pattern.compile(
            "(?i)^(?:auto(?:matic)?[ -]?(?:reply|response|respons|antwort)|auto:|autoreply|out of (?:the )?office|"
                    + "vacation|away from|absence|abwesenheit|r[ée]ponse automatique|away until|on leave|"
                    + "i am (?:currently )?(?:out|away)|ooo\\b|"
                    // the Ruby bounce_email gem's auto-reply subjects (lib/bounce_email.rb, get_code: "autorespond",
                    // "on holiday", "Automatische ...", "Eingangsbestätigung", a receipt acknowledged automatically)
                    + "autorespond|on holiday|automatische|eingangsbest(?:ä|ae)tigung|"
                    // Polish "Automatyczna odpowiedź" (Perl's Mail::DeliveryStatus::BounceParser, CPAN, parse)
                    + "automatyczna odpowied)");
    /**
     * A {@code Precedence} naming an automatic answer: {@code auto_reply} and the variants the bounce_email gem
     * reads there ({@code /auto.*(reply|responder|antwort)/}); the header is not standard (RFC 3834 §5 names it
     * without defining its values), so the word after "auto" decides.
     */
    private static final Pattern AUTO_PRECEDENCE = Pattern.compile("(?i)\\bauto[-_ ]?(?:reply|replied|responder|antwort)\\b");
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
            "(?i)(?:undeliver|undelivered|delivery (?:status|failure|failed|notification|report|problem|has failed)|"
                    + "returned mail|return(?:ed)? to sender|failure notice|mail delivery|could not be delivered|"
                    + "non[- ]?deliver|nondeliverable|not delivered|rejected|bounce|delayed|warning: could not|"
                    + "unzustellbar|fehlgeschlagen|erreur|message status|mail system error|failed|delivery)");

    /**
     * What a short automatic answer that is no bounce says of itself, in the concepts Perl's
     * Mail::DeliveryStatus::BounceParser (CPAN, {@code parse}) reads in the first text part of a message that is no
     * multipart/report before calling it a bounce: an automatic reply or out-of-office ("auto reply", "auto-response",
     * "vacation", "out of the office", "on holiday"), a return receipt, a challenge-response request (TMDA, Boxbe's
     * "guest list", "your server requires confirmation", "verify that you are a person"), and an address-change notice
     * that says the message was passed on ("... has changed ... has been forwarded").
     */
    private static final Pattern NOTICE_TEXT = Pattern.compile(
            "(?i)\\bauto(?:matic)?[ -]?(?:reply|replied|response|responder|answer)\\b|\\bout of (?:the )?office\\b"
                    + "|\\b(?:i am|i'm|i will be) (?:currently )?(?:on vacation|on holiday|on leave|away)\\b|\\breturn receipt\\b"
                    + "|\\brequires? (?:your )?confirmation\\b|\\bguest list\\b"
                    + "|\\b(?:confirm|verify) (?:that )?you are (?:a )?(?:human|person|real person)\\b"
                    + "|\\b(?:address|domain)\\b(?:[^.]|\\.\\w){0,60}\\b(?:changed|retired)\\b[\\s\\S]{0,200}?\\b(?:(?:has|have) been|was|will be) (?:forwarded|delivered)\\b");
    /** Words at least one of which every match of {@link #NOTICE_TEXT} contains. */
    private static final java.util.List<String> NOTICE_WORDS = java.util.List.of("auto", "out of", "vacation", "holiday",
            "leave", "away", "receipt", "confirmation", "guest list", "you are", "changed", "retired");
    /** BounceParser looks no further than this: a longer text is a report or a message, not a short automatic answer. */
    private static final int NOTICE_MAX_CHARS = 3000;

    private AutoReplies() {
    }

    /**
     * Whether a message that names itself no bounce (by sender, subject or report part) is a short automatic answer
     * by what its first text says, or a challenge-response system by its header (TMDA's {@code X-Delivery-Agent},
     * Bluebottle's {@code X-Bluebottle-Request}): BounceParser's non-bounces (issue 16, branch dbp).
     */
    static boolean isAutomaticNotice(HeaderFields h, java.util.List<String> texts) {
        if (h.first("x-delivery-agent").orElse("").strip().toLowerCase(Locale.ROOT).startsWith("tmda")
                || h.has("x-bluebottle-request")) {
            return true;
        }
        if (texts.isEmpty() || texts.get(0).length() > NOTICE_MAX_CHARS) {
            return false;
        }
        // the pattern has no literal start to scan for: run it only where one of its words occurs
        String lower = texts.get(0).toLowerCase(Locale.ROOT);
        for (String w : NOTICE_WORDS) {
            if (lower.contains(w)) {
                return NOTICE_TEXT.matcher(texts.get(0)).find();
            }
        }
        return false;
    }

    static boolean isAutoReply(HeaderFields h) {
        String submitted = h.first("auto-submitted").orElse("").toLowerCase(Locale.ROOT);
        if (submitted.startsWith("auto-replied")) {
            return true;
        }
        if (h.has("x-autoreply") || h.has("x-autorespond") || h.has("x-autoresponder")) {
            return true;
        }
        if (h.first("x-apple-action").orElse("").toLowerCase(Locale.ROOT).contains("vacation")
                || AUTO_PRECEDENCE.matcher(h.first("precedence").orElse("")).find()) {
            return true;
        }
        return VACATION_SUBJECT.matcher(h.first("subject").orElse("").strip()).find();
    }

    /** Whether a subject says delivery failed ("Undeliverable: ...", "failure notice", "Returned mail"). */
    static boolean isBounceSubject(String subject) {
        return BOUNCE_SUBJECT.matcher(subject).find();
    }

    static boolean looksLikeBounce(HeaderFields h) {
        if (h.has("x-failed-recipients")) {
            return true;
        }
        String from = h.first("from").orElse("").toLowerCase(Locale.ROOT);
        if (from.contains("mailer-daemon") || from.contains("postmaster") || from.contains("mail delivery")) {
            return true;
        }
        if (h.first("content-type").orElse("").toLowerCase(Locale.ROOT).contains("multipart/report")) {
            return true;
        }
        return BOUNCE_SUBJECT.matcher(h.first("subject").orElse("")).find();
    }
}
