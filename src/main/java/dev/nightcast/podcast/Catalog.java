package dev.nightcast.podcast;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.nightcast.audio.Loudness;
import dev.nightcast.podcast.CatalogEntry.Status;
import dev.nightcast.script.EpisodeScript;
import dev.nightcast.script.InvalidScript;
import dev.nightcast.script.ScriptEntry;

/**
 * Joins a run's input entries with their {@code episode} rows and the files in the output folder:
 * what the review page and the feed list, in input order.
 */
@Component
public class Catalog {

    private static final int IDS_PER_QUERY = 500;

    private final JdbcClient jdbc;

    public Catalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Row(String status, String title, String wavPath, String transcript, long durationMillis,
            String reason, Timestamp finishedAt, String sha256, Loudness loudness) {
    }

    public List<CatalogEntry> of(List<ScriptEntry> entries, Path output) {
        Path folder = output.toAbsolutePath().normalize();
        Map<String, Row> rows = rows(entries.stream()
                .filter(EpisodeScript.class::isInstance).map(ScriptEntry::id).toList());
        List<CatalogEntry> catalog = new ArrayList<>(entries.size());
        for (ScriptEntry entry : entries) {
            if (entry instanceof InvalidScript invalid) {
                String id = invalid.id() == null || invalid.id().isBlank() ? "(no id)" : invalid.id();
                catalog.add(new CatalogEntry(id, id, Status.INVALID, invalid.source().toString(), 0, null, null, 0,
                        null, invalid.reason(), null, null));
            } else if (entry instanceof EpisodeScript script) {
                catalog.add(entry(script, rows.get(script.id()), folder));
            }
        }
        return catalog;
    }

    private static CatalogEntry entry(EpisodeScript script, Row row, Path folder) {
        String source = script.source().toString();
        if (row == null) {
            return new CatalogEntry(script.id(), script.title(), Status.PENDING, source, 0, null, null, 0, null, null,
                    null, null);
        }
        // Only audio in this output folder counts: the same id may have been published elsewhere.
        Path wav = row.wavPath() == null ? null : Path.of(row.wavPath());
        boolean audio = wav != null && folder.equals(wav.getParent()) && Files.isRegularFile(wav);
        Status status = "FAILED".equals(row.status()) ? Status.FAILED : audio ? Status.NARRATED : Status.PENDING;
        return new CatalogEntry(script.id(), script.title(), status, source, audio ? row.durationMillis() : 0,
                audio ? wav.getFileName().toString() : null, null, 0, audio ? row.transcript() : null,
                status == Status.FAILED ? row.reason() : null,
                audio && row.finishedAt() != null ? row.finishedAt().toInstant() : null, audio ? row.sha256() : null,
                audio ? row.loudness() : null);
    }

    private static Loudness loudness(ResultSet rs) throws SQLException {
        double integrated = rs.getDouble(10);
        return rs.wasNull() ? null : new Loudness(integrated, rs.getDouble(11), rs.getDouble(12));
    }

    private Map<String, Row> rows(List<String> ids) {
        Map<String, Row> rows = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            jdbc.sql("""
                    SELECT episode_id, status, title, wav_path, transcript, duration_ms, failure_reason, finished_at,
                      wav_sha256, loudness_lufs, true_peak_dbtp, loudness_range_lu
                    FROM episode WHERE episode_id IN (:ids)""")
                    .param("ids", batch)
                    .query((rs, n) -> rows.put(rs.getString(1), new Row(rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getLong(6), rs.getString(7), rs.getTimestamp(8),
                            rs.getString(9), loudness(rs))))
                    .list();
        }
        return rows;
    }
}
