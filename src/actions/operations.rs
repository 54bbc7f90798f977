//! What the person at the machine does to the installation itself: migrating the database, a
//! consistent copy of it while the bot runs, the scheduled copies, restoring one, and the state
//! of it all (`baocao status`, the console's front page).

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveTime, Utc};

use crate::config::Config;
use crate::domain::backup::{self, BackupHealth};
use crate::domain::schedule::REMINDER_SWEEP_JOB;
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::store::restore::{self, RestoreRefused, Restored};
use crate::store::{BackupRecord, DatabaseLock, OutboxBacklog, Store};

use super::{App, By, Operator};

/// Applies the database's pending migrations; returns how many ran.
pub async fn migrate(config: &Config) -> Result<usize> {
    let store = Store::connect(&config.database).await?;
    let applied = store.migrate().await;
    store.close().await;
    applied
}

/// Writes a consistent copy of the database to `dest` (`VACUUM INTO`), safe while the bot runs.
pub async fn backup(app: &App, _: &Operator, dest: &Path) -> Result<()> {
    app.store.backup(dest).await
}

/// A scheduled backup made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MadeBackup {
    pub path: PathBuf,
    pub bytes: u64,
    /// Older copies deleted to keep the newest N.
    pub pruned: Vec<String>,
}

/// The scheduler's daily backup: a dated copy in the configured directory, recorded, and the
/// copies beyond the newest N deleted. A failure is recorded too (for the front page and
/// `baocao status`) and returned; the scheduler tries again at the next firing.
pub(crate) async fn scheduled_backup(app: &App, now: DateTime<Utc>) -> Result<Option<MadeBackup>> {
    let Some(settings) = &app.config.backup else { return Ok(None) };
    let local = now.with_timezone(&app.config.timezone).naive_local();
    let made = async {
        let (path, bytes) = app.store.backup_into(&settings.dir, local).await?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        app.store.record_backup(Some((&name, bytes)), None, now).await?;
        let pruned = crate::store::prune_backups(&settings.dir, settings.keep)?;
        Ok::<_, Error>(MadeBackup { path, bytes, pruned })
    };
    match made.await {
        Ok(made) => Ok(Some(made)),
        Err(e) => {
            if let Err(again) = app.store.record_backup(None, Some(&e.to_string()), now).await {
                tracing::warn!(error = %again, "could not record the failed backup");
            }
            Err(e)
        }
    }
}

/// The scheduled backups as officers and the operator see them.
#[derive(Clone, Debug, PartialEq)]
pub struct BackupStatus {
    /// When and where, and how many are kept (`None`: scheduled backups are off).
    pub schedule: Option<(NaiveTime, PathBuf, u32)>,
    /// The last backup made.
    pub made: Option<BackupRecord>,
    /// The last attempt that failed.
    pub failed: Option<BackupRecord>,
    pub health: BackupHealth,
}

/// The state of the scheduled backups.
pub async fn backup_status(app: &App, _: By<'_>) -> Result<BackupStatus> {
    let (made, failed) = app.store.last_backups().await?;
    let schedule = app.config.backup.as_ref().map(|b| (b.at, b.dir.clone(), b.keep));
    let health = backup::judge(
        schedule.is_some(),
        made.as_ref().map(|m| m.at),
        failed.as_ref().map(|f| f.at),
        app.now(),
    );
    Ok(BackupStatus { schedule, made, failed, health })
}

/// The installation at a glance (`baocao status`).
#[derive(Clone, Debug, PartialEq)]
pub struct Status {
    pub database: PathBuf,
    pub database_bytes: u64,
    pub wal_bytes: u64,
    /// The process id of the bot running on the database, if one runs.
    pub running: Option<String>,
    pub backups: BackupStatus,
    pub outbox: OutboxBacklog,
    /// When the reminder sweep last ran.
    pub last_sweep: Option<DateTime<Utc>>,
}

/// The sizes of the database file and of its write-ahead log, in bytes.
pub fn file_sizes(database: &Path) -> (u64, u64) {
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let mut wal = database.as_os_str().to_owned();
    wal.push("-wal");
    (size(database), size(Path::new(&wal)))
}

/// The installation at a glance, for the person at the machine.
pub async fn status(app: &App, operator: &Operator) -> Result<Status> {
    let now = app.now();
    let database = app.config.database.clone();
    let (database_bytes, wal_bytes) = file_sizes(&database);
    let broadcasts = crate::plan::may_disturb(&app.config, now);
    Ok(Status {
        running: DatabaseLock::holder(&database),
        backups: backup_status(app, By::Operator(operator)).await?,
        outbox: app.store.outbox_backlog_at(now, broadcasts).await?,
        last_sweep: app.store.job_last_fired(REMINDER_SWEEP_JOB).await?,
        database,
        database_bytes,
        wal_bytes,
    })
}

/// Restores `file` over the configured database (see `store::restore`): refused while a bot
/// runs, for a damaged file and for one this program does not know or that is newer; the
/// database it replaces is kept beside it, dated.
pub async fn restore(
    config: &Config,
    _: &Operator,
    file: &Path,
    now: DateTime<Utc>,
) -> Result<Restored> {
    let database = &config.database;
    let name = database.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let local = now.with_timezone(&config.timezone).naive_local();
    let aside = |n| database.with_file_name(backup::aside_name(&name, local, n));
    match restore::restore(database, file, aside, now).await? {
        Ok(restored) => Ok(restored),
        Err(refused) => Err(Error::User(refusal(&refused, file))),
    }
}

/// What the operator is told when a restore is refused.
fn refusal(refused: &RestoreRefused, file: &Path) -> Msg {
    let path = file.display().to_string();
    match refused {
        RestoreRefused::Running { lock, pid } => Msg::new("restore-refused-running")
            .arg("lock", lock.display().to_string())
            .arg("pid", pid.as_str()),
        RestoreRefused::LockFile { lock, detail } => Msg::new("restore-refused-lock-file")
            .arg("lock", lock.display().to_string())
            .arg("detail", detail.as_str()),
        RestoreRefused::SameFile => Msg::new("restore-refused-same-file").arg("path", path),
        RestoreRefused::Unreadable { detail } => {
            Msg::new("restore-refused-unreadable").arg("path", path).arg("detail", detail.as_str())
        }
        RestoreRefused::LiveFile { wal } => {
            Msg::new("restore-refused-live").arg("path", path).arg("wal", wal.display().to_string())
        }
        RestoreRefused::NotADatabase { detail } => Msg::new("restore-refused-not-database")
            .arg("path", path)
            .arg("detail", detail.as_str()),
        RestoreRefused::Corrupt { finding } => Msg::new("restore-refused-corrupt")
            .arg("path", path)
            .arg("finding", finding.chars().take(300).collect::<String>()),
        RestoreRefused::NotBaocao => Msg::new("restore-refused-not-baocao").arg("path", path),
        RestoreRefused::UnknownMigration { version } => {
            Msg::new("restore-refused-unknown-migration").arg("path", path).arg("version", *version)
        }
        RestoreRefused::TooNew { version, newest } => Msg::new("restore-refused-too-new")
            .arg("path", path)
            .arg("version", *version)
            .arg("newest", *newest),
    }
}
