//! All SQL lives here. `Store` takes and returns domain types; one file per aggregate.

mod admins;
mod contacts;
mod decisions;
mod deliveries;
mod dialogues;
mod drafts;
mod events;
mod invites;
mod lock;
pub(crate) mod members;
mod merge;
mod operations;
mod periods;
mod progress;
mod proposals;
pub(crate) mod read_model;
mod reports;
pub mod restore;
pub(crate) mod stored_words;
mod units;
mod uploads;
mod web;
pub(crate) mod writer;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;

use crate::error::Result;

use read_model::ReadModel;
use writer::{Done, Write, WriteTx, Writer};

pub use decisions::DecisionOutcome;
pub use deliveries::{Delivery, DeliveryOutcome, NewDelivery};
pub use dialogues::ChatState;
pub use events::{Actor, Event};
pub use invites::{InviteListing, NewInvite, RedeemOutcome};
pub use lock::{DatabaseLock, LockError};
pub use members::{AddRefused, MemberListing};
pub use merge::Merged;
pub use operations::{prune_backups, BackupRecord, OutboxBacklog};
pub use periods::{NewPeriod, ReporterView};
pub use reports::SubmitOutcome;
pub use units::ImportSummary;
pub use uploads::Upload;
pub use web::{LoginKind, LoginRefused, NewLogin, OpenedSession, WebSession};

/// How long a statement waits for another writer before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// The application's database.
#[derive(Clone, Debug)]
pub struct Store {
    /// Reads (several at once: WAL lets readers run beside the writer).
    pool: SqlitePool,
    /// Writes: one connection in one task, so the bot's own writers queue there, in order,
    /// instead of contending for SQLite's write lock, whose busy handler sleeps 1, 2, 5, 10… ms
    /// between tries (the p99 of a chair's step was ≈ 100 ms with 10 chairs at once; README,
    /// Performance); the writes waiting are committed together (group commit).
    writer: Writer,
    /// What nearly every update reads, held in memory and kept true by the writer.
    model: Arc<ReadModel>,
}

