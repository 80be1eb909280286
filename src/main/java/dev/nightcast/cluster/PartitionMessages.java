package dev.nightcast.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * A partition request as it travels through RabbitMQ: a small JSON text naming the worker step and
 * its step execution ({@code {"step":"narrateWorker","stepExecutionId":42}}), not a Java-serialized
 * object (which the receiving side would have to allow-list, and which ties both sides to one class
 * version). Everything else a worker needs is in the job repository.
 */
final class PartitionMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Body(String step, long stepExecutionId) {}

    private PartitionMessages() {}

    static String toJson(StepExecutionRequest request) {
        try {
            return JSON.writeValueAsString(new Body(request.getStepName(), request.getStepExecutionId()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StepExecutionRequest fromJson(Object payload) {
        String text = payload instanceof byte[] bytes
                ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : String.valueOf(payload);
        try {
            Body body = JSON.readValue(text, Body.class);
            return new StepExecutionRequest(body.step(), body.stepExecutionId());
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a partition request: " + text, e);
        }
    }
}
