package io.mailstream.dispatcher.mtasts;

import io.mailstream.dispatcher.mtasts.internal.PolicyFetcher;
import io.mailstream.dispatcher.mtasts.internal.StsRecordLookup;
import io.mailstream.dispatcher.tls.TlsResultType;
import io.mailstream.dispatcher.tls.report.ReportedPolicy;
import io.mailstream.dispatcher.tls.report.TlsResultSink;
import io.mailstream.dispatcher.tls.report.TlsSessionResult;
import io.mailstream.schemas.address.Domain;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and caches recipient domains' MTA-STS policies (RFC 8461 §3, §5.1): the {@code _mta-sts}
 * TXT record says whether a policy exists and its id; a new id (or none cached) fetches the policy
 * over HTTPS; a cached policy stays in force for its {@code max_age} even when DNS or the policy
 * host fail later, which is what keeps a downgrade attacker from simply blocking them. A domain's
 * TXT answer is trusted for {@link MtaStsSettings#recheck()} so that mail does not cost a DNS query
 * each. A policy that cannot be fetched is reported to the TLS-RPT sink (RFC 8460 §4.3.2.3:
 * {@code sts-webpki-invalid} when the policy host's certificate does not verify,
 * {@code sts-policy-invalid} when the file does not parse, {@code sts-policy-fetch-error} otherwise),
 * once per failed fetch. Thread-safe; lookups for one domain are serialised, other domains do not wait.
 */
public final class MtaStsPolicies implements StsPolicyLookup {
    private static final Logger log = LoggerFactory.getLogger(MtaStsPolicies.class);
    private static final int MAX_DOMAINS = 100_000;

    /** Resolves the policy host to the addresses it may be fetched from (the dispatcher's DNS, its address rules). */
    @FunctionalInterface
    public interface PolicyHostAddresses {
        /** @throws IOException when the host has no usable address now */
        List<InetAddress> resolve(String host) throws IOException;
    }

    private record Entry(Optional<MtaStsPolicy> policy, Instant policyExpires, Instant recheckAt) {
        Optional<MtaStsPolicy> valid(Instant now) {
            return now.isBefore(policyExpires) ? policy : Optional.empty();
        }
    }

    private final MtaStsSettings settings;
    private final StsRecordLookup records;
    private final PolicyFetcher fetcher;
    private final PolicyHostAddresses addresses;
    private final Clock clock;
    private final TlsResultSink fetchFailures;
    private final Map<Domain, Entry> cache = new ConcurrentHashMap<>();
    private final Map<Domain, ReentrantLock> locks = new ConcurrentHashMap<>();

    public MtaStsPolicies(MtaStsSettings settings, Optional<InetSocketAddress> dnsResolver, Duration dnsTimeout,
                          PolicyHostAddresses addresses, Clock clock) {
        this(settings, dnsResolver, dnsTimeout, addresses, clock, TlsResultSink.NONE);
    }

    /** @param fetchFailures where failed policy fetches are counted for TLS-RPT (RFC 8460 {@code sts-*} result types) */
    public MtaStsPolicies(MtaStsSettings settings, Optional<InetSocketAddress> dnsResolver, Duration dnsTimeout,
                          PolicyHostAddresses addresses, Clock clock, TlsResultSink fetchFailures) {
        this.fetchFailures = fetchFailures;
        this.settings = settings;
        this.records = new StsRecordLookup(dnsResolver, dnsTimeout);
        this.fetcher = new PolicyFetcher(settings);
        this.addresses = addresses;
        this.clock = clock;
    }

    @Override
    public Optional<MtaStsPolicy> policyFor(Domain domain) {
        Instant now = clock.instant();
        Entry cached = cache.get(domain);
        if (cached != null && now.isBefore(cached.recheckAt())) {
            return usable(cached.valid(now));
        }
        ReentrantLock lock = locks.computeIfAbsent(domain, d -> new ReentrantLock());
        lock.lock();
        try {
            cached = cache.get(domain);
            if (cached != null && now.isBefore(cached.recheckAt())) {
                return usable(cached.valid(now));
            }
            Entry fresh = refresh(domain, cached, now);
            if (cache.size() >= MAX_DOMAINS) {
                cache.clear(); // bounded memory; a domain seen again costs one TXT lookup and maybe a fetch
                locks.clear();
            }
            cache.put(domain, fresh);
            return usable(fresh.valid(now));
        } finally {
            lock.unlock();
        }
    }

    // RFC 8461 §8.3: mode none is how a domain withdraws its policy; it applies as no policy.
    private static Optional<MtaStsPolicy> usable(Optional<MtaStsPolicy> p) {
        return p.filter(x -> x.mode() != MtaStsMode.NONE);
    }

    private Entry refresh(Domain domain, Entry cached, Instant now) {
        Instant recheck = now.plus(settings.recheck());
        Optional<MtaStsPolicy> stillValid = cached == null ? Optional.empty() : cached.valid(now);
        Instant stillExpires = cached == null ? now : cached.policyExpires();
        StsRecordLookup.Result txt = records.lookup(domain);
        if (txt instanceof StsRecordLookup.Present present) {
            if (stillValid.isPresent() && stillValid.get().id().equals(present.id())) {
                return new Entry(stillValid, stillExpires, recheck);
            }
            String host = "mta-sts." + domain.asString();
            try {
                MtaStsPolicy policy = MtaStsPolicy.parse(present.id(), fetch(host));
                log.info("{} publishes {} for MX {}, max_age {}", domain, policy.describe(), policy.mx(), policy.maxAge());
                return new Entry(Optional.of(policy), now.plus(policy.maxAge()), recheck);
            } catch (IOException | MtaStsPolicy.InvalidPolicyException e) {
                reportFetchFailure(domain, e);
                // §5.1: a failed fetch leaves a cached policy in force; without one, mail goes as if there were none.
                log.warn("cannot fetch the MTA-STS policy of {} from https://{}/.well-known/mta-sts.txt: {}{}", domain, host,
                        e.getMessage(), stillValid.isPresent() ? "; keeping the cached " + stillValid.get().describe() : "");
                return new Entry(stillValid, stillExpires, recheck);
            }
        }
        if (txt instanceof StsRecordLookup.Failed f) {
            log.debug("MTA-STS record of {} not available now: {}", domain, f.why());
        }
        // No record (or DNS failed): a cached policy still holds until it expires (§5.1).
        return new Entry(stillValid, stillExpires, recheck);
    }

    // The report's policy is the one that could not be had: type sts, no text (RFC 8460 §4.4 allows policy-string to be absent).
    private void reportFetchFailure(Domain domain, Exception e) {
        TlsResultType type = e instanceof MtaStsPolicy.InvalidPolicyException ? TlsResultType.STS_POLICY_INVALID
                : causedBy(e, SSLHandshakeException.class) ? TlsResultType.STS_WEBPKI_INVALID
                : TlsResultType.STS_POLICY_FETCH_ERROR;
        fetchFailures.record(new TlsSessionResult(domain, new ReportedPolicy("sts", List.of(), List.of()), Optional.empty(),
                Optional.empty(), Optional.of(type)));
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private String fetch(String host) throws IOException {
        List<IOException> failures = new ArrayList<>();
        for (InetAddress a : addresses.resolve(host)) {
            try {
                return fetcher.fetch(host, a);
            } catch (IOException e) {
                failures.add(e);
            }
        }
        throw new IOException(failures.isEmpty() ? host + " has no address" : failures.getFirst().getMessage(),
                failures.isEmpty() ? null : failures.getFirst());
    }
}
