package dev.nightcast.realtime.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.jspecify.annotations.Nullable;

/**
 * The hot path of the decoder: an audio delta in the shape the service sends,
 * {@code {"type":"response.output_audio.delta", ..., "delta":"<base64>"}}, type first and delta
 * last. Its base64 (about 64 KB per second of audio) is found with the JDK's vectorised searches
 * and decoded in one pass from the frame's characters into the {@link PcmBuffer}, without copying
 * the text first; a JSON parser decoding it costs several times more CPU. The rest of the frame (a
 * few ids) is still checked by Jackson to be one well-formed object. A frame in any other shape is
 * left to the general path.
 *
 * <p>Stateless; the buffer it fills belongs to the caller.
 */
public final class AudioDeltaFrames {

    private static final String DELTA = ",\"delta\":\"";
    private static final String[] PREFIXES = EventDecoder.AUDIO_DELTA.stream()
            .map(type -> "{\"type\":\"" + type + "\",")
            .toArray(String[]::new);

    private AudioDeltaFrames() {}

    /**
     * @return the decoded samples (valid until the buffer's next use), or null when the frame is
     *     not an audio delta in the service's own shape
     * @throws MalformedEventException when it is, but its JSON or its base64 is broken
     */
    static @Nullable ByteBuffer decode(String frame, PcmBuffer pcm, JsonFactory json) throws MalformedEventException {
        int afterType = afterAudioType(frame);
        if (afterType < 0) {
            return null;
        }
        int key = frame.indexOf(DELTA, afterType - 1);
        int start = key + DELTA.length();
        int end = frame.length() - 2;
        if (key < 0
                || end < start
                || frame.charAt(end) != '"'
                || frame.charAt(end + 1) != '}'
                || frame.indexOf('"', start) != end) {
            return null;
        }
        checkWellFormed(frame.substring(0, key) + "}", json);
        try {
            pcm.begin();
            pcm.appendBase64(frame, start, end);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("audio delta: " + e.getMessage(), e);
        }
        return pcm.samples();
    }

    /** Where the fields after {@code "type"} start, or -1 when the frame does not start with an audio type. */
    private static int afterAudioType(String frame) {
        for (String prefix : PREFIXES) {
            if (frame.startsWith(prefix)) {
                return prefix.length();
            }
        }
        return -1;
    }

    private static void checkWellFormed(String rest, JsonFactory json) throws MalformedEventException {
        try (JsonParser parser = json.createParser(rest)) {
            parser.nextToken();
            parser.skipChildren();
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new MalformedEventException("audio delta is not one JSON object", null);
            }
        } catch (IOException e) {
            throw new MalformedEventException("unreadable audio delta: " + e.getMessage(), e);
        }
    }
}
