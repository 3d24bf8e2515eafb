package io.mailstream.bounces;

import java.util.Optional;

/**
 * An enhanced mail system status code {@code class.subject.detail} (RFC 3463 §2), e.g.
 * {@code 5.1.1}. Class 2 is success, 4 persistent transient failure, 5 permanent failure; subject
 * and detail are at most three digits each.
 */
public record DeliveryStatus(int statusClass, int subject, int detail) {

    public DeliveryStatus {
        if (statusClass != 2 && statusClass != 4 && statusClass != 5) {
            throw new IllegalArgumentException("status class must be 2, 4 or 5: " + statusClass);
        }
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
            throw new IllegalArgumentException("subject and detail must be 0..999: " + subject + "." + detail);
        }
    }

    /**
     * Parses {@code x.y.z} as found in a {@code Status:} field or reply text; leading and trailing
     * blanks and a trailing comment ("5.1.1 (bad address)") are ignored. Never throws.
     */
    public static Optional<DeliveryStatus> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip();
        int end = 0;
        while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.')) {
            end++;
        }
        String[] parts = s.substring(0, end).split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            int c = Integer.parseInt(parts[0]);
            int subject = Integer.parseInt(parts[1]);
            int detail = Integer.parseInt(parts[2]);
            if ((c != 2 && c != 4 && c != 5) || parts[1].length() > 3 || parts[2].length() > 3) {
                return Optional.empty();
            }
            return Optional.of(new DeliveryStatus(c, subject, detail));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public boolean isSuccess() {
        return statusClass == 2;
    }

    public boolean isTransient() {
        return statusClass == 4;
    }

    public boolean isPermanent() {
        return statusClass == 5;
    }

    /** True for the catch-all {@code x.0.0}, which says nothing beyond the class. */
    public boolean isUnspecific() {
        return subject == 0 && detail == 0;
    }

    public String asString() {
        return statusClass + "." + subject + "." + detail;
    }

    @Override
    public String toString() {
        return asString();
    }
}
