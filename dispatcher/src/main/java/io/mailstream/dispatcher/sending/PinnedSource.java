package io.mailstream.dispatcher.sending;

import java.net.InetAddress;

/**
 * The source address pacing chose for the message being delivered on this thread, when its pool's
 * addresses have warm-up budgets of their own: the connection must leave from the address whose budget
 * it took ({@link SourceAddresses#pick}), so each IP's count and EHLO name stay its own.
 */
public final class PinnedSource {
    public static final ScopedValue<InetAddress> CURRENT = ScopedValue.newInstance();

    private PinnedSource() {
    }
}
