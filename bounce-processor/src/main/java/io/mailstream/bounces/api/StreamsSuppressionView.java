package io.mailstream.bounces.api;

import io.mailstream.avro.Suppression;
import io.mailstream.bounces.topology.BounceTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The suppression table through an interactive query of the global store
 * ({@link BounceTopology#SUPPRESSION_TABLE_STORE} of {@link BounceTopology#buildSuppressionTable}, a materialised copy of the whole compacted
 * {@code mail.suppressions} on every instance), so any instance answers for any address.
 */
public final class StreamsSuppressionView implements SuppressionView {
    private final KafkaStreams streams;

    public StreamsSuppressionView(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public Optional<Suppression> find(String normalizedAddress) throws NotQueryableException {
        return Optional.ofNullable(store().get(normalizedAddress));
    }

    @Override
    public List<Suppression> page(Optional<String> after, int limit) throws NotQueryableException {
        List<Suppression> page = new ArrayList<>(Math.min(limit, 1024));
        try (KeyValueIterator<String, Suppression> it = store().range(after.orElse(null), null)) {
            while (it.hasNext() && page.size() < limit) {
                KeyValue<String, Suppression> kv = it.next();
                if (after.isPresent() && kv.key.equals(after.get())) {
                    continue; // range() includes its lower bound; "after" excludes it
                }
                page.add(kv.value);
            }
        } catch (InvalidStateStoreException e) {
            throw notQueryable(e);
        }
        return page;
    }

    @Override
    public void forEach(BiConsumer<String, Suppression> action) throws NotQueryableException {
        try (KeyValueIterator<String, Suppression> it = store().all()) {
            while (it.hasNext()) {
                KeyValue<String, Suppression> kv = it.next();
                action.accept(kv.key, kv.value);
            }
        } catch (InvalidStateStoreException e) {
            throw notQueryable(e);
        }
    }

    private ReadOnlyKeyValueStore<String, Suppression> store() throws NotQueryableException {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(BounceTopology.SUPPRESSION_TABLE_STORE,
                    QueryableStoreTypes.keyValueStore()));
        } catch (InvalidStateStoreException e) {
            throw notQueryable(e);
        }
    }

    private static NotQueryableException notQueryable(InvalidStateStoreException e) {
        return new NotQueryableException("the suppression table is not queryable yet (" + e.getMessage() + ")", e);
    }
}
