//! The database as the machine's keeper sees it: dated backups in a directory (made, recorded,
//! pruned to the newest N), a write that proves the database can be written, and the outbox's
//! backlog.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};

use crate::domain::backup;
use crate::error::Result;

use super::{events, from_ts, ts, Actor, Store};

/// The name no job has, whose row in `job_runs` the health probe writes.
const PROBE: &str = "healthz";
/// What a backup records in the audit trail.
const MADE: &str = "backup.made";
const FAILED: &str = "backup.failed";

/// A backup recorded in the audit trail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupRecord {
    pub at: DateTime<Utc>,
    /// The copy's file name (made), or what went wrong (failed).
    pub what: String,
    /// The copy's size in bytes (0 for a failure).
    pub bytes: u64,
}

/// The outbox's backlog.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OutboxBacklog {
    /// Deliveries not finished: waiting, being sent, or failed and to be retried.
    pub depth: i64,
    /// When the oldest of them that may go now was planned.
    pub oldest: Option<DateTime<Utc>>,
}

impl Store {
    /// Writes a consistent copy of the database into `dir` (created if missing) under the dated
    /// name of `local`, never over an existing file: the copy is written as `….partial` and
    /// renamed once whole, so a copy cut short is never taken for a backup. Returns its path
    /// and size.
    pub async fn backup_into(&self, dir: &Path, local: NaiveDateTime) -> Result<(PathBuf, u64)> {
        std::fs::create_dir_all(dir)?;
        let path = (1..)
            .map(|n| dir.join(backup::file_name(local, n)))
            .find(|p| !p.exists())
            .unwrap_or_else(|| dir.join(backup::file_name(local, u32::MAX)));
        let mut partial = path.clone().into_os_string();
        partial.push(".partial");
        let partial = PathBuf::from(partial);
        if partial.exists() {
            std::fs::remove_file(&partial)?; // left by a run that died while copying
        }
        if let Err(e) = self.backup(&partial).await {
            let _ = std::fs::remove_file(&partial);
            return Err(e);
        }
        std::fs::File::open(&partial)?.sync_all()?;
        std::fs::rename(&partial, &path)?;
        let bytes = std::fs::metadata(&path)?.len();
        Ok((path, bytes))
    }

    /// Records a backup made (`failed`: `None`) or an attempt that failed, with what went wrong.
    pub async fn record_backup(
        &self,
        made: Option<(&str, u64)>,
        failed: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let (kind, subject, detail) = match (made, failed) {
            (Some((file, bytes)), _) => (MADE, file, serde_json::json!({ "bytes": bytes })),
            (None, error) => (FAILED, "backup", serde_json::json!({ "error": error })),
        };
        let mut tx = self.write().await?;
        events::record(&mut tx, now, Actor::System, kind, subject, detail).await?;
        tx.changing_nothing_held();
        tx.commit().await?;
        Ok(())
    }

    /// The last backup made and the last attempt that failed, if any.
    pub async fn last_backups(&self) -> Result<(Option<BackupRecord>, Option<BackupRecord>)> {
        let made = self.recent_events(Some(MADE), 1).await?.pop().map(|e| BackupRecord {
            at: e.at,
            bytes: e.detail["bytes"].as_u64().unwrap_or(0),
            what: e.subject,
        });
        let failed = self.recent_events(Some(FAILED), 1).await?.pop().map(|e| BackupRecord {
            at: e.at,
            what: e.detail["error"].as_str().unwrap_or_default().to_owned(),
            bytes: 0,
        });
        Ok((made, failed))
    }

    /// Proves the database can be written now: one real write through the bot's own writer (a
    /// row of `job_runs` that no job has), so a lock held by another process, a read-only file
    /// or a full disk shows here as it would to a chair's answer.
    pub async fn probe_write(&self, now: DateTime<Utc>) -> Result<()> {
        let write = super::writer::Write::new(
            "INSERT INTO job_runs (job, last_fired_at) VALUES (?, ?)
             ON CONFLICT (job) DO UPDATE SET last_fired_at = excluded.last_fired_at",
        );
        self.run(write.bind(PROBE).bind(ts(now)).changing_nothing_held()).await?;
        Ok(())
    }

