package io.mailstream.bounces.classify.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An Aho-Corasick automaton over many lower-case phrases, each tagged with a small integer label
 * (0..63). One pass over the text yields the set of labels whose phrases occur, as a bit mask, so
 * the cost of matching hundreds of phrase families does not grow with the number of phrases.
 * Immutable after construction and safe to share between threads.
 *
 * <p>A character above ASCII (the "Benutzer unbekannt" of a German server is ASCII, its "Empfänger",
 * a Russian "пользователь" or a Japanese "宛先不明" are not) is read as five symbols: a marker and
 * its UTF-16 code unit's four hexadecimal digits, each digit a symbol of its own, so phrases in any
 * script match exactly while the table keeps a column per symbol, not per character. The marker
 * starts every such group and appears nowhere else, so no phrase can match across a group's middle.
 */
public final class PhraseAutomaton {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789 .-'/#<>:&_=;()@,!\"*";
    private static final int OTHER = ALPHABET.length();
    /** Starts the five-symbol group of a character above ASCII; its 16 digit symbols follow it. */
    private static final int WIDE = OTHER + 1;
    private static final int DIGIT0 = WIDE + 1;
    private static final int SYMBOLS = DIGIT0 + 16;
    private static final byte[] SYMBOL_OF = new byte[128];

    static {
        Arrays.fill(SYMBOL_OF, (byte) OTHER);
        for (int i = 0; i < ALPHABET.length(); i++) {
            SYMBOL_OF[ALPHABET.charAt(i)] = (byte) i;
        }
    }

    // char, not int: the table of ~11 000 states x 74 symbols is read once per text character,
    // and at half the size far more of it stays in the CPU caches
    private final char[] delta;
    private final long[] output;
    /**
     * States are numbered so that exactly those from here on end a phrase: the scan compares the state
     * with this number at each character and reads {@link #output} only where a phrase ends, not at
     * every character (most of a text ends none).
     */
    private final int firstOutputState;

    private PhraseAutomaton(char[] delta, long[] output, int firstOutputState) {
        this.delta = delta;
        this.output = output;
        this.firstOutputState = firstOutputState;
    }

    /** Builds the automaton; phrases must be lower case with single blanks between words. */
    public static PhraseAutomaton build(Map<Integer, ? extends List<String>> phrasesByLabel) {
        List<int[]> trie = new ArrayList<>();
        List<Long> out = new ArrayList<>();
        trie.add(newRow());
        out.add(0L);
        phrasesByLabel.forEach((label, phrases) -> {
            if (label < 0 || label > 63) {
                throw new IllegalArgumentException("label must be 0..63: " + label);
            }
            for (String phrase : phrases) {
                int state = 0;
                for (int i = 0; i < phrase.length(); i++) {
                    char c = phrase.charAt(i);
                    if (c < 128) {
                        state = child(trie, out, state, symbol(c));
                    } else {
                        state = child(trie, out, state, WIDE);
                        for (int shift = 12; shift >= 0; shift -= 4) {
                            state = child(trie, out, state, DIGIT0 + ((c >>> shift) & 0xF));
                        }
                    }
                }
                out.set(state, out.get(state) | (1L << label));
            }
        });
        int n = trie.size();
        if (n > Character.MAX_VALUE) {
            throw new IllegalArgumentException("too many phrase states for a char table: " + n);
        }
        char[] delta = new char[n * SYMBOLS];
        long[] output = new long[n];
        int[] fail = new int[n];
        for (int s = 0; s < n; s++) {
            output[s] = out.get(s);
        }
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < SYMBOLS; c++) {
            int next = trie.get(0)[c];
            if (next > 0) {
                fail[next] = 0;
                delta[c] = (char) next;
                queue.add(next);
            } else {
                delta[c] = 0;
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            output[s] |= output[fail[s]];
            for (int c = 0; c < SYMBOLS; c++) {
                int next = trie.get(s)[c];
                if (next > 0) {
                    fail[next] = delta[fail[s] * SYMBOLS + c];
                    delta[s * SYMBOLS + c] = (char) next;
                    queue.add(next);
                } else {
                    delta[s * SYMBOLS + c] = delta[fail[s] * SYMBOLS + c];
                }
            }
        }
        return withOutputStatesLast(delta, output);
    }

    /** The same automaton with its states renumbered: those without output first (the start state stays 0). */
    private static PhraseAutomaton withOutputStatesLast(char[] delta, long[] output) {
        int n = output.length;
        int[] renumbered = new int[n];
        int next = 0;
        for (int s = 0; s < n; s++) {
            if (s == 0 || output[s] == 0) {
                renumbered[s] = next++;
            }
        }
        int firstOutputState = next;
        for (int s = 1; s < n; s++) {
            if (output[s] != 0) {
                renumbered[s] = next++;
            }
        }
        char[] newDelta = new char[delta.length];
        long[] newOutput = new long[n];
        for (int s = 0; s < n; s++) {
            int to = renumbered[s];
            newOutput[to] = output[s];
            for (int c = 0; c < SYMBOLS; c++) {
                newDelta[to * SYMBOLS + c] = (char) renumbered[delta[s * SYMBOLS + c]];
            }
        }
        return new PhraseAutomaton(newDelta, newOutput, output[0] == 0 ? firstOutputState : 0);
    }

    private static int child(List<int[]> trie, List<Long> out, int state, int sym) {
        int next = trie.get(state)[sym];
        if (next <= 0) {
            trie.add(newRow());
            out.add(0L);
            next = trie.size() - 1;
            trie.get(state)[sym] = next;
        }
        return next;
    }

    private static int[] newRow() {
        int[] row = new int[SYMBOLS];
        Arrays.fill(row, -1);
        return row;
    }

    private static int symbol(char c) {
        return SYMBOL_OF[c];
    }

    /** The labels of all phrases occurring in {@code text} (already lower-cased and blank-collapsed). */
    public long match(CharSequence text) {
        long found = 0;
        int state = 0;
        for (int i = 0, len = text.length(); i < len; i++) {
            char c = text.charAt(i);
            if (c < 128) {
                state = delta[state * SYMBOLS + SYMBOL_OF[c]];
            } else {
                state = delta[state * SYMBOLS + WIDE];
                state = delta[state * SYMBOLS + DIGIT0 + (c >>> 12)];
                state = delta[state * SYMBOLS + DIGIT0 + ((c >>> 8) & 0xF)];
                state = delta[state * SYMBOLS + DIGIT0 + ((c >>> 4) & 0xF)];
                state = delta[state * SYMBOLS + DIGIT0 + (c & 0xF)];
            }
            if (state >= firstOutputState) {
                found |= output[state];
            }
        }
        return found;
    }
}
