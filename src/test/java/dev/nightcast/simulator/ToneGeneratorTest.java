package dev.nightcast.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ToneGeneratorTest {

    private final ToneGenerator tones = new ToneGenerator(150, 0);

    private static short sample(byte[] pcm, int index) {
        return (short) ((pcm[2 * index] & 0xff) | (pcm[2 * index + 1] << 8));
    }

    private static int zeroCrossings(byte[] pcm) {
        int crossings = 0;
        for (int i = 1; i < pcm.length / 2; i++) {
            if ((sample(pcm, i - 1) < 0) != (sample(pcm, i) < 0)) {
                crossings++;
            }
        }
        return crossings;
    }

    @Test
    void aWordIsAnAudibleToneFollowedByAShortSilence() {
        byte[] word = tones.word(0);

        assertThat(word).hasSize(tones.bytesPerWord()).hasSize(19_200); // 0.4 s at 150 words per minute
        int loudest = 0;
        for (int i = 0; i < 7_000; i++) {
            loudest = Math.max(loudest, Math.abs(sample(word, i)));
        }
        assertThat(loudest).isGreaterThan(9_000);
        for (int i = 7_700; i < word.length / 2; i++) {
            assertThat(sample(word, i)).isZero();
        }
    }

    @Test
    void voicesSpeakAtDifferentLevelsSoThatADialogueMustBeLevelled() {
        byte[] alloy = ToneGenerator.forVoice(150, "alloy").word(0);
        byte[] verse = ToneGenerator.forVoice(150, "verse").word(0);

        double difference = 20 * Math.log10(rms(alloy) / rms(verse));

        assertThat(difference)
                .isCloseTo(ToneGenerator.levelDb("alloy") - ToneGenerator.levelDb("verse"), within(0.05))
                .isGreaterThan(5);
    }

    private static double rms(byte[] pcm) {
        double sum = 0;
        for (int i = 0; i < pcm.length / 2; i++) {
            sum += (double) sample(pcm, i) * sample(pcm, i);
        }
        return Math.sqrt(sum / (pcm.length / 2));
    }

    @Test
    void consecutiveWordsHaveDifferentPitches() {
        assertThat(zeroCrossings(tones.word(1))).isGreaterThan(zeroCrossings(tones.word(0)) + 10);
    }
}
