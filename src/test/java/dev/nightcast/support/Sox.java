package dev.nightcast.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An independent judge of clicks: sox, as a sound engineer would use it. */
public final class Sox {

    private static final Pattern PEAK = Pattern.compile("Pk lev dB\\s+(-?[\\d.]+|-inf)");

    private Sox() {}

    /**
     * The peak level in dBFS of what a WAV holds above {@code hertz} (sox's {@code sinc} high-pass).
     * A click (a jump between two samples) is broadband: it shows here even when the audio itself,
     * low tones, has nothing up there.
     */
    public static double peakAboveDb(Path wav, int hertz) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("sox", wav.toString(), "-n", "sinc", hertz / 1000.0 + "k", "stats")
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException notInstalled) {
            throw new AssertionError("sox is needed to judge joins: apt-get install -y sox", notInstalled);
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("sox finished").isTrue();
        assertThat(process.exitValue()).as("sox on %s: %s", wav, out).isZero();
        Matcher matcher = PEAK.matcher(out);
        if (!matcher.find()) {
            throw new AssertionError("no peak level in sox's stats:\n" + out);
        }
        return "-inf".equals(matcher.group(1)) ? Double.NEGATIVE_INFINITY : Double.parseDouble(matcher.group(1));
    }
}
