package dev.nightcast.realtime.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.nightcast.realtime.FailureKind;
import dev.nightcast.realtime.RealtimeException;
import dev.nightcast.realtime.RealtimeSession;
import dev.nightcast.realtime.SegmentResult;
import dev.nightcast.realtime.SessionSettings;
import dev.nightcast.simulator.Fault;
import dev.nightcast.simulator.ScriptedSimulator;
import dev.nightcast.simulator.SimulatorSettings;

/**
 * The simulator's deterministic misreadings and speed, as the real client sees them: what the
 * fidelity check and the per-episode speed are tested against.
 */
class SimulatorReadingFaultsTest {

    private static final String TEXT = "One two three four five six.";
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

    private SegmentResult narrate(SessionSettings settings, int index) throws RealtimeException {
        try (RealtimeSession session = TestGateways.azure(simulator).open(settings)) {
            return session.narrate(TestGateways.segment("ep", index, TEXT), new RecordingSink());
        }
    }

    @Test
    void aPreambleIsSpokenAndTranscribedBeforeTheScript() throws Exception {
        simulator.enqueueFault(Fault.preamble("Sure, here is the narration:"));

        SegmentResult result = narrate(TestGateways.marin(), 0);

        assertThat(result.transcript()).isEqualTo("Sure, here is the narration: One two three four five six.");
        assertThat(result.audioBytes()).isEqualTo(11L * BYTES_PER_WORD);
    }

    @Test
    void aParaphraseSwapsEveryNthWordAndASignOffFollowsTheLastWord() throws Exception {
        simulator.enqueueFault(Fault.paraphrase(3));
        simulator.enqueueFault(Fault.signOff("Thanks for listening!"));

        assertThat(narrate(TestGateways.marin(), 0).transcript()).isEqualTo("One two basically four five basically");
        assertThat(narrate(TestGateways.marin(), 1).transcript())
                .isEqualTo("One two three four five six. Thanks for listening!");
    }

    @Test
    void aFaultQueuedAfterSomeResponsesHitsExactlyTheNextOneAfterThem() throws Exception {
        simulator.enqueueFault(Fault.after(2, Fault.dropMidStream()));

        try (RealtimeSession session = TestGateways.azure(simulator).open(TestGateways.marin())) {
            session.narrate(TestGateways.segment("ep", 0, TEXT), new RecordingSink());
            session.narrate(TestGateways.segment("ep", 1, TEXT), new RecordingSink());
            RealtimeException dropped = catchThrowableOfType(
                    RealtimeException.class,
                    () -> session.narrate(TestGateways.segment("ep", 2, TEXT), new RecordingSink()));
            assertThat(dropped.kind()).isEqualTo(FailureKind.TRANSIENT);
        }
        assertThat(narrate(TestGateways.marin(), 3).transcript()).isEqualTo(TEXT);
    }

    @Test
    void halfSpeedMakesTheSameWordsTwiceAsLong() throws Exception {
        long normal = narrate(TestGateways.marin(), 0).audioBytes();
        long slow = narrate(new SessionSettings("marin", "Read.", 0.5), 1).audioBytes();

        assertThat(normal).isEqualTo(6L * BYTES_PER_WORD);
        assertThat(slow).isEqualTo(2 * normal);
        assertThat(simulator.clientEvents())
                .anySatisfy(event -> assertThat(event).contains("\"speed\":0.5"));
    }
}
