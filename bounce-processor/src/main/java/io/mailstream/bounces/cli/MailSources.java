package io.mailstream.bounces.cli;

import io.mailstream.bounces.parse.Mbox;

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
        if (Mbox.isMbox(bytes)) {
            List<byte[]> messages = Mbox.split(bytes);
            for (int i = 0; i < messages.size(); i++) {
                out.add(new Source(f + "#" + (i + 1), messages.get(i)));
            }
        } else {
            out.add(new Source(f.toString(), bytes));
        }
    }
}
