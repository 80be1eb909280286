package dev.nightcast.podcast;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.jspecify.annotations.Nullable;

import dev.nightcast.publication.ChaptersFile;
import dev.nightcast.publication.MadeByNightcast;
import dev.nightcast.script.EpisodeListing;
import dev.nightcast.text.SafeText;

/**
 * {@code output/feed.xml}: an RSS 2.0 podcast feed with the tags Apple Podcasts requires and the
 * Podcasting 2.0 ones. The channel: title, description, language, {@code itunes:image}, author,
 * {@code itunes:owner}, {@code itunes:explicit}, {@code itunes:category} (with its subcategory) and
 * {@code podcast:guid}. One item per episode with published audio and an MP3 rendition, newest first:
 * enclosure under the configured base URL with its exact length, the guid and date kept from its
 * first publication ({@link dev.nightcast.store.FeedItems}; a re-narrated episode stays the same
 * item), the script's description, explicit flag and image, {@code itunes:duration}, and
 * {@code podcast:chapters} (the JSON chapters) and {@code podcast:transcript} (the WebVTT captions and
 * the plain transcript) where the episode has them.
 *
 * <p>Written by StAX, which escapes markup in text and attributes ({@code <}, {@code &}, {@code ]]>} in
 * text); characters XML forbids become U+FFFD ({@link SafeText#forDocument}), so the feed stays
 * well-formed whatever the input holds.
 */
public final class PodcastFeed {

    static final String FILE_NAME = "feed.xml";
    /** Every feed Nightcast made holds this near its start; a feed.xml without it is never replaced. */
    public static final String MARK = "<generator>Nightcast</generator>";

    static final String ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String PODCAST = "https://podcastindex.org/namespace/1.0";

    private PodcastFeed() {}

