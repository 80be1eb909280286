package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.nightcast.cli.CheckCommand;
import dev.nightcast.cli.NarrateCommand;
import dev.nightcast.run.ExitCodes;
import dev.nightcast.simulator.Fault;

/**
 * {@code check} foresees what {@code narrate} does: after a run, every identifying parameter is
 * changed in turn on the command line, {@code check} says how many episodes a run would narrate and
 * skip, and then {@code narrate} with the same arguments must do exactly that.
 */
@ExtendWith(OutputCaptureExtension.class)
class CheckAgreesWithNarrateTest extends OperatorJobTestBase {

    private static final Pattern CHECK_NARRATE = Pattern.compile("(?m)^\\s+narrate\\s+(\\d+)\\s+episodes");
    private static final Pattern CHECK_SKIP = Pattern.compile("(?m)^\\s+skip\\s+(\\d+)\\s");
    private static final Pattern RUN_NARRATED = Pattern.compile("(?m)^\\s+narrated\\s+(\\d+)\\s");
    private static final Pattern RUN_SKIPPED = Pattern.compile("(?m)^\\s+skipped\\s+(\\d+)\\s");

    @Autowired
    CheckCommand check;

    @Autowired
    NarrateCommand narrate;

    /** Each identifying parameter, and a value other than the first run's. */
    static Stream<Arguments> identifyingParameters() {
        return Stream.of(
                Arguments.of("input", "{other-input}"),
                Arguments.of("output", "{other-output}"),
                Arguments.of("gateway", "simulator"),
                Arguments.of("voice", "marin"),
                Arguments.of("instructions", "Bright and quick."),
                Arguments.of("speed", "1.2"),
                Arguments.of("only-failed", "true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identifyingParameters")
    void checkWithAnIdentifyingParameterChangedSaysWhatNarrateWithItThenDoes(
            String key, String value, CapturedOutput out) throws Exception {
        String t = "agree-" + key;
        // Episodes 2 to 4 set their own voice, instructions and speed: a changed default leaves them done.
        String rows = """
                episode_id,voice,instructions,speed,script
                %1$s-1,,,,The first episode is refused by the gateway in the first run.
                %1$s-2,cedar,,,The second episode has a voice of its own.
                %1$s-3,,Calm and slow.,,The third episode has instructions of its own.
                %1$s-4,,,1.0,The fourth episode has a speed of its own.
                %1$s-5,,,,The fifth episode is plain.
                """.formatted(t);
        Path csv = write("episodes.csv", rows);
        Path paramsFile = write(
                "nightly.properties",
                "input=" + csv + "\noutput=" + output()
                        + "\ngateway=azure\nvoice=alloy\ninstructions=Warm.\nspeed=1.0\nconcurrency=1\n");
        SIMULATOR.enqueueFault(Fault.errorEvent("invalid_request_error", "invalid_value", "Refused."));
        assertThat(narrate.run(new DefaultApplicationArguments("--params=" + paramsFile)))
                .as("first run: one episode failed")
                .isEqualTo(ExitCodes.SOME_EPISODES_FAILED);
        // Added after the first run: every run narrates it, except one of only the failed episodes.
        write("episodes.csv", rows + t + "-6,,,,The sixth episode came later.\n");
        write("other.csv", rows.replace("The fifth episode is plain.", "The fifth episode was rewritten."));
        String changed = value.replace("{other-input}", dir.resolve("other.csv").toString())
                .replace("{other-output}", dir.resolve("elsewhere").toString());
        String[] args = {"--params=" + paramsFile, "--" + key + "=" + changed};

        int mark = out.getOut().length();
        check.run(new DefaultApplicationArguments(args));
        String foreseen = out.getOut().substring(mark);
        mark = out.getOut().length();
        narrate.run(new DefaultApplicationArguments(args));
        String done = out.getOut().substring(mark);

        List<Integer> checkSays = List.of(count(CHECK_NARRATE, foreseen), count(CHECK_SKIP, foreseen));
        List<Integer> narrateDid = List.of(count(RUN_NARRATED, done), count(RUN_SKIPPED, done));
        assertThat(checkSays)
                .as("check (narrate, skip) with --%s; it printed:%n%s", key, foreseen)
                .isEqualTo(narrateDid);
        assertThat(new ArrayList<>(narrateDid))
                .as("the change is seen by narrate: %s", done)
                .isNotEqualTo(List.of(0, 0));
    }

    @org.junit.jupiter.api.Test
    void checkSaysHowManySegmentsALexiconEditReadsAgainAndNarrateReadsExactlyThose(CapturedOutput out)
            throws Exception {
        String t = "agree-lexicon";
        // Three paragraphs of 200 words: with segments of at most 250 words, each is a segment of its own.
        String filler = " and the night goes on".repeat(40);
        write(
                "lex/" + t + "-1.md",
                "Doctor Nguyen opens" + filler + ".\n\nThe middle part" + filler + ".\n\nThe last part" + filler
                        + ".\n");
        write("lex/" + t + "-2.md", "A short one where Nguyen says hello" + filler + ".\n");
        write("lex/" + t + "-3.md", "A short one without the name" + filler + ".\n");
        Path lexicon = write("names.csv", "written,spoken\nNguyen,Win\n");
        Path paramsFile = write(
                "lexicon.properties",
                "input=" + dir.resolve("lex") + "\noutput=" + output() + "\ngateway=azure\nlexicon=" + lexicon
                        + "\nconcurrency=1\n");
        String[] args = {"--params=" + paramsFile};
        assertThat(narrate.run(new DefaultApplicationArguments(args))).isEqualTo(ExitCodes.ALL_DONE);

        write("names.csv", "written,spoken\nNguyen,Nwen\n");
        int mark = out.getOut().length();
        check.run(new DefaultApplicationArguments(args));
        String foreseen = out.getOut().substring(mark);
        mark = out.getOut().length();
        int before = SIMULATOR.narrations().size();
        narrate.run(new DefaultApplicationArguments(args));
        String done = out.getOut().substring(mark);
        List<dev.nightcast.simulator.Narration> sent =
                SIMULATOR.narrations().subList(before, SIMULATOR.narrations().size());

        assertThat(List.of(count(CHECK_NARRATE, foreseen), count(CHECK_SKIP, foreseen)))
                .isEqualTo(List.of(count(RUN_NARRATED, done), count(RUN_SKIPPED, done)))
                .isEqualTo(List.of(2, 1));
        Matcher partial = Pattern.compile("(?m)^\\s+(\\d+)\\s+of (\\d+) segments of episodes narrated before")
                .matcher(foreseen);
        assertThat(partial.find()).as("check printed:%n%s", foreseen).isTrue();
        assertThat(List.of(partial.group(1), partial.group(2))).isEqualTo(List.of("1", "3"));
        assertThat(sent)
                .as("the segment of episode 1 holding the name, and episode 2 (one segment)")
                .extracting(dev.nightcast.simulator.Narration::episode, dev.nightcast.simulator.Narration::segment)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(t + "-1", "0"),
                        org.assertj.core.groups.Tuple.tuple(t + "-2", "0"));
    }

    private static int count(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in:%n%s", pattern, text).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
