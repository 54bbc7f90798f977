//! Restoring a backup over the database. Only while no bot runs (the bot's own lock is held for
//! the whole restore); the file is checked on a copy first (`PRAGMA integrity_check`, and its
//! migrations must be ones this program knows, none newer), migrated there, and only then put in
//! place — the database it replaces is renamed aside with its `-wal` and `-shm`, never deleted.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};

use crate::error::Result;

use super::{events, Actor, DatabaseLock, LockError, Store, MIGRATOR};

/// Why a file was not restored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RestoreRefused {
    /// A bot runs on the database (it holds the lock file; its process id as it wrote it).
    Running { lock: PathBuf, pid: String },
    /// The lock file could not be opened or locked.
    LockFile { lock: PathBuf, detail: String },
    /// The file is the database itself.
    SameFile,
    /// The file could not be read.
    Unreadable { detail: String },
    /// A `-wal` beside the file holds writes it lacks: it is a live database, not a backup.
    LiveFile { wal: PathBuf },
    /// Not an SQLite database.
    NotADatabase { detail: String },
    /// `PRAGMA integrity_check` found damage (its first finding).
    Corrupt { finding: String },
    /// An SQLite database, but not one of this program (no migrations table).
    NotBaocao,
    /// A migration this program does not have, or has differently.
    UnknownMigration { version: i64 },
    /// Made by a newer program: its migration `version` is past this program's `newest`.
    TooNew { version: i64, newest: i64 },
}

/// A restore done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Restored {
    /// Migrations applied to bring the copy up to this program.
    pub migrated: usize,
    /// Where the database it replaced is kept (`None`: there was none).
    pub aside: Option<PathBuf>,
}

