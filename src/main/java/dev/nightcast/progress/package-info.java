/**
 * What a run shows while it goes: the {@link dev.nightcast.progress.LiveRun} of an execution
 * (counts, audio, spend, whether another episode may start) and its
 * {@link dev.nightcast.progress.RunObserver}s: a bar on a terminal, plain lines otherwise.
 */
@NullMarked
package dev.nightcast.progress;

import org.jspecify.annotations.NullMarked;
