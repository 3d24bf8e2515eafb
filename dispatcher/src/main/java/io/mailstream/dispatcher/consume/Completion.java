package io.mailstream.dispatcher.consume;

import java.util.List;
import java.util.concurrent.Future;

/** A record whose outcome has been written (not necessarily acknowledged yet) by a delivery worker. */
record Completion(PartitionState state, long offset, List<Future<?>> writes) {
}
