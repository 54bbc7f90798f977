//! The writer task: group commit on one connection, and the watch for other processes' commits.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

use futures::StreamExt;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, Either, Executor, SqliteConnection};
use tokio::sync::{mpsc, oneshot, Mutex};

use crate::error::{Error, Result};
use crate::store::read_model::{Changed, ReadModel};

use super::errors::copy;
use super::statements::{arguments, Arg, Done, Write};
use super::{Job, Verdict, WriteTx, GROUP_MAX, GROUP_TIME, WATCH_EVERY};

type WriteReply = oneshot::Sender<Result<Vec<Done>>>;

/// A caller to answer once the group is committed.
enum Answer {
    Write(WriteReply, Vec<Done>),
    Tx(oneshot::Sender<Result<()>>),
}

impl Answer {
    fn fail(self, e: &Error) {
        match self {
            Answer::Write(reply, _) => drop(reply.send(Err(copy(e)))),
            Answer::Tx(reply) => drop(reply.send(Err(copy(e)))),
        }
    }
}

/// One transaction's worth of writes.
struct Group {
    started: Instant,
    taken: usize,
    /// `BEGIN IMMEDIATE` ran and neither `COMMIT` nor `ROLLBACK` since.
    begun: bool,
    /// Over: committed with its last command, or failed.
    over: bool,
    answers: Vec<Answer>,
    changed: Vec<Changed>,
}

impl Group {
    /// Whether the group may take another write.
    fn has_room(&self) -> bool {
        self.taken < GROUP_MAX && self.started.elapsed() < GROUP_TIME
    }
}

/// The writer task's state.
pub(super) struct Task {
    options: SqliteConnectOptions,
    conn: Option<Arc<Mutex<SqliteConnection>>>,
    queue: mpsc::UnboundedReceiver<Job>,
    /// Jobs taken from the queue that wait for the next group.
    waiting: VecDeque<Job>,
    model: Arc<ReadModel>,
    /// `PRAGMA data_version` when last looked at (`None`: not known, nothing may be held).
    data_version: Option<i64>,
    watched_at: Instant,
    commits: Arc<AtomicU64>,
}

impl Task {
    pub(super) fn new(
        options: SqliteConnectOptions,
        queue: mpsc::UnboundedReceiver<Job>,
        model: Arc<ReadModel>,
        commits: Arc<AtomicU64>,
    ) -> Task {
        let (waiting, watched_at, data_version) = (VecDeque::new(), Instant::now(), None);
        Task { options, conn: None, queue, waiting, model, data_version, watched_at, commits }
    }

    pub(super) async fn run(mut self) {
        if let Err(e) = self.conn().await {
            tracing::debug!(error = %e, "the write connection is not open yet");
        }
        loop {
            let job = match self.waiting.pop_front() {
                Some(job) => job,
                None => match tokio::time::timeout(WATCH_EVERY, self.queue.recv()).await {
                    Ok(Some(job)) => job,
                    Ok(None) => return self.shut().await,
                    Err(_) => {
                        self.watch().await;
                        continue;
                    }
                },
            };
            if self.watched_at.elapsed() >= WATCH_EVERY {
                self.watch().await;
            }
            if let Job::Close { reply } = job {
                self.shut().await;
                let _ = reply.send(());
                return;
            }
            self.group(job).await;
        }
    }

    /// Runs `first` and every write that is waiting or arrives meanwhile (within the bounds) in
    /// one transaction, then commits and answers them.
    async fn group(&mut self, first: Job) {
        let mut g = Group {
            started: Instant::now(),
            taken: 0,
            begun: false,
            over: false,
            answers: Vec::new(),
            changed: Vec::new(),
        };
        let mut next = Some(first);
        while let Some(job) = next.take() {
            match job {
                Job::Write { write, reply } => {
                    let batch = self.batch(&g, write, reply);
                    g.taken += batch.len();
                    self.writes(&mut g, batch).await;
                }
                Job::Lend { reply } => {
                    g.taken += 1;
                    self.lend(&mut g, reply).await;
                }
                Job::Close { reply } => {
                    self.waiting.push_front(Job::Close { reply });
                    break;
                }
            }
            if !g.over && g.has_room() {
                next = self.take();
            }
        }
        self.finish(g).await;
    }

    /// `first` and the writes waiting right behind it, to be sent as one command.
    fn batch(&mut self, g: &Group, first: Write, reply: WriteReply) -> Vec<(Write, WriteReply)> {
        let alone = first.numbered();
        let mut batch = vec![(first, reply)];
        while !alone && g.taken + batch.len() < GROUP_MAX {
            match self.take() {
                Some(Job::Write { write, reply }) if !write.numbered() => {
                    batch.push((write, reply))
                }
                Some(other) => {
                    self.waiting.push_front(other);
                    break;
                }
                None => break,
            }
        }
        batch
    }

