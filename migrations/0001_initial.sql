-- The whole data model of docs/DESIGN.md. Forward-only: never edit this file once it has landed.
-- Every *_at column is a Unix timestamp in seconds (UTC); dates of a data window are 'YYYY-MM-DD'.

CREATE TABLE units (
    id          INTEGER PRIMARY KEY,
    code        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('town', 'commune', 'ward', 'agency')),
    cluster     TEXT,
    position    INTEGER NOT NULL,             -- order of the district's own lists
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE members (
    id                  INTEGER PRIMARY KEY,
    tg_user_id          INTEGER NOT NULL UNIQUE,
    chat_id             INTEGER NOT NULL,
    full_name           TEXT    NOT NULL,
    username            TEXT,
    role                TEXT    NOT NULL CHECK (role IN ('admin', 'officer', 'reporter')),
    unit_id             INTEGER REFERENCES units(id),
    lang                TEXT    NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en')),
    reachable           INTEGER NOT NULL DEFAULT 1 CHECK (reachable IN (0, 1)),
    notify_submissions  INTEGER NOT NULL DEFAULT 1 CHECK (notify_submissions IN (0, 1)),
    active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at          INTEGER NOT NULL,
    removed_at          INTEGER,
    CHECK (role <> 'reporter' OR unit_id IS NOT NULL)
);
CREATE INDEX members_unit ON members(unit_id);

CREATE TABLE invites (
    code_hash   TEXT    PRIMARY KEY,          -- SHA-256 of the code; the code itself is never stored
    role        TEXT    NOT NULL CHECK (role IN ('officer', 'reporter')),
    unit_id     INTEGER REFERENCES units(id),
    created_by  INTEGER REFERENCES members(id), -- NULL: created from the command line
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_by     INTEGER REFERENCES members(id),
    used_at     INTEGER,
    CHECK (role <> 'reporter' OR unit_id IS NOT NULL)
);

CREATE TABLE periods (
    id              INTEGER PRIMARY KEY,
    series_key      TEXT    UNIQUE,           -- e.g. 'h1:2021' for periods opened by a series
    title           TEXT,                     -- a title given by hand; NULL: the kind's own title
    kind            TEXT    NOT NULL CHECK (kind IN ('monthly', 'quarterly', 'semiannual', 'nine_month', 'annual', 'ad_hoc')),
    kind_json       TEXT    NOT NULL,         -- the kind with its month / quarter / half and year
    data_from       TEXT    NOT NULL,
    data_to         TEXT    NOT NULL,
    opens_at        INTEGER NOT NULL,
    due_at          INTEGER NOT NULL,
    template_key    TEXT    NOT NULL,
    questions_json  TEXT    NOT NULL,         -- the template's questions, copied when the period opened
    status          TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_by      INTEGER REFERENCES members(id),
    created_at      INTEGER NOT NULL,
    closed_at       INTEGER
);

CREATE TABLE period_units (
    period_id   INTEGER NOT NULL REFERENCES periods(id),
    unit_id     INTEGER NOT NULL REFERENCES units(id),
    PRIMARY KEY (period_id, unit_id)
);
CREATE INDEX period_units_unit ON period_units(unit_id);

CREATE TABLE drafts (
    period_id     INTEGER NOT NULL REFERENCES periods(id),
    unit_id       INTEGER NOT NULL REFERENCES units(id),
    member_id     INTEGER NOT NULL REFERENCES members(id),
    answers_json  TEXT    NOT NULL,
    base_revision INTEGER NOT NULL DEFAULT 0, -- the report revision the draft started from
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (period_id, unit_id, member_id)
);

CREATE TABLE reports (
    id                  INTEGER PRIMARY KEY,
    period_id           INTEGER NOT NULL REFERENCES periods(id),
    unit_id             INTEGER NOT NULL REFERENCES units(id),
    revision            INTEGER NOT NULL DEFAULT 1,
    status              TEXT    NOT NULL CHECK (status IN ('submitted', 'returned', 'accepted')),
    submitted_by        INTEGER NOT NULL REFERENCES members(id),
    submitted_at        INTEGER NOT NULL,
    first_submitted_at  INTEGER NOT NULL,
    on_time             INTEGER NOT NULL CHECK (on_time IN (0, 1)),
    return_reason       TEXT,
    decided_by          INTEGER REFERENCES members(id),  -- the officer who returned or accepted it
    decided_at          INTEGER,
    UNIQUE (period_id, unit_id)
);

CREATE TABLE report_answers (
    report_id     INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    question_key  TEXT    NOT NULL,
    value_json    TEXT    NOT NULL,           -- the typed answer
    text          TEXT,                       -- searchable rendering of it
    number        INTEGER,                    -- whole number, or a fraction's numerator
    denominator   INTEGER,                    -- a fraction's denominator
    file_id       TEXT,                       -- Telegram file_id of an attached document or photo
    PRIMARY KEY (report_id, question_key)
);

CREATE TABLE report_revisions (
    id            INTEGER PRIMARY KEY,
    report_id     INTEGER NOT NULL REFERENCES reports(id),
    revision      INTEGER NOT NULL,
    status        TEXT    NOT NULL,
    submitted_by  INTEGER NOT NULL REFERENCES members(id),
    submitted_at  INTEGER NOT NULL,
    on_time       INTEGER NOT NULL,
    answers_json  TEXT    NOT NULL,
    replaced_at   INTEGER NOT NULL,
    UNIQUE (report_id, revision)
);

CREATE TABLE deliveries (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL,             -- reminder, digest, notice, nudge
    dedup_key   TEXT    NOT NULL UNIQUE,      -- stops the same message twice in normal operation
    period_id   INTEGER REFERENCES periods(id),
    unit_id     INTEGER REFERENCES units(id),
    member_id   INTEGER REFERENCES members(id),
    chat_id     INTEGER NOT NULL,
    stage       TEXT,
    status      TEXT    NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'blocked', 'skipped', 'gave_up')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    created_at  INTEGER NOT NULL,
    claimed_at  INTEGER,
    next_attempt_at INTEGER,                  -- a failed delivery is retried from then on
    sent_at     INTEGER
);
CREATE INDEX deliveries_status ON deliveries(status, next_attempt_at);

CREATE TABLE job_runs (
    job            TEXT    PRIMARY KEY,
    last_fired_at  INTEGER NOT NULL
);

CREATE TABLE dialogues (
    chat_id     INTEGER PRIMARY KEY,
    state_json  TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    at           INTEGER NOT NULL,
    actor        TEXT    NOT NULL,            -- 'member:<id>', 'cli' or 'system'
    kind         TEXT    NOT NULL,
    subject      TEXT    NOT NULL,
    detail_json  TEXT    NOT NULL DEFAULT '{}'
);
CREATE INDEX events_kind ON events(kind, at);
