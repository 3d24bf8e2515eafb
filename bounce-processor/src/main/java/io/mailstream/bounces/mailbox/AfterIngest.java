package io.mailstream.bounces.mailbox;

/**
 * What happens to a message once Kafka acknowledged it (never before). Each also marks it
 * {@code \Seen}.
 */
public enum AfterIngest {
    /** Marked {@code \Deleted} and expunged when the poll ends. The only choice for POP3. */
    DELETE,
    /** IMAP: left in the folder with the keyword {@value MailboxConfig#INGESTED_KEYWORD}, which later polls skip. */
    FLAG,
    /** IMAP: flagged as for {@link #FLAG}, then copied to the processed folder and deleted from the polled one. */
    MOVE
}
