package dev.nightcast.podcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;

import com.rometools.modules.itunes.EntryInformation;
import com.rometools.modules.itunes.FeedInformation;
import com.rometools.modules.itunes.ITunes;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.nightcast.podcast.CatalogEntry.Status;
import dev.nightcast.script.EpisodeListing;

class PodcastFeedTest {

    @TempDir
    Path dir;

    private final FeedProperties channel = new FeedProperties(
            "https://cdn.example.org/night-show/",
            "Night <Show>",
            "Stories & more, read at night.",
            "Ada Example",
            "de",
            "https://cdn.example.org/cover.jpg",
            "Fiction",
            "Drama",
            "Ada Owner",
            "ada@example.org",
            false,
            false,
            null);

    @Test
    void theFeedIsRssWithTheItunesTagsAFeedParserReads() throws Exception {
        List<CatalogEntry> entries = List.of(
                narrated("older", "The \"older\" one", Instant.parse("2026-03-01T01:00:00Z"), 61_500),
                narrated("newer", "Newer & better", Instant.parse("2026-03-02T01:00:00Z"), 3_725_000),
                new CatalogEntry(
                        "broken",
                        "Broken",
                        Status.FAILED,
                        "in.csv:4",
                        0,
                        null,
                        null,
                        0,
                        null,
                        "HTTP 401",
                        null,
                        null,
                        null,
                        null,
                        null));

        Path file = PodcastFeed.write(dir, entries, channel, Instant.parse("2026-03-02T02:00:00Z"));

        SyndFeed feed = new SyndFeedInput().build(new XmlReader(file.toFile()));
        assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
        assertThat(feed.getTitle()).isEqualTo("Night <Show>");
        assertThat(feed.getDescription()).isEqualTo("Stories & more, read at night.");
        assertThat(feed.getLanguage()).isEqualTo("de");
        assertThat(feed.getLink()).isEqualTo("https://cdn.example.org/night-show/index.html");
        FeedInformation itunes = (FeedInformation) feed.getModule(ITunes.URI);
        assertThat(itunes.getAuthor()).isEqualTo("Ada Example");
        assertThat(itunes.getImageUri()).isEqualTo("https://cdn.example.org/cover.jpg");
        assertThat(itunes.getCategories()).extracting(c -> c.getName()).containsExactly("Fiction");
        assertThat(itunes.getCategories().get(0).getSubcategories())
                .extracting(c -> c.getName())
                .containsExactly("Drama");
        assertThat(itunes.getExplicitNullable()).isFalse();
        assertThat(itunes.getOwnerName()).isEqualTo("Ada Owner");
        assertThat(itunes.getOwnerEmailAddress()).isEqualTo("ada@example.org");

        assertThat(feed.getEntries())
                .extracting(SyndEntry::getTitle)
                .containsExactly("Newer & better", "The \"older\" one");
        SyndEntry newer = feed.getEntries().get(0);
        SyndEnclosure enclosure = newer.getEnclosures().get(0);
        assertThat(enclosure.getUrl()).isEqualTo("https://cdn.example.org/night-show/newer.mp3");
        assertThat(enclosure.getType()).isEqualTo("audio/mpeg");
        assertThat(enclosure.getLength()).isEqualTo(Files.size(dir.resolve("newer.mp3")));
        assertThat(newer.getUri()).isEqualTo("nightcast:newer:newer00000000000");
        assertThat(newer.getPublishedDate().toInstant()).isEqualTo(Instant.parse("2026-03-02T01:00:00Z"));
        EntryInformation item = (EntryInformation) newer.getModule(ITunes.URI);
        assertThat(item.getDuration().getMilliseconds()).isEqualTo(3_725_000);
        assertThat(((EntryInformation) feed.getEntries().get(1).getModule(ITunes.URI))
                        .getDuration()
                        .getMilliseconds())
                .isEqualTo(61_000);
    }

