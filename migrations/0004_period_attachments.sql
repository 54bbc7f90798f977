-- A period may carry the office's request letter or report outline (issue 13): sent with the
-- notice that the period is open, and again with /tinhtrang. Either the bytes (given on the command
-- line) or the id Telegram gave the document an officer sent in the chat.
CREATE TABLE period_attachments (
    period_id  INTEGER PRIMARY KEY REFERENCES periods(id),
    name       TEXT    NOT NULL,
    bytes      BLOB,
    file_id    TEXT,
    CHECK (bytes IS NOT NULL OR file_id IS NOT NULL)
);