/// `path` with `suffix` added to its name (`baocao.db` → `baocao.db-wal`).
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Removes `path` and its `-wal` and `-shm`, whichever exist.
fn remove_with_journal(path: &Path) -> std::io::Result<()> {
    for file in [path.to_owned(), with_suffix(path, "-wal"), with_suffix(path, "-shm")] {
        match std::fs::remove_file(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

/// Restores `file` as `database` (see the module). `aside(n)` names the place the current
/// database goes (`n` from 1 until a free name is found). The restored database records the
/// restore in its audit trail at `now`.
pub async fn restore(
    database: &Path,
    file: &Path,
    aside: impl Fn(u32) -> PathBuf,
    now: DateTime<Utc>,
) -> Result<Result<Restored, RestoreRefused>> {
    let _lock = match DatabaseLock::acquire(database) {
        Ok(lock) => lock,
        Err(LockError::Held { path, pid }) => {
            return Ok(Err(RestoreRefused::Running { lock: path, pid }))
        }
        Err(LockError::Io { path, error }) => {
            return Ok(Err(RestoreRefused::LockFile { lock: path, detail: error.to_string() }))
        }
    };
    if let (Ok(a), Ok(b)) = (file.canonicalize(), database.canonicalize()) {
        if a == b {
            return Ok(Err(RestoreRefused::SameFile));
        }
    }
    let wal = with_suffix(file, "-wal");
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return Ok(Err(RestoreRefused::LiveFile { wal }));
    }
    // Checked and migrated on a copy beside the database: the backup itself is never changed,
    // and putting the copy in place is one rename on the same disk.
    let copy = with_suffix(database, ".restoring");
    remove_with_journal(&copy)?;
    if let Err(e) = std::fs::copy(file, &copy) {
        return Ok(Err(RestoreRefused::Unreadable { detail: e.to_string() }));
    }
    let outcome = match check(&copy).await {
        Ok(()) => migrate_copy(&copy, file, now).await.map(Ok),
        Err(refused) => Ok(Err(refused)),
    };
    let migrated = match outcome {
        Ok(Ok(n)) => n,
        other => {
            remove_with_journal(&copy)?;
            return other.map(|r| r.map(|migrated| Restored { migrated, aside: None }));
        }
    };
    let aside = put_in_place(database, &copy, aside)?;
    Ok(Ok(Restored { migrated, aside }))
}

/// Checks a copy: an SQLite database, undamaged, of this program's migrations and no newer.
async fn check(copy: &Path) -> Result<(), RestoreRefused> {
    let options = SqliteConnectOptions::new().filename(copy).create_if_missing(false);
    let not_db = |e: sqlx::Error| RestoreRefused::NotADatabase { detail: e.to_string() };
    let mut conn = options.connect().await.map_err(not_db)?;
    let result = check_on(&mut conn).await;
    let _ = conn.close().await;
    result
}

async fn check_on(conn: &mut sqlx::SqliteConnection) -> Result<(), RestoreRefused> {
    let not_db = |e: sqlx::Error| RestoreRefused::NotADatabase { detail: e.to_string() };
    let findings: Vec<String> =
        sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&mut *conn).await.map_err(not_db)?;
    if findings.first().is_some_and(|f| f != "ok") {
        return Err(RestoreRefused::Corrupt { finding: findings.join("; ") });
    }
    let applied: Vec<(i64, Vec<u8>)> = sqlx::query_as(
        "SELECT version, checksum FROM _sqlx_migrations WHERE success = 1 ORDER BY version",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(|_| RestoreRefused::NotBaocao)?;
    let newest = MIGRATOR.migrations.iter().map(|m| m.version).max().unwrap_or(0);
    for (version, checksum) in applied {
        if version > newest {
            return Err(RestoreRefused::TooNew { version, newest });
        }
        let known = MIGRATOR.migrations.iter().find(|m| m.version == version);
        if known.is_none_or(|m| *m.checksum != *checksum) {
            return Err(RestoreRefused::UnknownMigration { version });
        }
    }
    Ok(())
}

/// Migrates the copy and records the restore in it; closes it whole (no `-wal` left).
async fn migrate_copy(copy: &Path, file: &Path, now: DateTime<Utc>) -> Result<usize> {
    let store = Store::connect(copy).await?;
    let done = async {
        let migrated = store.migrate().await?;
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let mut tx = store.write().await?;
        let detail = serde_json::json!({ "migrated": migrated });
        events::record(&mut tx, now, Actor::Cli, "backup.restored", &name, detail).await?;
        tx.commit().await?;
        // Outside any transaction: on a reading connection (the checkpoint is the file's).
        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&store.pool).await?;
        Ok(migrated)
    }
    .await;
    store.close().await;
    done
}

/// Puts the checked copy in place of `database`, which goes aside with its `-wal` and `-shm`
/// (a `-wal` may hold its last writes). Returns where it went.
fn put_in_place(
    database: &Path,
    copy: &Path,
    aside: impl Fn(u32) -> PathBuf,
) -> Result<Option<PathBuf>> {
    for journal in ["-wal", "-shm"] {
        let stale = with_suffix(copy, journal);
        if stale.exists() {
            std::fs::remove_file(stale)?; // emptied by the checkpoint and the close
        }
    }
    let kept = if database.exists() {
        let place = (1..).map(&aside).find(|p| !p.exists()).unwrap_or_else(|| aside(u32::MAX));
        std::fs::rename(database, &place)?;
        for journal in ["-wal", "-shm"] {
            let current = with_suffix(database, journal);
            if !current.exists() {
                continue;
            }
            if let Err(e) = std::fs::rename(&current, with_suffix(&place, journal)) {
                let _ = std::fs::rename(&place, database); // back as it was
                return Err(e.into());
            }
        }
        Some(place)
    } else {
        None
    };
    if let Err(e) = std::fs::rename(copy, database) {
        if let Some(place) = &kept {
            let _ = std::fs::rename(place, database); // back as it was
        }
        return Err(e.into());
    }
    if let Some(dir) = database.parent().filter(|d| !d.as_os_str().is_empty()) {
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
    }
    Ok(kept)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::store;
    use super::*;

    #[tokio::test]
    async fn the_database_itself_a_live_file_and_an_altered_migration_are_refused() {
        let (store, dir) = store().await;
        let copy = dir.path().join("copy.db");
        store.backup(&copy).await.unwrap();
        store.close().await;
        let db = dir.path().join("test.db");
        let aside = |n: u32| dir.path().join(format!("aside-{n}.db"));
        let now = Utc::now();
        let refused = |r: Result<Result<Restored, RestoreRefused>>| r.unwrap().unwrap_err();
        assert_eq!(refused(restore(&db, &db, &aside, now).await), RestoreRefused::SameFile);
        let wal = with_suffix(&copy, "-wal");
        std::fs::write(&wal, b"writes not yet in the file").unwrap();
        assert_eq!(
            refused(restore(&db, &copy, &aside, now).await),
            RestoreRefused::LiveFile { wal: wal.clone() }
        );
        std::fs::remove_file(&wal).unwrap();
        let altered = dir.path().join("altered.db");
        std::fs::copy(&copy, &altered).unwrap();
        let mut conn = SqliteConnectOptions::new().filename(&altered).connect().await.unwrap();
        sqlx::query("UPDATE _sqlx_migrations SET checksum = x'00' WHERE version = 2")
            .execute(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
        let version = RestoreRefused::UnknownMigration { version: 2 };
        assert_eq!(refused(restore(&db, &altered, &aside, now).await), version);
        assert!(!aside(1).exists() && !with_suffix(&db, ".restoring").exists());

        let restored = restore(&db, &copy, &aside, now).await.unwrap().unwrap();
        assert_eq!(restored, Restored { migrated: 0, aside: Some(aside(1)) });
        assert!(copy.exists(), "the backup itself stays");
        let again = restore(&db, &copy, &aside, now).await.unwrap().unwrap();
        assert_eq!(again.aside, Some(aside(2)), "an earlier one set aside is never replaced");
    }
}
