-- People are not Telegram accounts (issue 22): a member has zero or more contacts — a Telegram
-- chat, an e-mail address, later others — and the outbox delivers on each. The Telegram user id
-- stays on the member as who they are to the chat (NULL for someone who uses only e-mail and the
-- web); the chat they are written to becomes a contact.
-- SQLite cannot drop a NOT NULL, so `members` and `deliveries` are rebuilt keeping every id
-- (foreign keys deferred, as in 0003).
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE members_before AS SELECT * FROM members;
DROP INDEX members_unit;
DROP TABLE members;
CREATE TABLE members (
    id                  INTEGER PRIMARY KEY,
    tg_user_id          INTEGER UNIQUE,           -- who they are to the chat; NULL: no Telegram
    full_name           TEXT    NOT NULL,
    username            TEXT,
    role                TEXT    NOT NULL CHECK (role IN ('admin', 'officer', 'reporter')),
    unit_id             INTEGER REFERENCES units(id),
    lang                TEXT    NOT NULL DEFAULT 'vi' CHECK (lang IN ('vi', 'en')),
    notify_submissions  INTEGER NOT NULL DEFAULT 1 CHECK (notify_submissions IN (0, 1)),
    active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at          INTEGER NOT NULL,
    removed_at          INTEGER,
    admin_revoked_at    INTEGER,
    position            TEXT,
    named               INTEGER NOT NULL DEFAULT 0 CHECK (named IN (0, 1)),
    -- The admin of the machine itself (`baocao web link --admin` with no admin listed): not one
    -- of BAOCAO_ADMINS, so never revoked for not being listed.
    operator            INTEGER NOT NULL DEFAULT 0 CHECK (operator IN (0, 1)),
    CHECK (role <> 'reporter' OR unit_id IS NOT NULL)
);
INSERT INTO members (id, tg_user_id, full_name, username, role, unit_id, lang, notify_submissions,
                     active, created_at, removed_at, admin_revoked_at, position, named)
    SELECT id, tg_user_id, full_name, username, role, unit_id, lang, notify_submissions,
           active, created_at, removed_at, admin_revoked_at, position, named
      FROM members_before;
CREATE INDEX members_unit ON members(unit_id);

CREATE TABLE contacts (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members(id),
    channel     TEXT    NOT NULL,                 -- 'telegram', 'email'
    address     TEXT    NOT NULL,                 -- the chat id, the e-mail address (lower case)
    reachable   INTEGER NOT NULL DEFAULT 1 CHECK (reachable IN (0, 1)),
    last_error  TEXT,                             -- why it was found unreachable
    created_at  INTEGER NOT NULL,
    UNIQUE (channel, address)
);
CREATE INDEX contacts_member ON contacts(member_id);
INSERT INTO contacts (member_id, channel, address, reachable, created_at)
    SELECT id, 'telegram', CAST(chat_id AS TEXT), reachable, created_at FROM members_before;
DROP TABLE members_before;

CREATE TEMP TABLE deliveries_before AS SELECT * FROM deliveries;
DROP INDEX deliveries_status;
DROP TABLE deliveries;
CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL,
    dedup_key       TEXT    NOT NULL UNIQUE,      -- stops the same message twice in normal operation
    period_id       INTEGER REFERENCES periods(id),
    unit_id         INTEGER REFERENCES units(id),
    member_id       INTEGER REFERENCES members(id),
    channel         TEXT    NOT NULL DEFAULT 'telegram',
    address         TEXT    NOT NULL,             -- on that channel: a chat id, an e-mail address
    stage           TEXT,
    status          TEXT    NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'blocked', 'skipped', 'gave_up')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    claimed_at      INTEGER,
    next_attempt_at INTEGER,
    sent_at         INTEGER,
    announcement_id INTEGER REFERENCES announcements(id)
);
INSERT INTO deliveries (id, kind, dedup_key, period_id, unit_id, member_id, channel, address, stage,
                        status, attempts, last_error, created_at, claimed_at, next_attempt_at,
                        sent_at, announcement_id)
    SELECT id, kind, dedup_key, period_id, unit_id, member_id, 'telegram', CAST(chat_id AS TEXT),
           stage, status, attempts, last_error, created_at, claimed_at, next_attempt_at, sent_at,
           announcement_id
      FROM deliveries_before;
DROP TABLE deliveries_before;
CREATE INDEX deliveries_status ON deliveries(status, next_attempt_at);

-- Sessions of the web: an officer's at the console (a working day), a reporter's on their phone
-- (30 days). Links are spent once either way.
ALTER TABLE web_sessions ADD COLUMN kind TEXT NOT NULL DEFAULT 'console'
    CHECK (kind IN ('console', 'form'));
ALTER TABLE web_logins ADD COLUMN kind TEXT NOT NULL DEFAULT 'console'
    CHECK (kind IN ('console', 'form'));
-- Where a link leads once it has signed its person in (a path of the site: "/f/p/3").
ALTER TABLE web_logins ADD COLUMN next TEXT;

-- Files a chair attached through the web form (Telegram keeps the ones sent in the chat).
CREATE TABLE uploads (
    id          INTEGER PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members(id),
    name        TEXT    NOT NULL,
    mime        TEXT    NOT NULL,
    bytes       BLOB    NOT NULL,
    created_at  INTEGER NOT NULL
);
