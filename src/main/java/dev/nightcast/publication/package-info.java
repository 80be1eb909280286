/**
 * Putting a narrated episode in place: the names in the output folder
 * ({@link dev.nightcast.publication.OutputLayout}), the publishing protocol (stage record, renames,
 * commit: {@link dev.nightcast.publication.EpisodePublisher}, driven by the step's
 * {@link dev.nightcast.publication.EpisodeWriter}), recovery of what a killed process left, and the
 * rule that Nightcast only replaces files it made itself.
 */
@NullMarked
package dev.nightcast.publication;

import org.jspecify.annotations.NullMarked;
