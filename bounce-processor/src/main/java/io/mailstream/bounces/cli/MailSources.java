package io.mailstream.bounces.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands command-line paths into messages: a file is one message, or many if it is an mbox
 * (starts with a {@code From } line); a folder (plain or maildir cur/new/tmp) is walked
 * recursively, in name order.
 */
final class MailSources {
    /** One message and where it came from ({@code file} or {@code file#n} for mbox entries). */
    record Source(String name, byte[] bytes) {
    }

    private MailSources() {
    }

    static List<Source> expand(List<Path> paths) throws IOException {
        List<Source> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                        addFile(f, out);
                    }
                }
            } else {
                addFile(p, out);
            }
        }
        return out;
    }

    private static void addFile(Path f, List<Source> out) throws IOException {
        byte[] bytes = Files.readAllBytes(f);
        if (isMbox(bytes)) {
            List<byte[]> messages = splitMbox(bytes);
            for (int i = 0; i < messages.size(); i++) {
                out.add(new Source(f + "#" + (i + 1), messages.get(i)));
            }
        } else {
            out.add(new Source(f.toString(), bytes));
        }
    }

    static boolean isMbox(byte[] b) {
        return b.length > 5 && b[0] == 'F' && b[1] == 'r' && b[2] == 'o' && b[3] == 'm' && b[4] == ' ';
    }

    /** Splits at "From " lines that start the file or follow a line break (mboxrd/mboxo). */
    static List<byte[]> splitMbox(byte[] b) {
        List<byte[]> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < b.length; i++) {
            boolean lineStart = i == 0 || b[i - 1] == '\n';
            if (lineStart && i + 5 <= b.length && b[i] == 'F' && b[i + 1] == 'r' && b[i + 2] == 'o'
                    && b[i + 3] == 'm' && b[i + 4] == ' ') {
                if (start >= 0) {
                    out.add(java.util.Arrays.copyOfRange(b, start, i));
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
            out.add(java.util.Arrays.copyOfRange(b, start, b.length));
        }
        return out;
    }
}
