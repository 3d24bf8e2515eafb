package io.mailstream.bounces.classify;

import java.util.regex.Pattern;

/**
 * An automatic notice that an address changed (or its domain was retired) and that says the message was passed on
 * all the same ("... has been forwarded to my new address", "your message was delivered to ..."): the mail arrived,
 * so it is no bounce and the old address no failure (Perl's Mail::DeliveryStatus::BounceParser, CPAN, {@code parse}:
 * the "informational address-change autoreply" it refuses to call a bounce). A notice that the address changed and
 * says nothing of the message passed on stays {@code hasmoved}.
 */
public final class AddressChangeNotice {
    /** The message said passed on: "has been / was / will be forwarded / delivered / redirected". */
    private static final Pattern PASSED_ON = Pattern.compile(
            "(?i)\\b(?:has|have) been (?:automatically )?(?:forwarded|delivered|redirected|passed on)\\b"
                    + "|\\b(?:was|were|will be|is being) (?:automatically )?(?:forwarded|delivered|redirected|passed on)\\b");

    private AddressChangeNotice() {
    }

    /** Whether {@code text} says the message was passed on (forwarded or delivered) despite the change. */
    public static boolean saysMessagePassedOn(String text) {
        return text != null && (text.contains("forward") || text.contains("deliver") || text.contains("redirect")
                || text.contains("passed on")) && PASSED_ON.matcher(text).find();
    }
}
