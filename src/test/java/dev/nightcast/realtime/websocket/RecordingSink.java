package dev.nightcast.realtime.websocket;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import dev.nightcast.realtime.AudioSink;

/** Keeps every PCM byte the gateway delivered, and checks each delivery holds whole samples. */
public final class RecordingSink implements AudioSink {

    private final ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    private int deliveries;

    @Override
    public void accept(ByteBuffer buffer) {
        if (buffer.remaining() % 2 != 0) {
            throw new AssertionError("delivery of " + buffer.remaining() + " bytes splits a sample");
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        pcm.write(bytes, 0, bytes.length);
        deliveries++;
    }

    byte[] bytes() {
        return pcm.toByteArray();
    }

    int deliveries() {
        return deliveries;
    }

    /** Largest absolute sample value: 0 for silence. */
    int peak() {
        byte[] b = bytes();
        int peak = 0;
        for (int i = 0; i + 1 < b.length; i += 2) {
            peak = Math.max(peak, Math.abs((short) ((b[i] & 0xff) | (b[i + 1] << 8))));
        }
        return peak;
    }
}
