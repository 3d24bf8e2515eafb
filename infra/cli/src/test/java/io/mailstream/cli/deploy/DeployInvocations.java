package io.mailstream.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the {@code mailstream} command lines in the compose file and the k8s manifests. */
final class DeployInvocations {
    /** The image every mailstream service runs (compose builds it; k8s pulls it). */
    static final String IMAGE_PREFIX = "mailstream/cli:";
    private static final Pattern K8S_VAR = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private DeployInvocations() {
    }

    /** Compose services built from or running the mailstream image, by service name. */
    static Map<String, CliInvocation> compose(JsonNode compose) {
        Map<String, CliInvocation> out = new HashMap<>();
        compose.get("services").properties().forEach(e -> {
            JsonNode s = e.getValue();
            if (s.path("image").asText().startsWith(IMAGE_PREFIX)) {
                List<String> args = new ArrayList<>();
                s.path("command").forEach(a -> args.add(a.asText().replace("$$", "$")));
                out.put(e.getKey(), new CliInvocation("compose service " + e.getKey(), args));
            }
        });
        return out;
    }

    /** Containers of k8s Deployments running the mailstream image, by Deployment name, $(VAR)s resolved. */
    static Map<String, CliInvocation> k8s(List<JsonNode> docs) {
        Map<String, Map<String, String>> configMaps = new HashMap<>();
        for (JsonNode d : docs) {
            if ("ConfigMap".equals(d.path("kind").asText())) {
                Map<String, String> data = new HashMap<>();
                d.path("data").properties().forEach(f -> data.put(f.getKey(), f.getValue().asText()));
                configMaps.put(d.path("metadata").path("name").asText(), data);
            }
        }
        Map<String, CliInvocation> out = new HashMap<>();
        for (JsonNode d : docs) {
            if (!"Deployment".equals(d.path("kind").asText())) {
                continue;
            }
            String name = d.path("metadata").path("name").asText();
            for (JsonNode c : d.path("spec").path("template").path("spec").path("containers")) {
                if (!c.path("image").asText().startsWith(IMAGE_PREFIX)) {
                    continue;
                }
                Map<String, String> env = new HashMap<>();
                for (JsonNode from : c.path("envFrom")) {
                    String cm = from.path("configMapRef").path("name").asText(null);
                    if (cm != null) {
                        if (!configMaps.containsKey(cm)) {
                            throw new AssertionError("Deployment " + name + " reads ConfigMap " + cm + ", which no manifest defines");
                        }
                        env.putAll(configMaps.get(cm));
                    }
                }
                for (JsonNode e : c.path("env")) {
                    env.put(e.path("name").asText(), e.has("value") ? e.get("value").asText() : "from-" + e.path("name").asText().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                }
                List<String> args = new ArrayList<>();
                c.path("command").forEach(a -> args.add(substitute(a.asText(), env, name)));
                c.path("args").forEach(a -> args.add(substitute(a.asText(), env, name)));
                out.put(name, new CliInvocation("k8s Deployment " + name, args));
            }
        }
        return out;
    }

    private static String substitute(String arg, Map<String, String> env, String deployment) {
        Matcher m = K8S_VAR.matcher(arg);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            if (v == null) {
                throw new AssertionError("Deployment " + deployment + " uses $(" + m.group(1) + "), which its container does not define");
            }
            m.appendReplacement(b, Matcher.quoteReplacement(v));
        }
        m.appendTail(b);
        return b.toString();
    }
}
