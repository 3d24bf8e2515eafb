package io.mailstream.dispatcher.tls;

import io.mailstream.dispatcher.tls.internal.HostVerifyingSocketFactory;
import io.mailstream.dispatcher.tls.internal.TrustedCa;
import java.security.NoSuchAlgorithmException;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * Translates {@link TlsSettings} into Jakarta Mail (Angus) session properties: STARTTLS per
 * RFC 3207 ({@code mail.smtp.starttls.enable/required}), implicit TLS per RFC 8314 §3.3
 * ({@code mail.smtp.ssl.enable}), and certificate checks for {@link TlsPolicy#REQUIRED}.
 */
public final class TlsSessionProperties {
    private TlsSessionProperties() {
    }

    /**
     * @param serverName the name the certificate must carry (the configured or MX host name), even
     *                   when the connection goes to an address resolved beforehand
     */
    public static void apply(Properties p, TlsSettings tls, String serverName) {
        switch (tls.policy()) {
            case NONE -> {
                p.put("mail.smtp.starttls.enable", "false");
                p.put("mail.smtp.ssl.enable", "false");
            }
            case OPPORTUNISTIC -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "false");
                // Unauthenticated encryption still beats clear text; MX certificates are rarely verifiable.
                p.put("mail.smtp.ssl.trust", "*");
                p.put("mail.smtp.ssl.checkserveridentity", "false");
            }
            case REQUIRED -> {
                if (tls.implicit()) {
                    p.put("mail.smtp.ssl.enable", "true");
                } else {
                    p.put("mail.smtp.starttls.enable", "true");
                    p.put("mail.smtp.starttls.required", "true");
                }
                // Our factory checks the name itself (SNI + endpoint identification), so an address-literal
                // connection still verifies against the host name; Angus' own check would compare the address.
                p.put("mail.smtp.ssl.checkserveridentity", "false");
                SSLSocketFactory base = tls.trustedCa().map(TrustedCa::sslContext).orElseGet(TlsSessionProperties::defaultContext)
                        .getSocketFactory();
                p.put("mail.smtp.ssl.socketFactory", new HostVerifyingSocketFactory(base, serverName));
            }
        }
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }
}
