/**
 * Pronunciation lexicons: how a word the author wrote is to be said. The Realtime API takes no SSML
 * and no phonemes, so a pronunciation is fixed by the text that is sent: {@code Lexicon} rewrites a
 * segment's written text into its spoken form (whole words, case-sensitive as PLS and Azure match),
 * names the entries that applied (part of the segment's identity) and maps a transcript of the spoken
 * form back to the written words. {@code LexiconFiles} reads W3C PLS 1.0 documents ({@code <alias>}
 * entries; DTDs and entities refused) and two-column CSV files ({@code written,spoken}) as untrusted
 * input, reporting every problem with file:line.
 */
@NullMarked
package dev.nightcast.lexicon;

import org.jspecify.annotations.NullMarked;
