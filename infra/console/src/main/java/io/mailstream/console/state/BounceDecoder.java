package io.mailstream.console.state;

import io.mailstream.avro.RawBounce;
import java.util.List;

/** Turns a raw bounce into notices; the launcher supplies the bounce processor's classifier. */
@FunctionalInterface
public interface BounceDecoder {
    List<BounceNotice> decode(RawBounce bounce);
}
