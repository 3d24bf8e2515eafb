package io.mailstream.producer.campaign;

import io.mailstream.schemas.address.EmailAddress;
import java.util.Objects;
import java.util.Optional;

/** Who a campaign is from: an optional display name and the address used in From and on the envelope. */
public record SenderIdentity(Optional<String> name, EmailAddress address) {
    public SenderIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
    }
}
