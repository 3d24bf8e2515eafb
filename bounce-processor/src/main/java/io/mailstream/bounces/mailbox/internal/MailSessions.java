package io.mailstream.bounces.mailbox.internal;

import io.mailstream.bounces.mailbox.MailboxProtocol;
import io.mailstream.bounces.mailbox.MailboxTls;
import jakarta.mail.Session;
import java.time.Duration;
import java.util.Properties;

/** The Jakarta Mail session for a mailbox: Angus's properties are built here, at the edge, from the typed config. */
public final class MailSessions {
    private MailSessions() {
    }

    public static Session of(MailboxProtocol protocol, MailboxTls tls, Duration timeout) {
        String p = "mail." + protocol.storeName(tls) + ".";
        String millis = Long.toString(timeout.toMillis());
        Properties props = new Properties();
        props.setProperty(p + "connectiontimeout", millis);
        props.setProperty(p + "timeout", millis);
        props.setProperty(p + "writetimeout", millis);
        // fetching must not set \Seen: a message is marked only once Kafka has it
        props.setProperty(p + "peek", "true");
        if (tls == MailboxTls.STARTTLS) {
            props.setProperty(p + "starttls.enable", "true");
            props.setProperty(p + "starttls.required", "true");
        }
        if (tls != MailboxTls.NONE) {
            props.setProperty(p + "ssl.checkserveridentity", "true");
        }
        return Session.getInstance(props);
    }
}
