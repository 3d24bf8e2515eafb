package io.mailstream.dispatcher.dkim;

import io.mailstream.dispatcher.InvalidConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Reads unencrypted PKCS#8 PEM private keys (RFC 5958, {@code BEGIN PRIVATE KEY}). */
final class PemPrivateKeys {
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private PemPrivateKeys() {
    }

    static RSAPrivateKey readRsa(Path file, String key) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new InvalidConfigException(key, "cannot read " + file + ": " + e.getMessage());
        }
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new InvalidConfigException(key, file + " is not a PKCS#8 PEM private key (expected " + BEGIN
                    + "; convert with openssl pkcs8 -topk8 -nocrypt)");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
            RSAPrivateKey rsa = (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            if (rsa.getModulus().bitLength() < 1024) {
                // RFC 8301 §3.2: verifiers must not accept RSA keys under 1024 bits.
                throw new InvalidConfigException(key, "RSA key in " + file + " has " + rsa.getModulus().bitLength()
                        + " bits; RFC 8301 requires at least 1024 (2048 recommended)");
            }
            return rsa;
        } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            throw new InvalidConfigException(key, file + " does not hold an RSA private key: " + e.getMessage());
        }
    }
}
