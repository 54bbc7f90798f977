-- An admin no longer listed in BAOCAO_ADMINS loses access at the next start; this remembers to
-- tell them once, at their next message.
ALTER TABLE members ADD COLUMN admin_revoked_at INTEGER;
