package dev.nightcast.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.nightcast.audio.AudioProperties;
import dev.nightcast.audio.Mastering;
import dev.nightcast.audio.PcmFormat;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.script.Passage;
import dev.nightcast.script.SourceLocation;
import dev.nightcast.support.Ebur128;
import dev.nightcast.support.Sox;
import dev.nightcast.support.TestAudio;

/**
 * Kept segments joined into the published WAV, judged by ffmpeg (loudness, true peak, each speaker's
 * loudness, cut out by the cues) and sox (clicks at the joins).
 */
class EpisodeAssemblerTest {

    private static final SourceLocation WHERE = new SourceLocation(Path.of("talk.md"), 1);
    private static final Passage HOST = new Passage("HOST", "alloy", "Host text.", false, WHERE);
    private static final Passage GUEST = new Passage("GUEST", "verse", "Guest text.", false, WHERE);
    private static final Duration TURN_PAUSE = Duration.ofMillis(500);

    @TempDir
    Path dir;

    /** Keeps each audio as the next segment, alternating host and guest, and returns them ready to join. */
    private List<EpisodeAssembler.Finished> keep(SegmentCheckpoints checkpoints, List<double[]> audio)
            throws Exception {
        List<EpisodeAssembler.Finished> finished = new ArrayList<>();
        for (int i = 0; i < audio.size(); i++) {
            Passage passage = i % 2 == 0 ? HOST : GUEST;
            PlannedSegment segment = new PlannedSegment(
                    i, String.format("%04d", i), passage, passage.text(), true, i == 0 ? Duration.ZERO : TURN_PAUSE);
            SegmentCheckpoints.Recording recording = checkpoints.record(segment);
            recording.accept(ByteBuffer.wrap(TestAudio.pcm(audio.get(i))));
            SegmentCheckpoints.Take take = checkpoints.keep(
                    segment,
                    recording,
                    new SegmentCheckpoints.Take(
                            recording.bytes(), passage.text(), 0, 2, TokenUsage.ZERO, java.util.List.of()));
            finished.add(new EpisodeAssembler.Finished(segment, take));
        }
        return finished;
    }

    /** Speech-like turns, the guest's voice {@code guestDb} quieter than the host's. */
    private static List<double[]> dialogue(double guestDb) {
        List<double[]> turns = new ArrayList<>();
        double[] seconds = {9, 7, 6, 8, 5, 6};
        for (int i = 0; i < seconds.length; i++) {
            double level = 0.3 * (i % 2 == 0 ? 1 : Math.pow(10, guestDb / 20));
            turns.add(TestAudio.speechLike(seconds[i], level, 100 + i));
        }
        return turns;
    }

    /** What the speaker of every other cue, starting at {@code first}, says in the WAV, joined. */
    private Path speaker(Path wav, List<SubtitleCue> cues, int first, String name) throws Exception {
        double[] samples = TestAudio.samples(wav);
        List<double[]> parts = new ArrayList<>();
        for (int i = first; i < cues.size(); i += 2) {
            int from = (int) (cues.get(i).startByte() / PcmFormat.BLOCK_ALIGN);
            int to = (int) (cues.get(i).endByte() / PcmFormat.BLOCK_ALIGN);
            double[] part = new double[to - from];
            System.arraycopy(samples, from, part, 0, part.length);
            parts.add(part);
        }
        return TestAudio.wav(dir.resolve(name + ".wav"), TestAudio.concat(parts.toArray(double[][]::new)));
    }

    @Test
    void aDialogueWhoseVoicesArriveNineDecibelsApartIsPublishedWithBothWithin1LuAndTheWholeAtTheTarget()
            throws Exception {
        SegmentCheckpoints checkpoints = new SegmentCheckpoints(dir.resolve("segments"));
        List<EpisodeAssembler.Finished> segments = keep(checkpoints, dialogue(-9));
        Path wav = dir.resolve("talk.wav");

        EpisodeAssembler.Assembly assembly =
                new EpisodeAssembler(AudioProperties.defaults().mastering()).join(wav, segments, checkpoints, "Title");

        Ebur128 whole = Ebur128.of(wav);
        assertThat(whole.integratedLufs()).isCloseTo(-16, within(0.5));
        assertThat(whole.truePeakDbtp()).isLessThanOrEqualTo(-1.0);
        double host = Ebur128.of(speaker(wav, assembly.cues(), 0, "host")).integratedLufs();
        double guest = Ebur128.of(speaker(wav, assembly.cues(), 1, "guest")).integratedLufs();
        assertThat(Math.abs(host - guest))
                .as("host %s LUFS, guest %s LUFS", host, guest)
                .isLessThanOrEqualTo(1.0);
        assertThat(assembly.loudness().integratedLufs()).isCloseTo(whole.integratedLufs(), within(0.3));
        assertThat(assembly.loudness().truePeakDbtp()).isCloseTo(whole.truePeakDbtp(), within(0.3));
        assertThat(assembly.loudness().rangeLu()).isCloseTo(whole.rangeLu(), within(0.3));
    }

    @Test
    void theTargetIsASettingMinus19ForMono() throws Exception {
        SegmentCheckpoints checkpoints = new SegmentCheckpoints(dir.resolve("segments"));
        List<EpisodeAssembler.Finished> segments = keep(checkpoints, dialogue(-4));
        Path wav = dir.resolve("mono.wav");

        new EpisodeAssembler(new Mastering(PcmFormat.SAMPLE_RATE, -19, -1)).join(wav, segments, checkpoints, "Title");

        assertThat(Ebur128.of(wav).integratedLufs()).isCloseTo(-19, within(0.5));
    }

    @Test
    void segmentsThatStartAndStopMidSwingAreJoinedWithoutAClickAtAnyJoin() throws Exception {
        // Low tones that begin and end at their crest: nothing above 4 kHz but what a join adds.
        List<double[]> turns = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            double frequency = i % 2 == 0 ? 150 : 200;
            double[] tone = new double[(int) (TestAudio.RATE * (1.5 + 0.25 * i))];
            for (int n = 0; n < tone.length; n++) {
                tone[n] = 0.3 * Math.cos(2 * Math.PI * frequency * n / TestAudio.RATE);
            }
            turns.add(tone);
        }
        SegmentCheckpoints checkpoints = new SegmentCheckpoints(dir.resolve("segments"));
        List<EpisodeAssembler.Finished> segments = keep(checkpoints, turns);
        Path wav = dir.resolve("joined.wav");
        Path butted = dir.resolve("butted.wav");
        List<double[]> withPauses = new ArrayList<>();
        for (double[] turn : turns) {
            withPauses.add(turn);
            withPauses.add(TestAudio.silence(TURN_PAUSE.toMillis() / 1000.0));
        }
        TestAudio.wav(butted, TestAudio.concat(withPauses.toArray(double[][]::new)));

        new EpisodeAssembler(AudioProperties.defaults().mastering()).join(wav, segments, checkpoints, "Title");

        assertThat(Sox.peakAboveDb(butted, 4_000))
                .as("the judge hears the clicks of joins without fades")
                .isGreaterThan(-40);
        assertThat(Sox.peakAboveDb(wav, 4_000))
                .as("what the joins add above 4 kHz")
                .isLessThan(-70);
        assertThat(Files.size(wav))
                .isEqualTo(44
                        + (Files.size(butted)
                                - 44
                                - PcmFormat.bytesFor(TURN_PAUSE))); // no pause after the last segment
    }
}
