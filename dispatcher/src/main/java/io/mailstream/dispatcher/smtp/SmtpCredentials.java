package io.mailstream.dispatcher.smtp;

import io.mailstream.dispatcher.InvalidConfigException;

/** A user name and password for SMTP AUTH (RFC 4954) at a submission relay; never printed. */
public record SmtpCredentials(String username, String password) {
    public SmtpCredentials {
        if (username == null || username.isBlank()) {
            throw new InvalidConfigException("auth.username", "must not be empty");
        }
        if (password == null || password.isEmpty()) {
            throw new InvalidConfigException("auth.password", "must not be empty");
        }
    }

    @Override
    public String toString() {
        return "SmtpCredentials[username=" + username + ", password=***]";
    }
}