    @Test
    void eachItemLinksItsChaptersAndCaptionsWithThePodcastNamespace() throws Exception {
        Path file = PodcastFeed.write(
                dir, List.of(narrated("ep", "Episode", Instant.EPOCH, 1_000)), channel, Instant.EPOCH);

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document feed = factory.newDocumentBuilder().parse(file.toFile());
        Element chapters = (Element)
                feed.getElementsByTagNameNS(PodcastFeed.PODCAST, "chapters").item(0);
        assertThat(chapters.getAttribute("url")).isEqualTo("https://cdn.example.org/night-show/ep.chapters.json");
        assertThat(chapters.getAttribute("type")).isEqualTo("application/json+chapters");
        assertThat(chapters.getParentNode().getNodeName()).isEqualTo("item");
        Element transcript = (Element)
                feed.getElementsByTagNameNS(PodcastFeed.PODCAST, "transcript").item(0);
        assertThat(transcript.getAttribute("url")).isEqualTo("https://cdn.example.org/night-show/ep.vtt");
        assertThat(transcript.getAttribute("type")).isEqualTo("text/vtt");
        assertThat(transcript.getAttribute("rel")).isEqualTo("captions");
    }

    @Test
    void withoutABaseUrlTheEnclosuresPointAtTheOutputFolder() throws Exception {
        Path file = PodcastFeed.write(
                dir,
                List.of(narrated("local", "Local", Instant.now(), 1_000)),
                FeedProperties.defaults(),
                Instant.now());

        SyndFeed feed = new SyndFeedInput().build(new XmlReader(file.toFile()));
        assertThat(feed.getTitle()).isEqualTo("Nightcast");
        assertThat(feed.getEntries().get(0).getEnclosures().get(0).getUrl())
                .isEqualTo(dir.resolve("local.mp3").toUri().toString());
    }

    @Test
    void titlesAndTranscriptsWithCharactersXmlForbidsStillGiveAWellFormedFeed() throws Exception {
        // given an episode whose title and transcript hold a bell, a vertical tab, a noncharacter and
        // a lone surrogate, and a channel title with an escape character
        CatalogEntry bell = new CatalogEntry(
                "bell",
                "Night\u0007 Shift\u000B \uFFFF\uD800",
                Status.NARRATED,
                "in.csv:2",
                1_000,
                "bell.wav",
                "bell.mp3",
                10,
                "Heard \u0001 this.",
                null,
                Instant.EPOCH,
                "0123456789abcdef",
                null,
                null,
                null,
                new EntryDetails(new EpisodeListing("Heard \u0001 this.", null, null, null), null, null, null, null));
        FeedProperties hostileChannel = new FeedProperties(
                null, "Show \u001B[1m", null, null, null, null, null, null, null, null, false, false, null);

        // when the feed is written
        Path file = PodcastFeed.write(dir, List.of(bell), hostileChannel, Instant.EPOCH);

        // then an XML parser and a feed parser read it, with replacement characters where they were
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        SyndFeed feed = new SyndFeedInput().build(new XmlReader(file.toFile()));
        assertThat(feed.getTitle()).isEqualTo("Show \uFFFD[1m");
        assertThat(feed.getEntries()).singleElement().satisfies(entry -> {
            assertThat(entry.getTitle()).isEqualTo("Night\uFFFD Shift\uFFFD \uFFFD\uFFFD");
            assertThat(entry.getDescription().getValue()).isEqualTo("Heard \uFFFD this.");
        });
    }

    @Test
    void aFeedNightcastDidNotMakeIsNeverReplacedAndItsOwnIs() throws Exception {
        // given someone's feed.xml in the output folder
        Path foreign = Files.writeString(dir.resolve("feed.xml"), "<rss><channel><title>Mine</title></channel></rss>");

        // when a feed is written there, then it is refused naming the file, which stays as it was
        assertThatThrownBy(() -> PodcastFeed.write(dir, List.of(), channel, Instant.EPOCH))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(foreign.toString())
                .hasMessageContaining("not made by Nightcast");
        assertThat(Files.readString(foreign)).isEqualTo("<rss><channel><title>Mine</title></channel></rss>");

        // and once it is gone, Nightcast's own feed is replaced by the next one
        Files.delete(foreign);
        PodcastFeed.write(dir, List.of(), channel, Instant.EPOCH);
        PodcastFeed.write(dir, List.of(narrated("again", "Again", Instant.EPOCH, 1_000)), channel, Instant.EPOCH);
        assertThat(Files.readString(foreign)).contains("again.mp3");
    }

