/**
 * All SQL against Nightcast's own tables: {@code episode} ({@link dev.nightcast.store.EpisodeRepository}),
 * {@code episode_attempt}, {@code input_problem} and the {@code run_lock} row; and the durable stage
 * record a narration is published from. Spring Batch's {@code BATCH_*} tables are reached only
 * through its own repository.
 */
package dev.nightcast.store;
