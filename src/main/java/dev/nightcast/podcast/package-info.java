/**
 * What listeners and reviewers get from the output folder: {@link dev.nightcast.podcast.PodcastOutputs}
 * brings the review page ({@code index.html}), the RSS feed ({@code feed.xml}) and the MP3
 * renditions up to date with the episodes published.
 */
package dev.nightcast.podcast;
