package dev.nightcast.podcast;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.nightcast.publication.ChaptersFile;

/**
 * What an MP3 rendition says about itself besides its audio.
 *
 * @param title the episode's title
 * @param show the podcast's title ({@code nightcast.feed.title})
 * @param author the podcast's author ({@code nightcast.feed.author})
 * @param date when the episode was narrated, or null
 * @param chapters from the episode's JSON chapters file, empty without one
 * @param cover the configured cover art, or null
 */
record Mp3Tags(
        @Nullable String title,
        String show,
        String author,
        @Nullable Instant date,
        List<ChaptersFile.Entry> chapters,
        @Nullable CoverArt cover) {

    Mp3Tags {
        chapters = List.copyOf(chapters);
    }
}
