package io.mailstream.bounces.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailstream.bounces.BounceClassifier;
import io.mailstream.bounces.BounceReport;
import io.mailstream.bounces.RecipientReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bounces classify PATH... [--json]}: classifies bounce files without Kafka. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Classify bounce messages (.eml files, folders, maildirs, mbox files); one line per recipient.")
public class ClassifyCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, folders (recursive), maildirs or mbox files.")
    List<Path> paths;

    @Option(names = "--json", description = "Print one JSON object per recipient per line.")
    boolean json;

    @Option(names = "--envelope-recipient", paramLabel = "ADDRESS",
            description = "The RCPT TO the bounces were received for (VERP), if known.")
    String envelopeRecipient;

    public ClassifyCommand() {
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        BounceClassifier classifier = new BounceClassifier();
        for (MailSources.Source s : MailSources.expand(paths)) {
            BounceReport report = classifier.classify(s.bytes(), envelopeRecipient);
            if (report.recipients().isEmpty()) {
                out.println(json ? jsonLine(s.name(), report, null)
                        : String.join("\t", s.name(), "-", report.kind().name(), String.join("; ", report.problems())));
            }
            for (RecipientReport r : report.recipients()) {
                out.println(json ? jsonLine(s.name(), report, r) : textLine(s.name(), r));
            }
        }
        return 0;
    }

    private static String textLine(String file, RecipientReport r) {
        return String.join("\t", file, r.recipient().isEmpty() ? "-" : r.recipient(),
                r.action().name().toLowerCase(java.util.Locale.ROOT),
                r.status().map(Object::toString).orElse("-"),
                r.replyCode().isPresent() ? String.valueOf(r.replyCode().getAsInt()) : "-",
                r.reason().sisimaiName(), r.hard() ? "hard" : "soft", r.messageId().orElse("-"));
    }

    private static String jsonLine(String file, BounceReport report, RecipientReport r) throws Exception {
        ObjectNode n = JSON.createObjectNode();
        n.put("file", file);
        n.put("kind", report.kind().name());
        if (r != null) {
            n.put("recipient", r.recipient());
            n.put("action", r.action().name().toLowerCase(java.util.Locale.ROOT));
            n.put("status", r.status().map(Object::toString).orElse(null));
            if (r.replyCode().isPresent()) {
                n.put("replyCode", r.replyCode().getAsInt());
            } else {
                n.putNull("replyCode");
            }
            n.put("reason", r.reason().sisimaiName());
            n.put("hard", r.hard());
            n.put("confidence", r.confidence().name().toLowerCase(java.util.Locale.ROOT));
            n.put("provisionalHard", r.provisionalHard());
            n.put("evidence", r.evidence().describe());
            n.put("messageId", r.messageId().orElse(null));
            n.put("remoteMta", r.remoteMta().orElse(null));
            n.put("diagnostic", r.diagnostic().length() > 500 ? r.diagnostic().substring(0, 500) : r.diagnostic());
        }
        report.problems().forEach(n.putArray("problems")::add);
        return JSON.writeValueAsString(n);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ClassifyCommand()).execute(args));
    }
}