    /// The outbox's backlog; without `broadcasts`, reminders and digests (held for the quiet
    /// hours) do not count as due.
    pub async fn outbox_backlog_at(
        &self,
        now: DateTime<Utc>,
        broadcasts: bool,
    ) -> Result<OutboxBacklog> {
        let (depth, oldest): (i64, Option<i64>) = sqlx::query_as(
            "SELECT COUNT(*),
                    MIN(CASE WHEN (status <> 'failed' OR next_attempt_at <= ?1)
                              AND (?2 OR kind NOT IN ('reminder', 'digest'))
                             THEN created_at END)
               FROM deliveries WHERE status IN ('pending', 'sending', 'failed')",
        )
        .bind(ts(now))
        .bind(broadcasts)
        .fetch_one(&self.pool)
        .await?;
        Ok(OutboxBacklog { depth, oldest: oldest.map(from_ts) })
    }
}

/// Deletes the scheduled copies in `dir` beyond the newest `keep`; other files are never
/// touched. Returns the names deleted.
pub fn prune_backups(dir: &Path, keep: u32) -> Result<Vec<String>> {
    let names: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .collect();
    let doomed = backup::to_prune(&names, usize::try_from(keep).unwrap_or(usize::MAX));
    for name in &doomed {
        std::fs::remove_file(dir.join(name))?;
    }
    Ok(doomed)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{execute, store};
    use super::*;
    use chrono::{NaiveDate, TimeZone};

    fn local(day: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, day).unwrap().and_hms_opt(2, 30, 0).unwrap()
    }

    #[tokio::test]
    async fn a_backup_never_overwrites_and_pruning_keeps_the_newest_and_foreign_files() {
        let (store, dir) = store().await;
        let backups = dir.path().join("sao-luu");
        let (first, bytes) = store.backup_into(&backups, local(3)).await.unwrap();
        assert!(first.ends_with("baocao-2026-12-03-0230.db") && bytes > 0);
        let (second, _) = store.backup_into(&backups, local(3)).await.unwrap();
        assert!(second.ends_with("baocao-2026-12-03-0230-2.db"), "{second:?}");
        store.backup_into(&backups, local(4)).await.unwrap();
        std::fs::write(backups.join("ghi-chu.txt"), "của cán bộ IT").unwrap();
        let deleted = prune_backups(&backups, 2).unwrap();
        assert_eq!(deleted, ["baocao-2026-12-03-0230.db"]);
        assert!(backups.join("ghi-chu.txt").exists() && second.exists());
    }

    #[tokio::test]
    async fn backups_made_and_failed_are_remembered_latest_first() {
        let (store, _dir) = store().await;
        let at = |h| Utc.with_ymd_and_hms(2026, 12, 3, h, 0, 0).unwrap();
        assert_eq!(store.last_backups().await.unwrap(), (None, None));
        store.record_backup(Some(("a.db", 10)), None, at(1)).await.unwrap();
        store.record_backup(Some(("b.db", 20)), None, at(2)).await.unwrap();
        store.record_backup(None, Some("disk full"), at(3)).await.unwrap();
        let (made, failed) = store.last_backups().await.unwrap();
        assert_eq!(made, Some(BackupRecord { at: at(2), what: "b.db".into(), bytes: 20 }));
        assert_eq!(failed, Some(BackupRecord { at: at(3), what: "disk full".into(), bytes: 0 }));
    }

    #[tokio::test]
    async fn the_backlog_counts_what_is_unfinished_and_ages_what_may_go() {
        let (store, _dir) = store().await;
        let now = Utc.with_ymd_and_hms(2026, 12, 3, 2, 0, 0).unwrap();
        let t = ts(now);
        execute(&store, &format!(
            "INSERT INTO deliveries (kind, dedup_key, channel, address, status, created_at, next_attempt_at) VALUES
               ('reminder', 'a', 'telegram', '1', 'pending', {}, NULL),
               ('notice', 'b', 'telegram', '1', 'failed', {}, {}),
               ('notice', 'c', 'telegram', '1', 'pending', {}, NULL),
               ('notice', 'd', 'telegram', '1', 'sent', {}, NULL)",
            t - 900, t - 600, t + 60, t - 300, t - 5000
        ))
        .await;
        let at_night = store.outbox_backlog_at(now, false).await.unwrap();
        assert_eq!(at_night.depth, 3);
        assert_eq!(
            at_night.oldest,
            Some(from_ts(t - 300)),
            "the held reminder and the retry later wait"
        );
        let by_day = store.outbox_backlog_at(now, true).await.unwrap();
        assert_eq!(by_day.oldest, Some(from_ts(t - 900)));
        store.probe_write(now).await.unwrap();
    }
}
