package dev.nightcast.realtime;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Receives decoded PCM16 LE mono 24 kHz audio as it arrives. The buffer is only valid during the call. */
@FunctionalInterface
public interface AudioSink {

    void accept(ByteBuffer pcm) throws IOException;
}
