//! The audit trail: every state change, who made it and when.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use crate::domain::MemberId;
use crate::error::Result;

use super::{from_ts, ts, Store};

/// Who made a change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Actor {
    Member(MemberId),
    /// Someone at the server's command line.
    Cli,
    /// The bot itself (scheduler, automatic actions).
    System,
}

impl Actor {
    fn label(self) -> String {
        match self {
            Actor::Member(id) => format!("member:{id}"),
            Actor::Cli => "cli".to_owned(),
            Actor::System => "system".to_owned(),
        }
    }
}

/// One recorded event.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub kind: String,
    pub subject: String,
    pub detail: serde_json::Value,
}

/// Records an event on `conn`, so that it commits (or not) with the change it describes.
pub(crate) async fn record(
    conn: &mut SqliteConnection,
    at: DateTime<Utc>,
    actor: Actor,
    kind: &str,
    subject: &str,
    detail: serde_json::Value,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO events (at, actor, kind, subject, detail_json) VALUES (?, ?, ?, ?, ?)",
    )
    .bind(ts(at))
    .bind(actor.label())
    .bind(kind)
    .bind(subject)
    .bind(detail.to_string())
    .execute(conn)
    .await?;
    Ok(())
}

impl Store {
    /// The most recent events of `kind` (all kinds when `None`), newest first.
    pub async fn recent_events(&self, kind: Option<&str>, limit: i64) -> Result<Vec<Event>> {
        let rows: Vec<(i64, String, String, String, String)> = sqlx::query_as(
            "SELECT at, actor, kind, subject, detail_json FROM events
             WHERE ?1 IS NULL OR kind = ?1 ORDER BY id DESC LIMIT ?2",
        )
        .bind(kind)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(at, actor, kind, subject, detail)| {
                Ok(Event {
                    at: from_ts(at),
                    actor,
                    kind,
                    subject,
                    detail: serde_json::from_str(&detail)?,
                })
            })
            .collect()
    }
}
