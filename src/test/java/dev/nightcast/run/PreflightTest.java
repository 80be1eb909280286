package dev.nightcast.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.nightcast.budget.PriceTable;
import dev.nightcast.gateway.GatewayProperties;
import dev.nightcast.gateway.RealtimeGatewayFactory;
import dev.nightcast.gateway.RunGateways;
import dev.nightcast.input.InputProperties;
import dev.nightcast.job.UsageException;
import dev.nightcast.podcast.FeedProperties;

class PreflightTest {

    @TempDir
    Path dir;

    /** No endpoint, no key: what a fresh machine without the AZURE_OPENAI_* variables has. */
    private final RealtimeGatewayFactory unconfigured =
            new RealtimeGatewayFactory(new GatewayProperties(null, null, null, null));

    private final Preflight preflight = new Preflight(new RunGateways(unconfigured), PriceTable.standard());

    @AfterEach
    void close() {
        unconfigured.close();
    }

    @Test
    void everyConfigurationProblemIsReportedAtOnceNamingTheKeyAndTheExpectedForm() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");

        assertThatThrownBy(() -> preflight.check(Map.of(
                        "input",
                        dir.resolve("missing.csv").toString(),
                        "output",
                        file.resolve("out").toString(),
                        "gateway",
                        "azure",
                        "concurrency",
                        "0",
                        "max-cost",
                        "five",
                        "colour",
                        "blue")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("Cannot start; 6 problems:")
                .hasMessageContaining("unknown key 'colour'")
                .hasMessageContaining("'concurrency' must be a whole number from 1 to 64; was '0'")
                .hasMessageContaining("'max-cost' must be a positive amount in USD")
                .hasMessageContaining("gateway=azure: AZURE_OPENAI_ENDPOINT is not set "
                        + "(nightcast.gateway.azure.endpoint); expected the resource base URL")
                .hasMessageContaining("'output' " + file.resolve("out") + ": " + file + " is a file, not a folder")
                .hasMessageContaining("'input': ")
                .hasMessageContaining("missing.csv");
    }

    @Test
    void badLexiconsOfTheRunAndOfTheScriptsAreConfigurationErrorsWithFileAndLineBeforeAnything() throws Exception {
        Files.createDirectories(dir.resolve("in/lexicons"));
        Files.writeString(dir.resolve("in/a.md"), "---\nlexicon: lexicons/own.pls\n---\nHello Nguyen.\n");
        Files.writeString(dir.resolve("in/b.md"), "---\nlexicon: ../outside.csv\n---\nHello again.\n");
        Files.writeString(dir.resolve("outside.csv"), "Nguyen,Win\n");
        Files.writeString(dir.resolve("in/lexicons/own.pls"), """
                <lexicon version="1.0" xmlns="http://www.w3.org/2005/01/pronunciation-lexicon" xml:lang="en-US">
                  <lexeme><grapheme>tomato</grapheme><phoneme>təˈmɑːtoʊ</phoneme></lexeme>
                </lexicon>
                """);
        Path run = Files.writeString(dir.resolve("run.csv"), "written,spoken\nNguyen,Win\nNguyen,Nwen\nGhent,Ghent\n");
        Path notPls = Files.writeString(dir.resolve("notes.pls"), "just some notes\n");

        Throwable refused = catchThrowable(() -> preflight.check(Map.of(
                "input",
                dir.resolve("in").toString(),
                "output",
                dir.resolve("out").toString(),
                "gateway",
                "simulator",
                "lexicon",
                run + ", " + notPls + ", " + dir.resolve("gone.csv"))));

        assertThat(refused).isInstanceOf(UsageException.class).hasMessageStartingWith("Cannot start; 6 problems:");
        assertThat(refused.getMessage())
                .contains(
                        "lexicon " + run + ":3: duplicate grapheme 'Nguyen' (first at " + run + ":2)",
                        "lexicon " + run + ":4: the alias 'Ghent' contains its own grapheme 'Ghent'",
                        "lexicon " + notPls + ":1: not a PLS lexicon: the XML is not well-formed",
                        "lexicon " + dir.resolve("gone.csv") + ":1: lexicon does not exist",
                        "lexicon " + dir.resolve("in/lexicons/own.pls")
                                + ":2: 'tomato' has only a <phoneme>, which is not" + " supported",
                        "lexicon " + dir.resolve("in/../outside.csv") + ":1: lexicon leads outside the input");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aValidConfigurationGivesTheRunsEntriesAndModelWithoutCreatingAnything() throws Exception {
        Path csv = Files.writeString(dir.resolve("in.csv"), "episode_id,script\na,Hello there.\n");
        Path output = dir.resolve("new/output");

        Preflight.Plan plan = preflight.check(
                Map.of("input", csv.toString(), "output", output.toString(), "gateway", "simulator", "max-cost", "2"));

        assertThat(plan.entries()).hasSize(1);
        assertThat(plan.model()).isEqualTo("simulator/gpt-realtime-mini");
        assertThat(plan.params().limits().maxCost()).isEqualByComparingTo("2");
        assertThat(dir.resolve("new")).doesNotExist();
    }

    @Test
    void feedSettingsDirectoriesWouldRefuseAreProblemsAndWhatTheFeedLacksIsAWarningUnlessStrict() throws Exception {
        Path csv = Files.writeString(dir.resolve("in.csv"), "episode_id,script\na,Hello there.\n");
        Map<String, String> params =
                Map.of("input", csv.toString(), "output", dir.resolve("out").toString(), "gateway", "simulator");
        RunGateways gateways = new RunGateways(unconfigured);

        // a category Apple does not list and a language that is no tag: refused whatever else
        FeedProperties wrong = new FeedProperties(
                null, null, null, null, "en_US!", null, "Podcasts", null, null, null, false, false, null);
        assertThatThrownBy(() ->
                        new Preflight(gateways, PriceTable.standard(), InputProperties.DEFAULTS, wrong).check(params))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("Cannot start; 2 problems:")
                .hasMessageContaining("nightcast.feed.category 'Podcasts' is not an Apple Podcasts category")
                .hasMessageContaining("nightcast.feed.language 'en_US!' is not a language tag");

        // no cover art, no base URL, no owner: warnings
        Preflight.Plan plan = new Preflight(
                        gateways, PriceTable.standard(), InputProperties.DEFAULTS, FeedProperties.defaults())
                .check(params);
        assertThat(plan.warnings())
                .hasSize(3)
                .anySatisfy(w -> assertThat(w).contains("file: URLs"))
                .anySatisfy(w -> assertThat(w).contains("no cover art"));

        // and errors with nightcast.feed.strict=true
        FeedProperties strict =
                new FeedProperties(null, null, null, null, null, null, null, null, null, null, false, true, null);
        assertThatThrownBy(() ->
                        new Preflight(gateways, PriceTable.standard(), InputProperties.DEFAULTS, strict).check(params))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("Cannot start; 3 problems:")
                .hasMessageContaining("no cover art (itunes:image), which Apple Podcasts requires")
                .hasMessageContaining("(nightcast.feed.strict=true)");
    }

    @Test
    void maxCostNeedsAPriceForTheModel() throws Exception {
        Path csv = Files.writeString(dir.resolve("in.csv"), "episode_id,script\na,Hello there.\n");
        RealtimeGatewayFactory custom = new RealtimeGatewayFactory(new GatewayProperties(
                new GatewayProperties.Azure("https://res.openai.azure.com", "narrator-prod", "key", null),
                null,
                null,
                null));
        try {
            Preflight withCustomDeployment = new Preflight(new RunGateways(custom), PriceTable.standard());

            assertThatThrownBy(() -> withCustomDeployment.check(Map.of(
                            "input",
                            csv.toString(),
                            "gateway",
                            "azure",
                            "max-cost",
                            "2",
                            "output",
                            dir.resolve("out").toString())))
                    .hasMessageContaining("'max-cost' needs a price for model 'narrator-prod': set "
                            + "nightcast.pricing.models.narrator-prod.input-text");
        } finally {
            custom.close();
        }
    }

    @Test
    void anOutputFolderThatIsTheInputOrAroundItOrWhereAPatternSearchesIsRefusedNamingBothFolders() throws Exception {
        // given an input folder with a CSV and the story.txt one of its rows reads, and a link to it
        Path show = Files.createDirectories(dir.resolve("show"));
        Files.writeString(show.resolve("episodes.csv"), "episode_id,script_file\nstory,story.txt\n");
        Files.writeString(show.resolve("story.txt"), "Once upon a time.");
        Path link = Files.createSymbolicLink(dir.resolve("link"), show);
        Path realShow = show.toRealPath();

        // when the output is the input folder, the same through a link, around it, or where a pattern looks
        // then each is refused, naming the output and the input folder
        assertThat(refusal(show.toString(), show)).contains("'output' " + show + " is the input folder " + realShow);
        assertThat(refusal(show.toString(), link)).contains("'output' " + link + " is the input folder " + realShow);
        assertThat(refusal(link.toString(), show)).contains("'output' " + show + " is the input folder " + realShow);
        assertThat(refusal(show.toString(), dir))
                .contains("'output' " + dir + " contains the input folder " + realShow);
        assertThat(refusal(show + "/**/*.csv", show.resolve("out/audio")))
                .contains("'output' "
                        + show.resolve("out/audio") + " is inside the base folder " + realShow
                        + " of the input pattern '"
                        + show + "/**/*.csv', where the pattern looks for scripts");
        assertThat(refusal(link + "/*/*.csv", show.resolve("out"))).contains("is inside the base folder " + realShow);
        assertThat(show.resolve("out")).doesNotExist();
    }

    @Test
    void anOutputFolderInsideAnInputFolderWhereNoScriptIsLookedForIsAccepted() throws Exception {
        // given an input folder (only the files directly in it are read) and a one-level pattern
        Path show = Files.createDirectories(dir.resolve("show"));
        Files.writeString(show.resolve("episodes.csv"), "episode_id,script\nep,Hello.\n");

        // when the output is a folder inside it, then both inputs are accepted
        for (String input : List.of(show.toString(), show + "/*.csv")) {
            assertThat(preflight
                            .check(Map.of(
                                    "input",
                                    input,
                                    "output",
                                    show.resolve("audio").toString(),
                                    "gateway",
                                    "simulator"))
                            .entries())
                    .as(input)
                    .hasSize(1);
        }
    }

    @Test
    void anOutputFolderHoldingAFileTheInputReadsIsRefused() throws Exception {
        // given a single CSV whose row reads a markdown file in a subfolder
        Path solo = Files.createDirectories(dir.resolve("solo/texts"));
        Path csv = Files.writeString(dir.resolve("solo/list.csv"), "episode_id,script_file\nep,texts/ep.md\n");
        Files.writeString(solo.resolve("ep.md"), "# Ep\n\nText.\n");

        // when the output is the CSV's own folder, or the folder of the markdown file
        // then both are refused, naming the file the output would hold
        assertThat(refusal(csv.toString(), dir.resolve("solo")))
                .contains("'output' " + dir.resolve("solo") + " holds the input file " + csv.toRealPath());
        assertThat(refusal(csv.toString(), solo))
                .contains("'output' " + solo + " holds the input file "
                        + solo.resolve("ep.md").toRealPath());
        // and an output folder beside the CSV, holding none of the input, is fine
        assertThat(preflight
                        .check(Map.of(
                                "input",
                                csv.toString(),
                                "output",
                                dir.resolve("solo/output").toString(),
                                "gateway",
                                "simulator"))
                        .entries())
                .hasSize(1);
    }

    @Test
    void anOutputFolderHoldingAPageOrFeedNightcastDidNotMakeIsRefused() throws Exception {
        // given an input, and an output folder that is someone's web site
        Path csv = Files.writeString(dir.resolve("in.csv"), "episode_id,script\na,Hello there.\n");
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<!DOCTYPE html><title>My site</title>");
        Files.writeString(site.resolve("feed.xml"), "<rss><channel><title>My blog</title></channel></rss>");

        // when a run would write there, then both files are named and nothing is touched
        assertThat(refusal(csv.toString(), site))
                .contains(site.resolve("index.html") + " was not made by Nightcast")
                .contains(site.resolve("feed.xml") + " was not made by Nightcast");
        assertThat(Files.readString(site.resolve("index.html"))).isEqualTo("<!DOCTYPE html><title>My site</title>");
    }

    private String refusal(String input, Path output) {
        Throwable thrown = catchThrowable(
                () -> preflight.check(Map.of("input", input, "output", output.toString(), "gateway", "simulator")));
        assertThat(thrown).as("output %s with input %s", output, input).isInstanceOf(UsageException.class);
        return thrown.getMessage();
    }
}
