package io.mailstream.dispatcher.dkim;

import io.mailstream.schemas.address.Domain;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Signs a message for one domain and selector (RFC 6376): the §3.7 hash of the
 * relaxed-canonicalised headers (§3.4.2) and body (§3.4.4), signed with {@code a=rsa-sha256}
 * (RSASSA-PKCS1-v1_5 over SHA-256, the JDK's {@code SHA256withRSA}) for an RSA key or
 * {@code a=ed25519-sha256} (RFC 8463 §3: PureEdDSA over the SHA-256 of the data) for an Ed25519
 * key. Works on the message's wire bytes (CRLF line ends), the bytes that are sent; returns the
 * DKIM-Signature header field to put in front of them. Thread-safe.
 */
final class DomainKeySigner {
    private static final Pattern WSP_RUN = Pattern.compile("[ \t]+");
    private static final String CRLF = "\r\n";
    private static final int B64_LINE = 72;

    /** The {@code a=} tag and how the JDK computes it. */
    private enum Algorithm {
        RSA_SHA256("rsa-sha256", "SHA256withRSA", false),
        ED25519_SHA256("ed25519-sha256", "Ed25519", true);

        final String tag;
        final String jdkName;
        // RFC 8463 §3: Ed25519 signs the SHA-256 hash of the data; SHA256withRSA hashes it itself.
        final boolean signsHash;

        Algorithm(String tag, String jdkName, boolean signsHash) {
            this.tag = tag;
            this.jdkName = jdkName;
            this.signsHash = signsHash;
        }
    }

    private final Domain domain;
    private final String selector;
    private final PrivateKey key;
    private final Algorithm algorithm;
    private final List<String> headersToSign;
    private final Set<String> overSigned;

    /**
     * @param headersToSign signed when present, the last instance of each
     * @param overSigned    names (any case) of {@code headersToSign} signed in every instance and listed once more
     *                      in {@code h=} than they occur, so that adding one breaks the signature (RFC 6376 §8.15)
     * @throws IllegalArgumentException for a key that is neither RSA nor Ed25519
     */
    DomainKeySigner(Domain domain, String selector, PrivateKey key, List<String> headersToSign, Set<String> overSigned) {
        this.domain = domain;
        this.selector = selector;
        this.key = key;
        this.algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> Algorithm.RSA_SHA256;
            case "Ed25519", "EdDSA" -> Algorithm.ED25519_SHA256;
            default -> throw new IllegalArgumentException("a " + key.getAlgorithm()
                    + " key cannot sign DKIM; use an RSA (rsa-sha256) or Ed25519 (ed25519-sha256) key");
        };
        this.headersToSign = List.copyOf(headersToSign);
        this.overSigned = overSigned.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    String selector() {
        return selector;
    }

    /** The DKIM-Signature field, CRLF-terminated, for {@code message} (its wire bytes). */
    byte[] signatureField(byte[] message) throws GeneralSecurityException {
        // ISO-8859-1 maps bytes to chars one to one, so nothing is altered on the way back.
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int split = text.indexOf(CRLF + CRLF);
        String head = split < 0 ? text : text.substring(0, split + 2);
        String body = split < 0 ? "" : text.substring(split + 4);
        List<String> fields = fields(head);

        List<String> signedNames = new ArrayList<>();
        StringBuilder hashed = new StringBuilder();
        for (String name : headersToSign) {
            String lower = name.toLowerCase(Locale.ROOT);
            List<String> instances = bottomUp(fields, name);
            if (overSigned.contains(lower)) {
                // §5.4.2: every instance, bottom up, then the name once more. That extra entry matches no field
                // now (it hashes as nothing, §5.4), but it would match one added on the way, breaking the signature.
                for (String field : instances) {
                    signedNames.add(lower);
                    hashed.append(relaxedHeader(field)).append(CRLF);
                }
                signedNames.add(lower);
            } else if (!instances.isEmpty()) {
                signedNames.add(lower);
                hashed.append(relaxedHeader(instances.getFirst())).append(CRLF);
            }
        }
        String bodyHash = Base64.getEncoder().encodeToString(sha256(relaxedBody(body)));
        String unsigned = "DKIM-Signature: v=1; a=" + algorithm.tag + "; c=relaxed/relaxed; d=" + domain.asString()
                + "; s=" + selector + ";" + CRLF + "\th=" + foldNames(signedNames) + ";" + CRLF
                + "\tbh=" + bodyHash + ";" + CRLF + "\tb=";
        // §3.7: the DKIM-Signature field itself is hashed last, with an empty b= and no trailing CRLF.
        hashed.append(relaxedHeader(unsigned));

        byte[] data = hashed.toString().getBytes(StandardCharsets.ISO_8859_1);
        Signature signature = Signature.getInstance(algorithm.jdkName);
        signature.initSign(key);
        signature.update(algorithm.signsHash ? MessageDigest.getInstance("SHA-256").digest(data) : data);
        String b = Base64.getEncoder().encodeToString(signature.sign());
        return (unsigned + fold(b) + CRLF).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Header fields with their continuation lines, without the final CRLF. */
    private static List<String> fields(String head) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = null;
        for (String line : head.split(CRLF)) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && current != null) {
                current.append(CRLF).append(line);
            } else {
                if (current != null) {
                    fields.add(current.toString());
                }
                current = new StringBuilder(line);
            }
        }
        if (current != null && current.length() > 0) {
            fields.add(current.toString());
        }
        return fields;
    }

    // RFC 6376 §5.4.2: the n-th occurrence of a name in h= signs the n-th instance counted from the bottom.
    private static List<String> bottomUp(List<String> fields, String name) {
        List<String> out = new ArrayList<>(1);
        for (int i = fields.size() - 1; i >= 0; i--) {
            String f = fields.get(i);
            int colon = f.indexOf(':');
            if (colon > 0 && f.substring(0, colon).strip().equalsIgnoreCase(name)) {
                out.add(f);
            }
        }
        return out;
    }

    /** RFC 6376 §3.4.2. */
    static String relaxedHeader(String field) {
        int colon = field.indexOf(':');
        String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = field.substring(colon + 1).replace(CRLF, "");
        value = WSP_RUN.matcher(value).replaceAll(" ").strip();
        return name + ":" + value;
    }

    /** RFC 6376 §3.4.4. */
    static String relaxedBody(String body) {
        String[] lines = body.split(CRLF, -1);
        int end = lines.length;
        // A body ending in CRLF splits into a last empty element; trailing empty lines are dropped too.
        List<String> canonical = new ArrayList<>(end);
        for (String line : lines) {
            String l = WSP_RUN.matcher(line).replaceAll(" ");
            if (l.endsWith(" ")) {
                l = l.substring(0, l.length() - 1);
            }
            canonical.add(l);
        }
        while (!canonical.isEmpty() && canonical.get(canonical.size() - 1).isEmpty()) {
            canonical.remove(canonical.size() - 1);
        }
        StringBuilder out = new StringBuilder(body.length());
        for (String l : canonical) {
            out.append(l).append(CRLF);
        }
        return out.toString();
    }

    // RFC 6376 §3.5: h= allows folding whitespace around its colons; over-signing makes the list long.
    private static String foldNames(List<String> names) {
        StringBuilder out = new StringBuilder();
        int column = 3; // the tab and "h="
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (i > 0) {
                out.append(':');
                column++;
                if (column + name.length() > B64_LINE) {
                    out.append(CRLF).append('\t');
                    column = 1;
                }
            }
            out.append(name);
            column += name.length();
        }
        return out.toString();
    }

    private static String fold(String b64) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < b64.length(); i += B64_LINE) {
            if (i > 0) {
                out.append(CRLF).append('\t');
            }
            out.append(b64, i, Math.min(b64.length(), i + B64_LINE));
        }
        return out.toString();
    }

    private static byte[] sha256(String s) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
