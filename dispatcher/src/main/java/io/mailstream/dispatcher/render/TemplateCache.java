package io.mailstream.dispatcher.render;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import io.mailstream.avro.Campaign;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles each campaign version's Mustache templates once. Three compilers, by where the text
 * goes: HTML escapes variables (so a variable cannot inject markup), the List-Unsubscribe URL
 * percent-encodes them (RFC 3986 §2.1), subject and text take them as they are. All are strict:
 * a variable the message does not define fails rendering rather than sending a blank.
 */
final class TemplateCache {
    private static final int MAX_ENTRIES = 512;

    private final Mustache.Compiler html = Mustache.compiler().escapeHTML(true);
    private final Mustache.Compiler plain = Mustache.compiler().escapeHTML(false);
    private final Mustache.Compiler url = Mustache.compiler().withEscaper(
            raw -> URLEncoder.encode(raw, StandardCharsets.UTF_8).replace("+", "%20"));

    private record Key(String campaignId, int version) {
    }

    private final Map<Key, CompiledCampaign> cache = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, CompiledCampaign> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    synchronized CompiledCampaign compiled(Campaign c, String messageId) {
        Key key = new Key(c.getId(), c.getVersion());
        CompiledCampaign found = cache.get(key);
        if (found == null) {
            // Failures are not cached: they are rare, and the message is rejected anyway.
            found = new CompiledCampaign(
                    compile(plain, c, "subject", c.getSubjectTemplate(), messageId),
                    Optional.ofNullable(c.getHtmlTemplate()).map(t -> compile(html, c, "html", t, messageId)),
                    Optional.ofNullable(c.getTextTemplate()).map(t -> compile(plain, c, "text", t, messageId)),
                    Optional.ofNullable(c.getListUnsubscribeTemplate()).map(t -> compile(url, c, "listUnsubscribe", t, messageId)));
            cache.put(key, found);
        }
        return found;
    }

    private static Template compile(Mustache.Compiler compiler, Campaign c, String which, String source, String messageId) {
        try {
            return compiler.compile(source);
        } catch (MustacheException e) {
            throw new RenderException(messageId, "campaign " + c.getId() + " version " + c.getVersion() + ": "
                    + which + " template does not compile: " + e.getMessage(), e);
        }
    }
}
