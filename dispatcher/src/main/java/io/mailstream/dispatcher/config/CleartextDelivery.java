package io.mailstream.dispatcher.config;

import io.mailstream.dispatcher.routing.DeliveryMode;
import io.mailstream.dispatcher.routing.Destination;
import io.mailstream.dispatcher.routing.RouteConfig;
import io.mailstream.dispatcher.tls.TlsPolicy;
import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.Loopback;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The mail this configuration would send across a network in clear: SMTP with {@code tls=NONE} to
 * a host that is not loopback. One sentence per setting, naming the setting to change, for a WARN
 * line each at start. (SMTP AUTH cannot go in clear: it requires {@code tls=REQUIRED}, checked
 * when the configuration is built. Kafka and the schema registry have their own warnings in
 * {@code schemas}.) Opportunistic TLS is not warned about: it encrypts wherever the receiver can.
 */
public final class CleartextDelivery {
    private CleartextDelivery() {
    }

    public static List<String> warnings(RouteConfig routes) {
        List<String> out = new ArrayList<>();
        if (routes.mode() == DeliveryMode.SMART_HOST) {
            Destination relay = routes.smartHost().orElseThrow();
            if (relay.tls().policy() == TlsPolicy.NONE && !Loopback.isLoopback(relay.host())) {
                out.add("mail to the smart host " + relay.host() + ":" + relay.port() + " crosses the network unencrypted"
                        + " (smtp.tls=NONE); set smtp.tls (--smtp-tls) to OPPORTUNISTIC or REQUIRED");
            }
            return out;
        }
        if (routes.directTls().policy() == TlsPolicy.NONE) {
            out.add("mail to recipients' MX hosts crosses the internet unencrypted (direct.tls=NONE); set direct.tls"
                    + " (--direct-tls) to OPPORTUNISTIC");
        }
        for (Map.Entry<Domain, Destination> e : routes.overrides().entrySet()) {
            Destination d = e.getValue();
            if (d.tls().policy() == TlsPolicy.NONE && !Loopback.isLoopback(d.host())) {
                out.add("mail for " + e.getKey() + " to " + d.host() + ":" + d.port() + " crosses the network unencrypted"
                        + " (route." + e.getKey() + " with tls=NONE); give that route TLS");
            }
        }
        return out;
    }
}
