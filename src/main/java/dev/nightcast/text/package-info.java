/**
 * Pure text rules, free of I/O and of narration: cutting a text into segments
 * ({@link dev.nightcast.text.Segmenter}, {@code Sentences}), normalising transcripts
 * ({@code TranscriptWords}, {@code NumberWords}), aligning words and judging a reading
 * ({@link dev.nightcast.text.FidelityCheck}), cutting timed words into caption cues
 * ({@link dev.nightcast.text.Captions}), and keeping untrusted text safe in XML, HTML, JSON and
 * single-line output ({@link dev.nightcast.text.SafeText}).
 */
@NullMarked
package dev.nightcast.text;

import org.jspecify.annotations.NullMarked;
