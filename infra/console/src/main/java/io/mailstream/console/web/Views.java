package io.mailstream.console.web;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The console's Mustache templates ({@code console/templates/*.mustache}), compiled once, HTML-escaped. */
public final class Views {
    private static final String ECHARTS_VERSION = "5.3.1";

    private final Mustache.Compiler compiler = Mustache.compiler().escapeHTML(true).defaultValue("");
    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    /** A whole page: {@code body} rendered into the layout with the navigation's {@code nav} entry marked. */
    public String page(String title, String nav, String body, Map<String, ?> model) {
        Map<String, Object> layout = new HashMap<>();
        layout.put("title", title);
        layout.put("nav", Map.of(nav, true));
        layout.put("echartsVersion", ECHARTS_VERSION);
        layout.put("body", fragment(body, model));
        return fragment("layout", layout);
    }

    /** One template alone: what an htmx request swaps in. */
    public String fragment(String name, Map<String, ?> model) {
        return templates.computeIfAbsent(name, this::compile).execute(model);
    }

    private Template compile(String name) {
        String path = "/console/templates/" + name + ".mustache";
        try (InputStream in = Views.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("template missing from the console jar: " + path);
            }
            return compiler.compile(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.2f %%", ratio * 100);
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }

    static String duration(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
