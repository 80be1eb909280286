package dev.nightcast.realtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.nightcast.realtime.RateLimit;
import dev.nightcast.realtime.TokenUsage;

/** The server-event codec on plain JSON strings. */
class EventDecoderTest {

    private final EventDecoder decoder = new EventDecoder();

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    private static String b64(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return Base64.getEncoder().encodeToString(b);
    }

    @Test
    void audioDeltaIsDecodedToPcmBytes() throws Exception {
        ServerEvent event = decoder.decode("{\"type\":\"response.output_audio.delta\",\"event_id\":\"e\","
                + "\"response_id\":\"resp_1\",\"item_id\":\"item_1\",\"output_index\":0,\"content_index\":0,"
                + "\"delta\":\"" + b64(1, 2, 3, 4) + "\"}");

        assertThat(event).isInstanceOf(ServerEvent.AudioDelta.class);
        assertThat(bytes(((ServerEvent.AudioDelta) event).pcm())).containsExactly(1, 2, 3, 4);
    }

    @Test
    void audioDeltaInTheServicesShapeIsDecodedWithItsIdsChecked() throws Exception {
        byte[] pcm = new byte[7200];
        new java.util.Random(3).nextBytes(pcm);
        String frame = "{\"type\":\"response.output_audio.delta\",\"event_id\":\"event_C1\",\"response_id\":\"resp_1\","
                + "\"item_id\":\"item_1\",\"output_index\":0,\"content_index\":0,\"delta\":\""
                + Base64.getEncoder().encodeToString(pcm) + "\"}";

        assertThat(bytes(((ServerEvent.AudioDelta) decoder.decode(frame)).pcm()))
                .isEqualTo(pcm);
    }

    @Test
    void audioDeltaWithBrokenJsonAroundItsAudioIsRejected() {
        for (String frame : new String[] {
            "{\"type\":\"response.output_audio.delta\",\"event_id\":oops,\"delta\":\"AAAA\"}",
            "{\"type\":\"response.output_audio.delta\",\"nested\":{\"delta\":\"AAAA\"}",
            "{\"type\":\"response.output_audio.delta\",\"a\":1,,\"delta\":\"AAAA\"}",
            "{\"type\":\"response.output_audio.delta\",\"delta\":\"AA=A\"}"
        }) {
            assertThatThrownBy(() -> decoder.decode(frame)).as(frame).isInstanceOf(MalformedEventException.class);
        }
    }

    @Test
    void audioDeltaWithFieldsAfterItsAudioTakesTheGeneralPath() throws Exception {
        ServerEvent event = decoder.decode(
                "{\"type\":\"response.output_audio.delta\",\"delta\":\"" + b64(1, 2) + "\",\"event_id\":\"event_9\"}");

        assertThat(bytes(((ServerEvent.AudioDelta) event).pcm())).containsExactly(1, 2);
    }

    @Test
    void betaAudioDeltaNameIsAccepted() throws Exception {
        ServerEvent event = decoder.decode("{\"type\":\"response.audio.delta\",\"delta\":\"" + b64(9, 8) + "\"}");

        assertThat(bytes(((ServerEvent.AudioDelta) event).pcm())).containsExactly(9, 8);
    }

    @Test
    void deltaBeforeTypeIsStillDecoded() throws Exception {
        ServerEvent event =
                decoder.decode("{\"delta\":\"" + b64(5, 6) + "\",\"type\":\"response.output_audio.delta\"}");

        assertThat(bytes(((ServerEvent.AudioDelta) event).pcm())).containsExactly(5, 6);
    }

    @Test
    void oddTrailingByteIsHeldBackUntilTheNextDelta() throws Exception {
        ServerEvent first =
                decoder.decode("{\"type\":\"response.output_audio.delta\",\"delta\":\"" + b64(1, 2, 3) + "\"}");
        assertThat(bytes(((ServerEvent.AudioDelta) first).pcm())).containsExactly(1, 2);
        assertThat(decoder.hasDanglingByte()).isTrue();

        ServerEvent second = decoder.decode("{\"type\":\"response.output_audio.delta\",\"delta\":\"" + b64(4) + "\"}");
        assertThat(bytes(((ServerEvent.AudioDelta) second).pcm())).containsExactly(3, 4);
        assertThat(decoder.hasDanglingByte()).isFalse();
    }

