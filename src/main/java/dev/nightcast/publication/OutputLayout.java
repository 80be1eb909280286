package dev.nightcast.publication;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.nightcast.narration.KeptSegments;
import dev.nightcast.narration.WorkFiles;
import dev.nightcast.script.EpisodeIds;

/**
 * Names of everything Nightcast writes in the output folder. Final names are
 * {@code <id>.wav}, {@code <id>.txt}, {@code <id>.vtt}, {@code <id>.chapters.json} and {@code <id>.mp3}; work in
 * progress is hidden under a dot-name that carries the fingerprint, in the same folder so that publishing is an
 * atomic rename: files ending with {@value #PART_SUFFIX} — {@code .<id>.<fp12>.wav.part} (audio),
 * {@code .txt.part}, {@code .vtt.part}, {@code .chapters.json.part} and {@code .<id>.<fp12>.stage.part} (the
 * {@link StagedNarration stage record} of a narration being published) — and the folder
 * {@code .<id>.<fp12>.segments/} of finished segments, kept until the episode is published; an
 * episode narrated with a lexicon keeps them after that as {@code .<id>.retained.segments/}, so that
 * a lexicon edit narrates again only the segments it changes ({@link KeptSegments}).
 */
public final class OutputLayout implements WorkFiles {

    static final String PART_SUFFIX = ".part";
    static final String SEGMENTS_SUFFIX = ".segments";
    static final String RETAINED_SEGMENTS = ".retained" + SEGMENTS_SUFFIX;
    private static final Pattern WORK_FILE = Pattern.compile(
            "\\.[A-Za-z0-9._-]+\\.(?:[0-9a-f]{12}\\.(?:wav|txt|vtt|chapters\\.json|stage|stage\\.tmp)|mp3)\\.part"
                    + "|\\.(?:index\\.html|feed\\.xml)\\.part");

    private final Path folder;