    fn take(&mut self) -> Option<Job> {
        self.waiting.pop_front().or_else(|| self.queue.try_recv().ok())
    }

    fn nothing_waiting(&self) -> bool {
        self.waiting.is_empty() && self.queue.is_empty()
    }

    /// Runs a batch of writes in one command (behind a savepoint, committing the group with it
    /// when nothing else waits). A write whose statement fails is told so, and the others run
    /// again without it.
    async fn writes(&mut self, g: &mut Group, mut batch: Vec<(Write, WriteReply)>) {
        while !batch.is_empty() {
            // Nothing more for this group: its `COMMIT` goes with this command.
            let last = self.nothing_waiting() || !g.has_room();
            let mut sql = String::new();
            let mut args = Vec::new();
            let head = if g.begun { "SAVEPOINT w;\n" } else { "BEGIN IMMEDIATE;\nSAVEPOINT w;\n" };
            sql.push_str(head);
            let prefix = if g.begun { 1 } else { 2 };
            for (write, _) in &batch {
                for statement in &write.statements {
                    sql.push_str(statement.trim().trim_end_matches(';'));
                    sql.push_str(";\n");
                }
                args.extend(write.args.iter().cloned());
            }
            sql.push_str(if last { "RELEASE w;\nCOMMIT" } else { "RELEASE w" });
            let (mut done, failed) = self.run_sql(&sql, args, batch.len() == 1).await;
            g.begun |= !done.is_empty();
            let Some(e) = failed else {
                done.drain(..prefix);
                for (write, reply) in batch {
                    let rest = done.split_off(write.statements.len().min(done.len()));
                    let mine = std::mem::replace(&mut done, rest);
                    g.changed.extend(write.changed.unwrap_or_else(|| vec![Changed::Everything]));
                    g.answers.push(Answer::Write(reply, mine));
                }
                if last {
                    g.begun = false;
                    g.over = true;
                    self.commits.fetch_add(1, Ordering::Relaxed);
                }
                return;
            };
            let Some(culprit) = culprit(&batch, done.len(), prefix) else {
                let answers = batch.into_iter().map(|(_, r)| Answer::Write(r, vec![])).collect();
                return self.fail(g, &e, answers).await;
            };
            if let Some(e) = self.run_sql("ROLLBACK TO w;\nRELEASE w", vec![], true).await.1 {
                let answers = batch.into_iter().map(|(_, r)| Answer::Write(r, vec![])).collect();
                return self.fail(g, &e, answers).await;
            }
            let (_, reply) = batch.remove(culprit);
            let _ = reply.send(Err(e));
        }
    }

    /// Lends the connection inside the group's transaction, behind a savepoint, until the
    /// caller commits (the savepoint is released) or drops it (rolled back to the savepoint).
    async fn lend(&mut self, g: &mut Group, reply: oneshot::Sender<Result<WriteTx>>) {
        let head = if g.begun { "SAVEPOINT t" } else { "BEGIN IMMEDIATE;\nSAVEPOINT t" };
        let (done, failed) = self.run_sql(head, vec![], true).await;
        g.begun |= !done.is_empty();
        if let Some(e) = failed {
            let _ = reply.send(Err(copy(&e)));
            return self.fail(g, &e, Vec::new()).await;
        }
        let Some(conn) = self.conn.clone() else { return };
        let (verdict, given_back) = oneshot::channel();
        let tx = WriteTx { conn: conn.lock_owned().await, verdict: Some(verdict), changed: None };
        // A caller that stopped waiting drops it here: rolled back.
        drop(reply.send(Ok(tx)));
        match given_back.await {
            Ok(Verdict::Commit { changed, answer }) => {
                match self.run_sql("RELEASE t", vec![], true).await.1 {
                    None => {
                        g.changed.extend(changed.unwrap_or_else(|| vec![Changed::Everything]));
                        g.answers.push(Answer::Tx(answer));
                    }
                    Some(e) => self.fail(g, &e, vec![Answer::Tx(answer)]).await,
                }
            }
            Ok(Verdict::Rollback) | Err(_) => {
                if let Some(e) = self.run_sql("ROLLBACK TO t;\nRELEASE t", vec![], true).await.1 {
                    self.fail(g, &e, Vec::new()).await;
                }
            }
        }
    }