    @Test
    void startingAResponseForgetsAHeldByte() throws Exception {
        decoder.decode("{\"type\":\"response.output_audio.delta\",\"delta\":\"" + b64(1) + "\"}");

        decoder.startResponse();
        ServerEvent next = decoder.decode("{\"type\":\"response.output_audio.delta\",\"delta\":\"" + b64(7, 8) + "\"}");

        assertThat(bytes(((ServerEvent.AudioDelta) next).pcm())).containsExactly(7, 8);
    }

    @Test
    void largeDeltaIsDecodedCompletely() throws Exception {
        byte[] pcm = new byte[96_000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (byte) (i * 31);
        }
        ServerEvent event = decoder.decode("{\"type\":\"response.output_audio.delta\",\"delta\":\""
                + Base64.getEncoder().encodeToString(pcm) + "\"}");

        assertThat(bytes(((ServerEvent.AudioDelta) event).pcm())).isEqualTo(pcm);
    }

    @Test
    void transcriptDeltaIgnoresObfuscationAndUnknownFields() throws Exception {
        ServerEvent event = decoder.decode("{\"type\":\"response.output_audio_transcript.delta\",\"delta\":\"Hello \","
                + "\"obfuscation\":\"q9Zk\",\"future\":{\"nested\":[1,{\"x\":null}]}}");

        assertThat(event).isEqualTo(new ServerEvent.TranscriptDelta("Hello "));
    }

    @Test
    void transcriptDoneInBothShapes() throws Exception {
        assertThat(decoder.decode("{\"type\":\"response.output_audio_transcript.done\",\"transcript\":\"Hi.\"}"))
                .isEqualTo(new ServerEvent.TranscriptDone("Hi."));
        assertThat(decoder.decode("{\"type\":\"response.audio_transcript.done\",\"transcript\":\"Hi.\"}"))
                .isEqualTo(new ServerEvent.TranscriptDone("Hi."));
    }

    @Test
    void responseDoneCarriesStatusDetailsAndUsage() throws Exception {
        ServerEvent event = decoder.decode("{\"type\":\"response.done\",\"response\":{\"object\":\"realtime.response\","
                + "\"id\":\"resp_9\",\"status\":\"completed\",\"status_details\":null,\"output\":[],"
                + "\"max_output_tokens\":\"inf\",\"metadata\":null,\"usage\":{\"total_tokens\":320,"
                + "\"input_tokens\":132,\"output_tokens\":188,\"input_token_details\":{\"text_tokens\":59,"
                + "\"audio_tokens\":73,\"image_tokens\":0,\"cached_tokens\":64,\"cached_tokens_details\":{}},"
                + "\"output_token_details\":{\"text_tokens\":41,\"audio_tokens\":147}}}}");

        assertThat(event)
                .isEqualTo(new ServerEvent.ResponseDone(
                        "resp_9", "completed", null, null, new TokenUsage(132, 188, 59, 73, 41, 147)));
    }

    @Test
    void failedResponseDoneCarriesTheError() throws Exception {
        ServerEvent event = decoder.decode("{\"type\":\"response.done\",\"response\":{\"id\":\"resp_2\","
                + "\"status\":\"failed\",\"status_details\":{\"type\":\"failed\",\"error\":{\"type\":\"server_error\","
                + "\"code\":\"boom\"}},\"usage\":null}}");

        ServerEvent.ResponseDone done = (ServerEvent.ResponseDone) event;
        assertThat(done.status()).isEqualTo("failed");
        assertThat(done.error()).isEqualTo(new ServerEvent.ErrorInfo("server_error", "boom", null, null));
        assertThat(done.usage()).isEqualTo(TokenUsage.ZERO);
    }

    @Test
    void incompleteResponseDoneCarriesTheReason() throws Exception {
        ServerEvent event = decoder.decode(
                "{\"type\":\"response.done\",\"response\":{\"id\":\"resp_3\","
                        + "\"status\":\"incomplete\",\"status_details\":{\"type\":\"incomplete\",\"reason\":\"max_output_tokens\"}}}");

        assertThat(((ServerEvent.ResponseDone) event).reason()).isEqualTo("max_output_tokens");
    }

