package io.mailstream.dispatcher.tls.internal;

import io.mailstream.dispatcher.tls.TlsReporting;
import io.mailstream.dispatcher.tls.report.TlsSessionResult;
import java.net.Socket;
import java.security.GeneralSecurityException;
import io.mailstream.dispatcher.tls.TlsResultType;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Reports the verdict on each MX certificate (one per TLS handshake, i.e. per session) for TLS-RPT
 * (RFC 8460). Without a delegate it accepts any certificate, as opportunistic TLS does: MTA-STS
 * testing mode (RFC 8461 §5) delivers anyway and reports. With one (an enforced policy) the
 * delegate decides as before, and its refusal is reported, then thrown.
 */
public final class ReportingTrust extends X509ExtendedTrustManager {
    private final TlsReporting reporting;
    private final String mxHost;
    private final Optional<X509ExtendedTrustManager> enforcing;

    private ReportingTrust(TlsReporting reporting, String mxHost, Optional<X509ExtendedTrustManager> enforcing) {
        this.reporting = reporting;
        this.mxHost = mxHost;
        this.enforcing = enforcing;
    }

    /** Accepts every certificate, reports how it would have fared. */
    public static SSLContext sslContext(TlsReporting reporting, String mxHost) {
        return context(new ReportingTrust(reporting, mxHost, Optional.empty()));
    }

    /** {@code delegate} decides; its verdict is reported. */
    public static SSLContext enforcing(X509ExtendedTrustManager delegate, TlsReporting reporting, String mxHost) {
        return context(new ReportingTrust(reporting, mxHost, Optional.of(delegate)));
    }

    private static SSLContext context(ReportingTrust trust) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {trust}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make a TLS context", e);
        }
    }

    private void report(Optional<TlsResultType> verdict, Optional<String> ip) {
        reporting.sink().record(new TlsSessionResult(reporting.policyDomain(), reporting.policy(), Optional.of(mxHost), ip, verdict));
    }

    private void check(X509Certificate[] chain, Optional<String> ip, Check delegate) throws CertificateException {
        if (enforcing.isEmpty()) {
            report(reporting.check().judge(chain, mxHost), ip);
            return;
        }
        try {
            delegate.run(enforcing.get());
        } catch (CertificateException e) {
            // the JDK says no; our check names the RFC 8460 failure type (it may find none the JDK's rules do)
            report(Optional.of(reporting.check().judge(chain, mxHost).orElse(TlsResultType.VALIDATION_FAILURE)), ip);
            throw e;
        }
        report(Optional.empty(), ip);
    }

    @FunctionalInterface
    private interface Check {
        void run(X509ExtendedTrustManager tm) throws CertificateException;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain, Optional.ofNullable(socket).map(Socket::getInetAddress).map(a -> a.getHostAddress()),
                tm -> tm.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain, Optional.empty(), tm -> tm.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, Optional.empty(), tm -> tm.checkServerTrusted(chain, authType));
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
        return enforcing.map(X509ExtendedTrustManager::getAcceptedIssuers).orElseGet(() -> new X509Certificate[0]);
    }
}
