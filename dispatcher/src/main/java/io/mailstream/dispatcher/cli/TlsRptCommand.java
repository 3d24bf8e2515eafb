package io.mailstream.dispatcher.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mailstream tlsrpt}: TLS-RPT (RFC 8460) reports of what the dispatchers counted. */
@Command(name = "tlsrpt", mixinStandardHelpOptions = true, description = "TLS-RPT (RFC 8460) reports.",
        subcommands = TlsRptSendCommand.class)
public final class TlsRptCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
