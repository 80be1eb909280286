package dev.nightcast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.nightcast.job.RunParams;
import dev.nightcast.job.UsageException;

class ParamsFileTest {

    @TempDir
    Path dir;

    @Test
    void aKeySetTwiceIsAUsageErrorNamingBothLines() throws Exception {
        Path file = write("input=input\n# the voice\nvoice=marin\ngateway=simulator\nvoice=cedar\n");

        assertThatThrownBy(() -> ParamsFile.load(file, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(file + ":5: 'voice' is set again (first on line 3)");
    }

    @Test
    void aKeySetTwiceIsFoundAfterLineContinuationsAndEscapesToo() throws Exception {
        Path file = write("instructions=Warm and \\\n    calm.\nin\\u0070ut=input\ninput : other\n");

        assertThatThrownBy(() -> ParamsFile.load(file, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(file + ":4: 'input' is set again (first on line 3)");
    }

    @Test
    void aParamsFileThatIsNotUtf8IsAUsageErrorNamingTheLine() throws Exception {
        Path file = dir.resolve("latin1.properties");
        Files.write(
                file,
                "input=input\ngateway=simulator\ninstructions=Caf\u00e9 cr\u00e8me\n"
                        .getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> ParamsFile.load(file, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(file + ":3: not valid UTF-8")
                .hasMessageContaining("save the file as UTF-8");
    }

    @Test
    void aBadUnicodeEscapeIsAUsageErrorNamingTheLine() throws Exception {
        Path file = write("input=input\ninstructions=\\u00zz\n");

        assertThatThrownBy(() -> ParamsFile.load(file, Map.of()))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(file + ":2: ");
    }

    @Test
    void javaPropertiesSyntaxIsReadAsBeforeWithCommandLineOverridesOnTop() throws Exception {
        Path file = write("\uFEFF# nightly run\n! another comment\ninput : input\ngateway simulator\n"
                + "instructions = Warm, \\\n   friendly host.\nvoice=alloy\n\n");

        RunParams params = ParamsFile.load(file, Map.of("voice", "cedar"));

        assertThat(params.input()).isEqualTo("input");
        assertThat(params.gateway()).isEqualTo("simulator");
        assertThat(params.instructions()).isEqualTo("Warm, friendly host.");
        assertThat(params.voice()).isEqualTo("cedar");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            max-cost | 1e400 | 'max-cost' must be a positive amount in USD, e.g. 5 or 12.50, up to 100000
            max-cost | 100000.01 | 'max-cost' must be a positive amount in USD, e.g. 5 or 12.50, up to 100000
            max-cost | 0.000 | 'max-cost' must be a positive amount in USD, e.g. 5 or 12.50, up to 100000
            max-cost | 1e2 | 'max-cost' must be a positive amount in USD, e.g. 5 or 12.50, up to 100000
            max-cost | NaN | 'max-cost' must be a positive amount in USD, e.g. 5 or 12.50, up to 100000
            speed | 0x1p0 | 'speed' must be a number from 0.25 to 1.5
            speed | 1.0d | 'speed' must be a number from 0.25 to 1.5
            speed | 1e0 | 'speed' must be a number from 0.25 to 1.5
            concurrency | +4 | 'concurrency' must be a whole number from 1 to 64
            concurrency | \u0664 | 'concurrency' must be a whole number from 1 to 64
            max-attempts | 99999999999 | 'max-attempts' must be a whole number from 1 to 20
            max-requests-per-minute | 100001 | 'max-requests-per-minute' must be a whole number from 1 to 100000
            """)
    void everyNumericParamIsAPlainNumberWithinASaneRange(String key, String value, String problem) {
        assertThatThrownBy(() -> RunParams.from(Map.of("input", "in", key, value)))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining(problem)
                .hasMessageContaining("was '" + value + "'");
    }

    @Test
    void numericParamsAtTheEdgesOfTheirRangesAreAccepted() {
        RunParams params = RunParams.from(Map.of(
                "input",
                "in",
                "max-cost",
                "$100000",
                "speed",
                "0.25",
                "concurrency",
                "64",
                "max-attempts",
                "20",
                "max-requests-per-minute",
                "100000"));

        assertThat(params.limits().maxCost()).isEqualByComparingTo("100000");
        assertThat(params.speed()).isEqualTo(0.25);
        assertThat(params.concurrency()).isEqualTo(64);
        assertThat(RunParams.from(Map.of("input", "in", "max-cost", "0.0001", "speed", "1.5"))
                        .limits()
                        .maxCost())
                .isEqualByComparingTo("0.0001");
    }

    private Path write(String content) throws Exception {
        Path file = dir.resolve("run.properties");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
