package io.mailstream.producer.launch;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes refused rows as CSV ({@code line,address,reason}), one physical line each: control
 * characters in the address are shown escaped ({@code \r}, {@code \n}) so that the file stays
 * readable line by line and a hostile address cannot forge rows.
 */
final class RejectsWriter implements Closeable {
    private final Path path;
    private final BufferedWriter out;
    private long written;

    RejectsWriter(Path path) throws IOException {
        this.path = path;
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        out.write("line,address,reason\n");
    }

    void write(long line, String address, String reason) throws IOException {
        out.write(Long.toString(line));
        out.write(',');
        out.write(csv(escapeControls(address)));
        out.write(',');
        out.write(csv(escapeControls(reason)));
        out.write('\n');
        written++;
    }

    long written() {
        return written;
    }

    Path path() {
        return path;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    static String escapeControls(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 8).append(s, 0, i);
                }
                b.append(c == '\r' ? "\\r" : c == '\n' ? "\\n" : String.format("\\u%04x", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
