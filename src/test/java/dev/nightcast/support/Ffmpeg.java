package dev.nightcast.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

/**
 * FFmpeg as an independent judge of the audio Nightcast writes: {@code ffprobe} for what players read
 * from a file (sample rate, duration, tags, chapters), {@code ffmpeg} to decode it as a player does.
 * Debian's {@code ffmpeg} package; without it a test is aborted with a message on a developer
 * machine and <em>fails</em> in CI ({@code CI=true}): {@code .ci/run} installs it.
 */
public final class Ffmpeg {

    private Ffmpeg() {}

    /** {@code ffprobe -show_format -show_streams -show_chapters} as JSON. */
    public static JsonNode probe(Path file) throws IOException, InterruptedException {
        String out = run(List.of(
                tool("ffprobe"),
                "-v",
                "error",
                "-show_format",
                "-show_streams",
                "-show_chapters",
                "-of",
                "json",
                file.toString()));
        return new ObjectMapper().readTree(out);
    }

    /**
     * The file decoded by ffmpeg as a gapless player plays it, as mono 16-bit samples at its own rate.
     */
    public static short[] decode(Path file) throws IOException, InterruptedException {
        Path pcm = Files.createTempFile("nightcast-decoded", ".raw");
        try {
            run(List.of(
                    tool("ffmpeg"),
                    "-v",
                    "error",
                    "-y",
                    "-i",
                    file.toString(),
                    "-f",
                    "s16le",
                    "-ac",
                    "1",
                    "-acodec",
                    "pcm_s16le",
                    pcm.toString()));
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(pcm)).order(ByteOrder.LITTLE_ENDIAN);
            short[] samples = new short[bytes.remaining() / 2];
            bytes.asShortBuffer().get(samples);
            return samples;
        } finally {
            Files.deleteIfExists(pcm);
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(command))
                .redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("%s finished", command)
                .isTrue();
        assertThat(process.exitValue()).as("%s said: %s", command, out).isZero();
        return out;
    }

    private static String tool(String name) {
        for (String folder : List.of("/usr/bin", "/usr/local/bin")) {
            Path path = Path.of(folder, name);
            if (Files.isExecutable(path)) {
                return path.toString();
            }
        }
        String message = "No " + name + " to judge the MP3s: apt-get install ffmpeg";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(message);
        }
        return Assumptions.abort(message);
    }
}
