package io.mailstream.bounces.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds mailbox-looking tokens ({@code local@domain.tld}) in field values and free text. */
public final class Addresses {
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\\.[A-Za-z]{2,24}\\b");

    private Addresses() {
    }

    /** All address tokens in {@code text}, lower-cased, in order of appearance, duplicates kept. */
    public static List<Found> findAll(CharSequence text) {
        List<Found> found = new ArrayList<>();
        Matcher m = ADDRESS.matcher(text);
        while (m.find()) {
            String a = trimDots(m.group());
            if (a.indexOf('@') > 0) {
                found.add(new Found(a.toLowerCase(Locale.ROOT), m.start(), m.end()));
            }
        }
        return found;
    }

    /** The first address in a field value such as {@code rfc822; <a@b>} or {@code "Name" <a@b>}. */
    public static Optional<String> first(String value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher m = ADDRESS.matcher(value);
        return m.find() ? Optional.of(trimDots(m.group()).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    private static String trimDots(String s) {
        int start = 0;
        while (start < s.length() && s.charAt(start) == '.') {
            start++;
        }
        return s.substring(start);
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