    /**
     * Writes the feed atomically and returns its path.
     *
     * @throws MadeByNightcast.ForeignFileException when a feed.xml Nightcast did not make is there
     */
    public static Path write(Path output, List<CatalogEntry> entries, FeedProperties channel, Instant now)
            throws IOException {
        Path feed = output.resolve(FILE_NAME);
        MadeByNightcast.checkReplaceable(feed, MARK);
        Path part = output.resolve("." + FILE_NAME + ".part");
        String base = baseUrl(output, channel);
        try (OutputStream out = Files.newOutputStream(part)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            write(xml, base, entries, channel, now);
            xml.close();
        } catch (XMLStreamException e) {
            Files.deleteIfExists(part);
            throw new IOException("Cannot write " + feed + ": " + e.getMessage(), e);
        }
        Files.move(part, feed, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return feed;
    }

    private static void write(
            XMLStreamWriter xml, String base, List<CatalogEntry> entries, FeedProperties channel, Instant now)
            throws XMLStreamException {
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeStartElement("rss");
        attribute(xml, "version", "2.0");
        xml.writeNamespace("itunes", ITUNES);
        xml.writeNamespace("atom", ATOM);
        xml.writeNamespace("podcast", PODCAST);
        xml.writeStartElement("channel");
        element(xml, "title", channel.title());
        element(xml, "link", base + "/index.html");
        element(xml, "description", channel.description());
        element(xml, "language", channel.language());
        element(xml, "generator", "Nightcast");
        element(xml, "lastBuildDate", rfc822(now));
        xml.writeEmptyElement("atom", "link", ATOM);
        attribute(xml, "href", base + "/" + FILE_NAME);
        attribute(xml, "rel", "self");
        attribute(xml, "type", "application/rss+xml");
        String guid = channelGuid(base, channel);
        if (guid != null) {
            podcast(xml, "guid", guid);
        }
        String image = channel.imageUrl();
        if (image != null) {
            xml.writeStartElement("image");
            element(xml, "url", image);
            element(xml, "title", channel.title());
            element(xml, "link", base + "/index.html");
            xml.writeEndElement();
            xml.writeEmptyElement("itunes", "image", ITUNES);
            attribute(xml, "href", image);
        }
        itunes(xml, "author", channel.author());
        String ownerEmail = channel.ownerEmail();
        if (ownerEmail != null) {
            xml.writeStartElement("itunes", "owner", ITUNES);
            itunes(xml, "name", channel.ownerName());
            itunes(xml, "email", ownerEmail);
            xml.writeEndElement();
        }
        itunes(xml, "summary", channel.description());
        itunes(xml, "explicit", Boolean.toString(channel.explicit()));
        itunes(xml, "type", "episodic");
        xml.writeStartElement("itunes", "category", ITUNES);
        attribute(xml, "text", channel.category());
        String subcategory = channel.subcategory();
        if (subcategory != null) {
            xml.writeEmptyElement("itunes", "category", ITUNES);
            attribute(xml, "text", subcategory);
        }
        xml.writeEndElement();
        for (CatalogEntry entry : items(entries)) {
            item(xml, base, entry, channel, now);
        }
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndDocument();
    }

    /**
     * What the feed lists, newest first: every episode with published audio and its MP3, including one
     * whose latest re-narration failed (its published audio is still there). Newest by the item's date
     * (the script's, else its first publication), so a re-narration does not move an episode to the top.
     */
    static List<CatalogEntry> items(List<CatalogEntry> entries) {
        return entries.stream()
                .filter(entry -> entry.hasAudio() && entry.mp3() != null)
                .sorted(Comparator.comparing(CatalogEntry::published, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(CatalogEntry::episodeId))
                .toList();
    }

    /** The configured guid, else the UUIDv5 of the feed's URL; none for a feed that is not served (file: URLs). */
    static @Nullable String channelGuid(String base, FeedProperties channel) {
        String configured = channel.podcastGuid();
        if (configured != null) {
            return configured.toLowerCase(Locale.ROOT);
        }
        return base.regionMatches(true, 0, "file:", 0, 5)
                ? null
                : PodcastGuid.of(base + "/" + FILE_NAME).toString();
    }

    private static void item(XMLStreamWriter xml, String base, CatalogEntry entry, FeedProperties channel, Instant now)
            throws XMLStreamException {
        EpisodeListing listing = entry.details().listing();
        xml.writeStartElement("item");
        element(xml, "title", entry.title());
        String description = listing.description();
        if (description != null) {
            element(xml, "description", description);
        }
        xml.writeEmptyElement("enclosure");
        attribute(xml, "url", base + "/" + entry.mp3());
        attribute(xml, "length", Long.toString(entry.mp3Bytes()));
        attribute(xml, "type", "audio/mpeg");
        xml.writeStartElement("guid");
        attribute(xml, "isPermaLink", "false");
        characters(xml, entry.guid());
        xml.writeEndElement();
        Instant published = entry.published();
        element(xml, "pubDate", rfc822(published != null ? published : now));
        itunes(xml, "title", entry.title());
        itunes(xml, "duration", ReviewPage.duration(entry.durationMillis()));
        itunes(xml, "episodeType", "full");
        Boolean explicit = listing.explicit();
        itunes(xml, "explicit", Boolean.toString(explicit != null ? explicit : channel.explicit()));
        String image = listing.image();
        if (image != null) {
            xml.writeEmptyElement("itunes", "image", ITUNES);
            attribute(xml, "href", image);
        }
        if (entry.chapters() != null) {
            xml.writeEmptyElement("podcast", "chapters", PODCAST);
            attribute(xml, "url", base + "/" + entry.chapters());
            attribute(xml, "type", ChaptersFile.MEDIA_TYPE);
        }
        if (entry.subtitles() != null) {
            xml.writeEmptyElement("podcast", "transcript", PODCAST);
            attribute(xml, "url", base + "/" + entry.subtitles());
            attribute(xml, "type", "text/vtt");
            attribute(xml, "rel", "captions");
        }
        String transcript = entry.details().transcriptFile();
        if (transcript != null) {
            xml.writeEmptyElement("podcast", "transcript", PODCAST);
            attribute(xml, "url", base + "/" + transcript);
            attribute(xml, "type", "text/plain");
        }
        xml.writeEndElement();
    }

    static String baseUrl(Path output, FeedProperties channel) {
        String base = channel.baseUrl() != null
                ? channel.baseUrl()
                : output.toAbsolutePath().toUri().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String rfc822(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        characters(xml, text == null ? "" : text);
        xml.writeEndElement();
    }

    private static void podcast(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement("podcast", name, PODCAST);
        characters(xml, text);
        xml.writeEndElement();
    }

    private static void itunes(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement("itunes", name, ITUNES);
        characters(xml, text);
        xml.writeEndElement();
    }

    // Every piece of text goes through these two: titles, transcripts and settings may hold
    // characters XML forbids, and one of them would leave the whole feed unreadable.
    private static void characters(XMLStreamWriter xml, String text) throws XMLStreamException {
        xml.writeCharacters(SafeText.forDocument(text));
    }

    private static void attribute(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeAttribute(name, SafeText.forDocument(value));
    }
}
