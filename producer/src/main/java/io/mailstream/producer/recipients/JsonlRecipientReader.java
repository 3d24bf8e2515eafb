package io.mailstream.producer.recipients;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Streams a JSON Lines recipient list: one JSON object per line, with an {@code email} field; the
 * object's scalar fields become the row's variables (numbers and booleans as text, nulls left out).
 * Blank lines are ignored; a line that is not an object, or that nests objects or arrays, is yielded
 * as malformed so it lands in the rejects file.
 */
final class JsonlRecipientReader implements RecipientReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final BufferedReader in;
    private final LongSupplier bytesRead;
    private long line;

    JsonlRecipientReader(Path path, Reader in, LongSupplier bytesRead) {
        this.path = path;
        this.in = new BufferedReader(in, 1 << 16);
        this.bytesRead = bytesRead;
    }

    @Override
    public Optional<RecipientRow> next() {
        String text;
        do {
            text = readLine();
            if (text == null) {
                return Optional.empty();
            }
            if (line == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
        } while (text.isBlank());
        return Optional.of(parse(text));
    }

    private RecipientRow parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return RecipientRow.malformed(line, Map.of(), "line is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return RecipientRow.malformed(line, Map.of(), "line is not a JSON object");
        }
        Map<String, String> vars = new LinkedHashMap<>();
        String defect = null;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (value.isContainerNode()) {
                if (defect == null) {
                    defect = "field '" + field.getKey() + "' is an object or array; only text, numbers and booleans are supported";
                }
                continue;
            }
            vars.put(field.getKey(), value.asText());
        }
        return defect == null ? RecipientRow.of(line, vars) : RecipientRow.malformed(line, vars, defect);
    }

    private String readLine() {
        try {
            String s = in.readLine();
            if (s != null) {
                line++;
            }
            return s;
        } catch (CharacterCodingException e) {
            throw new RecipientFileException(path, line + 1, "file is not valid UTF-8 near here", e);
        } catch (IOException e) {
            throw new RecipientFileException(path, line + 1, "read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<List<String>> columns() {
        return Optional.empty();
    }

    @Override
    public long bytesRead() {
        return bytesRead.getAsLong();
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new RecipientFileException(path, 0, "close failed: " + e.getMessage(), e);
        }
    }
}
