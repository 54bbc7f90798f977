-- One notice from the office to every unit (or a cluster), sent through the paced outbox
-- (issue 13): its text once here, one delivery per reporter pointing at it.
CREATE TABLE announcements (
    id          INTEGER PRIMARY KEY,
    text        TEXT    NOT NULL,
    cluster     TEXT,
    created_by  INTEGER REFERENCES members(id),
    created_at  INTEGER NOT NULL
);
ALTER TABLE deliveries ADD COLUMN announcement_id INTEGER REFERENCES announcements(id);
