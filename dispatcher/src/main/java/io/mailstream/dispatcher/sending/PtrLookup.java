package io.mailstream.dispatcher.sending;

import java.net.InetAddress;
import java.util.List;

/** Reverse DNS (PTR, RFC 1035 §3.5) of a sending IP, and the forward addresses of a name, for the EHLO check. */
public interface PtrLookup {
    /** What DNS says, or why it could not say. */
    sealed interface Answer {
        record Names(List<String> names) implements Answer {
        }

        /** NXDOMAIN or no record: DNS answered, and there is none. */
        record None() implements Answer {
        }

        /** No answer (unreachable resolver, timeout, SERVFAIL): nothing can be concluded. */
        record Unknown(String reason) implements Answer {
        }
    }

    /** The PTR names of {@code address}, lower case, without the trailing dot. */
    Answer ptr(InetAddress address);

    /** The A and AAAA addresses of {@code name}, as text ({@link InetAddress#getHostAddress()}). */
    Answer addresses(String name);
}
