package io.mailstream.dispatcher;

import io.mailstream.dispatcher.config.DeliveryConfig;
import io.mailstream.dispatcher.dkim.DkimSigner;
import io.mailstream.dispatcher.dkim.SigningTransport;
import io.mailstream.dispatcher.routing.CachingMxResolver;
import io.mailstream.dispatcher.routing.DnsMxResolver;
import io.mailstream.dispatcher.routing.Router;
import io.mailstream.dispatcher.routing.RoutingTransport;
import io.mailstream.dispatcher.smtp.MailTransport;
import io.mailstream.dispatcher.smtp.SmtpConnection;
import io.mailstream.dispatcher.smtp.SmtpSettings;
import java.time.Clock;

/**
 * Composes the {@link MailTransport} a dispatcher sends through from its {@link DeliveryConfig}:
 * DKIM signing (if keys are configured) around routing (smart host or MX) around SMTP connections.
 * With the default configuration it is the single plain {@link SmtpConnection} it always was.
 */
public final class DeliveryTransports {
    private DeliveryTransports() {
    }

    public static MailTransport create(DeliveryConfig delivery, SmtpSettings smtp, Clock clock) {
        MailTransport transport;
        if (delivery.isPlainSmartHost()) {
            transport = new SmtpConnection(smtp);
        } else {
            Router router = new Router(delivery.routes(),
                    new CachingMxResolver(new DnsMxResolver(delivery.routes().dns()), clock));
            transport = RoutingTransport.smtp(router, smtp, clock);
        }
        return delivery.dkim().isEmpty() ? transport : new SigningTransport(new DkimSigner(delivery.dkim()), transport);
    }
}
