package dev.nightcast.podcast;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.nightcast.budget.Cost;
import dev.nightcast.budget.PriceTable;
import dev.nightcast.podcast.CatalogEntry.Status;
import dev.nightcast.script.EpisodeListing;
import dev.nightcast.script.EpisodeScript;
import dev.nightcast.script.InvalidScript;
import dev.nightcast.script.ScriptEntry;
import dev.nightcast.store.EpisodeRepository;
import dev.nightcast.store.EpisodeState;
import dev.nightcast.store.EpisodeStatus;
import dev.nightcast.store.FeedItems;
import dev.nightcast.store.FeedItems.FeedIdentity;

/**
 * Joins a run's input entries with their {@code episode} rows and the files in the output folder:
 * what the review page and the feed list, in input order. An episode with audio here gets its feed
 * identity ({@link FeedItems}): kept from its first publication, or fixed now if this is it.
 */
@Component
public class Catalog {

    private final EpisodeRepository episodes;
    private final FeedItems feedItems;
    private final PriceTable prices;

    public Catalog(EpisodeRepository episodes, FeedItems feedItems, PriceTable prices) {
        this.episodes = episodes;
        this.feedItems = feedItems;
        this.prices = prices;
    }

    /** A published episode's title and when it was narrated, as its row records them. */
    record PublishedAudio(@Nullable String title, @Nullable Instant narratedAt) {}

    /** The episode's title and narration time from its row, when it is DONE. */
    Optional<PublishedAudio> published(String episodeId) {
        return Optional.ofNullable(episodes.findStates(List.of(episodeId)).get(episodeId))
                .filter(state -> state.status() == EpisodeStatus.DONE)
                .map(state -> new PublishedAudio(state.title(), state.finishedAt()));
    }

    public List<CatalogEntry> of(List<ScriptEntry> entries, Path output) {
        Path folder = output.toAbsolutePath().normalize();
        Map<String, EpisodeState> rows = episodes.findStates(entries.stream()
                .filter(EpisodeScript.class::isInstance)
                .map(ScriptEntry::id)
                .toList());
        List<CatalogEntry> catalog = new ArrayList<>(entries.size());
        Map<String, FeedIdentity> proposed = new LinkedHashMap<>();
        for (ScriptEntry entry : entries) {
            if (entry instanceof InvalidScript invalid) {
                String id = invalid.id() == null || invalid.id().isBlank() ? "(no id)" : invalid.id();
                catalog.add(new CatalogEntry(
                        id,
                        id,
                        Status.INVALID,
                        invalid.source().toString(),
                        0,
                        null,
                        null,
                        0,
                        null,
                        invalid.reason(),
                        null,
                        null));
            } else if (entry instanceof EpisodeScript script) {
                CatalogEntry listed = entry(script, rows.get(script.id()), folder);
                if (listed.hasAudio()) {
                    proposed.put(
                            listed.episodeId(),
                            new FeedIdentity(
                                    listed.firstGuid(),
                                    listed.narratedAt() != null ? listed.narratedAt() : Instant.now()));
                }
                catalog.add(listed);
            }
        }
        Map<String, FeedIdentity> identities = proposed.isEmpty() ? Map.of() : feedItems.identities(proposed);
        List<CatalogEntry> detailed = new ArrayList<>(catalog.size());
        int i = 0;
        for (ScriptEntry entry : entries) {
            CatalogEntry listed = catalog.get(i++);
            if (entry instanceof EpisodeScript script) {
                listed = listed.withDetails(details(
                        script.listing(), listed, rows.get(script.id()), identities.get(listed.episodeId()), folder));
            }
            detailed.add(listed);
        }
        return detailed;
    }

    private EntryDetails details(
            EpisodeListing listing,
            CatalogEntry listed,
            @Nullable EpisodeState row,
            @Nullable FeedIdentity identity,
            Path folder) {
        if (!listed.hasAudio() || identity == null || row == null) {
            return new EntryDetails(listing, null, listing.published(), null, null);
        }
        String model = row.model();
        Cost cost = model == null ? null : prices.cost(model, row.usage());
        Instant scriptDate = listing.published();
        return new EntryDetails(
                listing,
                identity.guid(),
                scriptDate != null ? scriptDate : identity.firstPublished(),
                cost != null && cost.known() ? cost : null,
                published(folder, listed.episodeId() + ".txt"));
    }

    private static CatalogEntry entry(EpisodeScript script, @Nullable EpisodeState row, Path folder) {
        String source = script.source().toString();
        if (row == null) {
            return new CatalogEntry(
                    script.id(), script.title(), Status.PENDING, source, 0, null, null, 0, null, null, null, null);
        }
        // Only audio in this output folder counts: the same id may have been published elsewhere.
        Path wav = row.wavPath() == null ? null : Path.of(row.wavPath());
        boolean audio = wav != null && folder.equals(wav.getParent()) && Files.isRegularFile(wav);
        Status status = row.status() == EpisodeStatus.FAILED ? Status.FAILED : audio ? Status.NARRATED : Status.PENDING;
        return new CatalogEntry(
                script.id(),
                script.title(),
                status,
                source,
                audio ? row.durationMillis() : 0,
                audio && wav != null ? String.valueOf(wav.getFileName()) : null,
                null,
                0,
                audio ? row.transcript() : null,
                status == Status.FAILED ? row.failureReason() : null,
                audio ? row.finishedAt() : null,
                audio ? row.wavSha256() : null,
                audio ? published(folder, script.id() + ".vtt") : null,
                audio ? published(folder, script.id() + ".chapters.json") : null,
                audio ? row.loudness() : null);
    }

    /** The file's name when it is in the folder, else null. */
    private static @Nullable String published(Path folder, String name) {
        return Files.isRegularFile(folder.resolve(name)) ? name : null;
    }
}
