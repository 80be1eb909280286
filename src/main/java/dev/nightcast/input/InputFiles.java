package dev.nightcast.input;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Turns the {@code input} setting into the list of script files to read, in a deterministic order.
 *
 * <p>The input is, in this order of precedence: an existing {@code .csv} or {@code .md} file; an
 * existing folder (the {@code .csv} and {@code .md} files directly in it, by name); or a glob
 * such as {@code input/*.md} or {@code scripts/**}{@code /*.csv} (forward slashes; matching files
 * sorted by path). Relative inputs are resolved against the working directory. In folders and
 * globs, files whose name starts with a dot (editor backups, OS metadata) are skipped.
 *
 * <p>It also says what "the input" is, the folder scripts may be read from ({@link ScriptFiles}):
 * the folder itself for a folder, the glob's base (its part before the first glob character) for a
 * glob, and the folder the file really lies in for a single file. Everything found in a folder or
 * by a glob that is not a folder is listed, links and named pipes included: whether it may be read
 * is decided when it is read, so that it becomes an invalid entry rather than silently missing.
 */
public final class InputFiles {

    private static final String GLOB_CHARS = "*?[{";

    private InputFiles() {}

    /**
     * What the {@code input} setting names.
     *
     * @param root the real path of the folder scripts may be read from
     * @param files the script files, in input order
     */
    public record Resolved(Path root, List<Path> files) {}

    /**
     * @param workingDir the directory relative inputs are resolved against
     * @throws InputException when the input does not exist, cannot be read, is not a .csv/.md file,
     *     or a folder or glob matches no .csv/.md file
     */
    public static Resolved resolve(@Nullable String input, Path workingDir) {
        if (input == null || input.isBlank()) {
            throw new InputException("No input given: expected a .csv or .md file, a folder or a glob pattern");
        }
        Path literal = literalPath(input.strip(), workingDir);
        if (literal != null && Files.exists(literal)) {
            if (Files.isDirectory(literal)) {
                return new Resolved(root(literal, input), folder(literal, input));
            }
            Path file = singleFile(literal, input);
            return new Resolved(
                    Objects.requireNonNull(root(file, input).getParent(), "a file is in a folder"), List.of(file));
        }
        if (isGlob(input)) {
            return glob(input.strip(), workingDir);
        }
        throw new InputException("Input '" + input + "' does not exist"
                + (literal == null
                        ? ""
                        : " (looked for " + literal.toAbsolutePath().normalize() + ")"));
    }

    private static Path root(Path existing, String input) {
        try {
            return ScriptFiles.root(existing);
        } catch (IOException e) {
            throw new InputException("Input '" + input + "' cannot be read: " + e.getMessage(), e);
        }
    }

    private static @Nullable Path literalPath(String input, Path workingDir) {
        try {
            return workingDir.resolve(input);
        } catch (InvalidPathException e) {
            return null; // e.g. '*' on Windows: it can only be a glob
        }
    }

    private static boolean isGlob(String input) {
        return input.chars().anyMatch(c -> GLOB_CHARS.indexOf(c) >= 0);
    }

    static boolean isScriptFile(Path file) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (lower.endsWith(".csv") || lower.endsWith(".md"));
    }

    private static Path singleFile(Path file, String input) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("Input '" + input + "' is not a regular file");
        }
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!lower.endsWith(".csv") && !lower.endsWith(".md")) {
            throw new InputException("Input '" + input + "' is not a .csv or .md file");
        }
        if (!Files.isReadable(file)) {
            throw new InputException("Input '" + input + "' cannot be read: permission denied");
        }
        return file;
    }

    private static List<Path> folder(Path folder, String input) {
        List<Path> files;
        try (Stream<Path> entries = Files.list(folder)) {
            // Folders are not entries; anything else named like a script is (see the class comment).
            files = entries.filter(entry -> !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS))
                    .filter(InputFiles::isScriptFile)
                    .sorted(Comparator.comparing(path -> path.getFileName().toString()))
                    .toList();
        } catch (AccessDeniedException e) {
            throw new InputException("Input folder '" + input + "' cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new InputException("Input folder '" + input + "' cannot be read: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new InputException("Input folder '" + input + "' contains no .csv or .md file"
                    + " (only files directly in the folder are read)");
        }
        return files;
    }

    /**
     * Where a glob is searched: its longest leading part without wildcards (the working directory when
     * there is none, {@code /} for an absolute pattern), the rest to match against paths relative to
     * it, and how many folder levels below it a match may be.
     */
    private record GlobParts(String base, String rest, int depth) {

        static GlobParts of(String pattern) {
            String[] parts = pattern.split("/", -1);
            int firstGlob = 0;
            while (firstGlob < parts.length && !isGlob(parts[firstGlob])) {
                firstGlob++;
            }
            String base = String.join("/", List.of(parts).subList(0, firstGlob));
            if (base.isEmpty() && pattern.startsWith("/")) {
                base = "/";
            }
            String rest = String.join("/", List.of(parts).subList(firstGlob, parts.length));
            return new GlobParts(base, rest, rest.contains("**") ? Integer.MAX_VALUE : parts.length - firstGlob);
        }
    }

    /**
     * The folder the input is searched in, as the loader searches it: an input folder (its files
     * directly in it, {@code depth} 1) or a glob's base (the pattern's levels below it, any with
     * {@code **}).
     *
     * @param pattern the glob, or {@code null} for an input folder
     */
    public record SearchArea(Path folder, @Nullable String pattern, int depth) {}

    /** Where {@code input} is searched for scripts; empty for a single input file (or none at all). */
    public static Optional<SearchArea> searchArea(@Nullable String input, Path workingDir) {
        if (input == null || input.isBlank()) {
            return Optional.empty();
        }
        String trimmed = input.strip();
        Path literal = literalPath(trimmed, workingDir);
        if (literal != null && Files.isDirectory(literal)) {
            return Optional.of(new SearchArea(literal, null, 1));
        }
        if ((literal != null && Files.exists(literal)) || !isGlob(trimmed)) {
            return Optional.empty();
        }
        GlobParts parts = GlobParts.of(trimmed);
        try {
            return Optional.of(new SearchArea(
                    parts.base().isEmpty() ? workingDir : workingDir.resolve(parts.base()), trimmed, parts.depth()));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static Resolved glob(String pattern, Path workingDir) {
        // Walk from the longest leading part without glob characters; match the rest against paths
        // relative to it, so that absolute and relative patterns behave the same.
        GlobParts parts = GlobParts.of(pattern);
        String rest = parts.rest();
        Path base;
        try {
            base = parts.base().isEmpty() ? workingDir : workingDir.resolve(parts.base());
        } catch (InvalidPathException e) {
            throw new InputException("Input pattern '" + pattern + "' is not a valid path: " + e.getReason(), e);
        }
        List<PathMatcher> matchers = matchers(rest, pattern);
        int depth = parts.depth();
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(base)) {
            walk(base, depth, pattern, (file, relative) -> {
                if (isScriptFile(file) && matchers.stream().anyMatch(m -> m.matches(relative))) {
                    files.add(file);
                }
            });
        }
        if (files.isEmpty()) {
            throw new InputException("Input pattern '" + pattern + "' matches no .csv or .md file (searched "
                    + base.toAbsolutePath().normalize() + ")");
        }
        files.sort(InputFiles::byNameElements);
        return new Resolved(root(base, pattern), files);
    }

    /**
     * Compares folder by folder, so that {@code season1/x.csv} sorts before {@code season1-b/x.csv}
     * (a plain string comparison would put {@code -} before {@code /}).
     */
    private static int byNameElements(Path a, Path b) {
        int common = Math.min(a.getNameCount(), b.getNameCount());
        for (int i = 0; i < common; i++) {
            int order = a.getName(i).toString().compareTo(b.getName(i).toString());
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.getNameCount(), b.getNameCount());
    }

    /**
     * Matchers for {@code glob}. Java's {@code **}{@code /} needs at least one folder, but people
     * expect {@code scripts/**}{@code /*.csv} to include {@code scripts/a.csv}; so each
     * {@code **}{@code /} is also tried as matching nothing.
     */
    private static List<PathMatcher> matchers(String glob, String pattern) {
        List<String> variants = new ArrayList<>(List.of(glob));
        for (int i = 0; i < variants.size() && variants.size() < 64; i++) {
            String variant = variants.get(i);
            int at = variant.indexOf("**/");
            while (at >= 0) {
                String without = variant.substring(0, at) + variant.substring(at + 3);
                if (!variants.contains(without)) {
                    variants.add(without);
                }
                at = variant.indexOf("**/", at + 3);
            }
        }
        List<PathMatcher> matchers = new ArrayList<>();
        try {
            for (String variant : variants) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + variant));
            }
        } catch (IllegalArgumentException e) {
            throw new InputException("Input pattern '" + pattern + "' is not a valid glob: " + e.getMessage(), e);
        }
        return matchers;
    }

    private interface FileConsumer {
        void accept(Path file, Path relative);
    }

    private static void walk(Path base, int depth, String pattern, FileConsumer consumer) {
        try {
            Files.walkFileTree(base, EnumSet.noneOf(FileVisitOption.class), depth, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    // Links are not followed here; whether one may be read is decided when it is read.
                    if (!attributes.isDirectory()) {
                        consumer.accept(file, base.relativize(file));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    // Skipping would silently drop the episodes in there.
                    throw e;
                }
            });
        } catch (IOException e) {
            throw new InputException("Input pattern '" + pattern + "': cannot read " + e.getMessage(), e);
        }
    }
}
