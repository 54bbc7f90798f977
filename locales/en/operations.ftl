### Operations: backups, restore, the installation's state

cli-job-backup = Database backup

restore-refused-running = Not restored: the bot is running on this database (process { $pid }, holding the lock file { $lock }). Stop the bot first, then run the restore again.
restore-refused-lock-file = Not restored: the lock file { $lock } could not be opened: { $detail }
restore-refused-same-file = Not restored: { $path } is the database in use. Choose a backup.
restore-refused-unreadable = Not restored: { $path } could not be read: { $detail }
restore-refused-live = Not restored: beside { $path } its log { $wal } holds writes the file lacks, so it is a database in use, not a backup. Use a copy made by baocao backup or by the scheduled backups.
restore-refused-not-database = Not restored: { $path } is not an SQLite database ({ $detail }). The current database is unchanged.
restore-refused-corrupt = Not restored: { $path } is damaged (the integrity check found: { $finding }). The current database is unchanged; choose another backup.
restore-refused-not-baocao = Not restored: { $path } is an SQLite database, but not a baocao one. The current database is unchanged.
restore-refused-unknown-migration = Not restored: { $path } has schema migration { $version }, which this version of baocao does not have. The current database is unchanged.
restore-refused-too-new = Not restored: { $path } was made by a newer baocao (schema migration { $version }; this version goes up to { $newest }). Install the newer version, then restore. The current database is unchanged.
restore-done = Restored { $database } from the backup { $path } ({ $migrated } schema migrations applied).
restore-kept = The database as it was before the restore is kept at { $path }.
restore-kept-none = There was no database here before.

status-database = Database: { $path } ({ $size }; write-ahead log { $wal })
status-running = The bot is running (process { $pid }).
status-not-running = The bot is not running.
status-backup-schedule = Scheduled backups: every day at { $at } into { $dir }, the newest { $keep } kept.
status-backup-off = Scheduled backups: off (set BAOCAO_BACKUP_DIR to turn them on).
status-backup-last = Last scheduled backup: { $at } — { $file } ({ $size }).
status-backup-failed = ⚠️ The scheduled backup at { $at } failed: { $error }
status-backup-old = ⚠️ The last scheduled backup is older than 2 days: check the bot's log.
status-backup-never = ⚠️ Scheduled backups are on, but none has been made yet.
status-outbox = Messages waiting: { $depth }; the oldest has waited { $minutes } min.
status-outbox-waiting = Messages waiting: { $depth } (to be retried, or held for the quiet hours).
status-outbox-empty = No messages waiting.
status-sweep = Last reminder sweep: { $at }.
status-sweep-never = No reminder sweep yet.

web-backup-last = Last backup of the data: { $at }.
web-backup-off = Scheduled backups of the data are not turned on.
web-backup-old = ⚠️ The last backup of the data was at { $at }, more than 2 days ago. Please ask whoever runs the server to check the backups.
web-backup-failed = ⚠️ The scheduled backup of the data at { $at } failed. Please ask whoever runs the server to check it.
web-backup-never = ⚠️ There is no backup of the data yet (scheduled backups run every day at { $time }). If there is still none after a day, please ask whoever runs the server to check.
