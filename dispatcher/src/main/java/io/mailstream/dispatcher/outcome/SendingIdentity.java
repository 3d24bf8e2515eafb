package io.mailstream.dispatcher.outcome;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Who a receiver saw at the other end of an SMTP attempt: the local IP the connection left from and
 * the name it announced in EHLO (RFC 5321 §4.1.1.1), for {@code DeliveryEvent.sendingIp} and
 * {@code .ehloName}: deliverability is judged per sending IP, so an operator must be able to tell
 * which IP and name delivered (or got refused for) a message.
 *
 * @param address empty when the connection was never opened and the operating system would have chosen
 */
public record SendingIdentity(Optional<InetAddress> address, String ehloName) {
    public SendingIdentity {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(ehloName, "ehloName");
    }
}
