package io.mailstream.producer.cli;

import io.mailstream.producer.campaign.CampaignFileException;
import io.mailstream.producer.campaign.Problem;
import io.mailstream.producer.launch.CampaignNotFoundException;
import io.mailstream.producer.launch.InvalidStateChangeException;
import io.mailstream.producer.launch.StateMovedException;
import io.mailstream.schemas.MailstreamException;
import io.mailstream.schemas.kafka.KafkaConfigException;
import java.io.PrintWriter;

/** Turns the exceptions of a campaign command into a clear message and an exit code, without stack traces. */
final class CommandErrors {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int INVALID_INPUT = 3;
    static final int REFUSED = 4;

    private CommandErrors() {
    }

    static int report(RuntimeException e, PrintWriter err) {
        if (e instanceof CampaignFileException cfe) {
            err.println("error: campaign file " + cfe.file() + " has " + cfe.problems().size()
                    + (cfe.problems().size() == 1 ? " problem" : " problems") + "; nothing was published:");
            for (Problem p : cfe.problems()) {
                err.println("  " + p.describe());
            }
            err.flush();
            return INVALID_INPUT;
        }
        int code = e instanceof CampaignNotFoundException || e instanceof InvalidStateChangeException
                || e instanceof StateMovedException ? REFUSED
                : e instanceof IllegalArgumentException || e instanceof KafkaConfigException ? INVALID_INPUT : FAILED;
        if (!(e instanceof MailstreamException) && !(e instanceof IllegalArgumentException)) {
            err.println("error: unexpected " + e.getClass().getName() + ": " + oneLine(e.getMessage()));
        } else {
            err.println("error: " + oneLine(e.getMessage()));
        }
        err.flush();
        return code;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace("\r", " ").replace("\n", " ");
    }
}
