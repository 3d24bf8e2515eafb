package io.mailstream.bounces.support;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** A hosted bounce mailbox for tests: GreenMail's IMAP and POP3 servers on free ports, one user, and a client to look inside. */
public final class BounceMailbox implements AutoCloseable {
    public static final String LOGIN = "bounces";
    public static final String PASSWORD = "mailbox-secret";

    private final GreenMail greenMail;
    private final GreenMailUser user;

    public BounceMailbox() {
        greenMail = new GreenMail(new ServerSetup[] {ServerSetupTest.IMAP.dynamicPort(), ServerSetupTest.POP3.dynamicPort()});
        greenMail.start();
        user = greenMail.setUser("bounces@bounce.example.com", LOGIN, PASSWORD);
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    public int pop3Port() {
        return greenMail.getPop3().getPort();
    }

    /** Delivers {@code raw} (an RFC 5322 message) into INBOX, with {@code deliveredTo} recorded as a hosted mailbox does. */
    public void deliver(String deliveredTo, byte[] raw) {
        byte[] withField = ("Delivered-To: " + deliveredTo + "\r\n" + new String(raw, StandardCharsets.ISO_8859_1))
                .getBytes(StandardCharsets.ISO_8859_1);
        try {
            user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(withField)));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The flags of each message in {@code folder} (empty if it does not exist), as an IMAP client sees them. */
    public List<Flags> flags(String folder) {
        Properties p = new Properties();
        try (Store store = Session.getInstance(p).getStore("imap")) {
            store.connect("localhost", imapPort(), LOGIN, PASSWORD);
            Folder f = store.getFolder(folder);
            if (!f.exists()) {
                return List.of();
            }
            f.open(Folder.READ_ONLY);
            List<Flags> out = new ArrayList<>();
            for (Message m : f.getMessages()) {
                out.add(m.getFlags());
            }
            f.close(false);
            return out;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
