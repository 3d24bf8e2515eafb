package io.mailstream.dispatcher.policy;

import io.mailstream.dispatcher.routing.MxHost;
import io.mailstream.dispatcher.routing.MxResolution;
import io.mailstream.dispatcher.routing.MxResolver;
import io.mailstream.schemas.address.Domain;
import java.util.List;

/** {@link MxHostNames} over the dispatcher's (caching) MX resolver, so a policy lookup costs no extra DNS query. */
public final class ResolverMxHostNames implements MxHostNames {
    private final MxResolver resolver;

    public ResolverMxHostNames(MxResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public List<String> of(Domain domain) {
        MxResolution mx = resolver.resolveMx(domain);
        if (mx instanceof MxResolution.Hosts hosts) {
            return hosts.hosts().stream().map(MxHost::host).toList();
        }
        return List.of();
    }
}
