package dev.nightcast.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.modules.itunes.EntryInformation;
import com.rometools.modules.itunes.ITunes;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.nightcast.budget.PriceTable;
import dev.nightcast.cli.CheckCommand;
import dev.nightcast.cli.StatusCommand;
import dev.nightcast.report.RunReport;
import dev.nightcast.run.ExitCodes;
import dev.nightcast.run.RunResult;
import dev.nightcast.simulator.Fault;
import dev.nightcast.support.HeadlessChromium;
import dev.nightcast.support.Mp3Frames;
import dev.nightcast.support.StrictHtml;
import dev.nightcast.support.WebVttParser;
import dev.nightcast.text.SafeText;

/** What a run leaves for the operator: summary JSON, review page, podcast feed, status and check. */
@ExtendWith(OutputCaptureExtension.class)
class RunOutputsJobTest extends OperatorJobTestBase {

    @Autowired
    CheckCommand check;

    @Autowired
    StatusCommand status;

    @Autowired
    RunReport report;

    private Path mixedInput() throws Exception {
        return write("mixed.csv", """
                episode_id,title,voice,script
                out-1,Refused,,This one meets a locked door.
                out-2,"First <one> & co",,Hello and welcome to the first episode of the night.
                out-3,Second,,"A second episode, a little longer than the first one, about the quiet sea."
                out-4,Bad voice,nova,An unknown voice.
                """);
    }

