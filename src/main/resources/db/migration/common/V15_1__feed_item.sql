-- An episode's identity in the podcast feed, fixed at its first publication: podcast apps know an
-- item by its guid, so a re-narrated episode keeps it (a new guid showed the episode twice), and
-- its date (a re-narration does not move it to the top). Portable SQL.
CREATE TABLE feed_item (
    episode_id         VARCHAR(128)  NOT NULL PRIMARY KEY,
    guid               VARCHAR(300)  NOT NULL,
    first_published_at TIMESTAMP     NOT NULL
);
