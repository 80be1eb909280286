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
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.jspecify.annotations.Nullable;

import dev.nightcast.publication.ChaptersFile;
import dev.nightcast.publication.MadeByNightcast;
import dev.nightcast.text.SafeText;

/**
 * {@code output/feed.xml}: an RSS 2.0 podcast feed with the iTunes tags podcast apps read. One item
 * per narrated episode with an MP3 rendition, newest first: enclosure under the configured base URL
 * with its exact length, a guid naming this version of the audio (a re-narrated episode is a new
 * item), the publication date, {@code itunes:duration}, and the Podcasting 2.0 {@code podcast:chapters}
 * (the JSON chapters) and {@code podcast:transcript} (the WebVTT captions) where the episode has
 * them. Characters XML forbids become U+FFFD
 * ({@link SafeText#forDocument}), so the feed stays well-formed whatever the input holds.
 */
public final class PodcastFeed {

    static final String FILE_NAME = "feed.xml";
    /** Every feed Nightcast made holds this near its start; a feed.xml without it is never replaced. */
    public static final String MARK = "<generator>Nightcast</generator>";
    static final String ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String PODCAST = "https://podcastindex.org/namespace/1.0";
    private static final int DESCRIPTION_CHARS = 400;

    private PodcastFeed() {
    }

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

    private static void write(XMLStreamWriter xml, String base, List<CatalogEntry> entries, FeedProperties channel,
            Instant now) throws XMLStreamException {
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
        if (channel.imageUrl() != null) {
            xml.writeStartElement("image");
            element(xml, "url", channel.imageUrl());
            element(xml, "title", channel.title());
            element(xml, "link", base + "/index.html");
            xml.writeEndElement();
            xml.writeEmptyElement("itunes", "image", ITUNES);
            attribute(xml, "href", channel.imageUrl());
        }
        itunes(xml, "author", channel.author());
        itunes(xml, "summary", channel.description());
        itunes(xml, "explicit", "false");
        itunes(xml, "type", "episodic");
        xml.writeEmptyElement("itunes", "category", ITUNES);
        attribute(xml, "text", channel.category());
        List<CatalogEntry> items = entries.stream()
                .filter(entry -> entry.status() == CatalogEntry.Status.NARRATED && entry.mp3() != null)
                .sorted(Comparator.comparing(CatalogEntry::narratedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(CatalogEntry::episodeId))
                .toList();
        for (CatalogEntry entry : items) {
            item(xml, base, entry, now);
        }
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndDocument();
    }

    private static void item(XMLStreamWriter xml, String base, CatalogEntry entry, Instant now)
            throws XMLStreamException {
        xml.writeStartElement("item");
        element(xml, "title", entry.title());
        element(xml, "description", excerpt(entry.transcript()));
        xml.writeEmptyElement("enclosure");
        attribute(xml, "url", base + "/" + entry.mp3());
        attribute(xml, "length", Long.toString(entry.mp3Bytes()));
        attribute(xml, "type", "audio/mpeg");
        xml.writeStartElement("guid");
        attribute(xml, "isPermaLink", "false");
        characters(xml, "nightcast:" + entry.episodeId() + ":"
                + (entry.audioSha256() == null ? "" : entry.audioSha256().substring(0, 16)));
        xml.writeEndElement();
        element(xml, "pubDate", rfc822(entry.narratedAt() != null ? entry.narratedAt() : now));
        itunes(xml, "title", entry.title());
        itunes(xml, "duration", ReviewPage.duration(entry.durationMillis()));
        itunes(xml, "episodeType", "full");
        itunes(xml, "explicit", "false");
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
        xml.writeEndElement();
    }

    static String baseUrl(Path output, FeedProperties channel) {
        String base = channel.baseUrl() != null ? channel.baseUrl() : output.toAbsolutePath().toUri().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String excerpt(@Nullable String transcript) {
        if (transcript == null) {
            return "";
        }
        String flat = transcript.strip().replaceAll("\\s+", " ");
        if (flat.length() <= DESCRIPTION_CHARS) {
            return flat;
        }
        int cut = DESCRIPTION_CHARS - 1;
        // Never between the two halves of a character outside the BMP (an emoji, say).
        return flat.substring(0, Character.isLowSurrogate(flat.charAt(cut)) ? cut - 1 : cut) + "…";
    }

    private static String rfc822(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        characters(xml, text == null ? "" : text);
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
