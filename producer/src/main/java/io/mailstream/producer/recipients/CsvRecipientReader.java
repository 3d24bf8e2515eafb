package io.mailstream.producer.recipients;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Streams a CSV recipient list per RFC 4180: a header row names the variables; fields may be quoted,
 * and quoted fields may hold commas, line breaks and doubled quotes. A UTF-8 byte order mark is
 * skipped, CRLF, LF and CR all end a record, blank lines are ignored. The {@code email} column is
 * matched case-insensitively and always exposed as {@code email}.
 */
final class CsvRecipientReader implements RecipientReader {
    private static final int EOF = -1;
    private static final int NONE = -2;

    private final Path path;
    private final Reader in;
    private final LongSupplier bytesRead;
    private final char[] buf = new char[1 << 16];
    private int bufPos;
    private int bufLen;
    private int pushedBack = NONE;
    private long line = 1;
    private long recordLine;
    private String recordDefect;
    private boolean recordHadQuotes;
    private final List<String> columns;

    CsvRecipientReader(Path path, Reader in, LongSupplier bytesRead) {
        this.path = path;
        this.in = in;
        this.bytesRead = bytesRead;
        int first = read();
        if (first != '\uFEFF' && first != EOF) {
            pushedBack = first;
        }
        List<String> header = nextRecord();
        if (header == null) {
            throw new RecipientFileException(path, 1, "file is empty; the first line must name the columns, e.g. email,first_name");
        }
        this.columns = checkHeader(header);
    }

    private List<String> checkHeader(List<String> header) {
        List<String> names = new ArrayList<>(header.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip();
            if (name.equalsIgnoreCase(RecipientRow.EMAIL)) {
                name = RecipientRow.EMAIL;
            }
            if (name.isEmpty()) {
                throw new RecipientFileException(path, recordLine, "header column " + (i + 1) + " has no name");
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw new RecipientFileException(path, recordLine, "header names column '" + name + "' twice");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    @Override
    public Optional<List<String>> columns() {
        return Optional.of(columns);
    }

    @Override
    public Optional<RecipientRow> next() {
        List<String> fields;
        do {
            fields = nextRecord();
            if (fields == null) {
                return Optional.empty();
            }
        } while (fields.size() == 1 && fields.get(0).isEmpty() && !recordHadQuotes);
        Map<String, String> vars = new LinkedHashMap<>(columns.size() * 2);
        int n = Math.min(fields.size(), columns.size());
        for (int i = 0; i < n; i++) {
            vars.put(columns.get(i), fields.get(i));
        }
        if (recordDefect != null) {
            return Optional.of(RecipientRow.malformed(recordLine, vars, recordDefect));
        }
        if (fields.size() != columns.size()) {
            return Optional.of(RecipientRow.malformed(recordLine, vars,
                    "row has " + fields.size() + " fields but the header has " + columns.size()));
        }
        return Optional.of(RecipientRow.of(recordLine, vars));
    }

    /** One record's fields, or null at the end of the file. */
    private List<String> nextRecord() {
        int c = read();
        if (c == EOF) {
            return null;
        }
        recordLine = line;
        recordDefect = null;
        recordHadQuotes = false;
        List<String> fields = new ArrayList<>(columns == null ? 8 : columns.size());
        StringBuilder field = new StringBuilder(32);
        boolean inQuotes = false;
        boolean afterClosingQuote = false;
        while (true) {
            if (inQuotes) {
                if (c == EOF) {
                    throw new RecipientFileException(path, recordLine,
                            "quoted field is never closed (a '\"' is missing); the record starts here");
                }
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        inQuotes = false;
                        afterClosingQuote = true;
                        c = n;
                        continue;
                    }
                } else {
                    if (c == '\n' || (c == '\r' && peek() != '\n')) {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                afterClosingQuote = false;
            } else if (c == '\r' || c == '\n' || c == EOF) {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                if (c != EOF) {
                    line++;
                }
                fields.add(field.toString());
                return fields;
            } else if (c == '"' && field.length() == 0 && !afterClosingQuote) {
                inQuotes = true;
                recordHadQuotes = true;
            } else {
                if (afterClosingQuote && recordDefect == null) {
                    recordDefect = "quoted field has text after its closing quote (RFC 4180 §2.7: double the quote inside)";
                }
                field.append((char) c);
            }
            c = read();
        }
    }

    private int peek() {
        if (pushedBack == NONE) {
            pushedBack = readRaw();
        }
        return pushedBack;
    }

    private int read() {
        if (pushedBack != NONE) {
            int c = pushedBack;
            pushedBack = NONE;
            return c;
        }
        return readRaw();
    }

    private int readRaw() {
        if (bufPos == bufLen) {
            try {
                bufLen = in.read(buf, 0, buf.length);
            } catch (CharacterCodingException e) {
                throw new RecipientFileException(path, line, "file is not valid UTF-8 near here", e);
            } catch (IOException e) {
                throw new RecipientFileException(path, line, "read failed: " + e.getMessage(), e);
            }
            bufPos = 0;
            if (bufLen <= 0) {
                bufLen = 0;
                return EOF;
            }
        }
        return buf[bufPos++];
    }

    @Override
    public long bytesRead() {
        return bytesRead.getAsLong();
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new RecipientFileException(path, 0, "close failed: " + e.getMessage(), e);
        }
    }
}
