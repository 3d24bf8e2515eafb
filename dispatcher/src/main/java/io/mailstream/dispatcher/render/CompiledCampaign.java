package io.mailstream.dispatcher.render;

import com.samskivert.mustache.Template;
import java.util.Optional;

/** One campaign version's templates, compiled once (html escapes variables, subject and text do not). */
record CompiledCampaign(Template subject, Optional<Template> html, Optional<Template> text,
                        Optional<Template> listUnsubscribe) {
}
