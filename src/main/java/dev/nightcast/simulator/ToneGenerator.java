package dev.nightcast.simulator;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Synthetic "speech": each word is a sine tone whose pitch depends on the word's position, followed
 * by a short silence, as PCM16 little-endian mono 24 kHz. Audible and clearly non-silent, so WAV
 * files, durations and level checks downstream behave as with real narration.
 *
 * <p>Each voice speaks at its own level ({@link #levelDb(String)}, up to 9 dB below the loudest),
 * as a real service's voices differ, so that a dialogue's voices must be levelled.
 *
 * <p>There are only {@value #PITCHES} distinct words, so they are computed once per speech rate,
 * together with their base64 chunks: the simulator then spends its CPU on the wire like the
 * service, not on trigonometry, which keeps benchmarks that share a machine with it honest.
 * Immutable and thread-safe.
 */
final class ToneGenerator {

    static final int SAMPLE_RATE = 24_000;
    private static final double AMPLITUDE = 0.3 * Short.MAX_VALUE;
    private static final double GAP_SHARE = 0.2;
    private static final int FADE_SAMPLES = SAMPLE_RATE / 200; // 5 ms, avoids clicks at word edges
    // A pentatonic scale over two octaves, so consecutive words sound like a simple melody.
    private static final int[] SEMITONES = {0, 2, 4, 7, 9, 12, 14, 16, 19, 21};
    static final int PITCHES = 10;
    /** Audio per delta event: at most 0.15 s, as the service sends. */
    static final int CHUNK_BYTES = 3_600 * 2;
    /** dB below full level per voice; others speak at full level. */
    private static final Map<String, Double> VOICE_LEVELS_DB = Map.of(
            "alloy", 0.0, "shimmer", -1.5, "coral", -2.0, "ash", -3.0, "sage", -4.0, "cedar", -4.5, "ballad", -5.0,
            "echo", -6.0, "marin", -7.0, "verse", -9.0);

    private static final Map<String, ToneGenerator> BY_RATE_AND_VOICE = new ConcurrentHashMap<>();

    private final int samplesPerWord;
    private final double amplitude;
    private final byte[][] words = new byte[PITCHES][];
    private final List<List<String>> chunks;

    ToneGenerator(int wordsPerMinute, double levelDb) {
        this.samplesPerWord = (int) Math.round(SAMPLE_RATE * 60.0 / wordsPerMinute);
        this.amplitude = AMPLITUDE * Math.pow(10, levelDb / 20);
        for (int i = 0; i < PITCHES; i++) {
            words[i] = compute(i);
        }
        this.chunks = Arrays.stream(words).map(ToneGenerator::base64Chunks).toList();
    }

    /** The shared generator for a speech rate and voice. */
    static ToneGenerator forVoice(int wordsPerMinute, String voice) {
        return BY_RATE_AND_VOICE.computeIfAbsent(
                wordsPerMinute + "/" + voice, key -> new ToneGenerator(wordsPerMinute, levelDb(voice)));
    }

    /** How loud {@code voice} speaks, in dB relative to the loudest voice. */
    static double levelDb(String voice) {
        return VOICE_LEVELS_DB.getOrDefault(voice, 0.0);
    }

    /** PCM bytes of one word (always an even count). */
    int bytesPerWord() {
        return samplesPerWord * 2;
    }

    /** The word's audio: tone for 80% of its slot, then silence. A fresh copy. */
    byte[] word(int index) {
        return words[index % PITCHES].clone();
    }

    /**
     * The word's audio cut into chunks of {@value #CHUNK_BYTES} bytes (the last may be shorter), each
     * base64-encoded: the {@code delta}s of its audio events.
     */
    List<String> base64Chunks(int index) {
        return chunks.get(index % PITCHES);
    }

    /** PCM bytes in chunk {@code chunk} of a word. */
    int chunkBytes(int chunk) {
        return Math.min(CHUNK_BYTES, bytesPerWord() - chunk * CHUNK_BYTES);
    }

    private static List<String> base64Chunks(byte[] pcm) {
        String[] encoded = new String[(pcm.length + CHUNK_BYTES - 1) / CHUNK_BYTES];
        for (int c = 0; c < encoded.length; c++) {
            int offset = c * CHUNK_BYTES;
            encoded[c] = Base64.getEncoder()
                    .encodeToString(Arrays.copyOfRange(pcm, offset, Math.min(pcm.length, offset + CHUNK_BYTES)));
        }
        return List.of(encoded);
    }

    private byte[] compute(int index) {
        double frequency = 220.0 * Math.pow(2, SEMITONES[index % SEMITONES.length] / 12.0);
        int toneSamples = (int) (samplesPerWord * (1 - GAP_SHARE));
        byte[] pcm = new byte[samplesPerWord * 2];
        for (int i = 0; i < toneSamples; i++) {
            double envelope = Math.min(1.0, Math.min(i, toneSamples - 1 - i) / (double) FADE_SAMPLES);
            short sample =
                    (short) Math.round(amplitude * envelope * Math.sin(2 * Math.PI * frequency * i / SAMPLE_RATE));
            pcm[2 * i] = (byte) sample;
            pcm[2 * i + 1] = (byte) (sample >> 8);
        }
        return pcm;
    }
}