    /// Commits the group (unless its last command did), then keeps the read model in step with
    /// what was committed, in order, and answers every caller.
    async fn finish(&mut self, mut g: Group) {
        if g.begun {
            if let Some(e) = self.run_sql("COMMIT", vec![], true).await.1 {
                return self.fail(&mut g, &e, Vec::new()).await;
            }
            self.commits.fetch_add(1, Ordering::Relaxed);
        }
        self.model.apply(&g.changed);
        for answer in g.answers {
            match answer {
                Answer::Write(reply, done) => drop(reply.send(Ok(done))),
                Answer::Tx(reply) => drop(reply.send(Ok(()))),
            }
        }
    }

    /// The group failed: rolled back, every caller in it (and `more`) told.
    async fn fail(&mut self, g: &mut Group, e: &Error, more: Vec<Answer>) {
        tracing::warn!(error = %e, writes = g.taken, "a group of writes failed");
        if g.begun {
            g.begun = false;
            // Nothing to do if SQLite ended the transaction itself.
            let _ = self.run_sql("ROLLBACK", Vec::new(), true).await;
        }
        g.over = true;
        g.changed.clear();
        for answer in g.answers.drain(..).chain(more) {
            answer.fail(e);
        }
    }

    /// Runs `sql` (statements joined by `;`): what each statement did until the first failure.
    async fn run_sql(
        &mut self,
        sql: &str,
        args: Vec<Arg>,
        persistent: bool,
    ) -> (Vec<Done>, Option<Error>) {
        let conn = match self.conn().await {
            Ok(conn) => conn,
            Err(e) => return (Vec::new(), Some(e)),
        };
        let args = match arguments(args) {
            Ok(args) => args,
            Err(e) => return (Vec::new(), Some(e.into())),
        };
        let mut conn = conn.lock().await;
        let query = sqlx::query_with(sql, args).persistent(persistent);
        let mut stream = conn.fetch_many(query);
        let (mut done, mut rows) = (Vec::new(), Vec::new());
        while let Some(item) = stream.next().await {
            match item {
                Ok(Either::Left(r)) => {
                    done.push(Done { changes: r.rows_affected(), rows: std::mem::take(&mut rows) })
                }
                Ok(Either::Right(row)) => rows.push(row),
                Err(e) => return (done, Some(e.into())),
            }
        }
        (done, None)
    }

    /// The connection, opened (and its first `data_version` read) when first needed.
    async fn conn(&mut self) -> Result<Arc<Mutex<SqliteConnection>>> {
        if let Some(conn) = &self.conn {
            return Ok(conn.clone());
        }
        let conn = Arc::new(Mutex::new(self.options.connect().await?));
        self.conn = Some(conn.clone());
        self.watch().await;
        Ok(conn)
    }

    /// Looks at `PRAGMA data_version` on the writer's own connection: it changes exactly when
    /// another connection (another process: the command line) committed, never for this one's
    /// own commits. Then the read model forgets what it holds.
    async fn watch(&mut self) {
        self.watched_at = Instant::now();
        let Some(conn) = self.conn.clone() else { return };
        let version: std::result::Result<i64, sqlx::Error> =
            sqlx::query_scalar("PRAGMA data_version").fetch_one(&mut *conn.lock().await).await;
        match version {
            Ok(v) if Some(v) == self.data_version => {}
            Ok(v) => {
                if self.data_version.is_some() {
                    tracing::debug!(
                        "another process wrote to the database: the read model starts afresh"
                    );
                }
                self.data_version = Some(v);
                self.model.forget_all();
                self.model.hold(true);
            }
            Err(e) => {
                tracing::warn!(error = %e, "could not watch for other processes' writes");
                self.data_version = None;
                self.model.hold(false);
            }
        }
    }

    /// Closes the connection once no one holds it (the WAL is checkpointed).
    async fn shut(&mut self) {
        self.model.hold(false);
        let Some(conn) = self.conn.take() else { return };
        drop(conn.lock().await);
        if let Ok(conn) = Arc::try_unwrap(conn) {
            if let Err(e) = conn.into_inner().close().await {
                tracing::warn!(error = %e, "closing the write connection");
            }
        }
    }
}

/// Which write of `batch` holds the statement at `index` of the command (`prefix` statements
/// came first); `None`: a statement of the writer's own (`BEGIN`, `SAVEPOINT`, `COMMIT`).
fn culprit(batch: &[(Write, WriteReply)], index: usize, prefix: usize) -> Option<usize> {
    let mut at = index.checked_sub(prefix)?;
    for (i, (write, _)) in batch.iter().enumerate() {
        if at < write.statements.len() {
            return Some(i);
        }
        at -= write.statements.len();
    }
    None
}