    public OutputLayout(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /** Creates the folder if needed and checks that it can be written. */
    public static OutputLayout prepare(Path folder) throws IOException {
        Files.createDirectories(folder);
        if (!Files.isWritable(folder)) {
            throw new IOException("Output folder " + folder + " is not writable");
        }
        return new OutputLayout(folder);
    }

    public Path folder() {
        return folder;
    }

    public Path wav(String episodeId) {
        return inFolder(episodeId, episodeId + ".wav");
    }

    public Path transcript(String episodeId) {
        return inFolder(episodeId, episodeId + ".txt");
    }

    public Path subtitles(String episodeId) {
        return inFolder(episodeId, episodeId + ".vtt");
    }

    /** The Podcasting 2.0 JSON chapters ({@link ChaptersFile}). */
    public Path chapters(String episodeId) {
        return inFolder(episodeId, episodeId + ".chapters.json");
    }

    /** The MP3 rendition made from the WAV for podcast apps. */
    public Path mp3(String episodeId) {
        return inFolder(episodeId, episodeId + ".mp3");
    }

    @Override
    public Path temporaryWav(String episodeId, String fingerprint) {
        return resolveWork(episodeId, fingerprint, ".wav" + PART_SUFFIX);
    }

    Path temporaryTranscript(String episodeId, String fingerprint) {
        return resolveWork(episodeId, fingerprint, ".txt" + PART_SUFFIX);
    }

    Path temporarySubtitles(String episodeId, String fingerprint) {
        return resolveWork(episodeId, fingerprint, ".vtt" + PART_SUFFIX);
    }

    Path temporaryChapters(String episodeId, String fingerprint) {
        return resolveWork(episodeId, fingerprint, ".chapters.json" + PART_SUFFIX);
    }

    @Override
    public Path segmentFolder(String episodeId, String fingerprint) {
        return resolveWork(episodeId, fingerprint, SEGMENTS_SUFFIX);
    }

    @Override
    public void discardStaleWork(String episodeId, String fingerprint) throws IOException {
        Path current = segmentFolder(episodeId, fingerprint);
        String prefix = "." + episodeId + ".";
        try (DirectoryStream<Path> work = Files.newDirectoryStream(folder, prefix + "*" + SEGMENTS_SUFFIX)) {
            for (Path stale : work) {
                // The fingerprint part is 12 hex digits, so ".ep.1" never matches the work of ".ep.1.x".
                String middle = stale.getFileName().toString().substring(prefix.length());
                if (!stale.equals(current) && middle.length() == 12 + SEGMENTS_SUFFIX.length()) {
                    deleteTree(stale);
                }
            }
        }
    }

    @Override
    public List<Path> earlierSegmentFolders(String episodeId, String fingerprint) throws IOException {
        Path current = segmentFolder(episodeId, fingerprint);
        String prefix = "." + episodeId + ".";
        List<Path> earlier = new ArrayList<>();
        try (DirectoryStream<Path> work = Files.newDirectoryStream(folder, prefix + "*" + SEGMENTS_SUFFIX)) {
            for (Path folder : work) {
                String middle = folder.getFileName().toString().substring(prefix.length());
                if (!folder.equals(current)
                        && middle.length() == 12 + SEGMENTS_SUFFIX.length()
                        && Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                    earlier.add(folder);
                }
            }
        }
        Path retained = retainedSegments(episodeId);
        if (Files.isDirectory(retained, LinkOption.NOFOLLOW_LINKS)) {
            earlier.add(retained);
        }
        return earlier;
    }

    /** The segments of a published episode kept for its next narration ({@link KeptSegments#RETAIN_MARK}). */
    Path retainedSegments(String episodeId) {
        return inFolder(episodeId, "." + episodeId + RETAINED_SEGMENTS);
    }

    /**
     * Once an episode is published: its kept segments are deleted, unless the narration marked them
     * to be retained (it had a lexicon), in which case they replace the episode's retained segments.
     */
    void discardSegments(String episodeId, String fingerprint) throws IOException {
        Path segments = segmentFolder(episodeId, fingerprint);
        Path retained = retainedSegments(episodeId);
        if (Files.isRegularFile(segments.resolve(KeptSegments.RETAIN_MARK), LinkOption.NOFOLLOW_LINKS)) {
            deleteTree(retained);
            Files.move(segments, retained, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        deleteTree(segments);
        deleteTree(retained);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The stage record: present while a complete narration is being published. */
    Path stage(String episodeId, String fingerprint) {
        return resolveWork(episodeId, fingerprint, ".stage" + PART_SUFFIX);
    }

    /** Where a stage record is written before it is renamed into place, so it is never read half-written. */
    Path stageInProgress(String episodeId, String fingerprint) {
        return resolveWork(episodeId, fingerprint, ".stage.tmp" + PART_SUFFIX);
    }

    /**
     * True for the temporary files above, the MP3 encoder's ({@code .<id>.mp3.part}) and those of the
     * page and feed ({@code .index.html.part}, {@code .feed.xml.part}): never published as they are.
     * Any other hidden {@code .part} file is someone else's and is left alone.
     */
    static boolean isWorkFile(Path file) {
        return WORK_FILE.matcher(file.getFileName().toString()).matches();
    }

    static boolean isStage(Path file) {
        return isWorkFile(file) && file.getFileName().toString().endsWith(".stage" + PART_SUFFIX);
    }

    /**
     * Work in progress: {@code .<id>.<fp12><suffix>}. The id is checked on its own: the work name is
     * longer than any id, and checking it as one refused every id over 115 characters.
     */
    private Path resolveWork(String episodeId, String fingerprint, String suffix) {
        return inFolder(episodeId, "." + episodeId + "." + fingerprint.substring(0, 12) + suffix);
    }

    /** Ids are validated when read; checking again here keeps every path inside the folder whatever the caller. */
    private Path inFolder(String episodeId, String name) {
        if (!EpisodeIds.isValid(episodeId)) {
            throw new IllegalArgumentException("Not a valid episode id: " + episodeId);
        }
        Path path = folder.resolve(name).normalize();
        if (!folder.equals(path.getParent())) {
            throw new IllegalArgumentException("Episode id " + episodeId + " would write outside " + folder);
        }
        return path;
    }
}
