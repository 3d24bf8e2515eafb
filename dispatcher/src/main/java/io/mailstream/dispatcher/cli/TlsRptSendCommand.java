package io.mailstream.dispatcher.cli;

import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.dispatcher.smtp.SmtpRoute;
import io.mailstream.dispatcher.tls.internal.TrustedCa;
import io.mailstream.dispatcher.tls.report.SubmitSettings;
import io.mailstream.dispatcher.tls.report.TlsReportSender;
import io.mailstream.dispatcher.tls.report.TlsReportSubmitter;
import io.mailstream.dispatcher.tls.report.internal.TlsRptRecordLookup;
import io.mailstream.schemas.kafka.KafkaClientSettings;
import io.mailstream.schemas.kafka.KafkaConfigException;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailstream tlsrpt send [--day YYYY-MM-DD]}: sums the TLS-RPT counts every dispatcher wrote
 * to {@code mail.tls-reports} for a finished UTC day (default: yesterday) and submits one report per
 * policy domain to the rua of its {@code _smtp._tls} record, once: a second run sends nothing for the
 * domains already done. Runs as the dispatcher's Kafka principal (it reads and writes
 * {@code mail.tls-reports}, no consumer group). Exit code 0 when every report was sent (or had been,
 * or had nowhere to go), 1 when one could not be sent (run again later), 2 for invalid options.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
        description = "Submit the TLS-RPT reports (RFC 8460) of a finished UTC day, each domain once.")
public final class TlsRptSendCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    KafkaClusterOptions cluster;

    @Option(names = "--day", description = "UTC day to report, YYYY-MM-DD (default: yesterday); must be over.")
    String day;

    @Option(names = "--organization", required = true, description = "organization-name of the reports (tls-rpt.organization).")
    String organization;

    @Option(names = "--contact", required = true, description = "contact-info of the reports, e.g. mailto:postmaster@acme.example (tls-rpt.contact).")
    String contact;

    @Option(names = "--submitter", required = true, description = "Our domain: in report file names and the TLS-Report-Submitter header (tls-rpt.submitter).")
    String submitter;

    @Option(names = "--from", description = "Sender address of mailto reports (default: tls-reports@<submitter>).")
    String from;

    @Option(names = "--relay-host", defaultValue = "localhost", description = "SMTP server that takes mailto reports (default: ${DEFAULT-VALUE}).")
    String relayHost;

    @Option(names = "--relay-port", defaultValue = "25", description = "Its port (default: ${DEFAULT-VALUE}).")
    int relayPort;

    @Option(names = "--dns-resolver", description = "host:port of the DNS resolver for _smtp._tls records (default: the system's).")
    String dnsResolver;

    @Option(names = "--https-trusted-ca", description = "PEM file of CAs to trust for https rua instead of the JDK's (tests, private PKI).")
    Path httpsTrustedCa;

    @Option(names = "--timeout", defaultValue = "PT30S", description = "ISO-8601 limit of one submission and of reading the topic (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Clock clock = Clock.systemUTC();
        LocalDate reportDay;
        KafkaConnection kafka;
        String registryUrl;
        SubmitSettings settings;
        Optional<InetSocketAddress> resolver;
        try {
            reportDay = day == null ? LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1) : LocalDate.parse(day);
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            if (!reportDay.isBefore(today)) {
                err.println("--day " + reportDay + " is not over yet (today is " + today + " UTC): a report covers a whole UTC day");
                return 2;
            }
            KafkaClientSettings kafkaSettings = cluster.settings();
            kafka = cluster.connection(kafkaSettings);
            registryUrl = cluster.registryUrl(kafkaSettings);
            settings = new SubmitSettings(submitter, organization, contact, from != null ? from : "tls-reports@" + submitter,
                    new SmtpRoute(relayHost, relayPort), Optional.ofNullable(httpsTrustedCa).map(TrustedCa::sslContext), timeout);
            resolver = Optional.ofNullable(dnsResolver).map(TlsRptSendCommand::hostPort);
        } catch (DateTimeParseException e) {
            err.println("--day must be YYYY-MM-DD, was '" + day + "'");
            return 2;
        } catch (InvalidConfigException | KafkaConfigException | IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(kafka));
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(kafka))) {
            TlsReportSender sender = new TlsReportSender(consumer, producer,
                    new RestSchemaRegistryClient(kafka.settings().registry(registryUrl)), new TlsRptRecordLookup(resolver, timeout)::lookup,
                    new TlsReportSubmitter(settings), organization, contact, clock, timeout);
            List<TlsReportSender.Outcome> outcomes;
            try {
                outcomes = sender.send(reportDay);
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return 2;
            }
            boolean allDone = true;
            for (TlsReportSender.Outcome o : outcomes) {
                out.println(describe(o));
                allDone &= !(o instanceof TlsReportSender.NotSent);
            }
            out.printf("%s: %d domain(s)%n", reportDay, outcomes.size());
            out.flush();
            return allDone ? 0 : 1;
        }
    }

    private static String describe(TlsReportSender.Outcome o) {
        return switch (o) {
            case TlsReportSender.Sent s -> s.domain() + ": sent " + s.submissions();
            case TlsReportSender.AlreadySent a -> a.domain() + ": already sent";
            case TlsReportSender.NoRecord n -> n.domain() + ": no _smtp._tls record, nothing sent";
            case TlsReportSender.NotSent n -> n.domain() + ": NOT sent (" + n.reason() + "); run again later";
        };
    }

    private static InetSocketAddress hostPort(String s) {
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            return new InetSocketAddress(s, 53);
        }
        try {
            return new InetSocketAddress(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--dns-resolver must be host[:port], was '" + s + "'");
        }
    }

    private static Properties consumerProperties(KafkaConnection kafka) {
        Properties p = new Properties();
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "mailstream-tlsrpt-send");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return kafka.merge(p);
    }

    private static Properties producerProperties(KafkaConnection kafka) {
        Properties p = new Properties();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "mailstream-tlsrpt-send");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return kafka.merge(p);
    }
}
