package io.mailstream.dispatcher.policy;

import io.mailstream.schemas.address.Domain;
import java.util.List;

/** The MX host names of a domain, for matching policies by MX suffix; empty when DNS has none or cannot say now. */
public interface MxHostNames {
    List<String> of(Domain domain);
}
