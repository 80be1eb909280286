/**
 * PCM as the Realtime API sends it (16-bit mono 24 kHz, {@link dev.nightcast.audio.PcmFormat}) and
 * the streaming {@link dev.nightcast.audio.WavWriter}.
 */
package dev.nightcast.audio;
