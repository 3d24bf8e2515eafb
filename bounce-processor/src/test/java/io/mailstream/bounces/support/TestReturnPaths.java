package io.mailstream.bounces.support;

import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.verp.SignedVerp;
import io.mailstream.schemas.verp.VerpKeys;

/** The signed return paths of {@code bounce.example.com} that the receiver and topology tests share. */
public final class TestReturnPaths {
    public static final Domain BOUNCE_DOMAIN = Domain.of("bounce.example.com");
    public static final SignedVerp RETURN_PATHS = new SignedVerp(BOUNCE_DOMAIN, VerpKeys.generate("t1"));

    private TestReturnPaths() {
    }

    /** The signed return path of {@code messageId}, as the dispatcher writes it. */
    public static String verp(String messageId) {
        return RETURN_PATHS.returnPath(messageId).asString();
    }
}