    @Test
    void aRunWritesItsSummaryAsJsonWithCountsTokensCostAndEveryFailure() throws Exception {
        Path csv = mixedInput();
        // The first response, out-1's, is cut by the content filter.
        SIMULATOR.enqueueFault(Fault.responseIncomplete("content_filter"));

        RunResult result = run(params(csv, "concurrency", "1"));

        JsonNode json = new ObjectMapper()
                .readTree(output().resolve("runs")
                        .resolve(result.execution().getId() + ".json")
                        .toFile());
        assertThat(json.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(json.path("episodes").path("narrated").asLong()).isEqualTo(2);
        assertThat(json.path("episodes").path("skippedAsDone").asLong()).isZero();
        assertThat(json.path("episodes").path("failed").asLong()).isEqualTo(1);
        assertThat(json.path("episodes").path("invalid").asLong()).isEqualTo(1);
        long outputAudio = json.path("tokens").path("outputAudioTokens").asLong();
        long outputText = json.path("tokens").path("outputTextTokens").asLong();
        long inputText = json.path("tokens").path("inputTextTokens").asLong();
        assertThat(outputAudio).isPositive();
        assertThat(outputText).isPositive();
        assertThat(inputText).isPositive();
        // The cost is the reported tokens at the configured prices, nothing else.
        BigDecimal expected = PriceTable.standard()
                .cost("gpt-realtime-mini", result.summary().tokens())
                .usd();
        assertThat(json.path("cost").path("usd").decimalValue()).isEqualByComparingTo(expected);
        assertThat(json.path("cost").path("pricedAs").asText()).isEqualTo("gpt-realtime-mini");
        assertThat(json.path("audioSeconds").asDouble()).isPositive();
        assertThat(json.path("wallTimeSeconds").asDouble()).isPositive();
        assertThat(json.path("slowest")).hasSize(3);
        assertThat(json.path("failures")).hasSize(2);
        assertThat(json.path("failures").get(0).path("episodeId").asText()).isEqualTo("out-1");
        assertThat(json.path("failures").get(0).path("reason").asText()).contains("content_filter");
        assertThat(json.path("failures").get(0).path("kind").asText()).isEqualTo("PERMANENT");
        assertThat(json.path("failures").get(1).path("source").asText()).isEqualTo(csv + ":5");
        assertThat(json.path("failures").get(1).path("reason").asText()).contains("nova");
    }

    @Test
    void theFeedParsesWithAFeedLibraryAndEveryEnclosureIsTheWholeMp3OfItsEpisode() throws Exception {
        run(params(mixedInput(), "concurrency", "2"));

        SyndFeed feed = new SyndFeedInput()
                .build(new XmlReader(output().resolve("feed.xml").toFile()));

        assertThat(feed.getEntries())
                .extracting(SyndEntry::getTitle)
                .containsExactlyInAnyOrder("First <one> & co", "Second", "Refused");
        for (SyndEntry entry : feed.getEntries()) {
            SyndEnclosure enclosure = entry.getEnclosures().get(0);
            String name = enclosure.getUrl().substring(enclosure.getUrl().lastIndexOf('/') + 1);
            Path mp3 = output().resolve(name);
            assertThat(enclosure.getLength()).as(name).isEqualTo(Files.size(mp3));
            assertThat(enclosure.getType()).isEqualTo("audio/mpeg");
            assertThat(enclosure.getUrl()).isEqualTo(output().toUri() + name);
            long wavMillis = (Files.size(output().resolve(name.replace(".mp3", ".wav"))) - 44) * 1000 / 48_000;
            Mp3Frames frames = Mp3Frames.read(mp3);
            assertThat(frames.sampleRate()).isEqualTo(48_000);
            assertThat(frames.seconds() * 1000).as(name).isBetween((double) wavMillis, wavMillis + 200.0);
            long itunesMillis = ((EntryInformation) entry.getModule(ITunes.URI))
                    .getDuration()
                    .getMilliseconds();
            // itunes:duration is in whole seconds.
            assertThat(itunesMillis).isBetween(wavMillis - 999, wavMillis);
            assertThat(entry.getUri()).startsWith("nightcast:" + name.replace(".mp3", "") + ":");
            assertThat(entry.getPublishedDate()).isNotNull();
        }
    }

    private static java.util.Map<String, String> guidsByTitle(SyndFeed feed) {
        java.util.Map<String, String> guids = new java.util.TreeMap<>();
        feed.getEntries()
                .forEach(entry -> guids.put(
                        entry.getTitle(),
                        entry.getUri() + " " + entry.getPublishedDate().toInstant()));
        return guids;
    }

    private SyndFeed readFeed() throws Exception {
        return new SyndFeedInput()
                .build(new XmlReader(output().resolve("feed.xml").toFile()));
    }

    @Test
    void aReNarratedEpisodeKeepsItsGuidAndDateAndTheScriptsFeedValuesNarrateNothingAgain() throws Exception {
        // given two episodes narrated and listed in the feed, one with a date of its own
        Path csv = write("guid.csv", """
                episode_id,title,script,published,description
                gd-1,Dated,The first one speaks of the harbour at night.,2026-01-15,About the harbour.
                gd-2,Undated,The second one speaks of the lighthouse.,,
                """);
        run(params(csv, "concurrency", "1"));
        java.util.Map<String, String> first = guidsByTitle(readFeed());
        String firstSha = (String) value(episodeRow("gd-2"), "wav_sha256");
        assertThat(first).containsKeys("Dated", "Undated");
        assertThat(first.get("Dated")).endsWith("2026-01-15T00:00:00Z");

        // when only the feed values change, nothing is narrated and the feed shows them
        write("guid.csv", """
                episode_id,title,script,published,description,explicit
                gd-1,Dated,The first one speaks of the harbour at night.,2026-01-15,About the harbour at night.,true
                gd-2,Undated,The second one speaks of the lighthouse.,,,
                """);
        RunResult metadataOnly = run(params(csv, "concurrency", "1"));
        assertThat(metadataOnly.summary().narrated()).isZero();
        assertThat(metadataOnly.summary().skipped()).isEqualTo(2);
        SyndEntry dated = readFeed().getEntries().stream()
                .filter(e -> e.getTitle().equals("Dated"))
                .findFirst()
                .orElseThrow();
        assertThat(dated.getDescription().getValue()).isEqualTo("About the harbour at night.");
        assertThat(((EntryInformation) dated.getModule(ITunes.URI)).getExplicitNullable())
                .isTrue();

        // and when the voice and instructions change, every episode is narrated again with new audio (the
        // simulator's tones depend on the voice, not on the instructions)
        RunResult renarrated =
                run(params(csv, "concurrency", "1", "voice", "verse", "instructions", "Slower, with warmth."));
        assertThat(renarrated.summary().narrated()).isEqualTo(2);
        assertThat(value(episodeRow("gd-2"), "wav_sha256")).isNotEqualTo(firstSha);

        // then every item keeps the guid and date of its first publication
        assertThat(guidsByTitle(readFeed())).isEqualTo(first);
        org.w3c.dom.Document xml = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(output().resolve("feed.xml").toFile());
        assertThat(xml.getElementsByTagName("item").getLength()).isEqualTo(2);
    }

    @Test
    void theReviewPageWorksOpenedFromDiskInAHeadlessChromium() throws Exception {
        // The first response, out-1's, is cut by the content filter.
        SIMULATOR.enqueueFault(Fault.responseIncomplete("content_filter"));
        run(params(mixedInput(), "concurrency", "1"));
        Path page = output().resolve("index.html");

        ChromeDriver browser = HeadlessChromium.start(dir.resolve("chromium-profile"));
        try {
            browser.get(page.toUri().toString());

            List<WebElement> episodes = browser.findElements(By.cssSelector("article.episode"));
            assertThat(episodes)
                    .extracting(e -> e.findElement(By.tagName("h2")).getText())
                    .containsExactly("Refused", "out-4", "Second", "First <one> & co");
            assertThat(episodes)
                    .extracting(e -> e.findElement(By.cssSelector(".status")).getText())
                    .containsExactly("failed", "invalid", "narrated", "narrated");
            assertThat(episodes.get(0).findElement(By.cssSelector(".reason")).getText())
                    .contains("content_filter");
            assertThat(episodes.get(1).findElement(By.cssSelector(".reason")).getText())
                    .contains("nova");
            assertThat(browser.findElements(By.cssSelector(".banner"))).isEmpty();

            WebElement details = episodes.get(2).findElement(By.tagName("details"));
            WebElement transcript = details.findElement(By.tagName("p"));
            assertThat(transcript.isDisplayed()).isFalse();
            details.findElement(By.tagName("summary")).click();
            assertThat(transcript.getText()).contains("about the quiet sea");

            JavascriptExecutor js = browser;
            Double duration = new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> {
                Object value = js.executeScript(
                        "const a = document.querySelector('article.narrated audio'); return a ? a.duration : null;");
                return value instanceof Number n && n.doubleValue() > 0 ? n.doubleValue() : null;
            });
            assertThat(duration).isGreaterThan(1.0);
            assertThat((String) js.executeScript("return document.querySelector('article.narrated audio').currentSrc"))
                    .endsWith(".mp3");
            assertThat((String) js.executeScript("const t = document.querySelector('article.narrated audio track');"
                            + " return t.kind + ' ' + t.src"))
                    .matches("captions file:.*/out-\\d\\.vtt");

            List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                    .toList();
            assertThat(errors).isEmpty();
        } finally {
            browser.quit();
        }
    }

