package dev.nightcast.audio;

import static dev.nightcast.support.TestAudio.silence;
import static dev.nightcast.support.TestAudio.speechLike;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.nightcast.support.Ebur128;
import dev.nightcast.support.TestAudio;

/**
 * Both passes of a master over a two-voice signal, judged by ffmpeg: the whole at the target, the
 * voices within 1 LU of each other, the true peak under the ceiling, and the loudness the renderer
 * reports is the file's.
 */
class MasterRendererTest {

    private static final int RATE = TestAudio.RATE;

    @TempDir
    Path dir;

    /** Turns of two voices, the guest {@code guestDb} quieter, with pauses between them. */
    private record Dialogue(List<double[]> turns, List<Integer> voices) {

        static Dialogue of(double hostLevel, double guestDb) {
            Dialogue dialogue = new Dialogue(new ArrayList<>(), new ArrayList<>());
            double guestLevel = hostLevel * Decibels.toLinear(guestDb);
            double[] seconds = {8, 7, 5, 6, 4, 6};
            for (int i = 0; i < seconds.length; i++) {
                double[] turn = speechLike(seconds[i], i % 2 == 0 ? hostLevel : guestLevel, i);
                new Fade(RATE).apply(turn, 0, turn.length, 0, turn.length);
                dialogue.turns.add(turn);
                dialogue.voices.add(i % 2);
            }
            return dialogue;
        }

        double[] pause() {
            return silence(0.5);
        }
    }

    /** Renders the dialogue; returns what the renderer measured. The WAV's voices go to host.wav and guest.wav. */
    private Loudness render(Dialogue dialogue, Mastering mastering, Path wavFile) throws Exception {
        LoudnessMeter meter = new LoudnessMeter(RATE, 2);
        for (int i = 0; i < dialogue.turns().size(); i++) {
            if (i > 0) {
                double[] pause = dialogue.pause();
                meter.add(pause, 0, pause.length, dialogue.voices().get(i - 1));
            }
            meter.add(
                    dialogue.turns().get(i),
                    0,
                    dialogue.turns().get(i).length,
                    dialogue.voices().get(i));
        }
        double[] gains = Levelling.gains(meter, mastering.targetLufs());
        try (WavWriter wav = WavWriter.create(wavFile)) {
            MasterRenderer master = new MasterRenderer(mastering, gains, wav);
            for (int i = 0; i < dialogue.turns().size(); i++) {
                if (i > 0) {
                    master.silence(dialogue.pause().length);
                }
                // In uneven blocks, as segment files are read.
                double[] turn = dialogue.turns().get(i);
                for (int from = 0; from < turn.length; from += 10_007) {
                    master.add(
                            turn,
                            from,
                            Math.min(turn.length, from + 10_007),
                            dialogue.voices().get(i));
                }
            }
            return master.finish();
        }
    }

    /** The parts of the rendered WAV voice {@code voice} speaks, joined, as a WAV of their own. */
    private Path voice(Dialogue dialogue, Path wavFile, int voice) throws Exception {
        double[] rendered = TestAudio.samples(wavFile);
        List<double[]> parts = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < dialogue.turns().size(); i++) {
            if (i > 0) {
                at += dialogue.pause().length;
            }
            int length = dialogue.turns().get(i).length;
            if (dialogue.voices().get(i) == voice) {
                double[] part = new double[length];
                System.arraycopy(rendered, at, part, 0, length);
                parts.add(part);
            }
            at += length;
        }
        assertThat(at).isEqualTo(rendered.length);
        return TestAudio.wav(dir.resolve("voice-" + voice + ".wav"), TestAudio.concat(parts.toArray(double[][]::new)));
    }

    @Test
    void twoVoicesTenDecibelsApartComeOutEquallyLoudWithTheWholeAtTheTargetAndThePeaksUnderTheCeiling()
            throws Exception {
        Dialogue dialogue = Dialogue.of(0.25, -10);
        Mastering mastering = new Mastering(RATE, -16, -1);
        Path wav = dir.resolve("master.wav");

        Loudness reported = render(dialogue, mastering, wav);

        Ebur128 whole = Ebur128.of(wav);
        assertThat(whole.integratedLufs()).isCloseTo(-16, within(0.5));
        assertThat(whole.truePeakDbtp()).isLessThanOrEqualTo(-1.0);
        double host = Ebur128.of(voice(dialogue, wav, 0)).integratedLufs();
        double guest = Ebur128.of(voice(dialogue, wav, 1)).integratedLufs();
        assertThat(Math.abs(host - guest))
                .as("host %s LUFS, guest %s LUFS", host, guest)
                .isLessThanOrEqualTo(1.0);
        assertThat(reported.integratedLufs()).isCloseTo(whole.integratedLufs(), within(0.3));
        assertThat(reported.truePeakDbtp()).isCloseTo(whole.truePeakDbtp(), within(0.3));
        assertThat(reported.rangeLu()).isCloseTo(whole.rangeLu(), within(0.3));
    }

    @Test
    void aTargetTheCeilingCannotHoldComesOutQuieterThanAskedButNeverAboveTheCeiling() throws Exception {
        Dialogue dialogue = Dialogue.of(0.25, 0);
        Mastering mastering = new Mastering(RATE, -7, -1);
        Path wav = dir.resolve("loud.wav");

        Loudness reported = render(dialogue, mastering, wav);

        Ebur128 judged = Ebur128.of(wav);
        assertThat(judged.truePeakDbtp()).isLessThanOrEqualTo(-1.0);
        assertThat(judged.integratedLufs()).isLessThan(-7.5).isGreaterThan(-12);
        assertThat(reported.integratedLufs()).isCloseTo(judged.integratedLufs(), within(0.3));
    }
}
