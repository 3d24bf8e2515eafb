package io.mailstream.dispatcher.mtasts;

import io.mailstream.schemas.address.Domain;
import java.util.Optional;

/** The MTA-STS policy that applies to mail for a domain now, if it has one. Thread-safe. */
@FunctionalInterface
public interface StsPolicyLookup {
    StsPolicyLookup NONE = domain -> Optional.empty();

    Optional<MtaStsPolicy> policyFor(Domain domain);
}