    @Test
    void aRunStoppedAtItsBudgetShowsWhyAboveEveryEpisodeAndEachEpisodeItsDateCostAndFilesInAHeadlessChromium()
            throws Exception {
        // given a budget of two and a half short episodes, and a long one between two short ones
        java.math.BigDecimal one = run(params(write(
                        "page-calibrate.csv",
                        "episode_id,script\n" + "pg-0,\""
                                + "The harbour sleeps while the night boats come home one by one. ".repeat(4)
                                + "\"\n")))
                .summary()
                .cost()
                .usd();
        String shortText = "The harbour sleeps while the night boats come home one by one. ".repeat(4);
        Path csv = write(
                "page.csv",
                "episode_id,title,script\npg-1,Short one,\"" + shortText + "\"\n" + "pg-2,Long one,\""
                        + shortText.repeat(8) + "\"\npg-3,Short two,\"" + shortText + "\"\n");
        RunResult result = run(params(
                csv,
                "concurrency",
                "1",
                "max-cost",
                one.multiply(new java.math.BigDecimal("2.5")).toPlainString()));
        assertThat(result.exitCode()).isEqualTo(ExitCodes.STOPPED_AT_LIMIT);

        ChromeDriver browser = HeadlessChromium.start(dir.resolve("chromium-profile-budget"));
        try {
            browser.get(output().resolve("index.html").toUri().toString());

            // then the banner says the run stopped early and what it left
            WebElement banner = browser.findElement(By.cssSelector(".banner"));
            assertThat(banner.getText())
                    .startsWith("The last run stopped early.")
                    .contains("Execution " + result.execution().getId() + " (STOPPED")
                    .contains("left 1 episode that would pass it: pg-2 (about $");
            List<WebElement> episodes = browser.findElements(By.cssSelector("article.episode"));
            assertThat(episodes)
                    .extracting(e -> e.findElement(By.tagName("h2")).getText())
                    .containsExactly("Short two", "Short one", "Long one");
            // and every narrated episode its date, length, cost, loudness and files to download
            for (WebElement episode : episodes.subList(0, 2)) {
                assertThat(episode.findElement(By.cssSelector(".date")).getText())
                        .matches("\\d{4}-\\d{2}-\\d{2}");
                assertThat(episode.findElement(By.cssSelector(".duration")).getText())
                        .matches("\\d+:\\d{2}");
                assertThat(episode.findElement(By.cssSelector(".cost")).getText())
                        .matches("\\$0\\.\\d{4}");
                assertThat(episode.findElement(By.cssSelector(".loudness")).getText())
                        .contains("LUFS");
                List<WebElement> links = episode.findElements(By.cssSelector(".downloads a"));
                assertThat(links)
                        .extracting(WebElement::getText)
                        .containsExactly("MP3", "WAV", "Transcript", "Captions (WebVTT)", "Chapters (JSON)");
                for (WebElement link : links) {
                    assertThat(Path.of(java.net.URI.create(link.getDomProperty("href"))))
                            .isRegularFile();
                }
            }
            assertThat(episodes.get(2).findElements(By.cssSelector(".downloads")))
                    .isEmpty();
        } finally {
            browser.quit();
        }
    }