    @Test
    void theChannelCarriesItsPodcastGuidAndEveryItemItsKeptGuidDateDescriptionExplicitImageAndTranscripts()
            throws Exception {
        // given an episode with a kept identity and the script's feed values, and one without either
        CatalogEntry kept = narrated("kept", "Kept", Instant.parse("2026-03-05T01:00:00Z"), 1_000)
                .withDetails(new EntryDetails(
                        new EpisodeListing("What it is about.", null, true, "https://cdn.example.org/k.png"),
                        "nightcast:kept:first-guid",
                        Instant.parse("2026-01-01T06:00:00Z"),
                        null,
                        "kept.txt"));
        CatalogEntry plain = narrated("plain", "Plain", Instant.parse("2026-02-01T01:00:00Z"), 1_000);

        // when the feed is written
        Path file = PodcastFeed.write(dir, List.of(kept, plain), channel, Instant.EPOCH);

        // then a feed parser reads the kept guid and date (which order the items), the description,
        // the explicit flag and the image
        SyndFeed feed = new SyndFeedInput().build(new XmlReader(file.toFile()));
        assertThat(feed.getEntries())
                .extracting(SyndEntry::getUri)
                .containsExactly("nightcast:plain:plain00000000000", "nightcast:kept:first-guid");
        SyndEntry entry = feed.getEntries().get(1);
        assertThat(entry.getPublishedDate().toInstant()).isEqualTo(Instant.parse("2026-01-01T06:00:00Z"));
        assertThat(entry.getDescription().getValue()).isEqualTo("What it is about.");
        EntryInformation itunes = (EntryInformation) entry.getModule(ITunes.URI);
        assertThat(itunes.getExplicitNullable()).isTrue();
        assertThat(itunes.getImageUri()).isEqualTo("https://cdn.example.org/k.png");
        assertThat(((EntryInformation) feed.getEntries().get(0).getModule(ITunes.URI)).getExplicitNullable())
                .isFalse();
        assertThat(feed.getEntries().get(0).getDescription()).isNull();

        // and the podcast namespace: the channel's guid, both transcripts of the episode that has them
        Document xml = namespaceAware(file);
        Element guid = (Element)
                xml.getElementsByTagNameNS(PodcastFeed.PODCAST, "guid").item(0);
        assertThat(guid.getParentNode().getNodeName()).isEqualTo("channel");
        assertThat(guid.getTextContent())
                .isEqualTo(PodcastGuid.of("cdn.example.org/night-show/feed.xml").toString());
        Element keptItem = (Element) xml.getElementsByTagName("item").item(1);
        assertThat(keptItem.getElementsByTagNameNS(PodcastFeed.PODCAST, "transcript"))
                .satisfies(transcripts -> {
                    assertThat(transcripts.getLength()).isEqualTo(2);
                    assertThat(((Element) transcripts.item(1)).getAttribute("url"))
                            .isEqualTo("https://cdn.example.org/night-show/kept.txt");
                    assertThat(((Element) transcripts.item(1)).getAttribute("type"))
                            .isEqualTo("text/plain");
                });
    }

