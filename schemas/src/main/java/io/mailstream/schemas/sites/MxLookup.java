package io.mailstream.schemas.sites;

import io.mailstream.schemas.address.Domain;
import java.util.List;

/** Looks up a domain's MX host names, most preferred first (RFC 5321 §5.1); empty when it has none. */
@FunctionalInterface
public interface MxLookup {
    List<String> mxHosts(Domain domain) throws Exception;

    /** No DNS: every domain not in the provider table is routed as itself. */
    MxLookup NONE = d -> List.of();
}
