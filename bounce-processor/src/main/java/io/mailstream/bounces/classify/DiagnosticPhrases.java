package io.mailstream.bounces.classify;

import io.mailstream.bounces.BounceReason;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.mailstream.bounces.BounceReason.*;

/**
 * Phrase families that MTAs and mailbox providers use in diagnostic text, grouped by reason.
 * Phrases are matched against lower-cased text with runs of white space collapsed to one blank.
 * They are deliberately phrased generally ("user unknown", "mailbox is full") so they hold across
 * MTAs; a phrase belongs here only if it says the same thing wherever it appears.
 */
final class DiagnosticPhrases {
    private DiagnosticPhrases() {
    }

    static Map<BounceReason, List<String>> literals() {
        Map<BounceReason, List<String>> m = new EnumMap<>(BounceReason.class);
        m.put(MAILBOX_FULL, List.of(
                "mailbox full", "mailbox is full", "mailbox size limit exceeded", "mailbox has exceeded",
                "mailbox exceeded", "mailbox over quota", "mailbox is over quota", "over quota", "overquota",
                "quota exceeded", "quota exceed", "exceeded storage allocation", "exceeds storage allocation",
                "user is over quota", "account is over quota", "recipient's mailbox is full", "mailbox would exceed",
                "disk quota exceeded", "mail quota exceeded", "mailbox not enough space", "would exceed quota",
                "would exceed mailbox quota", "mailfolder is full", "mail box full", "maildir over quota",
                "is over the storage quota", "user has exceeded the quota",
                "has exceeded his/her disk space limit", "has exceeded the max emails per hour",
                "exceeded its quota", "mailbox is over its quota", "quota is full", "box is full",
                "user's mailbox is full", "account is full", "not enough storage space", "storage quota",
                "space quota", "exceeding the quota", "exceeds quota", "in excess of quota", "quota violation",
                "over storage quota", "out of space", "the user's space has been used up", "mailbox quota usage exceeded",
                "mailbox has reached its", "inbox is full", "mailbox is over the quota",
                // the mailbox's own limits in other words (issue 16, rsnA; Sisimai's Reason::MailboxFull names the
                // concept: a mailbox out of space, a POP box holding too many messages, a mail file at its size cap)
                "full mailbox", "does not have enough space", "too many messages on the server",
                "mail file size exceeds"));
        m.put(MESG_TOO_BIG, List.of(
                "message too big", "message too large", "message is too large", "message is too big",
                "message size exceeds", "message exceeds maximum fixed size", "message length exceeds",
                "exceeds maximum message size", "exceeded maximum message size", "exceeds the maximum size",
                "exceeds size limit", "size limit exceeded", "message size limit", "mail size limit exceeded",
                "message larger than", "size of the message exceeds",
                "maximum message size exceeded", "message exceeds local size limit", "exceeds the size limit",
                "line length exceeded", "line limit exceeded", "message file too big", "the email is too big", "size exceeds the limit",
                // the message's size named against a maximum in other words (Sisimai's Reason::MesgTooBig; under a bare 552
                // the reply code alone would read "exceeded storage allocation", a full mailbox)
                "max message size", "inbound message size", "message size exceeded", "size limit reached"));
        m.put(EXCEED_LIMIT, List.of(
                "message too large for this recipient", "message size exceeds fixed maximum message size",
                "mailbox message size limit", "message exceeds the per-recipient limit",
                "exceeds the recipient's size limit", "size exceeds recipient's limit"));
        m.put(SUSPEND, List.of(
                "account disabled", "account has been disabled", "account is disabled", "has been disabled",
                "account has been suspended", "account suspended", "account is suspended", "suspended account",
                "mailbox disabled", "mailbox is disabled", "mailbox has been disabled", "mailbox suspended",
                "recipient suspend", "is inactive", "inactive account", "account inactive", "mailbox is inactive",
                "mailbox unavailable or inactive", "account is temporarily unavailable", "account deactivated",
                "account has been deactivated", "user suspended", "this account has been temporarily suspended",
                "account frozen", "account is frozen", "account is locked", "account locked", "temporary locked",
                "temporarily locked", "recipient account is blocked",
                "account is blocked", "is not active", "mailbox is frozen",
                "this mailbox is disabled", "user account disabled", "recipient address rejected: account disabled",
                "mailbox unavailable: account disabled",
                // a mailbox switched off, archived or ended by its provider (issue 16, rsnA; Sisimai's Reason::Suspend;
                // RFC 3463 X.2.1 "mailbox disabled"): soft. "Mailbox unavailable or access denied" names no unknown
                // user either, and is read here before the user-unknown family (the cautious side)
                "currently suspended", "temporarily inactive", "inactive user", "archived recipient",
                "mailbox unavailable or access denied",
                // (issue 16, rsn2) the recipient's mailbox said to be unavailable for now, as "account is temporarily
                // unavailable" above: no unknown user, a mailbox out of reach (RFC 3463 X.2.x mailbox status); soft
                "recipient temporarily unavailable", "mailbox temporarily unavailable", "mailbox is temporarily unavailable"));
        m.put(HAS_MOVED, List.of(
                " has been replaced by ", "mailbox has moved", "user has moved", "address has changed",
                "no longer uses this address", "has moved to", "address is no longer"));
        m.put(NO_RELAYING, List.of(
                "relay access denied", "email address is not verified", "no relaying", "insecure mail relay", "relaying denied", "relay denied", "relaying not permitted",
                "relay not permitted", "relaying is not allowed", "not permitted to relay", "unable to relay",
                "we do not relay", "relay not allowed", "relaying mail to", "is not permitted to relay",
                "no relaying allowed", "relay rejected", "not a gateway", "relaying prohibited",
                "mail for this domain is not accepted here", "this system is not configured to relay mail",
                "you are not allowed to relay", "relay access is denied",
                "cannot relay", "can't relay",
                // the same refusal in other words (issue 16, rsnA; Sisimai's Reason::NoRelaying)
                "allowed to relay", "as a relay", "not an open relay", "don't handle mail for", "do not handle mail for",
                "to a non-local e-mail address",
                // (issue 16, rcv) hMailServer's default answer to RCPT TO when the client's IP range may not deliver to
                // external addresses: "550 Delivery is not allowed to this address." (hMailServer documentation, IP
                // ranges; its forum's FAQ on this reply)
                "delivery is not allowed to this address"));
        m.put(AUTH_FAILURE, List.of(
                "spf check failed", "per its spf record", "per it's spf record", "does not have authentication information", "spf fail", "spf validation", "failed spf", "spf failure",
                "dkim validation", "dkim signature", "dmarc policy", "dmarc validation", "dmarc check",
                "dmarc failure", "failed dmarc", "rejected by dmarc", "due to dmarc", "unauthenticated email",
                "sender policy framework", "not designate", "does not designate", "is not authorized to send",
                "authentication failed", "sender is not authorized", "sender authentication",
                "spf=fail", "dkim=fail", "dmarc=fail", "hardfail", "authentication checks did not pass",
                "email authentication", "doesn't meet the required authentication level",
                "not pass authentication checks", "sender's domain has a dmarc"));
        m.put(USER_UNKNOWN, List.of(
                "user unknown", "invalid final delivery userid", "unknown user", "unknown recipient", "recipient unknown", "no such user",
                "no such mailbox", "no such recipient", "no such account", "no such address",
                "does not exist", "doesn't exist", "does not have an account", "doesn't have a",
                "invalid recipient", "invalid mailbox", "invalid address", "recipient address rejected: user unknown",
                "mailbox unavailable", "mailbox not found", "mailbox does not exist", "mailbox unknown",
                "user not found", "address not found", "recipient not found", "addressee unknown",
                "unknown address", "unknown local part", "unknown mailbox", "unknown or illegal alias",
                "is not a valid mailbox", "not a valid user",
                "no mailbox by that name", "user doesn't exist", "user does not exist", "account does not exist",
                "mailbox doesn't exist", "not our customer", "recipient is not local", "no such person",
                "email address could not be found",
                "user not exist", "bad destination mailbox", "destination mailbox address invalid",
                "recipient rejected", "rejected recipient", "recipient invalid", "invalid recipients",
                "no account by that name",
                "unknown user account", "mailbox not available", "this address no longer accepts mail",
                "said: 550 5.1.1", "recipient no longer on server", "email address does not exist",
                "is not a known user", "no valid recipients",
                "user is unknown", "requested action not taken: mailbox unavailable",
                "recipient does not exist", "the recipient does not exist", "addressee is unknown",
                "not a valid recipient", "unknown or invalid recipient", "no such local user",
                "no such user here", "mailbox is unavailable", "invalid or unknown virtual user",
                "mailbox unavailable or access denied", "nosuchuser", "#5.1.1", "5.1.1 <", "user not listed",
                "not our user", "destination addresses were unknown", "mailbox name not allowed",
                // (issue 16, rsnA; Sisimai's Reason::UserUnknown) nobody behind the address, said plainly
                "no one at this address", "not an active address",
                // (issue 16, sym) the directory does not know the name, in the words of 1990s-2000s systems whose
                // reports Sympa's anabounce reads and maps to 5.1.1 (bounce-lib.pl / BounceMessage.pm %equiv):
                // Exchange 5.5's "The recipient name is not recognized", CompuServe's "Receiver not found" /
                // "Invalid receiver address" (Microsoft KB Q136413), QuickMail's "Unknown QuickMail recipient(s)",
                // Smail's "not known at this site"; "receiver" is the recipient as these systems call it
                "name is not recognized", "name not recognized", "recipient not recognized", "receiver not found",
                "invalid receiver", "unknown receiver", "receiver unknown", "unknown quickmail recipient",
                "not known at this site",
                // Postfix access(5) REJECT of a recipient at RCPT TO (5.7.1) and Exchange Online's directory-based
                // edge blocking (5.4.1) both write this; Sisimai's Reason::UserUnknown reads it as a refused
                // recipient. Under 5.7.1 it stays a low-confidence hard call, held until a second bounce
                "recipient address rejected: access denied"));
        m.put(FILTERED, List.of(
                "due to extended inactivity new mail is not currently being accepted",
                "this account is not allowed to receive", "recipients was rejected by a remote mail server", "recipient not allowed", "is not accepting mail",
                "refuses to accept your mail", "not accepting mail from", "has restricted", "recipient is restricted",
                "your message was declined", "user refuses",
                "message refused", "rejected by user", "the user does not accept", "blocked by user",
                "recipient has blocked", "user has blocked", "dest mailbox not allowed", "mail filter",
                "this user doesn't accept", "because the user has filtered", "mailbox is restricted", "recipient preferences",
                // "<addr> is not accepting any mail" names one mailbox's refusal, not a domain that accepts none
                // (Sisimai's Reason::Filtered lists it): soft, never a hard null-MX-like notaccept
                "is not accepting any mail",
                // (issue 16, rsn2) a filter's refusal that names no finding: "Message filtered" (Sisimai's
                // Reason::Filtered); one that names spam is the spam verdict (SpamVerdicts.filterNamesSpam)
                "message filtered",
                "user has disabled", "blocked by recipient", "blocked by the recipient", "due to user rules",
                // "user unknown" with the address blanked out: the recipient's own filter refused
                "550 : user unknown", "550: : user unknown"));
        m.put(REQUIRE_PTR, List.of(
                "no ptr record", "unverifiable sending ip", "unverifyable sending ip", "mismatches client ip", "ptr record", "reverse dns", "reverse lookup", "rdns", "no reverse",
                "cannot find your hostname", "cannot resolve your address", "client host rejected: cannot find your",
                "cannot find your reverse hostname", "unresolvable ip address", "ip name lookup failed",
                "no dns ptr", "did not have a ptr", "reverse-lookup", "no matching ptr", "without a ptr",
                "not resolve to the same", "does not resolve to", "dns lookup of your ip address",
                "your ip has no ptr", "ip address does not have a reverse", "rdns lookup"));
        m.put(NOT_COMPLIANT_RFC, List.of(
                "not rfc 5322 compliant", "not rfc5322 compliant", "rfc 5322", "rfc5322", "rfc 2822", "rfc2822",
                "rfc 822", "rfc822 compliant", "duplicate headers", "multiple addresses in from",
                "message contains multiple", "there are multiple from", "is not in rfc", "non-compliant with rfc",
                "this message is not rfc", "header is missing", "missing required header", "header error",
                "bare line feed", "bare lf", "invalid header"));
        m.put(BAD_REPUTATION, List.of(
                "bad reputation", "user complaints", "poor reputation", "ip reputation", "sender reputation", "low reputation",
                "reputation of", "due to its reputation", "because of its reputation", "bulk mail",
                "likely unsolicited mail"));
        m.put(CONTENT_ERROR, List.of(
                "message header size exceeds limit", "message has been rejected because of content",
                "improper use of 8-bit data", "invalid character", "illegal character", "malformed mime",
                "mime header", "headers exceed", "header size exceeds", "message contains bare",
                "message header too large", "too many headers"));
        m.put(REJECTED, List.of(
                "sender rejected", "sender was rejected", "sender address rejected", "purported responsible address", "sender not allowed", "sender denied",
                "sender is not allowed", "sender blocked", "sender verify failed", "sender verification failed",
                "domain of sender address", "sender domain", "sender address does not exist",
                "sender address has null mx", "your email address has been blacklisted", "from address",
                "envelope sender", "address is blacklisted", "sender's address", "mail from rejected",
                "rejected by the sender", "invalid sender", "bad sender", "sender is on user denylist",
                "sender is in a blocklist", "sender is blacklisted", "unknown sender", "sender unknown",
                "mail from address", "no such sender", "from: address", "blocked sender", "sender is blocked", "senders domain", "not allowed to send from",
                "domain does not exist: sender", "rejecting mail from", "the sender is blacklisted",
                "your domain is not allowed", "domain of mail from", "mail from not allowed",
                "our system has detected that this message is likely unsolicited", "empty envelope senders not allowed",
                "rejected due to the sender", "refused by the sender policy", "you are not allowed to send",
                "rejected because the sender", "the sender address", "sender email address",
                // mailing lists and groups refusing a post from a non-member
                "not a member of this", "permission to post", "not have permission to post", "not allowed to post",
                "only members can post", "posting restricted"));
        m.put(HOST_UNKNOWN, List.of(
                "host unknown", "unknown host", "host not found", "domain not found", "domain does not exist",
                "no such domain", "unrouteable mail domain", "unrouteable domain", "name or service not known",
                "name service error", "host or domain name not found", "domain name not found",
                "recipient domain must exist", "no mx", "dns error", "unknown domain", "domain unknown",
                "recipient address rejected: domain not found", "non-existent domain", "nonexistent domain",
                "domain is not valid", "domain is invalid", "invalid domain", "illegal host/domain name",
                "the domain name does not exist", "domain name service", "couldn't find a mail exchanger", "mx record",
                "could not be resolved", "nxdomain", "not a valid domain", "hostname lookup failed",
                "no valid hosts", "all relevant mx records point to non-existent hosts",
                "bad destination host", "bad destination system",
                "no route to host", "unable to find mx", "unrouteable address", "domain is not reachable", "host name lookup failure",
                "unknown mail domain",
                // (issue 16, rsnA) the American spelling of Exim's "Unrouteable address", and "domain must exist"
                // (Sisimai's Reason::HostUnknown). "host name lookup failure" and "unrouteable mail domain" are in the
                // network family too: a resolver failing is no NXDOMAIN, so they end as networkerror (hostLookupOnlyFailed)
                "unroutable address", "domain must exist"));
        m.put(SPAM_DETECTED, List.of(
                // "spam" alone would catch block lists (spamhaus, spamcop): those are "blocked"
                "as spam", "blacklisted url", "uribl", "surbl", "is spam", "spam message", "spam detected", "spam content", "spam score", "spam filter",
                "spam policy", "spam classification", "likely spam", "suspected spam", "spam rejected",
                "rejected as spam", " spam.", " spam ", "- spam", "spammy", "spam]", "(spam", "junk mail", "unsolicited", "message content rejected", "content rejected",
                "message has been blocked", "rejected as bulk", "suspicious", "the message was rejected because it contains prohibited content",
                "our filters rate", "appears to be unsolicited", "blocked by filter",
                "bulk email", "scored too high", "high probability of being", "content filter",
                "message is not accepted", "rejected by filter", "classified as"));
        m.put(SPEEDING, List.of(
                "rate limit", "receiving mail at a rate", "rate-limit", "ratelimit", "rate limited", "sending rate", "too fast",
                "throttled", "throttling", "slow down", "you have exceeded the sending limit",
                "exceeded the rate limit", "exceeded sending rate", "too many messages", "message rate",
                "temporarily deferred",
                "has exceeded the sending limit", "unusual rate", "exceeding the rate",
                // Postfix's postscreen/policy wording "Please try again slower" (Sisimai's Reason::Speeding)
                "try again slower",
                // (issue 16, rcv) Exchange's receive connector MessageRateLimit default: "421 4.4.2 Message submission
                // rate for this client has exceeded the configured limit" (Microsoft Learn, "Message rate limits and
                // throttling"): the client's rate of messages, under a 4.4.2 that alone reads a network error
                "submission rate"));
        m.put(TOO_MANY_CONN, List.of(
                "too many connections", "frequency limited", "too many concurrent", "connection limit", "connection rate limit",
                "too many simultaneous", "too many smtp sessions", "exceeded the maximum number of connections",
                "too many recipients", "too many hosts", "too many errors", "max connections",
                "concurrent connections", "too many sessions",
                // (issue 16, rcv) receiving MTAs' own connection-limit defaults: Postfix postscreen's "421 4.3.2 All
                // server ports are busy" (postscreen(8)), Sendmail FEATURE(conncontrol)'s "421 4.3.2 Too many open
                // connections." (cf/README), Exchange's receive connector "421 4.3.2 The maximum number of concurrent
                // server connections has exceeded a limit" (Microsoft Learn, receive connector MaxInboundConnection)
                "server ports are busy", "too many open connections", "concurrent server connections"));
        m.put(BLOCKED, List.of(
                "blocked", "blacklist", "blocklist", "block list", "black list", "denylist", "dnsbl", "rbl",
                "listed in", "listed on", "is listed", "spamhaus", "spamcop", "sorbs", "barracudacentral",
                "client host rejected", "access denied", "connection rejected",
                "not allowed to connect", "your ip", "your ip address", "ip address", "your host",
                "has been banned", "banned", "poor reputation", "refused to talk to me", "dynamic ip",
                "dynamic address", "residential", "dial-up", "dialup", "not accepting connections",
                "administrative prohibition", "rejected because of your ip", "your network", "your server",
                "sender ip address", "host is not allowed", "554 5.7.1 service unavailable",
                "service unavailable; client host", "no access from", "connection dropped",
                "access denied for", "mail rejected by",
                // Sendmail's srvrsmtp.c "Rejecting open proxy %s": the connecting host was judged
                "open proxy",
                "has been blacklisted", "smtp server of your isp", "sender ip reputation", "bad dns", "is not allowed to send mail"));
        // stage 2 (reasons tried only when status and stage 1 leave the reason open)
        m.put(VIRUS_DETECTED, List.of(
                "virus", "malware", "infected", "trojan", "worm", "malicious", "harmful content",
                "message contains a virus", "banned attachment", "attachment is not allowed", "dangerous",
                "executable attachment", "prohibited attachment", "forbidden attachment"));
        m.put(POLICY_VIOLATION, List.of(
                "policy violation", "host network not allowed", "protocol violation", "denied by policy", "content presents a potential",
                "not accepted for policy reasons", "violates policy", "violation of policy", "policy reasons", "local policy",
                "message policy", "against policy", "by policy", "due to policy", "policy restrictions",
                "this message has been rejected due to policy", "our policy", "acceptable use policy",
                "rejected for policy reasons", "email policy", "prohibited by", "not permitted by",
                "not allowed by", "violates our", "violation of", "contains a prohibited", "restricted content"));
        m.put(SYSTEM_ERROR, List.of(
                "system error", "server error", "internal error", "local error",
                "temporary local problem", "internal server error", "error in processing", "system failure",
                "system unavailable", "server configuration problem", "mail system configuration",
                "loops back to myself", "transaction failed", "service currently unavailable",
                "local configuration error", "timeout waiting for input",
                "requested action aborted", "service not available", "system is not configured",
                "not capable", "config error", "configuration error", "database error", "unexpected",
                "error writing",
                // (issue 16, rsn2) a proxy or gateway's next hop failing ("451 Upstream error", nginx's and SMTP
                // proxies' word for the backend): the receiving side's own failure, soft
                "upstream error",
                // (issue 16, rcv) Postfix qmgr's deferral when the delivery agent named by the transport is missing or
                // broken: "mail transport unavailable" (src/qmgr/qmgr_deliver.c, 4.3.0): the sending system's fault
                "transport unavailable",
                // qmail-smtpd's answers when qmail-queue failed (qmail-smtpd.c): "451 qq temporary problem (#4.3.0)",
                // "qq read error", "qq write error or disk full", "qq trouble creating files in queue": the server's own
                "qq temporary problem", "qq read error", "qq write error", "qq trouble",
                "could not be delivered due to a server error", "exceeds the maximum number of hops",
                "internal software error", "remote server problem", "server busy", "system busy",
                "try again later (#4.3.0)", "problem with this host", "unable to handle", "backend",
                // the receiving system's own fault, said so (Gmail's "Temporary System Problem", 4.3.0 / 4.7.0)
                "temporary system problem",
                // a loop the receiving system found in its own configuration, or its queue failing (Sendmail's
                // "aliasing/forwarding loop broken", alias.c; "would create a mail loop"; Exchange's "loop was
                // found in the mail exchanger"; Sendmail's "queue file write error"): Sisimai's Reason::SystemError
                // names these, tried before the network family's "mail loop"
                "would create a mail loop", "loop was found in the mail exchanger", "forwarding loop broken",
                "queue file write error",
                // the receiving system's own faults in its own words: an interrupted system call (EINTR's strerror
                // text), a mailer that cannot write its output file, a server said to be misconfigured
                "interrupted system call", "can't create user output file", "remote server is misconfigured",
                // the receiver's directory failing (RFC 3463 X.4.3 "Directory server failure", which Sisimai names
                // systemerror): qmail-ldap's "Unable to contact LDAP server (#4.4.3)", "Temporary failure in LDAP
                // lookup"; any MTA that looks its mailboxes up in LDAP says so
                "ldap server", "ldap lookup",
                // (issue 16, rsnA; Sisimai's Reason::SystemError) the receiver failing on the message in its own words
                "error while being processed"));
        m.put(NETWORK_ERROR, List.of(
                "network error", "network is unreachable", "connection reset", "host is unreachable",
                "malformed or unexpected name server reply", "malformed name server reply", "host not found, try again",
                "dns query failed", "message looping", "routing loop", "too many hops", "mail loop", "mail forwarding loop",
                "mail is looping", "forwarding loop", "loop detected", "lost connection", "connection lost", "maximum forwarding loop count exceeded",
                "hop count exceeded", "dns records for the destination computer could not be found",
                "no route", "smtp session failed", "dns lookup failed", "dns failure", "temporary dns",
                "name server", "nameserver", "broken pipe", "premature eof", "read error", "write error",
                "conversation with", "too many hops",
                // Exchange 2000/2003's fixed NDR sentence for 5.4.6 (routing loop): "A configuration error in the
                // e-mail system caused the message to bounce between two servers or to be split into too many segments"
                "bounce between two servers",
                // a lookup that failed rather than an answer that the domain does not exist (issue 16, rsnA; Sendmail's
                // err.c writes "host name lookup failure" for TRY_AGAIN; Sisimai's Reason::NetworkError lists both):
                // soft, never the hard hostunknown without NXDOMAIN evidence
                "host name lookup failure", "unrouteable mail domain"));
        m.put(SYSTEM_FULL, List.of(
                "mail system full", "system full", "disk full", "insufficient disk space", "out of disk space", "not enough disk space",
                "insufficient system storage", "insufficient system resources", "file system full",
                "no space left on device", "mail queue is full", "server is full", "storage full"));
        m.put(NOT_ACCEPT, List.of(
                "does not accept mail", "does not accept email", "doesn't accept mail", "null mx",
                "not accepting mail", "accepts no mail", "no longer accepts mail",
                "this domain does not receive", "mail is not accepted", "domain does not accept",
                "doesn't receive email", "does not receive email", "indicated no smtp service"));
        m.put(EXPIRED, List.of(
                "message expired", "delivery time expired", "retry time exceeded", "retry timeout exceeded",
                "could not be delivered for", "has been delayed for", "delivery expired", "queue too long",
                "message timed out", "giving up", "gave up", "no response", "unable to deliver for",
                "was not delivered within", "too long in queue", "undeliverable for more than",
                "message could not be delivered within", "exceeded the maximum time", "cannot deliver for",
                "delivery attempts will continue", "still trying", "delivery delayed",
                "has not been delivered", "not yet been delivered", "warning: message",
                "delivery to the following recipient has been delayed", "ttl expired", "expired after",
                "delivery period expired", "time limit exceeded", "retry limit exceeded",
                "message has been in the queue", "has been undeliverable", "could not deliver",
                "host not responding", "hasn't been delivered", "deferred",
                // a destination that never answered within the queue lifetime: the message expired
                "connection timed out", "timed out", "timeout", "could not connect", "can't connect",
                "cannot connect", "unable to connect", "connection failed", "failed to connect", "have been failing for a long time", "envelope expired",
                "server did not accept our requests to connect", "server did not respond", "host not reachable",
                "was not reachable within the allowed queue period", "retry time not reached",
                // Sendmail's queue return ("Cannot send message for 5 days", queue.c) and Exchange 5.5/2000's NDR
                // "Could not deliver the message in the time limit specified" (#4.4.7): the queue lifetime ran out
                "cannot send message for", "in the time limit specified", "after multiple retries"));
        m.put(FAILED_STARTTLS, List.of(
                "starttls", "does not support tls", "tls required", "requiretls", "tls is required", "must issue a starttls",
                "encryption required", "tls negotiation failed", "tls handshake"));
        m.put(SECURITY_ERROR, List.of(
                "security error", "authentication required", "authentication is required", "auth required",
                "must authenticate", "authentication credentials invalid", "please authenticate",
                "sender not authenticated", "insecure", "unencrypted", "certificate", "security policy",
                "not authorized", "unauthorized", "permission denied", "access not allowed",
                "must be authenticated", "smtp auth", "submission requires authentication"));
        m.put(SUPPRESSED, List.of(
                "suppression list", "on the suppression list", "address is suppressed", "suppressed"));
        m.put(MAILER_ERROR, List.of(
                "x-unix", "mailer error", "command failed", "exit code", "exited with", "procmail",
                "program failed", "pipe to", "command died", "unknown mailer error", "mailer program",
                "local delivery failed", "mail delivery agent", "could not execute", "maildrop",
                "unable to execute", "mailer exited", "exit status",
                // (issue 16, rcv) Exim's pipe transport when the command fails: "Child process of address_pipe transport
                // returned 69 (could mean service or program unavailable) from command: ..." (src/transports/pipe.c;
                // Exim specification, the pipe transport): the local delivery program, as Postfix's "Command died with status"
                "child process of"));
        m.put(SYNTAX_ERROR, List.of(
                "syntax error", "command unrecognized", "command not recognized", "unrecognized command",
                "bad sequence of commands", "command not implemented", "invalid command", "line too long",
                "parameters not recognized", "parameter not recognized", "invalid syntax"));
        return m;
    }

