package dev.nightcast.podcast;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.nightcast.text.SafeText;

/**
 * The ID3v2.3 tag at the start of an MP3 rendition (id3.org, "ID3 tag version 2.3.0", and the
 * "ID3v2 Chapter Frame Addendum" 1.0): a {@code TXXX} frame first that names the rendition (read back
 * to tell whether the MP3 is current), then title ({@code TIT2}), show ({@code TALB}), author
 * ({@code TPE1}), genre {@code Podcast}, date ({@code TYER}, {@code TDAT}, {@code TIME}, UTC), the
 * cover art ({@code APIC}), one {@code CHAP} frame per chapter with its title, and a {@code CTOC}
 * listing them in order. Version 2.3 because every player reads it (Windows and older Apple
 * software never learnt 2.4); text is ISO-8859-1 when it can be, else UTF-16 with a byte order mark.
 *
 * <p>Written by hand: the frames are few and simple, and the Java libraries on Maven Central are
 * not kept up (mp3agic's last release is from 2017, with chapter frames it cannot give titles to)
 * or much larger than this (jaudiotagger).
 */
final class Id3Tag {

    /** The {@code TXXX} description of the frame that names the rendition. */
    static final String RENDITION = "NIGHTCAST_RENDITION";

    private static final int HEADER_BYTES = 10;
    private static final long NO_OFFSET = 0xFFFFFFFFL;

    private Id3Tag() {}

    /** A chapter as it goes into the tag. */
    record Chapter(long startMillis, long endMillis, String title) {}

    /** The whole tag, header included; a table of contents lists at most 255 chapters, so no more are written. */
    static byte[] of(String rendition, Mp3Tags tags, List<Chapter> chapters) {
        ByteArrayOutputStream frames = new ByteArrayOutputStream(4096);
        frames.writeBytes(userText(RENDITION, rendition));
        frames.writeBytes(text("TIT2", tags.title()));
        frames.writeBytes(text("TALB", tags.show()));
        frames.writeBytes(text("TPE1", tags.author()));
        frames.writeBytes(text("TCON", "Podcast"));
        if (tags.date() != null) {
            ZonedDateTime utc = tags.date().atZone(ZoneOffset.UTC);
            frames.writeBytes(text("TYER", String.format(Locale.ROOT, "%04d", utc.getYear())));
            frames.writeBytes(
                    text("TDAT", String.format(Locale.ROOT, "%02d%02d", utc.getDayOfMonth(), utc.getMonthValue())));
            frames.writeBytes(text("TIME", String.format(Locale.ROOT, "%02d%02d", utc.getHour(), utc.getMinute())));
        }
        if (tags.cover() != null) {
            frames.writeBytes(picture(tags.cover()));
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < Math.min(chapters.size(), 255); i++) {
            ids.add("chp" + i);
            frames.writeBytes(chapter(ids.get(i), chapters.get(i)));
        }
        if (!ids.isEmpty()) {
            frames.writeBytes(tableOfContents(ids));
        }
        byte[] body = frames.toByteArray();
        ByteArrayOutputStream tag = new ByteArrayOutputStream(HEADER_BYTES + body.length);
        tag.writeBytes(new byte[] {'I', 'D', '3', 3, 0, 0});
        tag.writeBytes(synchsafe(body.length));
        tag.writeBytes(body);
        return tag.toByteArray();
    }

