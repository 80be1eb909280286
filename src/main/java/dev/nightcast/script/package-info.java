/**
 * What a script is: CSV rows and markdown files (front matter, sections, dialogue turns) turned into
 * validated {@link dev.nightcast.script.EpisodeScript}s, or {@link dev.nightcast.script.InvalidScript}s
 * naming file, line and reason. {@link dev.nightcast.script.ScriptLoader} is the entry point.
 */
@NullMarked
package dev.nightcast.script;

import org.jspecify.annotations.NullMarked;
