/**
 * What listeners and reviewers get from the output folder: {@link dev.nightcast.podcast.PodcastOutputs}
 * brings the review page ({@code index.html}), the RSS feed ({@code feed.xml}) and the MP3
 * renditions up to date with the episodes published. An MP3 ({@code Mp3Encoder}, settings
 * {@link dev.nightcast.podcast.Mp3Properties}) is the WAV resampled ({@code Resampler}), encoded by
 * LAME with its Info frame, behind an ID3v2.3 tag with the episode's chapters ({@code Id3Tag}).
 */
@NullMarked
package dev.nightcast.podcast;

import org.jspecify.annotations.NullMarked;
