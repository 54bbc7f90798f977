//! The one writer. Every write of the process goes to one task that owns the write connection;
//! it takes every write waiting in its queue into one transaction (group commit: at most
//! [`GROUP_MAX`] writes or [`GROUP_TIME`] of work), and answers each caller only once that
//! transaction is committed (durable: `synchronous = FULL`). A write is either a [`Write`] (its
//! statements need no read in between, so all such writes waiting are sent to the connection's
//! thread as one command) or a [`WriteTx`], the connection lent to the caller inside the group's
//! transaction behind a savepoint (a write that reads as it goes). Between groups it watches
//! `PRAGMA data_version` for commits by other processes (the command line), which make the read
//! model forget what it holds.

mod errors;
mod group;
mod statements;
#[cfg(test)]
mod tests;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::SqliteConnection;
use tokio::sync::{mpsc, oneshot, OwnedMutexGuard};

use crate::error::{Error, Result};

use super::read_model::{Changed, ReadModel};

pub(crate) use statements::{changes, first_row, Done, Write};

/// The most writes one transaction takes.
pub(crate) const GROUP_MAX: usize = 64;
/// The longest a group goes on taking the writes that arrive while it runs.
pub(crate) const GROUP_TIME: Duration = Duration::from_millis(5);
/// How often another process's commits are looked for (`PRAGMA data_version`), at most.
pub(crate) const WATCH_EVERY: Duration = Duration::from_millis(250);
/// How long a write waits for its turn before giving up (as the pool's acquire timeout did).
const TURN_TIMEOUT: Duration = Duration::from_secs(10);

/// What the writer is asked to do.
pub(super) enum Job {
    Write { write: Write, reply: oneshot::Sender<Result<Vec<Done>>> },
    Lend { reply: oneshot::Sender<Result<WriteTx>> },
    Close { reply: oneshot::Sender<()> },
}

/// The handle to the writer task.
#[derive(Clone, Debug)]
pub(crate) struct Writer {
    jobs: mpsc::UnboundedSender<Job>,
    commits: Arc<AtomicU64>,
}

impl Writer {
    /// Starts the writer task on `options` (the connection is made at the first write), keeping
    /// `model` in step with what it commits.
    pub(crate) fn start(options: SqliteConnectOptions, model: Arc<ReadModel>) -> Writer {
        let (jobs, queue) = mpsc::unbounded_channel();
        let commits = Arc::new(AtomicU64::new(0));
        tokio::spawn(group::Task::new(options, queue, model, commits.clone()).run());
        Writer { jobs, commits }
    }

    /// How many transactions the writer has committed.
    pub(crate) fn commits(&self) -> u64 {
        self.commits.load(Ordering::Relaxed)
    }

    /// Runs `write` in the next group; its statements' outcomes once committed.
    pub(crate) async fn run(&self, write: Write) -> Result<Vec<Done>> {
        let (reply, answer) = oneshot::channel();
        self.jobs.send(Job::Write { write, reply }).map_err(|_| gone())?;
        answer.await.map_err(|_| gone())?
    }

    /// The connection, inside the next group's transaction: commit with [`WriteTx::commit`];
    /// dropped without it, what was done on it is rolled back.
    pub(crate) async fn begin(&self) -> Result<WriteTx> {
        let (reply, answer) = oneshot::channel();
        self.jobs.send(Job::Lend { reply }).map_err(|_| gone())?;
        match tokio::time::timeout(TURN_TIMEOUT, answer).await {
            Ok(answer) => answer.map_err(|_| gone())?,
            // The writer gives the connection to no one once this receiver is gone.
            Err(_) => Err(Error::Db(sqlx::Error::PoolTimedOut)),
        }
    }

    /// Commits what is waiting and closes the connection (checkpointing the WAL).
    pub(crate) async fn close(&self) {
        let (reply, answer) = oneshot::channel();
        if self.jobs.send(Job::Close { reply }).is_ok() {
            let _ = answer.await;
        }
    }
}

fn gone() -> Error {
    Error::Db(sqlx::Error::PoolClosed)
}

/// How a lent connection comes back.
pub(super) enum Verdict {
    Commit { changed: Option<Vec<Changed>>, answer: oneshot::Sender<Result<()>> },
    Rollback,
}

/// A write transaction: the writer's connection, lent inside its group's transaction.
pub(crate) struct WriteTx {
    conn: OwnedMutexGuard<SqliteConnection>,
    verdict: Option<oneshot::Sender<Verdict>>,
    changed: Option<Vec<Changed>>,
}

impl WriteTx {
    /// What this transaction changes of what the read model holds (applied once committed);
    /// a transaction that says nothing makes the read model forget everything.
    pub(crate) fn changing(&mut self, changed: Changed) {
        self.changed.get_or_insert_with(Vec::new).push(changed);
    }

    /// This transaction changes nothing the read model holds.
    pub(crate) fn changing_nothing_held(&mut self) {
        self.changed.get_or_insert_with(Vec::new);
    }

    /// Gives the connection back to be committed with its group; returns once that is durable.
    pub(crate) async fn commit(mut self) -> Result<()> {
        let (answer, committed) = oneshot::channel();
        let verdict = self.verdict.take();
        let changed = self.changed.take();
        drop(self); // the connection goes back to the writer
        if let Some(verdict) = verdict {
            verdict.send(Verdict::Commit { changed, answer }).map_err(|_| gone())?;
        }
        committed.await.map_err(|_| gone())?
    }
}

impl Drop for WriteTx {
    fn drop(&mut self) {
        if let Some(verdict) = self.verdict.take() {
            let _ = verdict.send(Verdict::Rollback);
        }
    }
}

impl std::ops::Deref for WriteTx {
    type Target = SqliteConnection;

    fn deref(&self) -> &SqliteConnection {
        &self.conn
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut SqliteConnection {
        &mut self.conn
    }
}
