package io.mailstream.cli.standalone;

import io.mailstream.embedded.smtp.SmtpSink;
import io.mailstream.embedded.smtp.SmtpSinkConfig;
import io.mailstream.embedded.smtp.SinkTransaction;
import io.mailstream.schemas.address.EmailAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailstream sink}: the SMTP sink as a service of its own, accepting every mail and counting
 * it per recipient; with {@code --json-report} the counts are written as a {@link SinkReport}
 * periodically and once more at shutdown (SIGTERM), so duplicates and misses can be counted.
 */
@Command(name = "sink", mixinStandardHelpOptions = true,
        description = "Run the SMTP sink (accepts and counts mail per recipient) in the foreground.")
public final class SinkCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "2525", description = "SMTP port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Interface to listen on (default: loopback only;"
            + " 0.0.0.0 for every interface: the sink accepts mail from anyone who reaches it).")
    String bind;

    @Option(names = "--host-name", defaultValue = "localhost", description = "Name in the greeting (default: ${DEFAULT-VALUE}).")
    String hostName;

    @Option(names = "--json-report", paramLabel = "FILE", description = "Write the per-recipient counts here (every --report-interval and at exit).")
    Path report;

    @Option(names = "--transaction-log", paramLabel = "FILE", description = "Log every mail transaction here: start and end"
            + " (microseconds), accepted, EHLO name, client, recipients; tab-separated, flushed every --report-interval and at exit.")
    Path transactionLog;

    @Option(names = "--report-interval", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds between progress lines and report rewrites (default: ${DEFAULT-VALUE}).")
    long intervalSeconds;

    @Override
    public Integer call() throws InterruptedException {
        SmtpSinkConfig config;
        try {
            if (intervalSeconds < 1) {
                throw new IllegalArgumentException("--report-interval must be at least 1 second, was " + intervalSeconds);
            }
            config = new SmtpSinkConfig(port, hostName, false, SmtpSinkConfig.DEFAULT_MAX_KEPT_MESSAGES, List.of());
            if (bind != null) {
                config = config.boundTo(InetAddress.getByName(bind));
            }
        } catch (IllegalArgumentException | UnknownHostException e) {
            spec.commandLine().getErr().println("mailstream sink: " + e.getMessage());
            return 2;
        }
        ForegroundService foreground = new ForegroundService("mailstream-sink");
        TransactionLogFile transactions = transactionLog == null ? null : TransactionLogFile.create(transactionLog);
        SmtpSink sink = SmtpSink.start(config, transactions == null ? SinkTransaction.Listener.NONE : transactions);
        try {
            spec.commandLine().getOut().println("SMTP sink listening on " + sink.host() + ":" + sink.port());
            spec.commandLine().getOut().flush();
            while (!foreground.awaitStop(intervalSeconds)) {
                spec.commandLine().getOut().println("SMTP sink accepted " + sink.count() + " messages so far");
                spec.commandLine().getOut().flush();
                writeReport(sink);
                if (transactions != null) {
                    transactions.flush();
                }
            }
        } finally {
            // Stop accepting first, so the final report holds every mail that was acknowledged.
            sink.close();
            writeReport(sink);
            if (transactions != null) {
                transactions.close();
            }
            foreground.closed();
        }
        return 0;
    }

    private void writeReport(SmtpSink sink) {
        if (report == null) {
            return;
        }
        Map<String, Long> counts = new HashMap<>();
        for (Map.Entry<EmailAddress, Long> e : sink.countsByRecipient().entrySet()) {
            counts.put(e.getKey().asString(), e.getValue());
        }
        new SinkReport(sink.count(), counts).writeTo(report);
    }
}
