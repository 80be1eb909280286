package dev.nightcast.realtime.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The hand-over from OkHttp's reader thread: order kept, urgent items at once, bulk frames in batches. */
class InboxTest {

    /** Far longer than any test takes: a consumer that returns was woken, not timed out. */
    private static final Duration FOREVER = Duration.ofHours(1);

    private final Inbox inbox = new Inbox();

    private static Inbound frame(String text) {
        return new Inbound.Frame(text);
    }

    private CompletableFuture<Inbound> waitingConsumer() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return inbox.poll(FOREVER);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void itemsComeOutInArrivalOrderWhateverTheirKind() throws Exception {
        inbox.add(frame("a"), true);
        inbox.add(frame("b"), false);
        inbox.add(frame("c"), true);

        assertThat(inbox.poll(Duration.ZERO)).isEqualTo(frame("a"));
        assertThat(inbox.poll(Duration.ZERO)).isEqualTo(frame("b"));
        assertThat(inbox.poll(Duration.ZERO)).isEqualTo(frame("c"));
        assertThat(inbox.poll(Duration.ZERO)).isNull();
    }

    @Test
    void anUrgentItemWakesAWaitingConsumerAtOnce() throws Exception {
        CompletableFuture<Inbound> consumer = waitingConsumer();

        inbox.add(new Inbound.Closed(1000, "bye"), false);

        assertThat(consumer.get(30, TimeUnit.SECONDS)).isEqualTo(new Inbound.Closed(1000, "bye"));
    }

    @Test
    void aFullBatchOfBulkFramesWakesAWaitingConsumer() throws Exception {
        CompletableFuture<Inbound> consumer = waitingConsumer();

        for (int i = 0; i < Inbox.BATCH; i++) {
            inbox.add(frame("delta " + i), true);
        }

        assertThat(consumer.get(30, TimeUnit.SECONDS)).isEqualTo(frame("delta 0"));
        for (int i = 1; i < Inbox.BATCH; i++) {
            assertThat(inbox.poll(Duration.ZERO)).isEqualTo(frame("delta " + i));
        }
    }

    @Test
    void bulkFramesShortOfABatchAreTakenWhenTheWaitEnds() throws Exception {
        inbox.add(frame("early"), true);
        assertThat(inbox.poll(Duration.ZERO))
                .as("what is there is taken without waiting")
                .isEqualTo(frame("early"));

        CompletableFuture<Inbound> consumer = CompletableFuture.supplyAsync(() -> {
            try {
                return inbox.poll(Duration.ofMillis(200));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        inbox.add(frame("late"), true);

        assertThat(consumer.get(30, TimeUnit.SECONDS)).isEqualTo(frame("late"));
    }

    @Test
    void nothingArrivingIsNullAfterTheTimeout() throws Exception {
        assertThat(inbox.poll(Duration.ofMillis(20))).isNull();
    }

    @Test
    void onlyAudioAndTranscriptDeltasAreBulk() {
        assertThat(InboxListener.isBulk("{\"type\":\"response.output_audio.delta\",\"delta\":\"AAAA\"}"))
                .isTrue();
        assertThat(InboxListener.isBulk("{\"type\":\"response.audio.delta\",\"delta\":\"AAAA\"}"))
                .isTrue();
        assertThat(InboxListener.isBulk("{\"type\":\"response.output_audio_transcript.delta\",\"delta\":\"Hi\"}"))
                .isTrue();
        assertThat(InboxListener.isBulk("{\"type\":\"response.output_audio.done\"}"))
                .isFalse();
        assertThat(InboxListener.isBulk("{\"type\":\"response.done\",\"response\":{}}"))
                .isFalse();
        assertThat(InboxListener.isBulk("{\"event_id\":\"e\",\"type\":\"response.output_audio.delta\"}"))
                .isFalse();
        assertThat(InboxListener.isBulk("{\"type\":\"error\",\"error\":{}}")).isFalse();
    }
}
