package dev.nightcast.podcast;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.nightcast.audio.Loudness;

/**
 * One input entry as the review page and the feed show it.
 *
 * @param title the title; the id for an entry without one
 * @param source file:line the entry came from
 * @param durationMillis the published audio's length, 0 without audio
 * @param wav the published WAV's file name in the output folder, or {@code null}
 * @param mp3 the MP3 rendition's file name, or {@code null} (not made yet, or no audio)
 * @param mp3Bytes the MP3's size, 0 without one
 * @param transcript what was narrated, or {@code null}
 * @param reason why it failed or is invalid, else {@code null}
 * @param narratedAt when the published audio was finished, or {@code null}
 * @param audioSha256 the published WAV's sha256, which names this version of the episode in the feed
 * @param subtitles the published WebVTT file's name, or {@code null}
 * @param chapters the published JSON chapters file's name, or {@code null}
 * @param loudness the published WAV's loudness, or {@code null} (no audio, or published before it was measured)
 * @param details the script's feed values, the feed identity and the cost
 */
public record CatalogEntry(
        String episodeId,
        String title,
        Status status,
        String source,
        long durationMillis,
        @Nullable String wav,
        @Nullable String mp3,
        long mp3Bytes,
        @Nullable String transcript,
        @Nullable String reason,
        @Nullable Instant narratedAt,
        @Nullable String audioSha256,
        @Nullable String subtitles,
        @Nullable String chapters,
        @Nullable Loudness loudness,
        EntryDetails details) {

    public enum Status {
        /** Narrated and published. */
        NARRATED("narrated"),
        /** The latest attempt failed; an older published version may still be there. */
        FAILED("failed"),
        /** The input entry cannot be narrated. */
        INVALID("invalid"),
        /** Not narrated yet (a new episode, or a run that stopped early). */
        PENDING("not narrated yet");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public CatalogEntry {
        details = details == null ? EntryDetails.NONE : details;
    }

    /** Without details (feed values, identity, cost). */
    public CatalogEntry(
            String episodeId,
            String title,
            Status status,
            String source,
            long durationMillis,
            @Nullable String wav,
            @Nullable String mp3,
            long mp3Bytes,
            @Nullable String transcript,
            @Nullable String reason,
            @Nullable Instant narratedAt,
            @Nullable String audioSha256,
            @Nullable String subtitles,
            @Nullable String chapters,
            @Nullable Loudness loudness) {
        this(
                episodeId,
                title,
                status,
                source,
                durationMillis,
                wav,
                mp3,
                mp3Bytes,
                transcript,
                reason,
                narratedAt,
                audioSha256,
                subtitles,
                chapters,
                loudness,
                EntryDetails.NONE);
    }

    /** Without subtitles, chapters or a loudness measurement. */
    public CatalogEntry(
            String episodeId,
            String title,
            Status status,
            String source,
            long durationMillis,
            @Nullable String wav,
            @Nullable String mp3,
            long mp3Bytes,
            @Nullable String transcript,
            @Nullable String reason,
            @Nullable Instant narratedAt,
            @Nullable String audioSha256) {
        this(
                episodeId,
                title,
                status,
                source,
                durationMillis,
                wav,
                mp3,
                mp3Bytes,
                transcript,
                reason,
                narratedAt,
                audioSha256,
                null,
                null,
                null);
    }

    public boolean hasAudio() {
        return wav != null;
    }

    CatalogEntry withMp3(String name, long bytes) {
        return new CatalogEntry(
                episodeId,
                title,
                status,
                source,
                durationMillis,
                wav,
                name,
                bytes,
                transcript,
                reason,
                narratedAt,
                audioSha256,
                subtitles,
                chapters,
                loudness,
                details);
    }

    CatalogEntry withDetails(EntryDetails newDetails) {
        return new CatalogEntry(
                episodeId,
                title,
                status,
                source,
                durationMillis,
                wav,
                mp3,
                mp3Bytes,
                transcript,
                reason,
                narratedAt,
                audioSha256,
                subtitles,
                chapters,
                loudness,
                newDetails);
    }

    /**
     * The guid an episode gets when it is first published: its id and the start of its audio's sha256, as
     * feeds made before guids were kept named it, so their subscribers' items stay the same.
     */
    String firstGuid() {
        return "nightcast:" + episodeId + ":" + (audioSha256 == null ? "" : audioSha256.substring(0, 16));
    }

    /** The feed item's guid: kept from the first publication, else what it would get now. */
    String guid() {
        String kept = details.guid();
        return kept != null ? kept : firstGuid();
    }

    /** The feed item's date: the script's, else the first publication, else when the audio was made. */
    @Nullable
    Instant published() {
        Instant dated = details.published();
        return dated != null ? dated : narratedAt;
    }
}