    /**
     * For each reason with {@link #patterns()}: words at least one of which every match of its
     * patterns contains. The patterns run only on text where the phrase automaton saw one, so
     * the common case (no candidate at all) costs no regex scan.
     */
    static Map<BounceReason, List<String>> patternAnchors() {
        Map<BounceReason, List<String>> m = new EnumMap<>(BounceReason.class);
        m.put(USER_UNKNOWN, List.of("unknown", "invalid", "not found", "not exist", "not valid", "not available",
                "not known", "5.1.1", "not listed in", "not present", "existent", "no mailbox", "no mail box",
                "by that name", "recognized", "be found", "mail for th"));
        m.put(MAILBOX_FULL, List.of("full", "exceeded", "over", "quota"));
        m.put(HOST_UNKNOWN, List.of("not found", "unknown", "not exist", "invalid"));
        m.put(SUSPEND, List.of("suspended", "disabled", "deactivated", "terminated", "archived", "inactive"));
        return m;
    }

    /**
     * Names of DNS block lists: a refusal that cites one is about the sending host's listing
     * ("blocked"), even when the reply also says "sender rejected".
     */
    static List<String> blockLists() {
        return List.of("rbl", "dnsbl", "spamhaus", "spamcop", "sorbs", "barracudacentral", "abuseat.org",
                "uceprotect", "psbl.surriel", "client host blocked",
                // IP block lists of the 2000s-2010s that refusals cite by host name or URL (the operators' own
                // names: DSBL, NJABL, ORDB, MAPS RBL at mail-abuse.org/.com, SPEWS, AHBL, Blitzed OPM, Osirusoft,
                // Five-Ten, SpamCannibal, backscatterer.org): each lists sending IP addresses, not senders
                "dsbl.org", "njabl.org", "ordb.org", "mail-abuse.org", "mail-abuse.com", "spews.org", "ahbl.org",
                "blitzed.org", "osirusoft", "five-ten-sg", "spamcannibal", "backscatterer");
    }

