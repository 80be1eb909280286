package dev.nightcast.job;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import dev.nightcast.script.ScriptEntry;

/**
 * The work of each job execution as one queue that every narration worker pulls from, so a slot
 * freed by a short episode takes the next one at once, whatever the others are doing.
 *
 * <p>The first worker to ask loads the input; the queue is dropped when the job ends. Restart
 * safety does not come from a saved reader position but from idempotence: episodes already
 * published are recognised by their fingerprint and skipped.
 */
@Component
class EpisodeQueues {

    private final Map<Long, Queue<ScriptEntry>> queues = new ConcurrentHashMap<>();

    Queue<ScriptEntry> forExecution(long jobExecutionId, Supplier<List<ScriptEntry>> loader) {
        return queues.computeIfAbsent(jobExecutionId, id -> new ConcurrentLinkedQueue<>(loader.get()));
    }

    void release(long jobExecutionId) {
        queues.remove(jobExecutionId);
    }
}
