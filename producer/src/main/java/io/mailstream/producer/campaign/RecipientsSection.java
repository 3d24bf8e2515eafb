package io.mailstream.producer.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import io.mailstream.producer.campaign.internal.Problems;
import io.mailstream.producer.campaign.internal.TemplateInspector;
import io.mailstream.producer.campaign.internal.TemplateInspector.Inspection;
import io.mailstream.producer.recipients.RecipientFileException;
import io.mailstream.producer.recipients.RecipientFormat;
import io.mailstream.producer.recipients.RecipientReader;
import io.mailstream.producer.recipients.RecipientRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code recipients} section of a campaign file: where the list is, in which format, and whether
 * it has the columns the templates use (CSV only: JSON Lines declare no columns up front).
 */
final class RecipientsSection {
    private static final Set<String> RECIPIENT_FIELDS = Set.of("path", "format");

    private final Path file;
    private final JsonNode root;
    private final Problems problems;

    RecipientsSection(Path file, JsonNode root, Problems problems) {
        this.file = file;
        this.root = root;
        this.problems = problems;
    }

    Optional<RecipientSource> read(Optional<Path> override) {
        JsonNode r = root.get("recipients");
        Optional<String> pathText = Optional.empty();
        Optional<String> formatText = Optional.empty();
        if (r != null && r.isTextual()) {
            pathText = Optional.of(r.asText());
        } else if (r != null && r.isObject()) {
            unknownFields(r, "recipients.", RECIPIENT_FIELDS);
            pathText = text(r, "recipients.path", "path");
            formatText = text(r, "recipients.format", "format");
        } else if (r != null && !r.isNull()) {
            problems.add("recipients", "must be a path or a mapping with path (and format)", "e.g. recipients: {path: recipients.csv}");
        }
        Path path;
        if (override.isPresent()) {
            path = override.get().toAbsolutePath();
        } else if (pathText.isPresent()) {
            Path folder = file.toAbsolutePath().getParent();
            path = folder.resolve(pathText.get());
        } else {
            problems.add("recipients", "no recipients path is given", "e.g. recipients: {path: recipients.csv}");
            return Optional.empty();
        }
        Optional<RecipientFormat> format = formatText.isPresent()
                ? RecipientFormat.parse(formatText.get())
                : RecipientFormat.fromFileName(path);
        if (format.isEmpty()) {
            problems.add(formatText.isPresent() ? "recipients.format" : "recipients.path",
                    formatText.map(f -> "unknown format '" + f + "'")
                            .orElse("cannot tell the format of " + path.getFileName() + " from its name"),
                    "name the file .csv or .jsonl (optionally .gz), or add format: csv|jsonl");
            return Optional.empty();
        }
        if (!Files.isRegularFile(path)) {
            problems.add("recipients.path", "file " + path + " does not exist", "check the path; relative paths start at the campaign file's folder");
            return Optional.empty();
        }
        return Optional.of(new RecipientSource(path, format.get()));
    }

    void check(RecipientSource source, Templates templates) {
        try (RecipientReader reader = source.open()) {
            Optional<List<String>> columns = reader.columns();
            if (columns.isEmpty()) {
                return;
            }
            if (!columns.get().contains(RecipientRow.EMAIL)) {
                problems.add("recipients.path", source.path().getFileName() + " has no email column (columns: "
                        + String.join(",", columns.get()) + ")", "name the address column 'email' in the header row");
            }
            Set<String> known = new HashSet<>(columns.get());
            known.addAll(CampaignDefinition.RENDER_TIME_VARIABLES);
            checkVariables("subject", templates.subject(), known, source);
            templates.html().ifPresent(t -> checkVariables("html", t, known, source));
            templates.text().ifPresent(t -> checkVariables("text", t, known, source));
            templates.listUnsubscribe().ifPresent(t -> checkVariables("listUnsubscribe", t, known, source));
        } catch (RecipientFileException e) {
            problems.add("recipients.path", "cannot read recipients: " + e.getMessage(), "fix the recipients file");
        }
    }

    private void checkVariables(String field, String template, Set<String> known, RecipientSource source) {
        Inspection inspection = TemplateInspector.inspect(template);
        for (String var : inspection.topLevelVariables()) {
            if (!known.contains(var) && !var.equals(".") && !var.equals("this")) {
                problems.add(field, "uses {{" + var + "}} but " + source.path().getFileName() + " has no '" + var + "' column",
                        "add the column, or fix the variable name (render-time variables: "
                                + String.join(", ", new TreeSet<>(CampaignDefinition.RENDER_TIME_VARIABLES)) + ")");
            }
        }
    }

    private Optional<String> text(JsonNode node, String field, String key) {
        return problems.text(node, field, key);
    }

    private void unknownFields(JsonNode node, String prefix, Set<String> allowed) {
        problems.unknownFields(node, prefix, allowed);
    }
}
