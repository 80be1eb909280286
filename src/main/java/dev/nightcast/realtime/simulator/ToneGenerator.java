package dev.nightcast.realtime.simulator;

/**
 * Synthetic "speech": each word is a sine tone whose pitch depends on the word's position, followed
 * by a short silence, as PCM16 little-endian mono 24 kHz. Audible and clearly non-silent, so WAV
 * files, durations and level checks downstream behave as with real narration.
 */
final class ToneGenerator {

    static final int SAMPLE_RATE = 24_000;
    private static final double AMPLITUDE = 0.3 * Short.MAX_VALUE;
    private static final double GAP_SHARE = 0.2;
    private static final int FADE_SAMPLES = SAMPLE_RATE / 200; // 5 ms, avoids clicks at word edges
    // A pentatonic scale over two octaves, so consecutive words sound like a simple melody.
    private static final int[] SEMITONES = {0, 2, 4, 7, 9, 12, 14, 16, 19, 21};

    private final int samplesPerWord;

    ToneGenerator(int wordsPerMinute) {
        this.samplesPerWord = (int) Math.round(SAMPLE_RATE * 60.0 / wordsPerMinute);
    }

    /** PCM bytes of one word (always an even count). */
    int bytesPerWord() {
        return samplesPerWord * 2;
    }

    /** The word's audio: tone for 80% of its slot, then silence. */
    byte[] word(int index) {
        double frequency = 220.0 * Math.pow(2, SEMITONES[index % SEMITONES.length] / 12.0);
        int toneSamples = (int) (samplesPerWord * (1 - GAP_SHARE));
        byte[] pcm = new byte[samplesPerWord * 2];
        for (int i = 0; i < toneSamples; i++) {
            double envelope = Math.min(1.0, Math.min(i, toneSamples - 1 - i) / (double) FADE_SAMPLES);
            short sample = (short) Math.round(AMPLITUDE * envelope * Math.sin(2 * Math.PI * frequency * i / SAMPLE_RATE));
            pcm[2 * i] = (byte) sample;
            pcm[2 * i + 1] = (byte) (sample >> 8);
        }
        return pcm;
    }
}
