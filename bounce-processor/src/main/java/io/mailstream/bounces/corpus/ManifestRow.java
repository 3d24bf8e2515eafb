package io.mailstream.bounces.corpus;

import java.util.Optional;

/**
 * One row of the labelled bounce corpus ({@code manifest.tsv}): the expected classification of
 * one recipient of one file, from Sisimai's published test expectations.
 */
public record ManifestRow(
        String path,
        String module,
        String expectedStatus,
        String expectedReason,
        boolean expectedHard,
        String recipient,
        int recipientIndex,
        int recipientsInFile,
        Optional<Integer> expectedReplyCode,
        boolean statusIsPseudo,
        boolean isBounce,
        String messageFormat) {

    /**
     * Whether the bounce carries a {@code message/delivery-status} part somewhere (RFC 3464): the
     * manifest's formats {@code rfc3464_multipart_report} and {@code delivery_status_part_not_toplevel_report}.
     * The others ({@code non_standard}, {@code multipart_report_without_ds_part}) name the failing
     * address only in free text, so finding it is scored on its own.
     */
    public boolean hasDeliveryStatusPart() {
        return messageFormat.equals("rfc3464_multipart_report") || messageFormat.equals("delivery_status_part_not_toplevel_report")
                || messageFormat.startsWith("arf");
    }

    static ManifestRow parse(String line) {
        String[] c = line.split("\t", -1);
        if (c.length < 12) {
            throw new IllegalArgumentException("manifest row has " + c.length + " columns, expected 12: " + line);
        }
        return new ManifestRow(c[0], c[1], c[2], c[3], Boolean.parseBoolean(c[4]), c[5],
                Integer.parseInt(c[6]), Integer.parseInt(c[7]),
                c[8].isBlank() ? Optional.empty() : Optional.of(Integer.parseInt(c[8].strip())),
                Boolean.parseBoolean(c[9]), Boolean.parseBoolean(c[10]), c[11]);
    }
}
