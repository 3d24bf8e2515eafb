package io.mailstream.bounces.cli;

import io.mailstream.bounces.mailbox.MailboxConfig;
import io.mailstream.bounces.mailbox.MailboxProtocol;
import picocli.CommandLine.Command;

/** {@code bounces pop3}: see {@link MailboxCommand}; POP3 has one folder and no flags, so messages are deleted. */
@Command(name = "pop3", mixinStandardHelpOptions = true,
        description = "Poll a POP3 mailbox for bounces and feed them into mail.bounces.raw; deleted once Kafka acknowledged them.")
public class BouncePop3Command extends MailboxCommand {
    public BouncePop3Command() {
    }

    @Override
    MailboxProtocol protocol() {
        return MailboxProtocol.POP3;
    }

    @Override
    MailboxConfig folderAndAfter(MailboxConfig base) {
        return base;
    }
}
