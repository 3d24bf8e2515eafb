package io.mailstream.dispatcher.tls.internal;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * An {@link SSLContext} that accepts any server certificate: opportunistic STARTTLS only
 * (RFC 7435), where the alternative is clear text, never for a route that requires TLS.
 */
public final class TrustAnyCertificate {
    private static final SSLContext CONTEXT = build();

    private TrustAnyCertificate() {
    }

    public static SSLContext sslContext() {
        return CONTEXT;
    }

    private static SSLContext build() {
        TrustManager any = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // never asked: we are the client
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // opportunistic: unauthenticated encryption is the point
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {any}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make a TLS context", e);
        }
    }
}
