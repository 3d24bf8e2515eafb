package io.mailstream.bounces.classify.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A regex together with the literal words one of which every match of it starts with, read from its
 * source: {@code \bunknown user} starts with "unknown", {@code \b(?:user|mailbox)\b...} with "user"
 * or "mailbox", {@code <[^<>]+@...} with "<". {@link #foundIn} looks for those words with
 * {@code indexOf} and starts the regex at the first of them, or not at all: {@link Pattern#matcher}
 * would otherwise try the regex at every position of the text, and a leading {@code \b} keeps the JDK
 * from skipping ahead to a literal itself. A regex whose start is anything else runs as it is. Does
 * not change what matches. Immutable.
 */
public final class LiteralStartPattern {
    /** Characters that stand for themselves in a regex outside a character class (flags 0). */
    private static final String PLAIN_SYMBOLS = " '<>@,;:-_=/\"!%&#";

    private final Pattern pattern;
    private final List<String> starts;

    private LiteralStartPattern(Pattern pattern, List<String> starts) {
        this.pattern = pattern;
        this.starts = starts;
    }

    public static LiteralStartPattern of(Pattern pattern) {
        return new LiteralStartPattern(pattern, pattern.flags() == 0 ? literalStarts(pattern.pattern()) : List.of());
    }

    public Pattern pattern() {
        return pattern;
    }

    /** Whether the regex finds a match in {@code text}. */
    public boolean foundIn(String text) {
        if (starts.isEmpty()) {
            return pattern.matcher(text).find();
        }
        int first = -1;
        for (String s : starts) {
            int at = text.indexOf(s);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        // no match starts before the first of its words: find(first) reads the text before it for \b alike
        return first >= 0 && pattern.matcher(text).find(first);
    }

    /**
     * The words one of which starts every match of {@code regex} (after an optional leading {@code \b}):
     * its leading run of plain characters, or the alternatives of a leading group of plain words
     * {@code (?:a|b)}; none when it starts otherwise, is optional there or has a top-level alternative.
     */
    static List<String> literalStarts(String regex) {
        if (hasTopLevelAlternative(regex)) {
            return List.of();
        }
        int i = regex.startsWith("\\b") ? 2 : 0;
        if (regex.startsWith("(?:", i)) {
            int close = regex.indexOf(')', i);
            if (close < 0 || isQuantifier(regex, close + 1)) {
                return List.of();
            }
            List<String> words = new ArrayList<>();
            for (String word : regex.substring(i + 3, close).split("\\|", -1)) {
                if (word.isEmpty() || !isPlain(word, 0, word.length())) {
                    return List.of();
                }
                words.add(word);
            }
            return List.copyOf(words);
        }
        int end = i;
        while (end < regex.length() && isPlain(regex, end, end + 1)) {
            end++;
        }
        if (isQuantifier(regex, end)) {
            end--; // "abc?": the c may be absent
        }
        return end > i ? List.of(regex.substring(i, end)) : List.of();
    }

    private static boolean isPlain(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (!Character.isLetterOrDigit(c) && PLAIN_SYMBOLS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isQuantifier(String s, int at) {
        return at < s.length() && "?*+{".indexOf(s.charAt(at)) >= 0;
    }

    /** Whether a '|' outside every group and class splits the whole regex into alternatives. */
    private static boolean hasTopLevelAlternative(String regex) {
        int depth = 0;
        int classDepth = 0; // Java's classes nest: [a-z&&[^q]]
        for (int k = 0; k < regex.length(); k++) {
            char c = regex.charAt(k);
            if (c == '\\') {
                k++;
            } else if (c == '[') {
                classDepth++;
            } else if (classDepth > 0) {
                if (c == ']') {
                    classDepth--;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return true;
            }
        }
        return false;
    }
}
