package io.mailstream.console.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * The console's one secret: given as a bearer token, as basic auth's password (any user name), or
 * through the login form, which sets it as an HttpOnly, SameSite=Strict cookie. Without a token
 * configured (allowed only on loopback, see {@code ConsoleConfig}) every request passes.
 */
final class Auth {
    static final String COOKIE = "mailstream_console";

    private final Optional<byte[]> token;

    Auth(Optional<String> token) {
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    boolean required() {
        return token.isPresent();
    }

    boolean allows(Context ctx) {
        if (token.isEmpty()) {
            return true;
        }
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return matches(header.substring(7).strip());
        }
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon >= 0 && matches(decoded.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        String cookie = ctx.cookie(COOKIE);
        return cookie != null && matches(cookie);
    }

    boolean matches(String candidate) {
        return token.isPresent() && MessageDigest.isEqual(token.get(), candidate.getBytes(StandardCharsets.UTF_8));
    }

    static void signIn(Context ctx, String value) {
        Cookie c = new Cookie(COOKIE, value, "/", -1, false, true, null, SameSite.STRICT);
        ctx.cookie(c);
    }
}
