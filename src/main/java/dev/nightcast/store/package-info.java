/**
 * All SQL against Nightcast's own tables: {@code episode} ({@link dev.nightcast.store.EpisodeRepository}
 * writes rows and reads episodes' states; {@link dev.nightcast.store.ExecutionEpisodes} reads what one
 * execution wrote, for its summary; {@link dev.nightcast.store.FailedEpisodes}), {@code episode_attempt},
 * {@code input_problem} and the {@code run_lock} row; and the durable stage record a narration is
 * published from. Queries return records; no other package touches JDBC for these tables. Spring
 * Batch's {@code BATCH_*} tables are reached only through its own repository.
 */
@NullMarked
package dev.nightcast.store;

import org.jspecify.annotations.NullMarked;
