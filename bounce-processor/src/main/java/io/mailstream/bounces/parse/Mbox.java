package io.mailstream.bounces.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Messages in an mbox file (mboxo/mboxrd: each starts with a {@code From } line). */
public final class Mbox {
    private Mbox() {
    }

    /** Whether {@code b} starts with a {@code From } line, as an mbox does. */
    public static boolean isMbox(byte[] b) {
        return b.length > 5 && b[0] == 'F' && b[1] == 'r' && b[2] == 'o' && b[3] == 'm' && b[4] == ' ';
    }

    /** Splits at "From " lines that start the file or follow a line break; the From lines are dropped. */
    public static List<byte[]> split(byte[] b) {
        List<byte[]> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < b.length; i++) {
            boolean lineStart = i == 0 || b[i - 1] == '\n';
            if (lineStart && i + 5 <= b.length && b[i] == 'F' && b[i + 1] == 'r' && b[i + 2] == 'o'
                    && b[i + 3] == 'm' && b[i + 4] == ' ') {
                if (start >= 0) {
                    out.add(Arrays.copyOfRange(b, start, i));
                }
                int eol = i;
                while (eol < b.length && b[eol] != '\n') {
                    eol++;
                }
                start = Math.min(eol + 1, b.length);
                i = eol;
            }
        }
        if (start >= 0 && start < b.length) {
            out.add(Arrays.copyOfRange(b, start, b.length));
        }
        return out;
    }
}
