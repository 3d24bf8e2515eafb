package io.mailstream.producer.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mailstream.producer.campaign.internal.HeaderRules;
import io.mailstream.producer.campaign.internal.Problems;
import io.mailstream.producer.campaign.internal.TemplateInspector;
import io.mailstream.producer.campaign.internal.TemplateInspector.Inspection;
import io.mailstream.producer.campaign.internal.YamlLines;
import io.mailstream.schemas.address.DomainShards;
import io.mailstream.schemas.address.RouteTarget;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.ids.TenantId;
import io.mailstream.schemas.address.InvalidAddressException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads and validates campaign files (YAML, format in the module README). Every problem in the file
 * is collected before failing, so one edit-and-retry round fixes them all; nothing is published
 * from a file that fails here.
 */
public final class CampaignFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Set<String> TOP_LEVEL = Set.of("id", "version", "name", "sender", "replyTo", "subject",
            "html", "text", "headers", "listUnsubscribe", "recipients", "shards", "list", "tenant", "priority", "tracking");
    private static final Set<String> TRACKING_FIELDS = Set.of("clicks", "opens");
    private static final Set<String> SENDER_FIELDS = Set.of("name", "address");
    private static final String CRLF_FIX = "remove the line break: it would let the value inject mail headers";

    private CampaignFiles() {
    }

    /** Loads {@code file} with the recipients it names. */
    public static CampaignDefinition load(Path file) {
        return load(file, Optional.empty());
    }

    /**
     * Loads {@code file}, reading recipients from {@code recipientsOverride} instead of the file's own
     * {@code recipients.path} when given (resolved against the working directory, not the campaign folder).
     *
     * @throws CampaignFileException listing every problem found
     */
    public static CampaignDefinition load(Path file, Optional<Path> recipientsOverride) {
        String yaml;
        try {
            yaml = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CampaignFileException(file, List.of(new Problem(file, 0, "(file)",
                    "cannot read the campaign file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                    "check the path")));
        }
        Problems problems = new Problems(file, YamlLines.scan(yaml));
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.addAt(line, "(file)", "not valid YAML: " + e.getOriginalMessage(), "fix the YAML syntax");
            throw new CampaignFileException(file, problems.all());
        }
        if (root == null || !root.isObject()) {
            problems.addAt(1, "(file)", "the file must be a YAML mapping (id: ..., subject: ...)", "see producer/README.md");
            throw new CampaignFileException(file, problems.all());
        }
        CampaignDefinition definition = new Reader(file, root, problems).read(recipientsOverride);
        if (!problems.isEmpty()) {
            throw new CampaignFileException(file, problems.all());
        }
        return definition;
    }

    /** One pass over one parsed file; fields that fail are recorded and replaced by placeholders. */
    private static final class Reader {
        private final Path file;
        private final JsonNode root;
        private final Problems problems;

        Reader(Path file, JsonNode root, Problems problems) {
            this.file = file;
            this.root = root;
            this.problems = problems;
        }

        CampaignDefinition read(Optional<Path> recipientsOverride) {
            unknownFields(root, "", TOP_LEVEL);
            String id = id();
            int version = version();
            String name = text(root, "name").orElse(id);
            SenderIdentity sender = sender();
            Optional<EmailAddress> replyTo = text(root, "replyTo").flatMap(v -> address("replyTo", v));
            Templates templates = templates();
            Map<String, String> headers = headers();
            DomainShards shards = shards();
            Optional<String> listId = listId();
            TenantId tenant = tenant();
            int priority = priority();
            CampaignTracking tracking = tracking();
            RecipientsSection section = new RecipientsSection(file, root, problems);
            Optional<RecipientSource> recipients = section.read(recipientsOverride);
            recipients.ifPresent(r -> section.check(r, templates));
            if (!problems.isEmpty()) {
                return null;
            }
            return new CampaignDefinition(file, id, version, name, sender, replyTo, templates, headers,
                    recipients.orElseThrow(), shards, listId, tenant, priority, tracking);
        }

        private String id() {
            Optional<String> id = required(root, "id", "give the campaign a stable id, e.g. id: welcome-2026-01");
            if (id.isPresent() && !ID.matcher(id.get()).matches()) {
                problems.add("id", "'" + id.get() + "' is not a valid campaign id",
                        "use 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
            return id.orElse("invalid");
        }

        /** {@code list}: the list the campaign mails, the scope of the unsubscribes its mail brings. */
        private Optional<String> listId() {
            Optional<String> list = text(root, "list");
            if (list.isPresent() && !ID.matcher(list.get()).matches()) {
                problems.add("list", "'" + list.get() + "' is not a valid list id",
                        "use 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit, e.g. list: newsletter");
                return Optional.empty();
            }
            return list;
        }

        /** {@code tenant}: who owns the campaign's templates (the API's keys of that tenant may use them). */
        private TenantId tenant() {
            Optional<String> tenant = text(root, "tenant");
            if (tenant.isEmpty()) {
                return TenantId.DEFAULT;
            }
            if (!TenantId.isValid(tenant.get())) {
                problems.add("tenant", "'" + tenant.get() + "' is not a valid tenant id",
                        "use 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit, as in the API's apiKeys[].tenant");
                return TenantId.DEFAULT;
            }
            return TenantId.of(tenant.get());
        }

        /** {@code tracking: {clicks: true|false, opens: true|false}}: click and open tracking (issue 18). */
        private CampaignTracking tracking() {
            JsonNode t = root.get("tracking");
            if (t == null || t.isNull()) {
                return CampaignTracking.DEFAULT;
            }
            if (!t.isObject()) {
                problems.add("tracking", "must be a mapping, was '" + t.asText() + "'",
                        "write e.g. tracking: {clicks: true, opens: false} (clicks are on and opens off by default)");
                return CampaignTracking.DEFAULT;
            }
            unknownFields(t, "tracking.", TRACKING_FIELDS);
            return new CampaignTracking(flag(t, "clicks", CampaignTracking.DEFAULT.clicks()),
                    flag(t, "opens", CampaignTracking.DEFAULT.opens()));
        }

        private boolean flag(JsonNode parent, String key, boolean otherwise) {
            JsonNode v = parent.get(key);
            if (v == null || v.isNull()) {
                return otherwise;
            }
            if (!v.isBoolean()) {
                problems.add("tracking." + key, "must be true or false, was '" + v.asText() + "'",
                        "write tracking." + key + ": true or false");
                return otherwise;
            }
            return v.asBoolean();
        }

        /** {@code priority}: how this campaign's mail ranks against other campaigns' mail to the same destination. */
        private int priority() {
            JsonNode p = root.get("priority");
            if (p == null || p.isNull()) {
                return 0;
            }
            if (!p.isInt() || p.asInt() < CampaignDefinition.MIN_PRIORITY || p.asInt() > CampaignDefinition.MAX_PRIORITY) {
                problems.add("priority", "must be a whole number from " + CampaignDefinition.MIN_PRIORITY + " to "
                        + CampaignDefinition.MAX_PRIORITY + ", was '" + p.asText() + "'",
                        "use e.g. priority: 5 for a time-critical announcement, 0 (the default) for a routine newsletter");
                return 0;
            }
            return p.asInt();
        }

        private int version() {
            JsonNode v = root.get("version");
            if (v == null || v.isNull()) {
                return 1;
            }
            if (!v.isInt() || v.asInt() < 1) {
                problems.add("version", "must be a whole number of at least 1, was '" + v.asText() + "'",
                        "bump it when the templates change; leave it out for 1");
                return 1;
            }
            return v.asInt();
        }

        private SenderIdentity sender() {
            JsonNode s = root.get("sender");
            EmailAddress placeholder = EmailAddress.parse("invalid@invalid.invalid");
            if (s == null || !s.isObject()) {
                problems.add("sender", s == null ? "is missing" : "must be a mapping with name and address",
                        "e.g. sender: {name: Example Team, address: news@example.com}");
                return new SenderIdentity(Optional.empty(), placeholder);
            }
            unknownFields(s, "sender.", SENDER_FIELDS);
            Optional<String> name = text(s, "sender.name", "name");
            name.filter(HeaderRules::hasLineBreak).ifPresent(n -> problems.add("sender.name",
                    "contains a line break", CRLF_FIX));
            Optional<EmailAddress> address = required(s, "sender.address", "address",
                    "add the From address, e.g. address: news@example.com")
                    .flatMap(a -> address("sender.address", a));
            return new SenderIdentity(name, address.orElse(placeholder));
        }

        private Optional<EmailAddress> address(String field, String raw) {
            if (HeaderRules.hasLineBreak(raw)) {
                problems.add(field, "contains a line break", CRLF_FIX);
                return Optional.empty();
            }
            try {
                return Optional.of(EmailAddress.parse(raw));
            } catch (InvalidAddressException e) {
                problems.add(field, "'" + raw + "' is not a valid address: " + e.reason(), "write it as name@example.com");
                return Optional.empty();
            }
        }

        private Templates templates() {
            Optional<String> subject = required(root, "subject", "add a subject template, e.g. subject: Hello {{first_name}}");
            subject.ifPresent(t -> template("subject", t, true));
            Optional<String> html = text(root, "html");
            html.ifPresent(t -> template("html", t, false));
            Optional<String> text = text(root, "text");
            text.ifPresent(t -> template("text", t, false));
            if (html.isEmpty() && text.isEmpty() && root.get("html") == null && root.get("text") == null) {
                problems.add("html", "neither html nor text is given", "add an html and/or a text template");
            }
            Optional<String> unsubscribe = text(root, "listUnsubscribe");
            unsubscribe.ifPresent(t -> {
                template("listUnsubscribe", t, true);
                String lower = t.strip().toLowerCase(Locale.ROOT);
                // The dispatcher sends one-click unsubscribe (RFC 8058), which needs an http(s) URL.
                if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
                    problems.add("listUnsubscribe", "must be an https: or http: URL template (RFC 8058 one-click unsubscribe)",
                            "e.g. https://example.com/unsubscribe/{{messageId}}");
                }
            });
            if (html.isEmpty() && text.isEmpty()) {
                return new Templates(subject.orElse(""), Optional.empty(), Optional.of(""), unsubscribe);
            }
            return new Templates(subject.orElse(""), html, text, unsubscribe);
        }

        private Inspection template(String field, String template, boolean isHeader) {
            Inspection inspection = TemplateInspector.inspect(template);
            if (!inspection.compiles()) {
                problems.add(field, "template does not compile: " + inspection.error(),
                        "check that every {{ has a matching }} and every {{#section}} its {{/section}}");
            } else if (isHeader && inspection.literalLineBreak()) {
                problems.add(field, "contains a line break", CRLF_FIX);
            }
            return inspection;
        }

        private Map<String, String> headers() {
            JsonNode h = root.get("headers");
            Map<String, String> headers = new LinkedHashMap<>();
            if (h == null || h.isNull()) {
                return headers;
            }
            if (!h.isObject()) {
                problems.add("headers", "must be a mapping of header name to value", "e.g. headers: {X-Campaign: welcome}");
                return headers;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String field = "headers." + e.getKey();
                String name = e.getKey();
                if (!HeaderRules.isValidName(name)) {
                    problems.add(field, "'" + name + "' is not a valid header name",
                            "use printable ASCII without spaces or ':' (RFC 5322 §2.2)");
                } else if (HeaderRules.isReserved(name)) {
                    problems.add(field, name + " is set by mailstream itself", "remove it; use sender, replyTo, subject or listUnsubscribe");
                }
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    problems.add(field, "value must be text", "quote it");
                    continue;
                }
                String value = e.getValue().asText();
                if (HeaderRules.hasLineBreak(value)) {
                    problems.add(field, "value contains a line break", CRLF_FIX);
                }
                headers.put(name, value);
            }
            return headers;
        }

        private DomainShards shards() {
            JsonNode s = root.get("shards");
            if (s == null || s.isNull()) {
                return DomainShards.NONE;
            }
            if (!s.isObject()) {
                problems.add("shards", "must be a mapping of domain to shard count", "e.g. shards: {gmail.com: 8}");
                return DomainShards.NONE;
            }
            Map<RouteTarget, Integer> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String field = "shards." + e.getKey();
                RouteTarget domain;
                try {
                    domain = DomainShards.target(e.getKey());
                } catch (InvalidAddressException ex) {
                    problems.add(field, "'" + e.getKey() + "' is not a valid domain or site: " + ex.reason(),
                            "write it as gmail.com or site:google");
                    continue;
                }
                JsonNode n = e.getValue();
                if (!n.isInt() || n.asInt() < 1 || n.asInt() > 1024) {
                    problems.add(field, "shard count must be a whole number in 1..1024, was '" + n.asText() + "'",
                            "use the same counts as the dispatchers");
                    continue;
                }
                m.put(domain, n.asInt());
            }
            return new DomainShards(m);
        }

        private void unknownFields(JsonNode node, String prefix, Set<String> allowed) {
            problems.unknownFields(node, prefix, allowed);
        }

        private Optional<String> required(JsonNode node, String field, String fix) {
            return required(node, field, field, fix);
        }

        private Optional<String> required(JsonNode node, String field, String key, String fix) {
            Optional<String> value = text(node, field, key);
            if (value.isEmpty() && (node.get(key) == null || node.get(key).isNull())) {
                problems.add(field, "is missing", fix);
            } else if (value.isPresent() && value.get().isBlank()) {
                problems.add(field, "is empty", fix);
                return Optional.empty();
            }
            return value;
        }

        private Optional<String> text(JsonNode node, String field) {
            return text(node, field, field);
        }

        private Optional<String> text(JsonNode node, String field, String key) {
            return problems.text(node, field, key);
        }
    }
}
