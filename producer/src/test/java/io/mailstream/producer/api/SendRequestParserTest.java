package io.mailstream.producer.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendRequestParserTest {
    private final SendRequestParser parser = new SendRequestParser(new ObjectMapper());

    private SendRequestParser.Result parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> fields(SendRequestParser.Result r) {
        assertThat(r).isInstanceOf(SendRequestParser.Invalid.class);
        return ((SendRequestParser.Invalid) r).errors().stream().map(FieldError::field).toList();
    }

    @Test
    void inlineRequestShouldParseIntoTypedValues() {
        SendRequestParser.Result r = parse("""
                {"from": "a@Shop.Example", "fromName": "Shop", "to": "b@example.com", "subject": "Hi",
                 "html": "<p>x</p>", "headers": {"X-Order": 42}}""");

        assertThat(r).isInstanceOf(SendRequestParser.Valid.class);
        SendRequest req = ((SendRequestParser.Valid) r).request();
        assertThat(req.from().domain().asString()).isEqualTo("shop.example");
        assertThat(req.fromName()).hasValue("Shop");
        assertThat(req.content()).isEqualTo(new SendRequest.Inline("Hi", java.util.Optional.of("<p>x</p>"), java.util.Optional.empty()));
        assertThat(req.headers()).containsEntry("X-Order", "42");
    }

    @Test
    void templateRequestShouldCarryIdVersionAndVariables() {
        SendRequestParser.Result r = parse("""
                {"from": "a@shop.example", "to": "b@example.com", "template": {"id": "password-reset", "version": 3},
                 "variables": {"link": "https://shop.example/r/1", "n": 5}}""");

        SendRequest req = ((SendRequestParser.Valid) r).request();
        assertThat(req.content()).isEqualTo(new SendRequest.Template("password-reset", 3));
        assertThat(req.variables()).containsEntry("n", "5");
    }

    @Test
    void templateAndInlineContentTogetherShouldBeRefused() {
        assertThat(fields(parse("""
                {"from": "a@shop.example", "to": "b@example.com", "subject": "s", "text": "t", "template": {"id": "x"}}""")))
                .contains("template");
    }

    @Test
    void missingContentShouldNameSubjectAndBody() {
        assertThat(fields(parse("{\"from\": \"a@shop.example\", \"to\": \"b@example.com\"}"))).contains("subject", "html");
    }

    @Test
    void lineBreaksShouldBeRefusedInEveryHeaderBoundValue() {
        assertThat(fields(parse("""
                {"from": "a@shop.example\\r\\n", "fromName": "x\\ny", "to": "b@example.com\\n", "subject": "s\\r",
                 "text": "multi\\nline body is fine", "headers": {"X-A": "v\\r\\nBcc: c@d.e"}}""")))
                .containsExactlyInAnyOrder("from", "fromName", "to", "subject", "headers.X-A");
    }

    @Test
    void lineBreakInAVariableShouldBeRefusedBecauseTemplatesRenderThemIntoTheSubject() {
        assertThat(fields(parse("""
                {"from": "a@shop.example", "to": "b@example.com", "template": {"id": "t"}, "variables": {"name": "x\\nBcc: y"}}""")))
                .containsExactly("variables.name");
    }

    @Test
    void headersThatMailstreamSetsShouldBeRefused() {
        assertThat(fields(parse("""
                {"from": "a@shop.example", "to": "b@example.com", "subject": "s", "text": "t",
                 "headers": {"Bcc": "x@y.z", "X-Mailstream-Message-Id": "1", "Bad Name": "v"}}""")))
                .containsExactlyInAnyOrder("headers.Bcc", "headers.X-Mailstream-Message-Id", "headers.Bad Name");
    }

    @Test
    void bodyThatIsNotAJsonObjectShouldBeRefused() {
        assertThat(fields(parse("[1,2]"))).containsExactly("body");
        assertThat(fields(parse("{not json"))).containsExactly("body");
    }
}
