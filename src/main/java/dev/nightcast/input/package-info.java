/**
 * Reading untrusted input: what the {@code input} setting names ({@code InputFiles}), which files
 * may be opened (inside the input, regular files, within the size limit: {@code ScriptFiles},
 * {@code FileTypes}, {@link dev.nightcast.input.InputProperties}) and strict UTF-8 reading
 * ({@code TextFiles}).
 */
@NullMarked
package dev.nightcast.input;

import org.jspecify.annotations.NullMarked;
