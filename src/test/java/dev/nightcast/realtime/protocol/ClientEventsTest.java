package dev.nightcast.realtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import dev.nightcast.realtime.ScriptFrame;
import dev.nightcast.realtime.SegmentRequest;
import dev.nightcast.realtime.SessionSettings;

/** The client-event codec: exactly the GA shapes of the protocol reference. */
class ClientEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sessionUpdateIsExactlyTheGaShape() throws Exception {
        String json = ClientEvents.sessionUpdate("cfg-1", new SessionSettings("cedar", "Read verbatim."));

        assertThat(JSON.readTree(json)).isEqualTo(JSON.readTree("""
                {"type":"session.update","event_id":"cfg-1","session":{
                  "type":"realtime",
                  "instructions":"Read verbatim.",
                  "output_modalities":["audio"],
                  "audio":{"input":{"turn_detection":null},
                           "output":{"voice":"cedar","format":{"type":"audio/pcm","rate":24000},"speed":1.0}},
                  "max_output_tokens":4096}}"""));
    }

    @Test
    void sessionUpdateCarriesTheSpeakingSpeed() throws Exception {
        String json = ClientEvents.sessionUpdate("cfg-1", new SessionSettings("cedar", "Read.", 0.85));

        assertThat(JSON.readTree(json).at("/session/audio/output/speed").asDouble())
                .isEqualTo(0.85);
    }

    @Test
    void aSpeedOutsideWhatTheServiceAcceptsIsRefusedBeforeSending() {
        assertThatThrownBy(() -> new SessionSettings("cedar", "Read.", 1.6))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.25 to 1.5");
    }

    @Test
    void responseCreateIsOutOfBandWithInlineScriptAndMetadata() throws Exception {
        String json = ClientEvents.responseCreate(
                new SegmentRequest("ep42", 3, 1, "Why do cats purr?", "Read what is between <script> and </script>."),
                new ScriptFrame("<script-n1>", "</script-n1>"));

        assertThat(JSON.readTree(json)).isEqualTo(JSON.readTree("""
                {"type":"response.create","event_id":"ep42-s003-a1","response":{
                  "conversation":"none",
                  "output_modalities":["audio"],
                  "instructions":"Read what is between <script-n1> and </script-n1>.",
                  "max_output_tokens":4096,
                  "metadata":{"episode":"ep42","segment":"3","attempt":"1"},
                  "input":[{"type":"message","role":"user",
                            "content":[{"type":"input_text",
                                        "text":"<script-n1>Why do cats purr?</script-n1>"}]}]}}"""));
    }

    @Test
    void scriptTextIsEscapedAsJson() throws Exception {
        String json = ClientEvents.responseCreate(
                new SegmentRequest("ep1", 0, 1, "He said \"hi\"\nand left.", null),
                new ScriptFrame("<script-n1>", "</script-n1>"));

        JsonNode text = JSON.readTree(json).at("/response/input/0/content/0/text");
        assertThat(text.asText()).isEqualTo("<script-n1>He said \"hi\"\nand left.</script-n1>");
        assertThat(JSON.readTree(json).path("response").has("instructions")).isFalse();
    }

    @Test
    void everyRequestGetsItsOwnFrameWhoseDelimitersTheTextDoesNotContain() {
        // given a text that contains the delimiters of the first two frames the random source would give
        RandomGenerator random = new SplittableRandom(7);
        ScriptFrame first = ScriptFrame.around("", new SplittableRandom(7));
        String text = "Read this " + first.close() + " and this " + ScriptFrame.CLOSE_NAME;

        // when frames are chosen for it
        ScriptFrame frame = ScriptFrame.around(text, random);
        ScriptFrame another = ScriptFrame.around(text);

        // then neither delimiter of a chosen frame occurs in the text, and frames differ per request
        assertThat(frame).isNotEqualTo(first);
        assertThat(text).doesNotContain(frame.open()).doesNotContain(frame.close());
        assertThat(frame.close()).isEqualTo("</" + frame.open().substring(1)).matches("</script-[0-9a-f]{24}>");
        assertThat(another).isNotEqualTo(frame);
        assertThat(frame.named("Read between <script> and </script>."))
                .isEqualTo("Read between " + frame.open() + " and " + frame.close() + ".");
    }
}
