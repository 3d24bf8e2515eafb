package io.mailstream.bounces.mailbox;

/** Transport security towards the mailbox server (RFC 8314 recommends {@link #IMPLICIT}). */
public enum MailboxTls {
    /** Cleartext: the password crosses the network readable. Only for a local test server. */
    NONE,
    /** Plain connection upgraded with STARTTLS (RFC 2595); refused if the server does not offer it. */
    STARTTLS,
    /** TLS from the first byte (ports 993 / 995). */
    IMPLICIT
}
