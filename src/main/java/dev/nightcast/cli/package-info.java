/**
 * The command line: {@code java -jar nightcast.jar [COMMAND] --params=FILE [--key=value ...]}.
 * {@link dev.nightcast.cli.CommandLine} picks a {@link dev.nightcast.cli.NightcastCommand}
 * ({@code narrate}, {@code check}, {@code status}, {@code failed}, {@code report}), the params
 * file and its overrides are read by {@code ParamsFile}, and what a command prints goes to standard
 * output. Also here because they shape what the process prints: start-up failure analyzers and
 * reporter (one line, never a password), and the Logback converters that keep text from the input
 * on its log line.
 */
@NullMarked
package dev.nightcast.cli;

import org.jspecify.annotations.NullMarked;
