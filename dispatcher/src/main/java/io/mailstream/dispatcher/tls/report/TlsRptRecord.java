package io.mailstream.dispatcher.tls.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A domain's TLS-RPT record at {@code _smtp._tls.<domain>} (RFC 8460 §3): where its reports go,
 * {@code mailto:} and {@code https:} URIs in {@code rua}.
 *
 * @param rua the report destinations, at least one
 */
public record TlsRptRecord(List<URI> rua) {
    public TlsRptRecord {
        if (rua.isEmpty()) {
            throw new IllegalArgumentException("a TLS-RPT record names at least one rua");
        }
        rua = List.copyOf(rua);
    }

    /**
     * Parses {@code v=TLSRPTv1; rua=mailto:tls@example.com,https://example.com/tlsrpt}.
     *
     * @throws IllegalArgumentException naming what is wrong: not TLSRPTv1, no rua, a URI that is
     *                                  neither mailto nor https
     */
    public static TlsRptRecord parse(String txt) {
        String[] fields = txt.split(";");
        if (!fields[0].strip().equals("v=TLSRPTv1")) {
            throw new IllegalArgumentException("not a TLS-RPT record (must start with v=TLSRPTv1): " + txt);
        }
        List<URI> rua = new ArrayList<>();
        for (int i = 1; i < fields.length; i++) {
            String f = fields[i].strip();
            if (!f.startsWith("rua=")) {
                continue; // §3: unknown fields are ignored
            }
            for (String u : f.substring(4).split(",")) {
                URI uri;
                try {
                    uri = new URI(u.strip());
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("rua '" + u.strip() + "' is not a URI: " + e.getMessage(), e);
                }
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("mailto") && !scheme.equals("https")) {
                    throw new IllegalArgumentException("rua '" + u.strip() + "' is neither mailto: nor https:");
                }
                rua.add(uri);
            }
        }
        if (rua.isEmpty()) {
            throw new IllegalArgumentException("the TLS-RPT record has no rua: " + txt);
        }
        return new TlsRptRecord(rua);
    }
}
