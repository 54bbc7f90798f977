-- The officers' web console (issue 15): one-time login links and sessions, both stored only as
-- the SHA-256 of their random code.
CREATE TABLE web_logins (
    code_hash   TEXT    PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members(id),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);
CREATE TABLE web_sessions (
    token_hash  TEXT    PRIMARY KEY,
    member_id   INTEGER NOT NULL REFERENCES members(id),
    -- The token every form of this session carries (compared, never derived from the cookie).
    csrf        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX web_sessions_by_member ON web_sessions (member_id);
