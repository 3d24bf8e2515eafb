package io.mailstream.dispatcher.policy;

import io.mailstream.schemas.address.Domain;

/** Which traffic policy applies to a recipient domain; the connection side and the throttle both ask it. Thread-safe. */
public interface PolicyLookup {
    TrafficPolicy policyFor(Domain domain);
}