    /**
     * The rendition named in an MP3's tag, if it starts with a tag of this kind whose first frame
     * names one; reads only that far.
     */
    static Optional<String> renditionOf(Path mp3) throws IOException {
        try (InputStream in = Files.newInputStream(mp3)) {
            byte[] header = in.readNBytes(HEADER_BYTES * 2);
            if (header.length < HEADER_BYTES * 2
                    || header[0] != 'I'
                    || header[1] != 'D'
                    || header[2] != '3'
                    || header[3] != 3
                    || !"TXXX".equals(new String(header, 10, 4, StandardCharsets.ISO_8859_1))) {
                return Optional.empty();
            }
            int size = (header[14] & 0xff) << 24
                    | (header[15] & 0xff) << 16
                    | (header[16] & 0xff) << 8
                    | header[17] & 0xff;
            if (size <= 1 || size > 4096) {
                return Optional.empty();
            }
            byte[] frame = in.readNBytes(size);
            if (frame.length != size || frame[0] != 0) {
                return Optional.empty();
            }
            String content = new String(frame, 1, size - 1, StandardCharsets.ISO_8859_1);
            String prefix = RENDITION + "\0";
            return content.startsWith(prefix) ? Optional.of(content.substring(prefix.length())) : Optional.empty();
        }
    }

    /** A text frame: no lone surrogate and no control character gets into a tag. */
    private static byte[] text(String id, @Nullable String value) {
        String safe = SafeText.forDocument(value == null ? "" : value);
        boolean latin1 = StandardCharsets.ISO_8859_1.newEncoder().canEncode(safe);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(latin1 ? 0 : 1);
        // UTF-16 as Java writes it: a byte order mark, then big-endian; each string ends with a terminator.
        body.writeBytes(safe.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_16));
        body.writeBytes(new byte[latin1 ? 1 : 2]);
        return frame(id, body.toByteArray());
    }

    /** A {@code TXXX} frame; the description and value are ASCII here. */
    private static byte[] userText(String description, String value) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0);
        body.writeBytes(description.getBytes(StandardCharsets.ISO_8859_1));
        body.write(0);
        body.writeBytes(value.getBytes(StandardCharsets.ISO_8859_1));
        return frame("TXXX", body.toByteArray());
    }

    private static byte[] picture(CoverArt cover) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(cover.image().length + 32);
        body.write(0);
        body.writeBytes(cover.mimeType().getBytes(StandardCharsets.ISO_8859_1));
        body.write(0);
        body.write(3); // front cover
        body.write(0); // empty description
        body.writeBytes(cover.image());
        return frame("APIC", body.toByteArray());
    }

    private static byte[] chapter(String id, Chapter chapter) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(id.getBytes(StandardCharsets.ISO_8859_1));
        body.write(0);
        body.writeBytes(int32(chapter.startMillis()));
        body.writeBytes(int32(chapter.endMillis()));
        body.writeBytes(int32(NO_OFFSET));
        body.writeBytes(int32(NO_OFFSET));
        body.writeBytes(text("TIT2", chapter.title()));
        return frame("CHAP", body.toByteArray());
    }

    private static byte[] tableOfContents(List<String> chapterIds) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("toc".getBytes(StandardCharsets.ISO_8859_1));
        body.write(0);
        body.write(0x03); // top level, ordered
        body.write(chapterIds.size());
        for (String id : chapterIds) {
            body.writeBytes(id.getBytes(StandardCharsets.ISO_8859_1));
            body.write(0);
        }
        return frame("CTOC", body.toByteArray());
    }

    private static byte[] frame(String id, byte[] body) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(HEADER_BYTES + body.length);
        frame.writeBytes(id.getBytes(StandardCharsets.ISO_8859_1));
        frame.writeBytes(int32(body.length));
        frame.write(0);
        frame.write(0);
        frame.writeBytes(body);
        return frame.toByteArray();
    }

    private static byte[] int32(long value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** The tag size: 28 bits, 7 in each byte, so that it never looks like a frame sync. */
    private static byte[] synchsafe(int value) {
        if (value >= 1 << 28) {
            throw new IllegalArgumentException("an ID3v2 tag holds at most 256 MB: " + value);
        }
        return new byte[] {
            (byte) (value >>> 21 & 0x7f),
            (byte) (value >>> 14 & 0x7f),
            (byte) (value >>> 7 & 0x7f),
            (byte) (value & 0x7f)
        };
    }
}
