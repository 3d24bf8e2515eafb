package io.mailstream.dispatcher.dkim;

import io.mailstream.dispatcher.InvalidConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Reads unencrypted PKCS#8 PEM private keys (RFC 5958, {@code BEGIN PRIVATE KEY}): RSA, or Ed25519 (RFC 8410). */
final class PemPrivateKeys {
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private PemPrivateKeys() {
    }

    /** An RSA key of at least 1024 bits (RFC 8301 §3.2) or an Ed25519 key (RFC 8463), whichever the file holds. */
    static PrivateKey read(Path file, String key) {
        byte[] der = der(file, key);
        try {
            return checkedRsa((RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)),
                    file, key);
        } catch (GeneralSecurityException | ClassCastException notRsa) {
            try {
                return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notEd25519) {
                throw new InvalidConfigException(key, file + " holds neither an RSA nor an Ed25519 private key: "
                        + notRsa.getMessage());
            }
        }
    }

    static RSAPrivateKey readRsa(Path file, String key) {
        byte[] der = der(file, key);
        try {
            return checkedRsa((RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)),
                    file, key);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new InvalidConfigException(key, file + " does not hold an RSA private key: " + e.getMessage());
        }
    }

    private static RSAPrivateKey checkedRsa(RSAPrivateKey rsa, Path file, String key) {
        if (rsa.getModulus().bitLength() < 1024) {
            // RFC 8301 §3.2: verifiers must not accept RSA keys under 1024 bits.
            throw new InvalidConfigException(key, "RSA key in " + file + " has " + rsa.getModulus().bitLength()
                    + " bits; RFC 8301 requires at least 1024 (2048 recommended)");
        }
        return rsa;
    }

    private static byte[] der(Path file, String key) {
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
            return Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(key, file + " is not valid base64 between the PEM markers: " + e.getMessage());
        }
    }
}