    /**
     * Words that say a refusal judged the connecting host (its IP address, name or listing)
     * rather than the sender's address: at MAIL FROM only these make it {@code blocked}.
     */
    private static final List<String> CLIENT_HOST = List.of("ip address", "your ip", "sending ip", "client host",
            "your host", "connecting host", "dynamic", "residential", "dial-up", "dialup", "reverse", "ptr",
            "helo", "ehlo", "hostname", "blacklist", "blocklist", "block list", "black list", "listed",
            // "use the SMTP server of your ISP": the client connected from an address that must relay
            "your isp", "your provider");

    /** A block-list verdict on the envelope sender's domain (Spamhaus DBL style), not on the client. */
    private static final List<String> SENDER_DOMAIN_LISTED = List.of("mailfrom domain is listed",
            "mail from domain is listed", "sender domain listed", "sender domain is listed", "sender's domain is listed",
            // (issue 16, rcv) Postfix's reject_rhsbl_sender default reply "Service unavailable; Sender address [X] blocked
            // using Y" (postconf(5) default_rbl_reply, $rbl_class "Sender address"); its client and HELO classes stay blocked
            "sender address [");

    static boolean listsSenderDomain(String normalized) {
        for (String w : SENDER_DOMAIN_LISTED) {
            if (normalized.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /**
     * "does not accept mail from ...", "only accepts mail from ...": the recipient (or its domain)
     * refuses this sender, which is a filter (Sisimai's Reason::Filtered: "recipient is only accepting
     * mail from specific email addresses"), not a domain that accepts no mail at all (RFC 7505 null MX).
     */
    static boolean refusesThisSender(String normalized) {
        return normalized.contains("accept mail from") || normalized.contains("accept email from")
                || normalized.contains("accepting mail from") || normalized.contains("receive mail from")
                || normalized.contains("accepts mail from") || normalized.contains("receive email from");
    }

    /**
     * A spam verdict on the connecting host rather than on the message: "too many spams from your IP",
     * "your remotehost looks suspiciously like spammer" (qmail's rblsmtpd-style texts), "spam IPs
     * blocked". Sisimai's Reason::Blocked lists these; the client, not the content, was judged.
     */
    private static final List<String> CLIENT_SPAM_SOURCE = List.of("from your ip", "your ip address", "remotehost",
            "ips blocked", "sending ip", "your host",
            // "you are sending spam", "currently sending spam": the client called a spam source (Sisimai's
            // Reason::Blocked lists both)
            "sending spam");

    static boolean judgesClientAsSpamSource(String normalized) {
        for (String w : CLIENT_SPAM_SOURCE) {
            if (normalized.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** The limit named is on connections ("connection rate limit", "too many connections"), not on messages. */
    static boolean limitsConnections(String normalized) {
        return normalized.contains("connection rate") || normalized.contains("connections");
    }

    static boolean namesClientHost(String normalized) {
        for (String w : CLIENT_HOST) {
            if (normalized.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A refusal that names only the recipient address, with no reason ("Recipient address
     * rejected.", "recipient rejected"). Said in reply to RCPT TO with a 5xx it can only mean the
     * address: RCPT is where a server checks the recipient (RFC 5321 §3.3, 550 "mailbox
     * unavailable", §4.2.3). Said elsewhere, or beside a reason, it decides nothing.
     */
    static List<String> bareRecipientRefusals() {
        return List.of("recipient address rejected", "recipient rejected", "recipient not accepted",
                "rcpt rejected",
                // the same said otherwise (issue 16, rsnA; Sisimai's Reason::UserUnknown lists them as refused recipients):
                // still only at RCPT TO with a 5xx and beside no reason's phrase
                "recipient is not accepted", "recipient not ok", "recipient has been denied", "can't accept user",
                "not a local address",
                // qmail's badrcptto / validrcptto patches refuse listed (or unlisted) recipients at RCPT TO
                "badrcptto", "validrcptto",
                // a recipient the server could not verify (BMH's "unknown" rule "recipient cannot be verified")
                "recipient cannot be verified", "recipient could not be verified");
    }

    /** Patterns too shaped for a literal phrase: numbers, word boundaries, alternatives in one place. */
    static Map<BounceReason, List<Pattern>> patterns() {
        Map<BounceReason, List<Pattern>> m = new EnumMap<>(BounceReason.class);
        m.put(USER_UNKNOWN, List.of(
                // "... from unknown senders" describes the senders a recipient refuses, not the recipient. An email
                // address between ("User a@example.org not found") counts as one word, its dots are no sentence end
                // (issue 16, rsnA); an IP address's dots still are ("address 192.0.2.1 not found in the allow list").
                // The group is atomic: with two alternatives that can cover the same characters, a long line of
                // addresses that ends in no match would otherwise be tried every way (minutes for one bounce)
                Pattern.compile("\\b(?:user|mailbox|recipient|address|account)\\b(?>[^\\s@;<>]*@[^\\s;<>]+|[^.;]){0,40}(?<!from )\\b(?:unknown|invalid|not (?:found|exist|valid|available|known|present))\\b"),
                Pattern.compile("\\bunknown (?:e-?mail )?(?:user|mailbox|recipient|account|address|local[- ]part)\\b"),
                // "<a@example.org> not found", "non-existent user": the address or user said not to exist (Sisimai's
                // Reason::UserUnknown pairs "<" + "> not found", "non" + "existent user")
                Pattern.compile("<[^<>\\s]+@[^<>\\s]+>:?(?: \\.\\.\\.)? (?:not found|unknown|does not exist)\\b"),
                Pattern.compile("\\bnon-? ?existent (?:user|mailbox|recipient|account|address)\\b"),
                // "no mailbox found", "no mail box available for this user" (not "no mailbox space")
                Pattern.compile("\\bno mail ?box (?:found|available|here|by that name)\\b"),
                // directory-backed servers (Domino, Exchange GAL, LDAP routers): "User x not listed in <directory>"
                Pattern.compile("\\b(?:user|recipient|address)\\b[^;]{0,80}\\bnot listed in\\b[^.;]{0,40}\\b(?:directory|address book|address list)\\b"),
                Pattern.compile("\\b5\\.1\\.1\\b.{0,20}\\b(?:user|mailbox|recipient)\\b"),
                // (issue 16, dbp) the concepts behind Perl's Mail::DeliveryStatus::BounceParser (CPAN,
                // BounceParser.pm _std_reason, user_unknown): nobody of that name ("no user here by that name",
                // qmail's "no mailbox here by that name"), a recipient the directory does not recognise ("addressee
                // unrecognized"), an address that cannot be found (Exchange's "The e-mail address you entered couldn't
                // be found"), a server that handles no mail for that user (MailFoundry)
                Pattern.compile("\\bno (?:such )?(?:user|mailbox|mail box|account|recipient|one)(?: here)? by that name\\b"),
                Pattern.compile("\\b(?:user|recipient|addressee|mailbox)\\b (?:name )?(?:is )?(?:unrecognized|not recognized)\\b"),
                Pattern.compile("\\b(?:e-?mail )?address\\b[^.;]{0,30}\\b(?:could|can)(?:n't|not| not) be found\\b"),
                Pattern.compile("\\bhandles? (?:e-?)?mail for (?:that|this|the) (?:user|recipient|mailbox)\\b")));
        m.put(MAILBOX_FULL, List.of(
                Pattern.compile("\\b(?:mailbox|inbox|account|mail ?box|quota)\\b[^.;]{0,30}\\b(?:full|exceeded|over)\\b"),
                // the quota named after the verb ("is over disk quota", "has exceeded quota", "reached disk quota",
                // "exceeding its mailbox quota"; issue 16, rsnA, the concept behind Sisimai's Reason::MailboxFull list),
                // unless the quota is a sender's (daily, hourly, sending, message quotas are rates)
                Pattern.compile("\\b(?:exceed(?:s|ed|ing)?|over|reached)\\b(?:(?!send|daily|hour|message)[^.;]){0,30}\\bquota\\b")));
        m.put(HOST_UNKNOWN, List.of(
                // (span 40 and "may not exist": "mail domain mentioned in email address is unknown", "the account or
                // domain may not exist", Sisimai's Reason::HostUnknown; issue 16, rsnA)
                Pattern.compile("\\bdomain\\b[^.;]{0,40}\\b(?:not found|unknown|(?:does|may) not exist|invalid)\\b"),
                // the domain named between ("DNS domain example.org does not exist", Exchange Online's 5.4.310)
                Pattern.compile("\\bdomain [a-z0-9-]+(?:\\.[a-z0-9-]+)+ (?:not found|unknown|does not exist)\\b")));
        // a mailbox switched off or ended (RFC 3463 X.2.1; Sisimai's Reason::Suspend: "user or domain is disabled",
        // "is unavailable: user is terminated"; issue 16, rsnA)
        m.put(SUSPEND, List.of(
                Pattern.compile("\\b(?:account|mailbox|user|recipient)\\b[^.;]{0,30}\\b(?:is|has been|was) (?:currently |temporarily )?(?:suspended|disabled|deactivated|terminated|archived|inactive)\\b"),
                // an address switched off by its administrators in so many words: "address is administratively
                // disabled" (Perl's Mail::DeliveryStatus::BounceParser, CPAN, _std_reason; issue 16, dbp), soft
                Pattern.compile("\\baddress (?:is|has been|was) administratively (?:disabled|suspended|deactivated)\\b")));
        return m;
    }
}
