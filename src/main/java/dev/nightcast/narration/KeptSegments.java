package dev.nightcast.narration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import dev.nightcast.assembly.PlannedSegment;
import dev.nightcast.assembly.SegmentCheckpoints;
import dev.nightcast.script.EpisodeScript;

/**
 * Kept segments across versions of an episode, so that editing one lexicon entry narrates again only
 * the segments holding its word.
 *
 * <p>A narration of an episode with a lexicon writes its segment {@link Fingerprint#basis basis} into
 * its segment folder ({@value #RETAIN_MARK}); once published, such a folder is retained instead of
 * deleted (the publication's layout renames it). When the episode is narrated again under another
 * fingerprint, the segments of earlier folders with the same basis are moved into the new folder
 * before anything is narrated: a segment's file name is its identity (voice, text, the lexicon
 * entries that applied), and the seams are cut from the written text, so every segment no edited
 * entry applies to is found there and reused, and only the others are narrated.
 *
 * <p>The cost: the raw audio of an episode with a lexicon stays on disk next to its WAV (about the
 * WAV's size again); deleting {@code .<id>.retained.segments/} frees it, and the next edit then
 * narrates the whole episode again. Episodes without a lexicon keep nothing, as before.
 */
public final class KeptSegments {

    /** The file in a segment folder that holds its basis and asks for the folder to be retained. */
    public static final String RETAIN_MARK = "retain";

    private KeptSegments() {}

    /**
     * Before an episode is narrated under {@code fingerprint}: moves in the segments that earlier
     * folders with the same basis kept, deletes the earlier folders, and marks the folder for
     * retention when the episode has a lexicon.
     *
     * @return how many segment files were carried over
     */
    static int prepare(WorkFiles files, EpisodeScript script, String fingerprint, String basis) throws IOException {
        Path current = files.segmentFolder(script.id(), fingerprint);
        int moved = 0;
        for (Path earlier : files.earlierSegmentFolders(script.id(), fingerprint)) {
            if (basis.equals(mark(earlier))) {
                moved += moveInto(earlier, current);
            }
            deleteTree(earlier);
        }
        if (!script.lexicon().isEmpty()) {
            Files.createDirectories(current);
            Files.writeString(current.resolve(RETAIN_MARK), basis, StandardCharsets.UTF_8);
        }
        return moved;
    }

    /**
     * How many of an episode's segments a narration under {@code fingerprint} would read again, and
     * their spoken text: what {@code check} reports, without moving anything.
     *
     * @param segments the episode's planned segments
     * @param toNarrate the spoken text of each segment no kept reading would serve
     */
    public record Reuse(int segments, List<String> toNarrate) {}

    public static Reuse reuse(
            EpisodeScript script, String model, NarrationProperties settings, WorkFiles files, String fingerprint)
            throws IOException {
        NarrationPlan planner = new NarrationPlan(settings);
        String basis = Fingerprint.basis(script, model, settings);
        List<SegmentCheckpoints> kept = new ArrayList<>();
        kept.add(new SegmentCheckpoints(files.segmentFolder(script.id(), fingerprint)));
        for (Path earlier : files.earlierSegmentFolders(script.id(), fingerprint)) {
            if (basis.equals(mark(earlier))) {
                kept.add(new SegmentCheckpoints(earlier));
            }
        }
        List<PlannedSegment> plan = planner.segments(script);
        List<String> toNarrate = new ArrayList<>();
        for (PlannedSegment segment : plan) {
            if (!isKept(segment, kept, planner)) {
                toNarrate.add(segment.spoken().text());
            }
        }
        return new Reuse(plan.size(), toNarrate);
    }

    private static boolean isKept(PlannedSegment segment, List<SegmentCheckpoints> kept, NarrationPlan planner)
            throws IOException {
        for (SegmentCheckpoints folder : kept) {
            if (folder.find(segment).isPresent()) {
                return true;
            }
            if (folder.isSplit(segment)) {
                List<PlannedSegment> parts = planner.halves(segment);
                boolean all = !parts.isEmpty();
                for (PlannedSegment part : parts) {
                    all &= isKept(part, kept, planner);
                }
                if (all) {
                    return true;
                }
            }
        }
        return false;
    }

    private static @Nullable String mark(Path folder) {
        Path mark = folder.resolve(RETAIN_MARK);
        try {
            return Files.isRegularFile(mark, LinkOption.NOFOLLOW_LINKS)
                    ? Files.readString(mark, StandardCharsets.UTF_8).strip()
                    : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Moves the finished files of {@code from} that {@code to} lacks; temporary ones are left to be deleted. */
    private static int moveInto(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        int moved = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(from)) {
            for (Path file : entries) {
                String name = file.getFileName().toString();
                if (name.equals(RETAIN_MARK)
                        || name.endsWith(".tmp")
                        || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                Path target = to.resolve(name);
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
                    moved++;
                }
            }
        }
        return moved;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
