package io.mailstream.producer.campaign;

import io.mailstream.producer.ProducerException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A campaign file that cannot be launched; carries every problem found, not just the first. */
public final class CampaignFileException extends ProducerException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final transient List<Problem> problems;

    public CampaignFileException(Path file, List<Problem> problems) {
        super("campaign file " + file + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                + ":\n" + problems.stream().map(p -> "  - " + p.describe()).collect(Collectors.joining("\n")));
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public Path file() {
        return file;
    }

    public List<Problem> problems() {
        return problems;
    }
}
