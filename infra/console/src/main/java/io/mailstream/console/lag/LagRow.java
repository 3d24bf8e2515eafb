package io.mailstream.console.lag;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One consumer group's position on one partition: its lag and which member (dispatcher, bounce
 * processor…) owns the partition now.
 *
 * @param owner the client id and host of the member assigned the partition; empty when no member holds it
 */
public record LagRow(String group, String topic, int partition, OptionalLong committed, long end, long lag,
                     Optional<String> owner) {
}
