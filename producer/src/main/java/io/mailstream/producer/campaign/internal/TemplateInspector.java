package io.mailstream.producer.campaign.internal;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Compiles a Mustache template to prove it is well formed, and reports what it uses: the variables
 * it reads at the top level (names inside sections are relative to the section and not reported)
 * and whether its literal text has a line break.
 */
public final class TemplateInspector {
    private static final Mustache.Compiler COMPILER = Mustache.compiler();

    private TemplateInspector() {
    }

    /** What a template uses; {@code error} is set (and the rest empty) when it does not compile. */
    public record Inspection(String error, Set<String> topLevelVariables, boolean literalLineBreak) {
        public boolean compiles() {
            return error == null;
        }
    }

    public static Inspection inspect(String template) {
        com.samskivert.mustache.Template compiled;
        try {
            compiled = COMPILER.compile(template);
        } catch (MustacheException e) {
            return new Inspection(e.getMessage(), Set.of(), false);
        }
        Set<String> vars = new LinkedHashSet<>();
        boolean[] lineBreak = {false};
        boolean[] strayOpen = {false};
        compiled.visit(new Mustache.Visitor() {
            private int depth;

            @Override
            public void visitText(String text) {
                if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
                    lineBreak[0] = true;
                }
                // jmustache keeps an unclosed "{{name" as literal text; in a mail that is always a typo.
                if (text.contains("{{")) {
                    strayOpen[0] = true;
                }
            }

            @Override
            public void visitVariable(String name) {
                if (depth == 0) {
                    vars.add(name);
                }
            }

            @Override
            public boolean visitInclude(String name) {
                return false;
            }

            @Override
            public boolean visitSection(String name) {
                // The visitor gives no end-of-section callback, so names nested in a section are not
                // tracked once one is seen; the section name itself is a top-level lookup.
                if (depth == 0) {
                    vars.add(name);
                }
                depth++;
                return true;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                return visitSection(name);
            }
        });
        if (strayOpen[0]) {
            return new Inspection("a '{{' has no matching '}}'", Set.of(), lineBreak[0]);
        }
        return new Inspection(null, Set.copyOf(vars), lineBreak[0]);
    }
}
