package io.mailstream.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the deploy files into Jackson trees. YAML is loaded with SnakeYAML (the engine under
 * Jackson's YAML module) because compose files use anchors and {@code <<} merge keys, which Jackson's
 * YAML parser passes through unresolved; the result is then an ordinary {@link JsonNode}.
 */
final class DeployYaml {
    /** The repository's infra folder, seen from infra/cli where the tests run. */
    static final Path INFRA = Path.of("..").toAbsolutePath().normalize();
    static final Path COMPOSE = INFRA.resolve("compose");
    static final Path K8S = INFRA.resolve("k8s");

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeployYaml() {
    }

    static JsonNode read(Path file) {
        List<JsonNode> docs = readAll(file);
        if (docs.size() != 1) {
            throw new IllegalStateException(file + " holds " + docs.size() + " documents, expected one");
        }
        return docs.get(0);
    }

    static List<JsonNode> readAll(Path file) {
        try (Reader r = Files.newBufferedReader(file)) {
            List<JsonNode> out = new ArrayList<>();
            for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(r)) {
                if (doc != null) {
                    out.add(JSON.valueToTree(doc));
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    /** Every k8s manifest document, from every .yaml file of infra/k8s. */
    static List<JsonNode> k8sDocuments() {
        try (var files = Files.list(K8S)) {
            List<JsonNode> docs = new ArrayList<>();
            files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> docs.addAll(readAll(f)));
            return docs;
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + K8S, e);
        }
    }

    /** Every string value anywhere under a node (keys excluded). */
    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        collect(node, out);
        return out;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isValueNode()) {
            out.add(node.asText());
        } else {
            node.forEach(child -> collect(child, out));
        }
    }
}
