/**
 * PCM as the Realtime API sends it (16-bit mono 24 kHz, {@link dev.nightcast.audio.PcmFormat}), the
 * streaming {@link dev.nightcast.audio.WavWriter}, and what makes a master of it: the ITU-R BS.1770-4
 * {@link dev.nightcast.audio.LoudnessMeter} (per track, so voices can be levelled),
 * {@link dev.nightcast.audio.Levelling}, {@link dev.nightcast.audio.Fade}s at the joins and the
 * {@link dev.nightcast.audio.MasterRenderer} (gain, true-peak limiter, measurement of what is
 * written). Settings: {@link dev.nightcast.audio.AudioProperties} ({@code nightcast.audio.*}). Pure
 * and streaming: nothing here holds an episode in memory.
 */
@NullMarked
package dev.nightcast.audio;

import org.jspecify.annotations.NullMarked;
