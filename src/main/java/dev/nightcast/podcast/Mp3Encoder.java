package dev.nightcast.podcast;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import de.sciss.jump3r.lowlevel.LameEncoder;

/**
 * Makes the MP3 rendition of a published WAV for podcast apps, with jump3r (a pure-Java port of
 * LAME): constant bit rate, mono, the WAV's sample rate (24 kHz gives MPEG-2 Layer III).
 *
 * <p>The MP3 is written under a hidden temporary name and moved into place atomically, so
 * {@code <id>.mp3} is always complete. It is made again only when missing or older than its WAV.
 * Thread-safe: every call has its own encoder.
 */
public class Mp3Encoder {

    /** 64 kbit/s: plenty for one voice at 24 kHz. */
    static final int BITRATE_KBPS = 64;

    /**
     * The MP3 next to {@code wav} ({@code <id>.wav} → {@code <id>.mp3}), made now if it is missing
     * or older than the WAV.
     */
    public Path renditionOf(Path wav) throws IOException {
        Path mp3 = mp3Of(wav);
        if (isFresh(mp3, wav)) {
            return mp3;
        }
        Path part = wav.resolveSibling("." + mp3.getFileName() + ".part");
        try {
            encode(wav, part);
            Files.move(part, mp3, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
        return mp3;
    }

    /** The MP3 next to {@code wav} if it exists and is not older than the WAV; never encodes. */
    public Optional<Path> existingRendition(Path wav) throws IOException {
        Path mp3 = mp3Of(wav);
        return isFresh(mp3, wav) ? Optional.of(mp3) : Optional.empty();
    }

    private static Path mp3Of(Path wav) {
        String name = wav.getFileName().toString();
        return wav.resolveSibling((name.endsWith(".wav") ? name.substring(0, name.length() - 4) : name) + ".mp3");
    }

    private static boolean isFresh(Path mp3, Path wav) throws IOException {
        return Files.isRegularFile(mp3)
                && !Files.getLastModifiedTime(mp3).toInstant().isBefore(Files.getLastModifiedTime(wav).toInstant());
    }

    static void encode(Path wav, Path mp3) throws IOException {
        try (AudioInputStream audio = AudioSystem.getAudioInputStream(new BufferedInputStream(Files.newInputStream(wav)));
                OutputStream out = Files.newOutputStream(mp3)) {
            AudioFormat format = audio.getFormat();
            if (format.getSampleSizeInBits() != 16 || format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
                throw new IOException(wav + " is not 16-bit signed PCM: " + format);
            }
            LameEncoder encoder = new LameEncoder(format, BITRATE_KBPS,
                    format.getChannels() == 1 ? LameEncoder.CHANNEL_MODE_MONO : LameEncoder.CHANNEL_MODE_JOINT_STEREO,
                    LameEncoder.QUALITY_MIDDLE, false);
            try {
                byte[] pcm = new byte[encoder.getPCMBufferSize()];
                byte[] encoded = new byte[encoder.getMP3BufferSize()];
                int read;
                while ((read = readFully(audio, pcm)) > 0) {
                    out.write(encoded, 0, encoder.encodeBuffer(pcm, 0, read, encoded));
                }
                out.write(encoded, 0, encoder.encodeFinish(encoded));
            } finally {
                encoder.close();
            }
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(wav + " is not a WAV file Java Sound can read: " + e.getMessage(), e);
        }
    }

    /** Fills {@code buffer} as far as the stream allows: the encoder wants whole sample frames. */
    private static int readFully(InputStream in, byte[] buffer) throws IOException {
        int total = 0;
        int n;
        while (total < buffer.length && (n = in.read(buffer, total, buffer.length - total)) > 0) {
            total += n;
        }
        return total;
    }
}
