package io.mailstream.dispatcher.tls;

/**
 * Why a TLS session failed, with the names TLS-RPT reports use (RFC 8460 §4.3): the negotiation
 * failures (§4.3.1), the certificate failures (§4.3.2.1) and the MTA-STS policy failures (§4.3.2.3).
 */
public enum TlsResultType {
    STARTTLS_NOT_SUPPORTED("starttls-not-supported"),
    CERTIFICATE_HOST_MISMATCH("certificate-host-mismatch"),
    CERTIFICATE_EXPIRED("certificate-expired"),
    CERTIFICATE_NOT_TRUSTED("certificate-not-trusted"),
    VALIDATION_FAILURE("validation-failure"),
    STS_POLICY_FETCH_ERROR("sts-policy-fetch-error"),
    STS_POLICY_INVALID("sts-policy-invalid"),
    STS_WEBPKI_INVALID("sts-webpki-invalid");

    private final String reportName;

    TlsResultType(String reportName) {
        this.reportName = reportName;
    }

    /** The {@code result-type} string of the report. */
    public String reportName() {
        return reportName;
    }
}
