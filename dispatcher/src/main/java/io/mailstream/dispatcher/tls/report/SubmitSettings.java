package io.mailstream.dispatcher.tls.report;

import io.mailstream.dispatcher.InvalidConfigException;
import io.mailstream.dispatcher.smtp.SmtpRoute;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How TLS-RPT reports leave (RFC 8460 §5.3).
 *
 * @param submitter    {@code tls-rpt.submitter}: our domain, in file names and the TLS-Report-Submitter header
 * @param organization {@code tls-rpt.organization}: the report's organization-name
 * @param contact      {@code tls-rpt.contact}: the report's contact-info, e.g. {@code mailto:postmaster@acme.example}
 * @param from         {@code tls-rpt.from}: the sender address of mailto reports
 * @param relay        {@code tls-rpt.relay}: the SMTP server that takes mailto reports (the dispatcher's smart host)
 * @param https        the TLS context for https rua; empty for the JDK's default trust
 * @param timeout      {@code tls-rpt.timeout}: connect and answer limit of one submission
 */
public record SubmitSettings(String submitter, String organization, String contact, String from, SmtpRoute relay,
                             Optional<SSLContext> https, Duration timeout) {
    public SubmitSettings {
        require("tls-rpt.submitter", submitter);
        require("tls-rpt.organization", organization);
        require("tls-rpt.contact", contact);
        require("tls-rpt.from", from);
        Objects.requireNonNull(relay, "tls-rpt.relay");
        Objects.requireNonNull(https, "https");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidConfigException("tls-rpt.timeout", "must be a positive duration, was " + timeout);
        }
    }

    private static void require(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigException(key, "is required");
        }
    }
}
