package io.mailstream.bounces.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds mailbox-looking tokens ({@code local@domain.tld}) in field values and free text; the top-level
 * domain is letters or an internationalised one in its A-label form ({@code xn--p1ai}, RFC 5890).
 */
public final class Addresses {
    /**
     * What follows the '@' of an address. The local part before it ({@code [A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}})
     * is not matched by a regex: {@link #findAll} walks back over those characters itself, and the run it
     * finds is the only one a regex could take, since the character before the run is none of them (or
     * the run already has 64).
     */
    private static final Pattern DOMAIN = Pattern.compile(domainRegex());

    /**
     * {@code [A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.<label>)*\.(?:xn--[A-Za-z0-9-]{0,58}[A-Za-z0-9]|[A-Za-z]{2,24})\b}
     * with its classes spelled out letter by letter: the JDK tests a class of single characters with one
     * table look-up, a class of ranges with one test per range, at every character of every domain.
     */
    private static String domainRegex() {
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        String alnum = "[" + letters + "0123456789]";
        String alnumHyphen = "[" + letters + "0123456789-]";
        String label = alnum + "(?:" + alnumHyphen + "{0,62}" + alnum + ")?";
        return label + "(?:\\." + label + ")*\\.(?:xn--" + alnumHyphen + "{0,58}" + alnum + "|[" + letters + "]{2,24})\\b";
    }

    private Addresses() {
    }

    /**
     * All address tokens in {@code text}, lower-cased, in order of appearance, duplicates kept.
     * Anchored on each '@' (found with {@code indexOf}) rather than trying the pattern at every
     * position of the text: the local part is at most 64 characters before it.
     */
    public static List<Found> findAll(CharSequence text) {
        List<Found> found = new ArrayList<>();
        String s = text.toString();
        Matcher m = null; // made at the first '@' with a local part: most field values and lines have none
        int from = 0;
        for (int at = s.indexOf('@'); at >= 0; at = s.indexOf('@', Math.max(at + 1, from))) {
            int start = at;
            while (start > from && at - start < 64 && (isLocalChar(s.charAt(start - 1)) || isWordCharOfSpacedScript(s.charAt(start - 1)))) {
                start--;
            }
            if (start == at) {
                continue;
            }
            if (m == null) {
                m = DOMAIN.matcher(s);
            }
            m.region(at + 1, Math.min(s.length(), at + 256));
            if (m.lookingAt()) {
                String a = trimLead(s.substring(start, m.end()));
                if (a.indexOf('@') > 0) {
                    found.add(new Found(deEncapsulated(a).toLowerCase(Locale.ROOT), m.end() - a.length(), m.end()));
                }
                from = m.end();
            }
        }
        return found;
    }

    /** The characters of a local part ({@code atext} and '.', RFC 5322 §3.2.3), by ASCII code. */
    private static final boolean[] LOCAL_CHARS = new boolean[128];

    static {
        for (char c : "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~.-".toCharArray()) {
            LOCAL_CHARS[c] = true;
        }
    }

    private static boolean isLocalChar(char c) {
        return c < 128 && LOCAL_CHARS[c];
    }

    /**
     * A non-ASCII letter, digit or combining mark of a script written with blanks between words: part of an
     * internationalised local part (RFC 6531 §3.3 extends atext by UTF-8), as "jörg" in "jörg@example.org". Without
     * it the address would be read from the first ASCII letter on, as "rg@example.org": someone else's address.
     * Scripts written without blanks (Han, kana, Hangul, Thai ...) are left out: Japanese and Chinese reports set
     * their words right against an ASCII address ("宛先anne@example.jp"), and there the address starts at the ASCII.
     */
    private static boolean isWordCharOfSpacedScript(char c) {
        if (c < 128 || Character.isSurrogate(c) || (c >= '\uFF00' && c <= '\uFFEF')) {
            return false; // ASCII is LOCAL_CHARS' to judge; half- and full-width forms belong to CJK text
        }
        int type = Character.getType(c);
        if (!Character.isLetterOrDigit(c) && type != Character.NON_SPACING_MARK && type != Character.COMBINING_SPACING_MARK) {
            return false;
        }
        return switch (Character.UnicodeScript.of(c)) {
            case HAN, HIRAGANA, KATAKANA, HANGUL, BOPOMOFO, THAI, LAO, KHMER, MYANMAR, TIBETAN, YI -> false;
            default -> true;
        };
    }

    /** The first address in a field value such as {@code rfc822; <a@b>} or {@code "Name" <a@b>}. */
    public static Optional<String> first(String value) {
        if (value == null) {
            return Optional.empty();
        }
        List<Found> all = findAll(value);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0).address());
    }

    /**
     * Without leading dots and quotes: "'a@example.org'" (Exchange 2007 quotes the recipients it
     * lists) is a@example.org; an apostrophe inside a local part (o'brien@) stays.
     */
    private static String trimLead(String s) {
        int start = 0;
        while (start < s.length() && (s.charAt(start) == '.' || s.charAt(start) == '\'' || s.charAt(start) == '`')) {
            start++;
        }
        // Exchange 5.5/2000's X.400 form "c=US;a= ;p=Org;o=Site;dda:SMTP=a@example.org; on <date>": "=" is
        // legal in a local part (RFC 5322 atext), so the attribute's name would be read as part of the address
        // (the attribute as Sisimai's Lhost::Exchange2003 reads it, ":SMTP=")
        if (s.regionMatches(true, start, "smtp=", 0, 5) && s.indexOf('@') > start + 5) {
            start += 5;
        }
        return s.substring(start);
    }

    private static final String IMCEA_SMTP = "imceasmtp-";

    /**
     * The SMTP address an Exchange server encapsulated ("IMCEASMTP-nobody+40example+2Eorg@corp.example.com" is
     * nobody@example.org): [MS-OXCMAIL] §2.1.3.1.8 writes every character but letters, digits, "-" and "=" as "+"
     * and two hex digits ("_" for "/"), §2.2.3.1.2 reads it back. Exchange's reports name the failed recipient so
     * when it held the address in that form; anything else, or an encoding that does not decode to one address,
     * is returned as it was.
     */
    static String deEncapsulated(String token) {
        if (!token.regionMatches(true, 0, IMCEA_SMTP, 0, IMCEA_SMTP.length())) {
            return token;
        }
        String encoded = token.substring(IMCEA_SMTP.length(), token.lastIndexOf('@'));
        StringBuilder out = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+' && i + 2 < encoded.length() && isHex(encoded.charAt(i + 1)) && isHex(encoded.charAt(i + 2))) {
                out.append((char) Integer.parseInt(encoded, i + 1, i + 3, 16));
                i += 2;
            } else {
                out.append(c == '_' ? '/' : c);
            }
        }
        String decoded = out.toString();
        int at = decoded.indexOf('@');
        return at > 0 && at == decoded.lastIndexOf('@') && decoded.indexOf('.', at) > at + 1
                && !decoded.endsWith(".") ? decoded : token;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Local parts of addresses that send bounces rather than receive our mail. */
    public static boolean isMailSystem(String address) {
        String local = address.substring(0, address.indexOf('@'));
        return local.equals("mailer-daemon") || local.equals("postmaster") || local.equals("mail-daemon")
                || local.equals("mailerdaemon") || local.startsWith("bounce") || local.equals("root")
                || local.equals("daemon") || local.equals("noreply") || local.equals("no-reply");
    }

    /** An address token and where it was found. */
    public record Found(String address, int start, int end) {
    }
}