    /** A folder of scripts an author made with a bell, a vertical tab, an arrow and a line-forging file name. */
    private Path hostileInput() throws Exception {
        write(
                "hostile/episodes.csv",
                "episode_id,title,script\n"
                        + "bell-1,\"Night\u0007 Shift\u000B\",\"It rang.\u0007 Then --> the arrow came.\n\n\nAnd the end.\"\n");
        write("hostile/" + FORGING_NAME + ".md", "Text of a file whose name forges a log line.\n");
        // YAML escapes can give what no UTF-8 file holds: a lone surrogate.
        write("hostile/yaml-1.md", "---\ntitle: \"Bell \\a and a lone \\uD800 half\"\n---\nA calm night.\n");
        return dir.resolve("hostile");
    }

    private static final String FORGING_NAME =
            "evil\nFORGED 12:00:00.000 INFO  [main] NarrateCommand - Run finished" + " with exit code 0\n";

    @Test
    void charactersXmlForbidsInTheInputLeaveFeedPageSubtitlesAndSummaryWellFormed() throws Exception {
        // given scripts whose titles and text hold a bell, a vertical tab and an arrow, and an invalid
        // entry whose id and file name hold line breaks
        Path input = hostileInput();

        // when they are narrated
        RunResult result = run(params(input, "concurrency", "1"));

        // then the feed, the page, the subtitles and the JSON summary each parse with a strict reader
        assertThat(result.summary().narrated()).isEqualTo(2);
        Path feedFile = output().resolve("feed.xml");
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(feedFile.toFile());
        SyndFeed feed = new SyndFeedInput().build(new XmlReader(feedFile.toFile()));
        assertThat(feed.getEntries())
                .extracting(SyndEntry::getTitle)
                .containsExactlyInAnyOrder("Night\uFFFD Shift", "Bell \uFFFD and a lone \uFFFD half");
        assertThat(StrictHtml.parseErrors(Files.readString(output().resolve("index.html"))))
                .isEmpty();
        String subtitles = Files.readString(output().resolve("bell-1.vtt"));
        assertThat(WebVttParser.parse(subtitles))
                .extracting(WebVttParser.Cue::text)
                .containsExactly("It rang.\uFFFD Then --> the arrow came.", "And the end.");
        JsonNode summary = new ObjectMapper()
                .readTree(output().resolve("runs")
                        .resolve(result.execution().getId() + ".json")
                        .toFile());
        assertThat(summary.path("failures"))
                .singleElement()
                .satisfies(
                        failure -> assertThat(failure.path("source").asText()).contains(FORGING_NAME));
        assertThat(textValues(summary))
                .allSatisfy(text -> assertThat(SafeText.forDocument(text)).isEqualTo(text));
    }