    @Test
    void anEpisodeWhoseReNarrationFailedStaysInTheFeedWithItsPublishedAudio() throws Exception {
        CatalogEntry published = narrated("kept", "Kept", Instant.EPOCH, 1_000);
        CatalogEntry failedAgain = new CatalogEntry(
                "kept",
                "Kept",
                Status.FAILED,
                "in.csv:2",
                1_000,
                "kept.wav",
                "kept.mp3",
                published.mp3Bytes(),
                null,
                "segment 1 failed",
                Instant.EPOCH,
                published.audioSha256());

        Path file = PodcastFeed.write(dir, List.of(failedAgain), channel, Instant.EPOCH);

        assertThat(new SyndFeedInput().build(new XmlReader(file.toFile())).getEntries())
                .extracting(SyndEntry::getUri)
                .containsExactly(published.guid());
    }

    @Test
    void aFeedServedFromNowhereHasNoPodcastGuidAndAConfiguredOneIsKeptWhateverTheUrl() throws Exception {
        Path local = PodcastFeed.write(dir, List.of(), FeedProperties.defaults(), Instant.EPOCH);
        assertThat(namespaceAware(local)
                        .getElementsByTagNameNS(PodcastFeed.PODCAST, "guid")
                        .getLength())
                .isZero();

        FeedProperties moved = new FeedProperties(
                "https://new-host.example.org/show",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                false,
                "917393E3-1B1E-5CEF-ACE4-EDAA54E1F810");
        Path feed = PodcastFeed.write(dir, List.of(), moved, Instant.EPOCH);
        assertThat(namespaceAware(feed)
                        .getElementsByTagNameNS(PodcastFeed.PODCAST, "guid")
                        .item(0)
                        .getTextContent())
                .isEqualTo("917393e3-1b1e-5cef-ace4-edaa54e1f810");
    }

    @Test
    void anyTitleDescriptionOrImageStaysInsideItsElement() throws Exception {
        // given a description that closes a CDATA section and the element, a huge one, a title with markup
        String hostile = "]]> </description><script>x</script> &amp; \u0000\u001F \uD83C end";
        CatalogEntry first = narrated("h1", "</title><title>Forged", Instant.parse("2026-03-01T00:00:00Z"), 1_000)
                .withDetails(new EntryDetails(
                        new EpisodeListing(hostile, null, null, "https://x.example.org/a.png?\"><evil/>"),
                        null,
                        null,
                        null,
                        null));
        String huge = "word ]]> & <".repeat(200_000);
        CatalogEntry second = narrated("h2", "Huge", Instant.parse("2026-03-02T00:00:00Z"), 1_000)
                .withDetails(new EntryDetails(new EpisodeListing(huge, null, null, null), null, null, null, null));

        // when the feed is written
        Path file = PodcastFeed.write(dir, List.of(first, second), channel, Instant.EPOCH);

        // then both a plain XML parser and a feed parser read exactly what was given, made safe
        Document xml = namespaceAware(file);
        assertThat(xml.getElementsByTagName("item").getLength()).isEqualTo(2);
        SyndFeed feed = new SyndFeedInput().build(new XmlReader(file.toFile()));
        assertThat(feed.getEntries()).extracting(SyndEntry::getTitle).containsExactly("Huge", "</title><title>Forged");
        assertThat(feed.getEntries().get(1).getDescription().getValue())
                .isEqualTo("]]> </description><script>x</script> &amp; \uFFFD\uFFFD \uFFFD end");
        assertThat(feed.getEntries().get(0).getDescription().getValue()).isEqualTo(huge);
        assertThat(((EntryInformation) feed.getEntries().get(1).getModule(ITunes.URI)).getImageUri())
                .isEqualTo("https://x.example.org/a.png?\"><evil/>");
    }

    private static Document namespaceAware(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private CatalogEntry narrated(String id, String title, Instant at, long millis) throws Exception {
        Path mp3 = dir.resolve(id + ".mp3");
        Files.write(mp3, new byte[1000 + id.length()]);
        return new CatalogEntry(
                id,
                title,
                Status.NARRATED,
                "in.csv:2",
                millis,
                id + ".wav",
                id + ".mp3",
                Files.size(mp3),
                "Transcript of " + title,
                null,
                at,
                (id + "0000000000000000").substring(0, 16) + "ffff",
                id + ".vtt",
                id + ".chapters.json",
                null);
    }
}
