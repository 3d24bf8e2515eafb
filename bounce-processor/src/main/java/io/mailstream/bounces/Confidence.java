package io.mailstream.bounces;

/**
 * How strongly the evidence supports a classification. For a hard bounce it says whether the
 * evidence shows the address itself is bad: {@code HIGH} when a permanent status of the right
 * subject (RFC 3463 x.1.x for addresses) and a diagnostic of the same class agree, {@code MEDIUM}
 * when one permanent signal stands alone, {@code LOW} when only a phrase or a bare reply code
 * points that way. Low-confidence hard bounces are held as soft until a second bounce confirms them
 * ({@link RecipientReport#provisionalHard()}).
 */
public enum Confidence {
    LOW, MEDIUM, HIGH
}
