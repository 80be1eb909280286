package dev.nightcast.podcast;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The cover art put into every MP3 ({@code nightcast.podcast.mp3.cover-art}): a JPEG or PNG image,
 * read once.
 *
 * @param sha256 names the image in the rendition's signature, so a new image re-encodes the MP3s
 */
record CoverArt(byte[] image, String mimeType, String sha256) {

    /** The image carried in every MP3 of every episode: kept small. */
    static final long MAX_BYTES = 2L * 1024 * 1024;

    /** @throws IOException when the file cannot be read, is too large, or is neither a JPEG nor a PNG */
    static CoverArt read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IOException(file + " has " + size + " bytes; cover art may have at most " + MAX_BYTES);
        }
        byte[] image = Files.readAllBytes(file);
        return new CoverArt(image, mimeType(file, image), sha256(image));
    }

    private static String sha256(byte[] image) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    private static String mimeType(Path file, byte[] image) throws IOException {
        if (image.length > 3 && (image[0] & 0xff) == 0xFF && (image[1] & 0xff) == 0xD8 && (image[2] & 0xff) == 0xFF) {
            return "image/jpeg";
        }
        if (image.length > 8 && (image[0] & 0xff) == 0x89 && image[1] == 'P' && image[2] == 'N' && image[3] == 'G') {
            return "image/png";
        }
        throw new IOException(file + " is neither a JPEG nor a PNG image");
    }
}
