package dev.nightcast.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code feed_item} table: each episode's guid and first publication, written once, when the
 * episode first appears in a feed, and never changed afterwards. Podcast apps know an item by its
 * guid: a guid that changed with a re-narration showed the episode twice.
 */
@Repository
public class FeedItems {

    /** Ids bound to one {@code IN} list. */
    private static final int IDS_PER_QUERY = 500;

    private final JdbcClient jdbc;

    public FeedItems(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * An episode's identity in the feed.
     *
     * @param firstPublished when it was first published
     */
    public record FeedIdentity(String guid, Instant firstPublished) {}

    /**
     * The identity of each of these episodes: the one kept from its first publication, or, for an
     * episode never listed before, the proposed one, which is kept from now on.
     *
     * @param proposed episode id to the identity it gets if it has none yet
     */
    public Map<String, FeedIdentity> identities(Map<String, FeedIdentity> proposed) {
        Map<String, FeedIdentity> kept = find(List.copyOf(proposed.keySet()));
        for (Map.Entry<String, FeedIdentity> entry : proposed.entrySet()) {
            if (kept.containsKey(entry.getKey())) {
                continue;
            }
            try {
                jdbc.sql("INSERT INTO feed_item (episode_id, guid, first_published_at) VALUES (:id, :guid, :at)")
                        .param("id", entry.getKey())
                        .param("guid", StoredText.fit(entry.getValue().guid(), 300))
                        .param(
                                "at",
                                EpisodeRepository.timestamp(entry.getValue().firstPublished()))
                        .update();
                kept.put(entry.getKey(), entry.getValue());
            } catch (DuplicateKeyException e) {
                // Another process (a report beside a run) listed it first: its identity is the one kept.
                kept.putAll(find(List.of(entry.getKey())));
            }
        }
        return kept;
    }

    private Map<String, FeedIdentity> find(List<String> episodeIds) {
        Map<String, FeedIdentity> found = new HashMap<>();
        for (int from = 0; from < episodeIds.size(); from += IDS_PER_QUERY) {
            List<String> batch =
                    new ArrayList<>(episodeIds.subList(from, Math.min(episodeIds.size(), from + IDS_PER_QUERY)));
            jdbc.sql("SELECT episode_id, guid, first_published_at FROM feed_item WHERE episode_id IN (:ids)")
                    .param("ids", batch)
                    .query((rs, row) -> Map.entry(
                            rs.getString(1),
                            new FeedIdentity(rs.getString(2), rs.getTimestamp(3).toInstant())))
                    .list()
                    .forEach(entry -> found.put(entry.getKey(), entry.getValue()));
        }
        return found;
    }
}
