package dev.nightcast.realtime.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.realtime.SegmentResult;
import dev.nightcast.realtime.TranscriptMark;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;

/**
 * The client notes, for every transcript delta, how much audio had arrived before it: what captions
 * are timed by. The simulator sends each word's transcript just before the word's audio, and every
 * word takes 0.4 s (150 words a minute), so word k's mark is k × 0.4 s of audio.
 */
class TranscriptTimingTest {

    private static final String TEXT = "Welcome to episode twelve. Today we ask why cats purr, and what it means.";
    private static final int BYTES_PER_WORD = 48_000 * 60 / 150;

    private ScriptedSimulator simulator;

    @BeforeEach
    void startSimulator() {
        simulator = ScriptedSimulator.start(SimulatorSettings.fast());
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Test
    void everyTranscriptDeltaIsMarkedWithTheAudioThatArrivedBeforeIt() throws Exception {
        SegmentResult result;
        try (RealtimeSession session = TestGateways.azure(simulator).open(TestGateways.marin())) {
            result = session.narrate(TestGateways.segment("ep", 0, TEXT), new RecordingSink());
        }

        List<TranscriptMark> expected = new ArrayList<>();
        int character = 0;
        for (String word : TEXT.split(" ")) {
            expected.add(new TranscriptMark(character, (long) expected.size() * BYTES_PER_WORD));
            character += word.length() + 1;
        }
        assertThat(result.marks()).containsExactlyElementsOf(expected);
        assertThat(result.transcript()).isEqualTo(TEXT);
    }
}
