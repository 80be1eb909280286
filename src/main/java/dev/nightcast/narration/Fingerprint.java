package dev.nightcast.narration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.nightcast.script.EpisodeScript;

/**
 * What an episode's audio was made from: text, voice, instructions, model and the settings that
 * shape the audio. Equal fingerprints mean narrating again would buy the same audio twice.
 */
public final class Fingerprint {

    /** Bump when a change in Nightcast itself alters the audio produced for the same inputs. */
    private static final String VERSION = "nightcast-1";

    private Fingerprint() {
    }

    public static String of(EpisodeScript script, String model, NarrationProperties settings) {
        String material = String.join("\u0000", VERSION, model, script.voice(),
                NarratorInstructions.forEpisode(script.instructions()), script.text(),
                Integer.toString(settings.maxSegmentWords()), Long.toString(settings.segmentPause().toMillis()));
        return sha256(material);
    }

    private static String sha256(String material) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(material.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
