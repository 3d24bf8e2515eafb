package io.mailstream.cli.scaleout;

import io.mailstream.schemas.address.EmailAddress;
import io.mailstream.schemas.ids.MessageIds;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The campaign of a scale-out run: a small campaign file and a recipients CSV spread over many
 * domains, because the routing key is the domain: with only a few domains most partitions of
 * {@code mail.outbound} would stay empty and extra dispatchers would have nothing to take over.
 */
public record ScaleOutCampaign(String campaignId, Path file, Path recipients, Map<String, String> messageIdToRecipient) {
    static final String ID = "scale-out";

    public ScaleOutCampaign {
        messageIdToRecipient = Map.copyOf(messageIdToRecipient);
    }

    public static ScaleOutCampaign write(Path dir, int messages, int domains) {
        if (messages < 1 || domains < 1) {
            throw new IllegalArgumentException("messages and domains must be positive, were " + messages + " and " + domains);
        }
        Path file = dir.resolve("campaign.yaml");
        Path csv = dir.resolve("recipients.csv");
        Map<String, String> ids = new HashMap<>();
        try {
            Files.writeString(file, String.join("\n",
                    "id: " + ID,
                    "name: Scale-out run",
                    "sender:",
                    "  name: Scale-out",
                    "  address: news@sender.scaleout.test",
                    "subject: \"Hello {{first_name}}\"",
                    "html: \"<p>Hello {{first_name}}, message {{messageId}}</p>\"",
                    "text: \"Hello {{first_name}}, message {{messageId}}\"",
                    "listUnsubscribe: \"https://sender.scaleout.test/unsubscribe/{{messageId}}\"",
                    "recipients:",
                    "  path: recipients.csv",
                    ""), StandardCharsets.UTF_8);
            try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                w.write("email,first_name\n");
                for (int i = 0; i < messages; i++) {
                    String address = "user" + i + "@d" + (i % domains) + ".scaleout.test";
                    w.write(address + ",User" + i + "\n");
                    ids.put(MessageIds.forCampaign(ID, EmailAddress.parse(address)), address);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scale-out campaign in " + dir, e);
        }
        return new ScaleOutCampaign(ID, file, csv, ids);
    }
}
