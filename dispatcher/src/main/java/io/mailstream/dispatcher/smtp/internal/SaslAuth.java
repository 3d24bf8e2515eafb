package io.mailstream.dispatcher.smtp.internal;

import io.mailstream.dispatcher.smtp.SmtpCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * SMTP AUTH (RFC 4954) with PLAIN (RFC 4616, preferred: one round trip) or LOGIN, the two that
 * submission relays offer; only ever after STARTTLS or on implicit TLS when the route says so.
 */
final class SaslAuth {
    private static final int AUTHENTICATED = 235;
    private static final int CONTINUE = 334;

    private SaslAuth() {
    }

    static void authenticate(SmtpWire wire, Capabilities caps, SmtpCredentials credentials, String server) throws IOException {
        if (caps.authMechanisms().contains("PLAIN")) {
            String token = base64("\0" + credentials.username() + "\0" + credentials.password());
            expect(wire.command("AUTH PLAIN " + token), AUTHENTICATED);
        } else if (caps.authMechanisms().contains("LOGIN")) {
            expect(wire.command("AUTH LOGIN"), CONTINUE);
            expect(wire.command(base64(credentials.username())), CONTINUE);
            expect(wire.command(base64(credentials.password())), AUTHENTICATED);
        } else {
            throw SmtpSetupException.noAuthMechanism(server, caps.authMechanisms());
        }
    }

    private static void expect(Reply reply, int code) throws SmtpSetupException {
        if (reply.code() != code) {
            throw SmtpSetupException.refused("AUTH", reply);
        }
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
