package dev.nightcast.narration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import dev.nightcast.audio.Mastering;
import dev.nightcast.lexicon.Lexicon;
import dev.nightcast.lexicon.LexiconEntry;
import dev.nightcast.script.EpisodeScript;
import dev.nightcast.script.Passage;

/**
 * What an episode's audio was made from: passages (text, speaker, voice, section starts), the lexicon
 * entries that apply to them (only those: other entries change nothing), the
 * episode's voice, instructions and speed, the model, the settings that shape the audio (segment
 * size, pauses) and what the master is made to (sample rate, loudness target, true-peak ceiling).
 * Equal fingerprints mean narrating again would buy the same audio twice; the episode's kept
 * segments are only reused under the same fingerprint. Settings that only change a rendition (the
 * MP3) are not part of it: they change no WAV.
 */
public final class Fingerprint {

    /**
     * Bump when a change in Nightcast itself alters the audio produced for the same inputs.
     * nightcast-3: levelled and normalised masters, faded joins.
     */
    private static final String VERSION = "nightcast-3";

    private Fingerprint() {}

    public static String of(EpisodeScript script, String model, NarrationProperties settings, Mastering mastering) {
        StringBuilder material = new StringBuilder(String.join(
                "\u0000",
                VERSION,
                model,
                script.voice(),
                NarratorInstructions.forEpisode(script.instructions()),
                Double.toString(script.speed()),
                Integer.toString(settings.maxSegmentWords()),
                Long.toString(settings.segmentPause().toMillis()),
                Long.toString(settings.paragraphPause().toMillis()),
                Long.toString(settings.sectionPause().toMillis()),
                Long.toString(settings.turnPause().toMillis()),
                Integer.toString(mastering.sampleRate()),
                Double.toString(mastering.targetLufs()),
                Double.toString(mastering.truePeakDbtp())));
        List<LexiconEntry> applied = new ArrayList<>();
        for (Passage passage : script.passages()) {
            material.append('\u0001')
                    .append(passage.speaker())
                    .append('\u0000')
                    .append(passage.voice())
                    .append('\u0000')
                    .append(passage.opensSection())
                    .append('\u0000')
                    .append(passage.text());
            applied.addAll(script.lexicon().speak(passage.text()).applied());
        }
        // Only the entries that apply: an episode no entry touches keeps the fingerprint it had
        // without lexicons, and editing an entry changes only the episodes holding its word.
        String entries = Lexicon.identity(applied);
        if (!entries.isEmpty()) {
            material.append('\u0002').append(entries);
        }
        return sha256(material.toString());
    }

    /**
     * What every segment's audio depends on besides its own voice, text and lexicon entries: the
     * model, the episode's voice, instructions and speed, and the segment size (the seams). Kept
     * segments are carried over to a narration under another fingerprint only when this is equal
     * ({@link KeptSegments}): pauses and mastering are applied when the segments are joined.
     */
    static String basis(EpisodeScript script, String model, NarrationProperties settings) {
        return sha256(String.join(
                "\u0000",
                VERSION,
                model,
                script.voice(),
                NarratorInstructions.forEpisode(script.instructions()),
                Double.toString(script.speed()),
                Integer.toString(settings.maxSegmentWords())));
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