impl Store {
    /// Opens (creating if needed) the SQLite file at `path` and applies pending migrations.
    pub async fn open(path: &Path) -> Result<Store> {
        let store = Store::connect(path).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// Opens the file without migrating.
    pub async fn connect(path: &Path) -> Result<Store> {
        // FULL: in WAL mode each commit syncs the WAL, so an answer the bot acknowledged survives
        // a power cut (NORMAL keeps it through a crash of the process only); the writer commits
        // the writes waiting together, so the sync is paid once per group (README, Operations).
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        // A ping before each use is a round trip to the connection's thread for nothing: a
        // SQLite file does not drop connections.
        let pool_of = |n: u32| {
            SqlitePoolOptions::new()
                .max_connections(n)
                .test_before_acquire(false)
                .acquire_timeout(BUSY_TIMEOUT * 2)
        };
        let pool = pool_of(8).connect_with(options.clone()).await?;
        let model = Arc::new(ReadModel::default());
        // A group's outcomes come back as they are made: room for a whole group's.
        let writer = Writer::start(options.row_buffer_size(1024), model.clone());
        Ok(Store { pool, writer, model })
    }

    /// Applies the embedded migrations that are not applied yet; returns how many ran.
    pub async fn migrate(&self) -> Result<usize> {
        let before = self.applied_migrations().await.unwrap_or(0);
        MIGRATOR.run(&self.pool).await?;
        Ok(self.applied_migrations().await?.saturating_sub(before))
    }

    async fn applied_migrations(&self) -> Result<usize> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success = 1")
            .fetch_one(&self.pool)
            .await?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Writes a consistent copy of the database to `dest` (`VACUUM INTO`), safe while running.
    pub async fn backup(&self, dest: &Path) -> Result<()> {
        sqlx::query("VACUUM INTO ?")
            .bind(dest.to_string_lossy().as_ref())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// A write transaction. It takes SQLite's write lock at once (`BEGIN IMMEDIATE`), waiting
    /// for another writer up to the busy timeout: a transaction that reads first and writes
    /// later would instead fail at once ("database is locked", SQLITE_BUSY_SNAPSHOT) whenever
    /// another connection committed in between, which waiting cannot cure.
    /// It is committed with the other writes waiting (group commit): [`WriteTx::commit`] returns
    /// once that is durable. Say what it changes of the read model ([`WriteTx::changing`]).
    pub(crate) async fn write(&self) -> Result<WriteTx> {
        self.writer.begin().await
    }

    /// Runs a write whose statements need no read in between, committed with the other writes
    /// waiting (group commit); what each statement did, once durable.
    pub(crate) async fn run(&self, write: Write) -> Result<Vec<Done>> {
        self.writer.run(write).await
    }

    /// How many transactions the writer has committed (each durable, holding one or more writes).
    pub fn commits(&self) -> u64 {
        self.writer.commits()
    }

    /// Closes every connection (checkpointing the WAL).
    pub async fn close(&self) {
        self.writer.close().await;
        self.pool.close().await;
    }
}

/// `columns` ("a, b, …") taken from `table` and named `{prefix}a, {prefix}b, …`, for a join whose
/// tables share column names.
pub(crate) fn columns_of(table: &str, columns: &str, prefix: &str) -> String {
    columns
        .split(',')
        .map(str::trim)
        .map(|c| format!("{table}.{c} AS {prefix}{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A UTC instant as stored (Unix seconds).
pub(crate) fn ts(at: DateTime<Utc>) -> i64 {
    at.timestamp()
}

/// A stored instant back as UTC.
pub(crate) fn from_ts(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

#[cfg(test)]
pub(crate) mod test_support {
    use super::Store;

    /// A fresh migrated database in a temporary directory (kept alive by the returned guard).
    pub async fn store() -> (Store, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("test.db")).await.unwrap();
        (store, dir)
    }

    /// Runs a statement as a test's set-up (what no use case does: a chair blocking the bot…).
    pub async fn execute(store: &Store, sql: &str) {
        let mut tx = store.write().await.unwrap();
        sqlx::raw_sql(sql).execute(&mut *tx).await.unwrap();
        tx.commit().await.unwrap();
    }

    /// The rows of a query of whole numbers, for a test to read what was recorded.
    pub async fn numbers(store: &Store, sql: &str) -> Vec<Vec<i64>> {
        use sqlx::Row;
        let rows = sqlx::query(sql).fetch_all(&store.pool).await.unwrap();
        rows.iter().map(|r| (0..r.len()).map(|i| r.get::<i64, _>(i)).collect()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::store;

    #[tokio::test]
    async fn migrating_twice_applies_nothing_the_second_time() {
        let (store, _dir) = store().await;
        assert_eq!(store.migrate().await.unwrap(), 0);
    }

    /// A database of before the 2025 units (migrations 1–2) with units, people, a period and a
    /// report keeps all of it when migration 3 rebuilds `units`.
    #[tokio::test]
    async fn a_database_of_before_keeps_its_data_when_units_are_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let store = super::Store::connect(&dir.path().join("old.db")).await.unwrap();
        let old = sqlx::migrate::Migrator {
            migrations: super::MIGRATOR
                .migrations
                .iter()
                .filter(|m| m.version <= 2)
                .cloned()
                .collect(),
            ..sqlx::migrate::Migrator::DEFAULT
        };
        old.run(&store.pool).await.unwrap();
        sqlx::raw_sql(
            "INSERT INTO units (id, code, name, kind, position, created_at, updated_at)
                 VALUES (1, 'TT-TUANGIAO', 'Thị trấn Tuần Giáo', 'town', 1, 0, 0),
                        (2, 'X-TAMA', 'Xã Ta Ma', 'commune', 2, 0, 0);
             INSERT INTO members (id, tg_user_id, chat_id, full_name, role, unit_id, created_at)
                 VALUES (1, 1001, 1001, 'Hung', 'reporter', 2, 0);
             INSERT INTO periods (id, kind, kind_json, data_from, data_to, opens_at, due_at, template_key, questions_json, created_at)
                 VALUES (1, 'semiannual', '{}', '2021-01-01', '2021-06-15', 0, 1, 'thi-dua', '[]', 0);
             INSERT INTO period_units (period_id, unit_id) VALUES (1, 1), (1, 2);
             INSERT INTO reports (id, period_id, unit_id, status, submitted_by, submitted_at, first_submitted_at, on_time)
                 VALUES (1, 1, 2, 'submitted', 1, 0, 0, 1);",
        )
        .execute(&store.pool)
        .await
        .unwrap();
        assert_eq!(store.migrate().await.unwrap(), super::MIGRATOR.migrations.len() - 2);
        let units: Vec<(i64, String, String)> =
            sqlx::query_as("SELECT id, kind, name FROM units ORDER BY id")
                .fetch_all(&store.pool)
                .await
                .unwrap();
        assert_eq!(units[0], (1, "town".to_owned(), "Thị trấn Tuần Giáo".to_owned()));
        let names: Vec<String> =
            sqlx::query_scalar("SELECT unit_name FROM period_units ORDER BY unit_id")
                .fetch_all(&store.pool)
                .await
                .unwrap();
        assert_eq!(names, ["Thị trấn Tuần Giáo", "Xã Ta Ma"]);
        // Migration 7: the member's Telegram chat became a contact; they are still themselves.
        let contacts: Vec<(i64, String, String, bool)> =
            sqlx::query_as("SELECT member_id, channel, address, reachable FROM contacts")
                .fetch_all(&store.pool)
                .await
                .unwrap();
        assert_eq!(contacts, [(1, "telegram".to_owned(), "1001".to_owned(), true)]);
        let hung = store.member_by_tg_user(1001).await.unwrap().unwrap();
        assert_eq!((hung.telegram_chat(), hung.full_name.as_str()), (Some(1001), "Hung"));
        let broken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM pragma_foreign_key_check")
            .fetch_one(&store.pool)
            .await
            .unwrap();
        assert_eq!(broken, 0);
        let fk: i64 =
            sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(&store.pool).await.unwrap();
        assert_eq!(fk, 1);
        // A unit cannot be deleted while a report points at it: the keys still hold.
        assert!(sqlx::query("DELETE FROM units WHERE id = 2").execute(&store.pool).await.is_err());
    }

    #[tokio::test]
    async fn wal_and_foreign_keys_are_on() {
        let (store, _dir) = store().await;
        let mode: String =
            sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&store.pool).await.unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 =
            sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(&store.pool).await.unwrap();
        assert_eq!(fk, 1);
    }

    #[tokio::test]
    async fn backup_writes_a_readable_copy() {
        let (store, dir) = store().await;
        let dest = dir.path().join("copy.db");
        store.backup(&dest).await.unwrap();
        let copy = super::Store::connect(&dest).await.unwrap();
        assert_eq!(copy.migrate().await.unwrap(), 0);
    }
}
