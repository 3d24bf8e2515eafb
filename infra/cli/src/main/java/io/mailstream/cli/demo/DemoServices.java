package io.mailstream.cli.demo;

import io.mailstream.cli.acl.MailstreamService;
import io.mailstream.cli.stack.SecureStackSetup;
import io.mailstream.embedded.EmbeddedStack;
import io.mailstream.schemas.kafka.KafkaConnection;
import io.mailstream.schemas.registry.RestSchemaRegistryClient;
import io.mailstream.schemas.registry.SchemaRegistry;
import java.util.Optional;

/** How each of the demo's services reaches the stack: as its own user when secured, plaintext otherwise. */
record DemoServices(EmbeddedStack stack, Optional<SecureStackSetup> secured) {

    KafkaConnection as(MailstreamService service) {
        return secured.map(s -> stack.connection(s.user(service)))
                .orElseGet(() -> KafkaConnection.plaintext(stack.bootstrapServers()));
    }

    /** The stack's admin, for the demo's own reads of what the services wrote. */
    KafkaConnection admin() {
        return stack.adminConnection();
    }

    /** A registry client with {@code connection}'s registry credentials and CA (one file's settings serve both). */
    SchemaRegistry registry(KafkaConnection connection) {
        return new RestSchemaRegistryClient(connection.settings().registry(stack.schemaRegistryUrl()));
    }
}
