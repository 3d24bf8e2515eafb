package io.mailstream.schemas.sites;

import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.address.InvalidAddressException;
import java.util.List;
import java.util.Optional;

/**
 * The mailbox provider of a recipient, as the campaign guard counts and brakes it: the site of the
 * recipient's domain in the built-in {@link ProviderSites} table ({@code ann@gmail.com → google}).
 * Only the table is used, never DNS: the bounce processor (which counts) and every dispatcher (which
 * holds) must name the same provider for the same address, offline and at once. A domain hosted at
 * a provider (an MX at Google) is not counted as that provider: its own complaints do not reach the
 * provider's consumer feedback loops the guard is about.
 */
public final class MailboxProviders {
    private static final ProviderSites TABLE = ProviderSites.builtIn();

    private MailboxProviders() {
    }

    /** The provider of {@code address}; empty for a domain not in the table or an address that does not parse. */
    public static Optional<String> of(String address) {
        if (address == null) {
            return Optional.empty();
        }
        try {
            return of(EmailAddress.parse(address).domain());
        } catch (InvalidAddressException e) {
            return Optional.empty();
        }
    }

    public static Optional<String> of(Domain domain) {
        return TABLE.siteOfDomain(domain).map(io.mailstream.schemas.address.Site::name);
    }

    /** The provider names the guard knows, for validating an operator's {@code --provider}. */
    public static List<String> names() {
        return TABLE.sites().stream().map(io.mailstream.schemas.address.Site::name).toList();
    }
}
