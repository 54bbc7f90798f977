-- The government of today (issue 12): unit kinds of 2025 (đặc khu, thôn/bản/tổ dân phố, phòng/ban
-- of a commune), units with a history (valid from/to, merged into), the name each unit had when a
-- period opened, and people's real names and positions.
-- SQLite cannot change a CHECK, so `units` is rebuilt. sqlx runs this in a transaction, where
-- foreign keys cannot be switched off; they are deferred instead: dropping `units` leaves the
-- rows that point at it dangling for a moment, and re-inserting every unit with its own id
-- mends them before the commit checks.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE units_before AS SELECT * FROM units;
DROP TABLE units;
CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    code        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('commune', 'ward', 'special_zone', 'town', 'agency', 'village', 'department')),
    cluster     TEXT,
    position    INTEGER NOT NULL,             -- order of the office's own lists
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    valid_from  TEXT,                         -- 'YYYY-MM-DD' it exists from; NULL: before the bot knew it
    valid_to    TEXT,                         -- 'YYYY-MM-DD' it ceased to exist (merged, dissolved)
    merged_into INTEGER REFERENCES units(id), -- its successor, when it was merged
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_from <= valid_to),
    CHECK (merged_into IS NULL OR valid_to IS NOT NULL)
);
INSERT INTO units (id, code, name, kind, cluster, position, active, created_at, updated_at)
    SELECT id, code, name, kind, cluster, position, active, created_at, updated_at FROM units_before;
DROP TABLE units_before;

-- Names a unit had before (renamed by a re-import): until when each was used.
CREATE TABLE unit_names (
    id        INTEGER PRIMARY KEY,
    unit_id   INTEGER NOT NULL REFERENCES units(id),
    name      TEXT    NOT NULL,
    until_at  INTEGER NOT NULL
);
CREATE INDEX unit_names_unit ON unit_names(unit_id);

-- The unit's name as it was when the period opened: 2021's exports say "Xã Nà Sáy" for ever.
ALTER TABLE period_units ADD COLUMN unit_name TEXT;
UPDATE period_units SET unit_name = (SELECT name FROM units WHERE units.id = period_units.unit_id);

-- A person's position (chức vụ), and whether they gave their real name (else Telegram's).
ALTER TABLE members ADD COLUMN position TEXT;
ALTER TABLE members ADD COLUMN named INTEGER NOT NULL DEFAULT 0 CHECK (named IN (0, 1));
