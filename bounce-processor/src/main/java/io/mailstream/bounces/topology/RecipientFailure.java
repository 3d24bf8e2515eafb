package io.mailstream.bounces.topology;

import java.util.Objects;

/**
 * One recipient that failed, whichever way we learnt it (a received DSN or ARF report, or the
 * dispatcher's own BOUNCED/EXPIRED event). Travels through the repartition topic keyed by
 * {@link #address()}, so every failure of one address reaches the same suppression state.
 *
 * @param address    the normalised address ({@code EmailAddress.normalized()})
 * @param kind       hard, soft or complaint
 * @param reason     the Sisimai reason name, e.g. {@code userunknown}, or {@code complaint}
 * @param messageId  our message id, or null when the bounce did not reveal it
 * @param campaignId the campaign, or null when unknown
 * @param atMillis   when the failure happened (event time, epoch millis)
 * @param claimed    what a received report says, to be applied only if {@code messageId} (from the signed
 *                   return path) was sent to {@code address} (see {@link MessageRecipientCheck})
 * @param scope      for an unsubscribe: the list of the message's campaign, which it unsubscribes from;
 *                   null for every list (the campaign names none or is not known) and for every other kind
 * @param detail     a received DSN's Status and Diagnostic-Code, for {@code mail.received-bounces}; null otherwise
 *                   (and in records written before the field)
 * @param tenant     the message's tenant as its delivery events name it ({@code DeliveryEvent.tenant}), for the
 *                   records written about it; null for the default tenant and while the message is not known
 */
public record RecipientFailure(String address, FailureKind kind, String reason, String messageId, String campaignId,
                               long atMillis, boolean claimed, String scope, DsnDetail detail, String tenant) {
    public RecipientFailure {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        if (claimed && messageId == null) {
            throw new IllegalArgumentException("a claimed failure needs the message id it is checked against");
        }
        if (scope != null && (kind != FailureKind.UNSUBSCRIBE || scope.isBlank())) {
            throw new IllegalArgumentException("only an unsubscribe has a scope, and it is a list id; was " + kind + " '" + scope + "'");
        }
    }

    /** Of no known tenant. */
    public RecipientFailure(String address, FailureKind kind, String reason, String messageId, String campaignId,
                            long atMillis, boolean claimed, String scope, DsnDetail detail) {
        this(address, kind, reason, messageId, campaignId, atMillis, claimed, scope, detail, null);
    }

    /** This failure of a message of {@code messageTenant} (null: the default tenant). */
    RecipientFailure withTenant(String messageTenant) {
        return new RecipientFailure(address, kind, reason, messageId, campaignId, atMillis, claimed, scope, detail, messageTenant);
    }

    /** Without a DSN's detail. */
    public RecipientFailure(String address, FailureKind kind, String reason, String messageId, String campaignId, long atMillis,
                            boolean claimed, String scope) {
        this(address, kind, reason, messageId, campaignId, atMillis, claimed, scope, null);
    }

    /** This failure with what its DSN said of the recipient. */
    RecipientFailure withDetail(DsnDetail dsnDetail) {
        return new RecipientFailure(address, kind, reason, messageId, campaignId, atMillis, claimed, scope, dsnDetail, tenant);
    }

    /** A failure of every list (no scope). */
    public RecipientFailure(String address, FailureKind kind, String reason, String messageId, String campaignId, long atMillis,
                            boolean claimed) {
        this(address, kind, reason, messageId, campaignId, atMillis, claimed, null);
    }

    /** This unsubscribe, limited to {@code listId} (blank or null: every list, as before). */
    RecipientFailure scopedTo(String listId) {
        return listId == null || listId.isBlank() ? this
                : new RecipientFailure(address, kind, reason, messageId, campaignId, atMillis, claimed, listId, detail, tenant);
    }

    /** A failure we know first hand (the dispatcher's own delivery event) or from a trusted import. */
    public RecipientFailure(String address, FailureKind kind, String reason, String messageId, String campaignId, long atMillis) {
        this(address, kind, reason, messageId, campaignId, atMillis, false);
    }
}
