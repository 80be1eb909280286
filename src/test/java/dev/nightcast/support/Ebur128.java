package dev.nightcast.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An independent judge of loudness: ffmpeg's {@code ebur128} filter with {@code peak=true} run on an
 * audio file (WAV or MP3), its summary parsed. ffmpeg resamples to 48 kHz and uses the 48 kHz
 * K-weighting table of BS.1770; the true peak is taken on a 192 kHz resampling.
 *
 * @param integratedLufs "I", -70.0 for silence
 * @param rangeLu "LRA"
 * @param truePeakDbtp "Peak" in the true-peak section
 */
public record Ebur128(double integratedLufs, double rangeLu, double truePeakDbtp) {

    private static final Pattern INTEGRATED =
            Pattern.compile("(?s)Integrated loudness:\\s*I:\\s*(-?[\\d.]+|-inf) LUFS");
    private static final Pattern RANGE = Pattern.compile("(?s)Loudness range:\\s*LRA:\\s*(-?[\\d.]+) LU");
    private static final Pattern PEAK = Pattern.compile("(?s)True peak:\\s*Peak:\\s*(-?[\\d.]+|-inf) dBFS");

    public static Ebur128 of(Path audio) throws IOException, InterruptedException {
        List<String> command = List.of(
                "ffmpeg",
                "-nostdin",
                "-nostats",
                "-hide_banner",
                "-i",
                audio.toString(),
                "-af",
                "ebur128=peak=true",
                "-f",
                "null",
                "-");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            throw new AssertionError("ffmpeg is needed to judge loudness: apt-get install -y ffmpeg", notInstalled);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("ffmpeg finished").isTrue();
        assertThat(process.exitValue()).as("ffmpeg on %s: %s", audio, out).isZero();
        String summary = out.substring(Math.max(0, out.lastIndexOf("Summary:")));
        return new Ebur128(number(INTEGRATED, summary), number(RANGE, summary), number(PEAK, summary));
    }

    private static double number(Pattern pattern, String summary) {
        Matcher matcher = pattern.matcher(summary);
        if (!matcher.find()) {
            throw new AssertionError("no " + pattern + " in ffmpeg's summary:\n" + summary);
        }
        return "-inf".equals(matcher.group(1)) ? Double.NEGATIVE_INFINITY : Double.parseDouble(matcher.group(1));
    }
}
