package io.mailstream.dispatcher.routing;

/** How the dispatcher finds the server for a recipient. */
public enum DeliveryMode {
    /** Every message goes to one relay (RFC 5321 §3.6), e.g. a provider's submission port. */
    SMART_HOST,
    /** Each recipient domain's own mail exchangers, found in DNS (RFC 5321 §5.1). */
    DIRECT_MX
}
