package io.mailstream.bounces.cli;

import io.mailstream.bounces.mailbox.AfterIngest;
import io.mailstream.bounces.mailbox.MailboxConfig;
import io.mailstream.bounces.mailbox.MailboxProtocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bounces imap}: see {@link MailboxCommand}. */
@Command(name = "imap", mixinStandardHelpOptions = true,
        description = "Poll an IMAP mailbox for bounces and feed them into mail.bounces.raw (at least once).")
public class BounceImapCommand extends MailboxCommand {
    @Option(names = "--folder", defaultValue = MailboxConfig.DEFAULT_FOLDER, description = "Folder to poll (default: ${DEFAULT-VALUE}).")
    String folder;

    @Option(names = "--after", defaultValue = "delete", converter = AfterConverter.class,
            description = "After Kafka acknowledged a message: delete, flag (keyword " + MailboxConfig.INGESTED_KEYWORD
                    + ") or move (flag, then move to --processed-folder) (default: ${DEFAULT-VALUE}).")
    AfterIngest after;

    @Option(names = "--processed-folder", defaultValue = MailboxConfig.DEFAULT_PROCESSED_FOLDER,
            description = "Where --after move puts messages; created if missing (default: ${DEFAULT-VALUE}).")
    String processedFolder;

    public BounceImapCommand() {
    }

    @Override
    MailboxProtocol protocol() {
        return MailboxProtocol.IMAP;
    }

    @Override
    MailboxConfig folderAndAfter(MailboxConfig base) {
        return base.withFolder(folder).withAfter(after, processedFolder);
    }
}
