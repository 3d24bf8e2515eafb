package io.mailstream.embedded.smtp;

import java.util.regex.Pattern;

/**
 * A negative SMTP reply: basic code (RFC 5321 §4.2), enhanced status code (RFC 3463) and text.
 * The enhanced code's class must agree with the basic code's (4.x.x with 4yz, 5.x.x with 5yz).
 */
public record SmtpReply(int code, String enhancedCode, String text) {
    private static final Pattern ENHANCED = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

    public SmtpReply {
        if (code < 400 || code > 599) {
            throw new IllegalArgumentException("a sink rule replies with a 4yz or 5yz code, not " + code);
        }
        if (enhancedCode == null || !ENHANCED.matcher(enhancedCode).matches()) {
            throw new IllegalArgumentException("enhanced status code must look like 5.1.1, was " + enhancedCode);
        }
        if (enhancedCode.charAt(0) - '0' != code / 100) {
            throw new IllegalArgumentException("enhanced code " + enhancedCode + " does not match reply code " + code);
        }
        if (text == null || text.isBlank() || text.contains("\r") || text.contains("\n")) {
            throw new IllegalArgumentException("reply text must be one non-empty line, was " + text);
        }
    }

    public boolean isPermanent() {
        return code >= 500;
    }
}
