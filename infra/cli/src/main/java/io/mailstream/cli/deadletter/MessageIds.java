package io.mailstream.cli.deadletter;

import io.mailstream.avro.MailMessage;
import io.mailstream.schemas.serde.AvroSerde;
import io.mailstream.schemas.topics.Topics;
import java.util.Optional;

/**
 * The message id of a dead-lettered mail record, when it can be read now (the schema id is known
 * by now, the bytes are Avro). Many dead letters cannot be read: that is why they are dead letters.
 */
final class MessageIds {
    private final AvroSerde<MailMessage> messages;

    MessageIds(AvroSerde<MailMessage> messages) {
        this.messages = messages;
    }

    Optional<String> of(DeadLetter d) {
        if (d.value() == null || d.truncatedFrom().isPresent() || d.source().isEmpty() || !isMailTopic(d.source().get().topic())) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(messages.deserializer().deserialize(d.source().get().topic(), d.value()).getMessageId());
        } catch (RuntimeException e) {
            return Optional.empty(); // still unreadable, or the registry is not reachable from here
        }
    }

    static boolean isMailTopic(String topic) {
        return topic.equals(Topics.OUTBOUND) || topic.equals(Topics.TRANSACTIONAL) || topic.startsWith(Topics.RETRY_PREFIX);
    }
}
