package dev.nightcast.podcast;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import de.sciss.jump3r.mp3.BitStream;
import de.sciss.jump3r.mp3.GainAnalysis;
import de.sciss.jump3r.mp3.ID3Tag;
import de.sciss.jump3r.mp3.Lame;
import de.sciss.jump3r.mp3.LameGlobalFlags;
import de.sciss.jump3r.mp3.MPEGMode;
import de.sciss.jump3r.mp3.Presets;
import de.sciss.jump3r.mp3.Quantize;
import de.sciss.jump3r.mp3.QuantizePVT;
import de.sciss.jump3r.mp3.Reservoir;
import de.sciss.jump3r.mp3.Takehiro;
import de.sciss.jump3r.mp3.VBRTag;
import de.sciss.jump3r.mp3.Version;
import de.sciss.jump3r.mpg.Common;
import de.sciss.jump3r.mpg.Interface;
import de.sciss.jump3r.mpg.MPGLib;

import dev.nightcast.publication.ChaptersFile;

/**
 * Makes the MP3 rendition of a published WAV for podcast apps: the 24 kHz narration resampled to
 * 44.1 or 48 kHz ({@link Resampler}), encoded mono at a constant bit rate by jump3r (a pure-Java
 * port of LAME 3.98), behind an ID3v2.3 tag ({@link Id3Tag}: title, show, author, date, cover art,
 * chapters) and LAME's own "Info" frame, which gives players the exact length and the encoder's
 * delay and padding, so they show the right duration and play it gaplessly.
 *
 * <p>jump3r writes a placeholder for the Info frame as the first audio frame and computes the real
 * one at the end; its {@code LameEncoder} wrapper offers neither, so this drives LAME's modules
 * directly, wired as that wrapper wires them.
 *
 * <p>The MP3 is written under a hidden temporary name and moved into place atomically, so
 * {@code <id>.mp3} is always complete. It is made again when it is missing, older than its WAV,
 * or was made with other settings or tags (its tag names the rendition: {@link #rendition}).
 * Thread-safe: every call has its own encoder.
 */
final class Mp3Encoder {

    /** Bumped when the encoding changes in a way the settings do not show, so every MP3 is made again. */
    private static final String VERSION = "nightcast-mp3-1";

    private static final int WAV_RATE = 24_000;
    private static final int BLOCK_SAMPLES = 16 * 1152;
    /** LAME's speed and quality trade-off, 0 (best) to 9: LAME's "-q 5", as before. */
    private static final int QUALITY = 5;

    private final Mp3Properties settings;

    Mp3Encoder(Mp3Properties settings) {
        this.settings = settings;
    }

