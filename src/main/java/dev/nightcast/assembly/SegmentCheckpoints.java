package dev.nightcast.assembly;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

import dev.nightcast.lexicon.Lexicon;
import dev.nightcast.realtime.AudioSink;
import dev.nightcast.realtime.TokenUsage;
import dev.nightcast.realtime.TranscriptMark;

/**
 * The finished segments of one episode, kept on disk until the episode is published, so that a
 * retry or a restarted run (a new process) narrates only the segments that are missing.
 *
 * <p>The folder belongs to one episode fingerprint (a changed script or setting starts afresh).
 * Each segment is named by its key and a hash of its voice, text and the lexicon entries that applied
 * to it ({@link #identity}): {@code <key>-<hash>.pcm} holds
 * its raw PCM, {@code <key>-<hash>.json} what was measured; the JSON is written last, by an atomic
 * rename, and names the PCM's size, so a segment counts as finished only when both are complete.
 * {@code <key>-<hash>.split} records that the segment hit the output token cap and was narrated
 * as shorter parts instead. Threads narrating different segments of the episode may share it; one
 * segment is narrated by one thread at a time.
 */
public final class SegmentCheckpoints {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;

    public SegmentCheckpoints(Path folder) {
        this.folder = folder;
    }

    /**
     * A kept segment.
     *
     * @param audioBytes size of its PCM
     * @param transcript what the model said it read
     * @param errors word errors of the accepted reading (see {@link dev.nightcast.text.FidelityCheck})
     * @param referenceWords normalised words of its text
     * @param usage tokens spent on all of its readings, rejected ones included
     * @param marks where the accepted reading's transcript deltas arrived in its audio (captions are
     *     timed by them); empty for a segment kept before they were recorded
     * @param modelSnapshot the model snapshot whose session read it ({@code session.created}), or null
     *     when the gateway named none or the segment was kept before snapshots were recorded
     */
    public record Take(
            long audioBytes,
            String transcript,
            int errors,
            int referenceWords,
            TokenUsage usage,
            List<TranscriptMark> marks,
            @Nullable String modelSnapshot) {

        public Take {
            marks = marks == null ? List.of() : List.copyOf(marks);
        }

        public Take(
                long audioBytes,
                String transcript,
                int errors,
                int referenceWords,
                TokenUsage usage,
                List<TranscriptMark> marks) {
            this(audioBytes, transcript, errors, referenceWords, usage, marks, null);
        }
    }

    /** The segment's kept take, or empty when it was never finished (or its files are incomplete). */
    public Optional<Take> find(PlannedSegment segment) throws IOException {
        Path meta = file(segment, ".json");
        Path audio = audio(segment);
        if (!Files.isRegularFile(meta) || !Files.isRegularFile(audio)) {
            return Optional.empty();
        }
        Take take;
        try {
            take = JSON.readValue(meta.toFile(), Take.class);
        } catch (JsonProcessingException e) {
            // Written by an atomic rename, so only outside damage gets here: narrate it again.
            return Optional.empty();
        }
        return Files.size(audio) == take.audioBytes() ? Optional.of(take) : Optional.empty();
    }

    public boolean isSplit(PlannedSegment segment) {
        return Files.exists(file(segment, ".split"));
    }

    public void markSplit(PlannedSegment segment) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(file(segment, ".split"), segment.text(), StandardCharsets.UTF_8);
    }

    /** Starts recording the segment's audio into a temporary file. */
    public Recording record(PlannedSegment segment) throws IOException {
        Files.createDirectories(folder);
        return new Recording(file(segment, ".pcm.tmp"));
    }

    /** Makes a finished recording the segment's take: audio first, then its JSON as the commit mark. */
    public Take keep(PlannedSegment segment, Recording recording, Take take) throws IOException {
        recording.close();
        Files.move(recording.file, audio(segment), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Path meta = file(segment, ".json");
        Path temporary = file(segment, ".json.tmp");
        JSON.writeValue(temporary.toFile(), take);
        Files.move(temporary, meta, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return take;
    }

    /** The kept PCM of a segment. */
    public Path audio(PlannedSegment segment) {
        return file(segment, ".pcm");
    }

    private Path file(PlannedSegment segment, String suffix) {
        return folder.resolve(segment.key() + "-" + hash(identity(segment)) + suffix);
    }

    /**
     * What makes a kept reading this segment's: its voice and text, and the lexicon entries that
     * applied to it. A segment no entry applies to keeps the identity it had before lexicons existed.
     */
    static String identity(PlannedSegment segment) {
        String entries = Lexicon.identity(segment.spoken().applied());
        return segment.voice() + "\u0000" + segment.text() + (entries.isEmpty() ? "" : "\u0000" + entries);
    }

    private static String hash(String material) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    /**
     * The audio of one reading as it arrives; {@link #restart()} drops it before the next attempt.
     * Deltas (a tenth of a second each) are gathered into {@value #WRITE_BYTES}-byte writes: one
     * system call per delta was a large part of the client's CPU. The buffer is native, so the JDK
     * writes it as it is instead of copying it into a temporary native buffer first, and the file
     * bypasses the page cache where it can ({@link UncachedFiles}).
     */
    public static final class Recording implements AudioSink, AutoCloseable {

        static final int WRITE_BYTES = 64 * 1024;

        private final Path file;
        private final FileChannel channel;
        /** 1, or the block size when the file bypasses the page cache (see {@link UncachedFiles}). */
        private final int alignment;

        private final ByteBuffer pending;
        /** Bytes in the file, not counting {@link #pending}; a multiple of {@link #WRITE_BYTES} until closed. */
        private long written;

        private Recording(Path file) throws IOException {
            this.file = file;
            UncachedFiles.Handle handle = UncachedFiles.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            this.channel = handle.channel();
            this.alignment = handle.alignment();
            this.pending = UncachedFiles.buffer(WRITE_BYTES, alignment);
        }

        @Override
        public void accept(ByteBuffer pcm) throws IOException {
            while (pcm.hasRemaining()) {
                if (!pending.hasRemaining()) {
                    flush();
                }
                int take = Math.min(pending.remaining(), pcm.remaining());
                pending.put(pending.position(), pcm, pcm.position(), take);
                pending.position(pending.position() + take);
                pcm.position(pcm.position() + take);
            }
        }

        private void flush() throws IOException {
            pending.flip();
            while (pending.hasRemaining()) {
                written += channel.write(pending, written);
            }
            pending.clear();
        }

        public void restart() throws IOException {
            pending.clear();
            channel.truncate(0);
            written = 0;
        }

        public long bytes() {
            return written + pending.position();
        }

        /** Writes what is gathered, forces the audio to disk and closes the file; a second call does nothing. */
        @Override
        public void close() throws IOException {
            if (channel.isOpen()) {
                try (channel) {
                    // Direct I/O writes whole blocks: pad the last one, then cut the file to its size.
                    int tail = pending.position();
                    int padding = UncachedFiles.roundUp(tail, alignment) - tail;
                    for (int i = 0; i < padding; i++) {
                        pending.put((byte) 0);
                    }
                    flush();
                    if (padding > 0) {
                        written -= padding;
                        channel.truncate(written);
                    }
                    channel.force(true);
                }
            }
        }

        /** Closes and deletes an abandoned recording. */
        public void discard() throws IOException {
            close();
            Files.deleteIfExists(file);
        }
    }
}
