package io.mailstream.dispatcher.sending;

/** How a connection picks its source address among a sending pool's addresses, per destination. */
public enum SourceSelection {
    /** Each new message to a destination takes the next address in turn: even volume per IP. */
    ROUND_ROBIN,
    /** The address with the fewest open connections to that destination: spreads connections, keeps reuse. */
    LEAST_USED
}
