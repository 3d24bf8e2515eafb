package io.mailstream.dispatcher.mtasts.internal;

import io.mailstream.dispatcher.mtasts.MtaStsSettings;
import io.mailstream.dispatcher.tls.TlsSettings;
import io.mailstream.dispatcher.tls.TlsSockets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Fetches {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} (RFC 8461 §3.3) from an address
 * the dispatcher resolved itself, checking the certificate against the policy host name (the JDK's
 * HTTP clients would resolve the name through the system instead). HTTP/1.1 with
 * {@code Connection: close}; redirects are not followed and only a 200 with
 * {@code Content-Type: text/plain} counts, as §3.3 requires; the body is capped at 64 KiB.
 * Thread-safe.
 */
public final class PolicyFetcher {
    static final int MAX_RESPONSE = 64 * 1024;

    private final MtaStsSettings settings;

    public PolicyFetcher(MtaStsSettings settings) {
        this.settings = settings;
    }

    /** The policy file's text. @throws IOException for anything but a 200 text/plain answer over verified TLS */
    public String fetch(String policyHost, InetAddress address) throws IOException {
        TlsSettings tls = settings.trustedCa().map(TlsSettings::requiredTrusting).orElse(TlsSettings.REQUIRED);
        SSLSocketFactory factory = TlsSockets.forRoute(tls, policyHost).orElseThrow();
        int timeout = (int) settings.fetchTimeout().toMillis();
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(address, settings.policyPort()), timeout);
            plain.setSoTimeout(timeout);
        } catch (IOException e) {
            plain.close();
            throw e;
        }
        try (SSLSocket s = (SSLSocket) factory.createSocket(plain, policyHost, settings.policyPort(), true)) {
            s.startHandshake();
            OutputStream out = s.getOutputStream();
            out.write(("GET /.well-known/mta-sts.txt HTTP/1.1\r\nHost: " + policyHost + "\r\nUser-Agent: mailstream\r\n"
                    + "Accept: text/plain\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return parse(policyHost, readCapped(s.getInputStream()));
        }
    }

    private static byte[] readCapped(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        int n;
        while ((n = in.read(chunk)) > 0) {
            buf.write(chunk, 0, n);
            if (buf.size() > MAX_RESPONSE + 8192) {
                throw new IOException("policy response is larger than " + MAX_RESPONSE + " bytes");
            }
        }
        return buf.toByteArray();
    }

    static String parse(String host, byte[] response) throws IOException {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            throw new IOException("no complete HTTP response from " + host);
        }
        String[] head = text.substring(0, headEnd).split("\r\n");
        String[] status = head[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response from " + host + ": " + head[0]);
        }
        if (!status[1].equals("200")) {
            // §3.3: redirects are not followed.
            throw new IOException(host + " answered " + head[0].strip() + " for the policy");
        }
        boolean chunked = false;
        String contentType = null;
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = head[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = head[i].substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            if (name.equals("transfer-encoding") && value.contains("chunked")) {
                chunked = true;
            } else if (name.equals("content-type")) {
                contentType = value;
            }
        }
        if (contentType == null || !contentType.startsWith("text/plain")) {
            throw new IOException(host + " served the policy as " + contentType + ", not text/plain (RFC 8461 §3.2)");
        }
        String body = text.substring(headEnd + 4);
        String decoded = chunked ? dechunk(host, body) : body;
        if (decoded.length() > MAX_RESPONSE) {
            throw new IOException("policy from " + host + " is larger than " + MAX_RESPONSE + " bytes");
        }
        return new String(decoded.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private static String dechunk(String host, String body) throws IOException {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd < 0) {
                throw new IOException("truncated chunked policy from " + host);
            }
            String sizeField = body.substring(at, lineEnd);
            int semicolon = sizeField.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semicolon < 0 ? sizeField : sizeField.substring(0, semicolon)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size from " + host + ": " + sizeField);
            }
            if (size == 0) {
                return out.toString();
            }
            int start = lineEnd + 2;
            if (size < 0 || start + size > body.length()) {
                throw new IOException("truncated chunked policy from " + host);
            }
            out.append(body, start, start + size);
            at = start + size + 2;
        }
    }
}
