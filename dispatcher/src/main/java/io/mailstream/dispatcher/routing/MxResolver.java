package io.mailstream.dispatcher.routing;

import io.mailstream.schemas.address.Domain;

/**
 * Looks up where a domain's mail goes (RFC 5321 §5.1): its MX records, and the addresses of the
 * hosts they name. Implementations never throw for DNS trouble; it comes back as a value.
 */
public interface MxResolver {

    MxResolution resolveMx(Domain domain);

    AddressResolution resolveAddresses(String host);
}
