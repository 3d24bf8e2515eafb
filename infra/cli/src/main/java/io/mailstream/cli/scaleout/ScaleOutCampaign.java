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
 * The campaign of a scale-out run: a small campaign file and its recipients spread over many
 * domains, because the routing key is the domain: with only a few domains most partitions of
 * {@code mail.outbound} would stay empty and extra dispatchers would have nothing to take over.
 * The recipients are split in two files launched at different times (one campaign, launched twice
 * with different lists), so that the last part is still being delivered when processes are killed,
 * however fast or slow the machine is.
 *
 * @param firstPart  the first {@code messages - lastPartSize} recipients
 * @param lastPart   the rest
 */
public record ScaleOutCampaign(String campaignId, Path file, Path firstPart, Path lastPart,
        Map<String, String> messageIdToRecipient) {
    static final String ID = "scale-out";

    public ScaleOutCampaign {
        messageIdToRecipient = Map.copyOf(messageIdToRecipient);
    }

    public static ScaleOutCampaign write(Path dir, int messages, int domains, int lastPartSize) {
        if (messages < 1 || domains < 1) {
            throw new IllegalArgumentException("messages and domains must be positive, were " + messages + " and " + domains);
        }
        if (lastPartSize < 1 || lastPartSize >= messages) {
            throw new IllegalArgumentException("the last part must hold 1.." + (messages - 1) + " recipients, was " + lastPartSize);
        }
        Path file = dir.resolve("campaign.yaml");
        Path first = dir.resolve("recipients-first.csv");
        Path last = dir.resolve("recipients-last.csv");
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
                    "  path: recipients-first.csv",
                    ""), StandardCharsets.UTF_8);
            try (BufferedWriter a = Files.newBufferedWriter(first, StandardCharsets.UTF_8);
                    BufferedWriter b = Files.newBufferedWriter(last, StandardCharsets.UTF_8)) {
                a.write("email,first_name\n");
                b.write("email,first_name\n");
                for (int i = 0; i < messages; i++) {
                    String address = "user" + i + "@d" + (i % domains) + ".scaleout.test";
                    (i < messages - lastPartSize ? a : b).write(address + ",User" + i + "\n");
                    ids.put(MessageIds.forCampaign(ID, EmailAddress.parse(address)), address);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scale-out campaign in " + dir, e);
        }
        return new ScaleOutCampaign(ID, file, first, last, ids);
    }
}