    @Test
    void aFileNameWithLineBreaksForgesNoLineInTheLogTheProgressOrTheSummary(CapturedOutput out) throws Exception {
        // given an input file whose name holds a fake "Run finished with exit code 0" log line
        Path input = hostileInput();

        // when it is narrated and the summary printed, as the narrate command does
        RunResult result = run(params(input, "concurrency", "1"));
        System.out.print(report.render(result.summary()));

        // then the name shows with escaped line breaks, and no line starts with the forged text
        assertThat(out.getAll()).contains("evil\\nFORGED 12:00:00.000 INFO");
        assertThat(out.getAll().lines()).noneMatch(line -> line.startsWith("FORGED"));
    }

    @Test
    void anExceptionMessageQuotingTheInputForgesNoLineInTheLog(CapturedOutput out) {
        // given an error whose message quotes a title with a forged log line, as a database error does
        IllegalStateException error = new IllegalStateException(
                "value too long: '" + FORGING_NAME + "'", new IllegalArgumentException("caused by " + FORGING_NAME));

        // when it is logged with its stack trace
        LoggerFactory.getLogger(RunOutputsJobTest.class).error("Publishing failed", error);

        // then the trace is there, and its messages stay on their lines
        assertThat(out.getAll())
                .contains("java.lang.IllegalStateException: value too long: 'evil\\nFORGED")
                .contains("Caused by: java.lang.IllegalArgumentException: caused by evil\\nFORGED")
                .contains("\tat dev.nightcast.job.RunOutputsJobTest");
        assertThat(out.getAll().lines()).noneMatch(line -> line.startsWith("FORGED"));
    }

    private static List<String> textValues(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isTextual()) {
            texts.add(node.asText());
        }
        node.elements().forEachRemaining(child -> texts.addAll(textValues(child)));
        return texts;
    }

    @Test
    void statusListsRecentRunsEachWithWhatItDid(CapturedOutput out) throws Exception {
        Path csv = write("status.csv", "episode_id,script\nst-1,One.\nst-2,Two.\n");
        RunResult first = run(params(csv));
        write("status.csv", "episode_id,script\nst-1,One changed.\nst-2,Two.\n");
        RunResult second = run(params(csv));

        int code = status.run(new DefaultApplicationArguments("status", "--limit=2"));

        assertThat(code).isEqualTo(ExitCodes.ALL_DONE);
        String text = out.getOut().substring(out.getOut().lastIndexOf("exec"));
        assertThat(text.lines().skip(1).limit(2))
                .satisfiesExactly(
                        line -> assertThat(line.split("\\s+"))
                                .startsWith(String.valueOf(second.execution().getId()))
                                .contains("COMPLETED")
                                .containsSequence("1", "1", "0", "0"),
                        line -> assertThat(line.split("\\s+"))
                                .startsWith(String.valueOf(first.execution().getId()))
                                .contains("COMPLETED")
                                .containsSequence("2", "0", "0", "0"));
    }

    @Test
    void checkShowsWhatARunWouldDoWithoutContactingTheGateway(CapturedOutput out) throws Exception {
        Path csv = write(
                "check.csv",
                "episode_id,voice,script\nck-1,,Already narrated once.\n" + "ck-2,,\"" + "word ".repeat(300)
                        + "\"\nck-3,nova,Unknown voice.\n");
        run(params(write("first.csv", "episode_id,script\nck-1,Already narrated once.\n")));
        int connections = SIMULATOR.connections();
        Path paramsFile = write(
                "check.properties",
                "input=" + csv + "\noutput=" + output() + "\ngateway=azure\n" + "max-cost=0.0001\nfinish-by=06:30\n");

        int code = check.run(new DefaultApplicationArguments("check", "--params=" + paramsFile));

        assertThat(code).isEqualTo(ExitCodes.SOME_EPISODES_FAILED);
        assertThat(SIMULATOR.connections()).isEqualTo(connections);
        assertThat(out.getOut())
                .contains("narrate       1   episodes: about 2:00 min of audio")
                .contains("at gpt-realtime-mini prices")
                .contains("skip          1   already narrated")
                .contains("invalid       1")
                .contains("! ck-3 (" + csv + ":4): unknown voice 'nova'")
                .contains("max-cost  $0.0001: about 0 of 1 episodes fit")
                .contains("finish-by 06:30: no episode would start after")
                .contains("The feed would lack (errors with nightcast.feed.strict=true):")
                .contains("! the feed has no cover art (itunes:image)")
                .contains("note: 2 episodes have no description");
        assertThat(output().resolve("ck-2.wav")).doesNotExist();
    }
}
