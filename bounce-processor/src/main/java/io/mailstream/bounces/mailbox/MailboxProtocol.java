package io.mailstream.bounces.mailbox;

/** How the bounce mailbox is read: IMAP (RFC 9051) keeps folders and flags, POP3 (RFC 1939) only deletes. */
public enum MailboxProtocol {
    IMAP("imap", 143, 993),
    POP3("pop3", 110, 995);

    private final String name;
    private final int plainPort;
    private final int tlsPort;

    MailboxProtocol(String name, int plainPort, int tlsPort) {
        this.name = name;
        this.plainPort = plainPort;
        this.tlsPort = tlsPort;
    }

    /** The Jakarta Mail store name: {@code imaps}/{@code pop3s} for TLS from the first byte. */
    public String storeName(MailboxTls tls) {
        return tls == MailboxTls.IMPLICIT ? name + "s" : name;
    }

    /** The well-known port: 993/995 for implicit TLS (RFC 8314), 143/110 otherwise. */
    public int defaultPort(MailboxTls tls) {
        return tls == MailboxTls.IMPLICIT ? tlsPort : plainPort;
    }

    /** Lower-case name, as in {@code source} of a stored bounce. */
    public String label() {
        return name;
    }
}
