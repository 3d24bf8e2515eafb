package io.mailstream.cli.deadletter;

import picocli.CommandLine.Command;

/** {@code mailstream dead-letter list|replay}. */
@Command(name = "dead-letter", mixinStandardHelpOptions = true,
        description = "Show the records in mail.dead-letter and put them back on their topic once the cause is fixed.")
public final class DeadLetterGroup {
}
