package io.mailstream.dispatcher.policy;

import io.mailstream.schemas.address.Domain;
import io.mailstream.schemas.address.RouteTarget;
import io.mailstream.schemas.address.Site;

/** Which traffic policy applies to a recipient domain; the connection side and the throttle both ask it. Thread-safe. */
public interface PolicyLookup {
    TrafficPolicy policyFor(Domain domain);

    /**
     * The policy of mail to {@code domain} routed to {@code target}: a policy listing the domain
     * first (a policy for a domain still applies when its mail is routed by site), then one listing
     * the site, then {@link #policyFor(Domain)}'s MX-suffix and default answers.
     */
    default TrafficPolicy policyFor(Domain domain, RouteTarget target) {
        return policyFor(domain);
    }

    /** The policy of a site key whose recipient domain is not known (a site policy, else the default). */
    default TrafficPolicy policyForSite(Site site) {
        throw new UnsupportedOperationException("no site policies");
    }
}
