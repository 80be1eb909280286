package dev.nightcast.script;

import java.nio.file.Path;

/** Where an episode came from: the file and the 1-based line its row or front matter starts on. */
public record SourceLocation(Path file, int line) {

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