    @Test
    void errorEventIsDecoded() throws Exception {
        ServerEvent event = decoder.decode("{\"type\":\"error\",\"event_id\":\"event_1\",\"error\":{"
                + "\"type\":\"invalid_request_error\",\"code\":\"unknown_parameter\",\"message\":\"Unknown parameter:"
                + " 'session.type'.\",\"param\":\"session.type\",\"event_id\":\"cfg-1\"}}");

        assertThat(event)
                .isEqualTo(new ServerEvent.Error(new ServerEvent.ErrorInfo(
                        "invalid_request_error", "unknown_parameter", "Unknown parameter: 'session.type'.", "cfg-1")));
    }

    @Test
    void sessionEventsCarryVoiceAndFormat() throws Exception {
        assertThat(decoder.decode("{\"type\":\"session.created\",\"session\":{\"id\":\"sess_1\",\"expires_at\":1,"
                        + "\"audio\":{\"output\":{\"voice\":\"alloy\"}}}}"))
                .isEqualTo(new ServerEvent.SessionCreated("sess_1", "alloy", 1));
        assertThat(decoder.decode("{\"type\":\"session.updated\",\"session\":{\"audio\":{\"output\":{"
                        + "\"voice\":\"marin\",\"format\":{\"type\":\"audio/pcm\",\"rate\":24000}}}}}"))
                .isEqualTo(new ServerEvent.SessionUpdated("marin", "audio/pcm", 24000, true));
    }

    @Test
    void theModelSnapshotIsReadFromSessionCreatedAndFromResponseDoneWhenItIsThere() throws Exception {
        assertThat(decoder.decode("{\"type\":\"session.created\",\"session\":{\"id\":\"sess_1\",\"expires_at\":1,"
                        + "\"model\":\"gpt-realtime-mini-2025-12-15\",\"audio\":{\"output\":{\"voice\":\"alloy\"}}}}"))
                .isEqualTo(new ServerEvent.SessionCreated("sess_1", "alloy", 1, "gpt-realtime-mini-2025-12-15"));
        assertThat(((ServerEvent.ResponseDone)
                                decoder.decode(
                                        "{\"type\":\"response.done\",\"response\":{"
                                                + "\"id\":\"resp_1\",\"status\":\"completed\",\"model\":\"gpt-realtime-mini-2026-03-01\"}}"))
                        .model())
                .isEqualTo("gpt-realtime-mini-2026-03-01");
        assertThat(((ServerEvent.ResponseDone) decoder.decode("{\"type\":\"response.done\",\"response\":{"
                                + "\"id\":\"resp_1\",\"status\":\"completed\"}}"))
                        .model())
                .isNull();
    }

    @Test
    void rateLimitsAreDecodedWithTheirResetTime() throws Exception {
        assertThat(decoder.decode("{\"type\":\"rate_limits.updated\",\"event_id\":\"e\",\"rate_limits\":["
                        + "{\"name\":\"requests\",\"limit\":5000,\"remaining\":0,\"reset_seconds\":0.012},"
                        + "{\"name\":\"tokens\",\"limit\":200000,\"remaining\":195904,\"reset_seconds\":1.2,\"new\":1},"
                        + "{\"name\":\"tokens\"}]}"))
                .isEqualTo(new ServerEvent.RateLimitsUpdated(java.util.List.of(
                        new RateLimit("requests", 5000, 0, java.time.Duration.ofMillis(12)),
                        new RateLimit("tokens", 200_000, 195_904, java.time.Duration.ofMillis(1200)),
                        new RateLimit("tokens", -1, -1, java.time.Duration.ZERO))));
    }

    @Test
    void unknownEventTypesAreIgnored() throws Exception {
        assertThat(decoder.decode("{\"type\":\"conversation.item.added\",\"item\":{}}"))
                .isEqualTo(new ServerEvent.Ignored("conversation.item.added"));
    }

    @Test
    void malformedFramesAreRejectedWithoutCrashing() {
        for (String frame : new String[] {
            "{not json",
            "[1,2]",
            "\"text\"",
            "{\"type\":\"x\"} trailing",
            "{\"delta\":\"AAAA\"}",
            "{\"type\":\"response.output_audio.delta\",\"delta\":\"@@@\"}",
            "{\"type\":\"response.output_audio.delta\",\"delta\":\"AAAA",
            ""
        }) {
            assertThatThrownBy(() -> decoder.decode(frame)).as(frame).isInstanceOf(MalformedEventException.class);
        }
    }
}
