package io.mailstream.bounces.api;

import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.verp.UnsubscribeTokens;
import io.mailstream.schemas.verp.VerpKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The suppression and unsubscribe API alone in a JVM of its own, for {@link SlowClientsIT}: the JDK
 * server reads its request timeout once per JVM. Prints its port and a valid one-click token, then
 * serves until stdin closes.
 */
public final class SlowClientsApiMain {
    private SlowClientsApiMain() {
    }

    public static void main(String[] args) throws Exception {
        UnsubscribeTokens tokens = new UnsubscribeTokens(VerpKeys.generate("k1"));
        SuppressionApiTokenTest.InMemoryTable table = new SuppressionApiTokenTest.InMemoryTable();
        HttpApiConfig config = new HttpApiConfig("127.0.0.1", 0, Optional.empty(), 2, Duration.ofSeconds(1));
        try (SuppressionApi api = SuppressionApi.start(config, table, table, Optional.of(tokens), Clock.systemUTC())) {
            String token = tokens.sign(new UnsubscribeTokens.Claim("m1", EmailAddress.parse("ann@example.org"), Optional.empty()));
            System.out.println("port " + api.port() + " token " + token);
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the test closes our stdin
            }
            System.out.println("writes " + table.writes);
        }
    }
}
