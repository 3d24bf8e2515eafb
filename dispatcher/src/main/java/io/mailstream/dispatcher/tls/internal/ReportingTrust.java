package io.mailstream.dispatcher.tls.internal;

import io.mailstream.dispatcher.tls.TlsReporting;
import io.mailstream.dispatcher.tls.report.TlsSessionResult;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts any server certificate, as opportunistic TLS does, but first judges it for the MX host
 * and reports the verdict: MTA-STS testing mode (RFC 8461 §5) delivers anyway and reports
 * (RFC 8460). One verdict per TLS handshake, i.e. per session.
 */
public final class ReportingTrust extends X509ExtendedTrustManager {
    private final TlsReporting reporting;
    private final String mxHost;

    private ReportingTrust(TlsReporting reporting, String mxHost) {
        this.reporting = reporting;
        this.mxHost = mxHost;
    }

    public static SSLContext sslContext(TlsReporting reporting, String mxHost) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new ReportingTrust(reporting, mxHost)}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make a TLS context", e);
        }
    }

    private void judge(X509Certificate[] chain, Optional<String> ip) {
        reporting.sink().record(new TlsSessionResult(reporting.policyDomain(), reporting.policy(), Optional.of(mxHost), ip,
                reporting.check().judge(chain, mxHost)));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        judge(chain, Optional.ofNullable(socket).map(Socket::getInetAddress).map(a -> a.getHostAddress()));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        judge(chain, Optional.empty());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        judge(chain, Optional.empty());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // never asked: we are the client
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // never asked: we are the client
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // never asked: we are the client
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
