package dev.nightcast.script;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.nightcast.input.ScriptFiles;

/** Reads a markdown input file: one file is one episode. */
final class MarkdownScripts {

    private MarkdownScripts() {}

    /**
     * The episode in {@code file}. Its id comes from the front matter, else from the file name
     * without {@code .md}. Problems with the file's content (bad front matter, not UTF-8) make an
     * invalid draft rather than an exception, so the other files still load.
     *
     * <p>A file that may not be read (see {@link ScriptFiles}) is an invalid draft as well.
     */
    static EpisodeDraft read(Path file, ScriptFiles files) {
        SourceLocation source = new SourceLocation(file, 1);
        String idFromName = idFromFileName(file);
        ScriptFiles.Text read = files.read(file);
        String problem = read.problem();
        if (problem != null) {
            return failed(idFromName, source, file.getFileName() + " " + problem);
        }
        String content = read.text();
        MarkdownFile markdown;
        try {
            markdown = MarkdownFile.parse(content, file.toString());
        } catch (MarkdownFile.BadFrontMatterException e) {
            return failed(idFromName, source, String.valueOf(e.getMessage()));
        }
        MarkdownFile.FrontMatter front = markdown.frontMatter();
        String id = front.id() == null || front.id().isBlank()
                ? idFromName
                : front.id().strip();
        String title = front.title() == null || front.title().isBlank()
                ? markdown.speech().firstHeading()
                : front.title();
        return new EpisodeDraft(
                id,
                title,
                front.voice(),
                front.instructions(),
                front.speed(),
                front.speakers(),
                markdown.passages(file),
                "the markdown file " + file.getFileName(),
                source,
                List.of(),
                front.listing(),
                front.lexicons());
    }

    /** The file name without its {@code .md} extension (any case). */
    static String idFromFileName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && name.substring(dot).equalsIgnoreCase(".md") ? name.substring(0, dot) : name;
    }

    private static EpisodeDraft failed(String id, SourceLocation source, String problem) {
        return new EpisodeDraft(id, null, null, null, null, Map.of(), null, null, source, List.of(problem));
    }
}