    /**
     * The MP3 next to {@code wav} ({@code <id>.wav} → {@code <id>.mp3}), made now unless it is
     * current.
     */
    Path renditionOf(Path wav, Mp3Tags tags) throws IOException {
        Path mp3 = mp3Of(wav);
        String rendition = rendition(tags);
        if (isCurrent(mp3, wav, rendition)) {
            return mp3;
        }
        Path part = wav.resolveSibling("." + mp3.getFileName() + ".part");
        try {
            encode(wav, part, tags, rendition);
            Files.move(part, mp3, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
        return mp3;
    }

    /** The MP3 next to {@code wav} if it is current; never encodes. */
    Optional<Path> existingRendition(Path wav, Mp3Tags tags) throws IOException {
        Path mp3 = mp3Of(wav);
        return isCurrent(mp3, wav, rendition(tags)) ? Optional.of(mp3) : Optional.empty();
    }

    static Path mp3Of(Path wav) {
        String name = wav.getFileName().toString();
        return wav.resolveSibling((name.endsWith(".wav") ? name.substring(0, name.length() - 4) : name) + ".mp3");
    }

    private static boolean isCurrent(Path mp3, Path wav, String rendition) throws IOException {
        return Files.isRegularFile(mp3)
                && !Files.getLastModifiedTime(mp3)
                        .toInstant()
                        .isBefore(Files.getLastModifiedTime(wav).toInstant())
                && Id3Tag.renditionOf(mp3).filter(rendition::equals).isPresent();
    }

    /** Names everything the MP3 is made from besides the WAV: the encoding, its settings and the tags. */
    String rendition(Mp3Tags tags) {
        StringBuilder material = new StringBuilder()
                .append(VERSION)
                .append('\0')
                .append(settings.bitrate())
                .append('\0')
                .append(settings.sampleRate())
                .append('\0')
                .append(tags.title())
                .append('\0')
                .append(tags.show())
                .append('\0')
                .append(tags.author())
                .append('\0')
                .append(tags.date())
                .append('\0')
                .append(tags.cover() == null ? "" : tags.cover().sha256());
        tags.chapters()
                .forEach(chapter -> material.append('\0')
                        .append(chapter.startMillis())
                        .append('\0')
                        .append(chapter.title()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(material.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    private void encode(Path wav, Path mp3, Mp3Tags tags, String rendition) throws IOException {
        try (AudioInputStream audio =
                        AudioSystem.getAudioInputStream(new BufferedInputStream(Files.newInputStream(wav)));
                FileChannel out = FileChannel.open(
                        mp3,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
            AudioFormat format = audio.getFormat();
            if (format.getSampleSizeInBits() != 16
                    || format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED
                    || format.getChannels() != 1
                    || format.isBigEndian()
                    || format.getSampleRate() != WAV_RATE) {
                throw new IOException(wav + " is not 16-bit mono PCM at 24 kHz: " + format);
            }
            long durationMillis = audio.getFrameLength() * 1000 / WAV_RATE;
            byte[] tag = Id3Tag.of(rendition, tags, chapters(tags.chapters(), durationMillis));
            writeFully(out, ByteBuffer.wrap(tag));
            LameSession lame = start();
            try {
                encodeAudio(audio, out, lame.lame(), lame.flags());
                // LAME wrote a placeholder where the Info frame goes, right after the tag: fill it in.
                byte[] frame = new byte[VBRTag.MAXFRAMESIZE];
                int length = lame.infoFrame().getLameTagFrame(lame.flags(), frame);
                if (length <= 0 || length > frame.length) {
                    throw new IOException("LAME made no Info frame for " + wav);
                }
                out.write(ByteBuffer.wrap(frame, 0, length), tag.length);
            } finally {
                lame.lame().lame_close(lame.flags());
            }
        } catch (UnsupportedAudioFileException e) {
            throw new IOException(wav + " is not a WAV file Java Sound can read: " + e.getMessage(), e);
        }
    }

    /** An encoder: LAME, its settings and state, and the module that makes the Info frame. */
    private record LameSession(Lame lame, LameGlobalFlags flags, VBRTag infoFrame) {}

    /** LAME's modules wired as jump3r's {@code LameEncoder} wires them, set for mono CBR at the output rate. */
    private LameSession start() {
        Lame lame = new Lame();
        GainAnalysis gain = new GainAnalysis();
        BitStream bits = new BitStream();
        Presets presets = new Presets();
        QuantizePVT quantizePvt = new QuantizePVT();
        Quantize quantize = new Quantize();
        VBRTag vbr = new VBRTag();
        Version version = new Version();
        ID3Tag id3 = new ID3Tag();
        Reservoir reservoir = new Reservoir();
        Takehiro takehiro = new Takehiro();
        MPGLib mpg = new MPGLib();
        Interface decoder = new Interface();
        Common common = new Common();
        lame.setModules(gain, bits, presets, quantizePvt, quantize, vbr, version, id3, mpg);
        bits.setModules(gain, mpg, version, vbr);
        id3.setModules(bits, version);
        presets.setModules(lame);
        quantize.setModules(bits, reservoir, quantizePvt, takehiro);
        quantizePvt.setModules(takehiro, reservoir, lame.enc.psy);
        reservoir.setModules(bits);
        takehiro.setModules(quantizePvt);
        vbr.setModules(lame, bits, version);
        mpg.setModules(decoder, common);
        decoder.setModules(vbr, common);

        LameGlobalFlags flags = lame.lame_init();
        flags.num_channels = 1;
        flags.in_samplerate = settings.sampleRate();
        flags.out_samplerate = settings.sampleRate();
        flags.mode = MPEGMode.MONO;
        flags.brate = settings.bitrate();
        flags.quality = QUALITY;
        flags.bWriteVbrTag = true;
        flags.write_id3tag_automatic = false; // the tag is ours, written before the audio
        id3.id3tag_init(flags);
        flags.write_id3tag_automatic = false;
        if (lame.lame_init_params(flags) < 0) {
            throw new IllegalStateException("LAME refused " + settings);
        }
        return new LameSession(lame, flags, vbr);
    }

    private void encodeAudio(AudioInputStream audio, FileChannel out, Lame lame, LameGlobalFlags flags)
            throws IOException {
        Resampler resampler = new Resampler(WAV_RATE, settings.sampleRate());
        byte[] pcm = new byte[BLOCK_SAMPLES * 2];
        float[] samples = new float[BLOCK_SAMPLES];
        float[] resampled = new float[resampler.maxOutput(BLOCK_SAMPLES)];
        int[] input = new int[resampled.length];
        byte[] encoded = new byte[(int) (1.25 * resampled.length) + 7200];
        int read;
        while ((read = audio.readNBytes(pcm, 0, pcm.length)) > 0) {
            int count = read / 2;
            for (int i = 0; i < count; i++) {
                samples[i] = (short) ((pcm[2 * i] & 0xff) | pcm[2 * i + 1] << 8);
            }
            int produced = resampler.resample(samples, 0, count, resampled);
            encode(lame, flags, resampled, produced, input, encoded, out);
        }
        encode(lame, flags, resampled, resampler.finish(resampled), input, encoded, out);
        int flushed = lame.lame_encode_flush(flags, encoded, 0, encoded.length);
        writeFully(out, ByteBuffer.wrap(encoded, 0, checked(flushed)));
    }

    /**
     * Hands samples to LAME as 32-bit integers (its 16-bit scale times 65536), keeping the
     * resampler's fraction of a 16-bit step instead of rounding to it.
     */
    private static void encode(
            Lame lame, LameGlobalFlags flags, float[] samples, int count, int[] input, byte[] encoded, FileChannel out)
            throws IOException {
        if (count == 0) {
            return;
        }
        for (int i = 0; i < count; i++) {
            double scaled = samples[i] * 65536.0;
            input[i] = scaled >= Integer.MAX_VALUE
                    ? Integer.MAX_VALUE
                    : scaled <= Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) Math.round(scaled);
        }
        int written = lame.lame_encode_buffer_int(flags, input, input, count, encoded, 0, encoded.length);
        writeFully(out, ByteBuffer.wrap(encoded, 0, checked(written)));
    }

    private static int checked(int lameResult) throws IOException {
        if (lameResult < 0) {
            throw new IOException("LAME failed with code " + lameResult);
        }
        return lameResult;
    }

    /** Chapters with their ends (the next one's start; the audio's end for the last). */
    static List<Id3Tag.Chapter> chapters(List<ChaptersFile.Entry> entries, long durationMillis) {
        List<Id3Tag.Chapter> chapters = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            long start = Math.min(entries.get(i).startMillis(), durationMillis);
            long end = i + 1 < entries.size() ? entries.get(i + 1).startMillis() : durationMillis;
            chapters.add(new Id3Tag.Chapter(
                    start,
                    Math.max(start, Math.min(end, durationMillis)),
                    entries.get(i).title()));
        }
        return chapters;
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }
}
