//! Outgoing messages the bot sends by itself: claimed before sending, marked after.
//! A claim left `sending` by a crash is taken again later (at-least-once).

use chrono::{DateTime, Duration, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

use crate::domain::delivery::{DeliveryKind, DeliveryStatus};
use crate::domain::schedule::Stage;
use crate::domain::{Decision, Member, MemberId, PeriodId, UnitId};
use crate::error::Result;

use super::read_model::Changed;
use super::stored_words::{Place, Stored};
use super::writer::{changes, Write};
use super::{from_ts, ts, Store};

/// A delivery to be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDelivery {
    pub kind: DeliveryKind,
    /// The same key is never delivered twice in normal operation.
    pub dedup_key: String,
    pub period_id: Option<PeriodId>,
    pub unit_id: Option<UnitId>,
    pub member_id: Option<MemberId>,
    /// The channel it goes by ("telegram", "email") and the address there.
    pub channel: String,
    pub address: String,
    /// The reminder ladder's stage, for reminders.
    pub stage: Option<Stage>,
    /// The decision told, for decisions.
    pub decision: Option<Decision>,
    /// The office's notice told, for announcements.
    pub announcement: Option<i64>,
}

impl NewDelivery {
    /// The stored word of its stage or decision.
    fn stage_code(&self) -> Option<String> {
        self.stage.map(Stage::code).or_else(|| self.decision.map(|d| d.code().to_owned()))
    }
}

/// A claimed delivery.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    pub id: i64,
    pub kind: DeliveryKind,
    pub dedup_key: String,
    pub period_id: Option<PeriodId>,
    pub unit_id: Option<UnitId>,
    pub member_id: Option<MemberId>,
    pub channel: String,
    pub address: String,
    pub stage: Option<Stage>,
    pub decision: Option<Decision>,
    pub announcement: Option<i64>,
    pub attempts: i64,
    /// When it was planned.
    pub created_at: DateTime<Utc>,
}

/// How a delivery ended (this time).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeliveryOutcome {
    Sent,
    /// Nothing to send any more (the unit reported meanwhile, the digest is empty).
    Skipped,
    /// Try again from `retry_at`.
    Failed {
        error: String,
        retry_at: DateTime<Utc>,
    },
    /// Failed too often; left for an operator to see.
    GaveUp {
        error: String,
    },
    /// The person is gone from the channel (blocked the bot, left Telegram, a mailbox that does
    /// not exist): this contact is marked unreachable.
    Blocked {
        error: String,
    },
}

/// A delivery claimed this long ago and never marked is taken again (the process died).
pub const STALE_CLAIM: Duration = Duration::minutes(5);

fn delivery_from_row(row: &SqliteRow) -> Result<Delivery> {
    let kind: String = row.try_get("kind")?;
    let id: i64 = row.try_get("id")?;
    let kind = DeliveryKind::decode(&kind, Place::new("deliveries", "kind", id))?;
    let stage: Option<String> = row.try_get("stage")?;
    let at = Place::new("deliveries", "stage", id);
    let (stage, decision) = match (kind, stage) {
        (_, None) => (None, None),
        (DeliveryKind::Decision, Some(word)) => (None, Some(Decision::decode(&word, at)?)),
        (_, Some(code)) => (Some(Stage::parse(&code).ok_or_else(|| at.corrupt(&code))?), None),
    };
    Ok(Delivery {
        id,
        kind,
        dedup_key: row.try_get("dedup_key")?,
        period_id: row.try_get::<Option<i64>, _>("period_id")?.map(PeriodId),
        unit_id: row.try_get::<Option<i64>, _>("unit_id")?.map(UnitId),
        member_id: row.try_get::<Option<i64>, _>("member_id")?.map(MemberId),
        channel: row.try_get("channel")?,
        address: row.try_get("address")?,
        stage,
        decision,
        announcement: row.try_get("announcement_id")?,
        created_at: from_ts(row.try_get("created_at")?),
        attempts: row.try_get("attempts")?,
    })
}

/// Records deliveries inside the caller's transaction (with the change that causes them);
/// those whose key exists already are ignored. Returns how many are new.
pub(crate) async fn insert_deliveries(
    conn: &mut sqlx::SqliteConnection,
    deliveries: &[NewDelivery],
    now: DateTime<Utc>,
) -> Result<usize> {
    let mut added = 0;
    // Several hundred rows per statement (10 parameters each, well under SQLite's limit).
    for chunk in deliveries.chunks(500) {
        let mut insert = sqlx::QueryBuilder::new(
            "INSERT OR IGNORE INTO deliveries (kind, dedup_key, period_id, unit_id, member_id, channel, address, stage, announcement_id, created_at) ",
        );
        insert.push_values(chunk, |mut row, d| {
            row.push_bind(d.kind.code())
                .push_bind(&d.dedup_key)
                .push_bind(d.period_id.map(|p| p.0))
                .push_bind(d.unit_id.map(|u| u.0))
                .push_bind(d.member_id.map(|m| m.0))
                .push_bind(&d.channel)
                .push_bind(&d.address)
                .push_bind(d.stage_code())
                .push_bind(d.announcement)
                .push_bind(ts(now));
        });
        added += insert.build().execute(&mut *conn).await?.rows_affected();
    }
    Ok(usize::try_from(added).unwrap_or(usize::MAX))
}

impl Store {
    /// Records deliveries to make; those whose key exists already are ignored. Returns how many are new.
    pub async fn add_deliveries(
        &self,
        deliveries: &[NewDelivery],
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let mut tx = self.write().await?;
        let added = insert_deliveries(&mut tx, deliveries, now).await?;
        tx.changing_nothing_held();
        tx.commit().await?;
        Ok(added)
    }

    /// Deliveries not finished yet: waiting, being sent, or failed and to be tried again.
    pub async fn outbox_backlog(&self) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM deliveries WHERE status IN ('pending', 'sending', 'failed')",
        )
        .fetch_one(&self.pool)
        .await?)
    }

    /// At start: deliveries a previous run claimed and never marked (it was killed) are due again
    /// at once, instead of after [`STALE_CLAIM`]. Only one `baocao run` uses a database at a
    /// time (Telegram refuses a second poller), so every such claim belongs to a dead process.
    /// Returns how many.
    pub async fn release_claims(&self) -> Result<u64> {
        let write = Write::new("UPDATE deliveries SET status = 'pending' WHERE status = 'sending'");
        Ok(changes(&self.run(write.changing_nothing_held()).await?))
    }

    /// Claims up to `limit` deliveries that are due: new ones, failed ones whose retry time came,
    /// and stale claims. Claimed rows become `sending` in one short transaction. What a person's
    /// action caused (a decision, a notice, a new deadline, a nudge) comes before the bot's own
    /// broadcasts (reminders, digests), so it does not wait behind a sweep of thousands.
    pub async fn claim_deliveries(&self, now: DateTime<Utc>, limit: i64) -> Result<Vec<Delivery>> {
        self.claim_due(now, limit, true).await
    }

    /// [`Store::claim_deliveries`]; without `broadcasts`, the bot's own broadcasts (reminders,
    /// digests) stay waiting (at night, on a day off) and only what people's actions caused goes.
    pub async fn claim_due(
        &self,
        now: DateTime<Utc>,
        limit: i64,
        broadcasts: bool,
    ) -> Result<Vec<Delivery>> {
        let write = Write::new(
            "UPDATE deliveries SET status = 'sending', claimed_at = ?, attempts = attempts + 1
             WHERE id IN (SELECT id FROM deliveries
                          WHERE (status = 'pending'
                                 OR (status = 'failed' AND next_attempt_at <= ?)
                                 OR (status = 'sending' AND claimed_at <= ?))
                            AND (? OR kind NOT IN ('reminder', 'digest'))
                          ORDER BY kind IN ('reminder', 'digest'), id LIMIT ?)
             RETURNING id, kind, dedup_key, period_id, unit_id, member_id, channel, address, stage, announcement_id,
                       attempts, created_at",
        )
        .bind(ts(now))
        .bind(ts(now))
        .bind(ts(now - STALE_CLAIM))
        .bind(broadcasts)
        .bind(limit)
        .changing_nothing_held();
        let rows = self.run(write).await?.into_iter().next().map(|d| d.rows).unwrap_or_default();
        let mut claimed = rows.iter().map(delivery_from_row).collect::<Result<Vec<_>>>()?;
        let broadcast =
            |d: &Delivery| matches!(d.kind, DeliveryKind::Reminder | DeliveryKind::Digest);
        claimed.sort_by_key(|d| (broadcast(d), d.id));
        Ok(claimed)
    }

    /// Records how a claimed delivery ended.
    pub async fn finish_delivery(
        &self,
        d: &Delivery,
        outcome: &DeliveryOutcome,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let (status, error, retry_at) = match outcome {
            DeliveryOutcome::Sent => (DeliveryStatus::Sent, None, None),
            DeliveryOutcome::Skipped => (DeliveryStatus::Skipped, None, None),
            DeliveryOutcome::Failed { error, retry_at } => {
                (DeliveryStatus::Failed, Some(error.as_str()), Some(ts(*retry_at)))
            }
            DeliveryOutcome::GaveUp { error } => {
                (DeliveryStatus::GaveUp, Some(error.as_str()), None)
            }
            DeliveryOutcome::Blocked { error } => {
                (DeliveryStatus::Blocked, Some(error.as_str()), None)
            }
        };
        let write = Write::new(
            "UPDATE deliveries SET status = ?, last_error = ?, next_attempt_at = ?, sent_at = ? WHERE id = ?",
        )
        .bind(status.code())
        .bind(error)
        .bind(retry_at)
        .bind((status == DeliveryStatus::Sent).then(|| ts(now)))
        .bind(d.id);
        let write = match outcome {
            // Someone's contact is unreachable now: members are read afresh.
            DeliveryOutcome::Blocked { error } => write
                .then("UPDATE contacts SET reachable = 0, last_error = ? WHERE channel = ? AND address = ?")
                .bind(error.as_str())
                .bind(d.channel.as_str())
                .bind(d.address.as_str())
                .changing(Changed::Members),
            _ => write.changing_nothing_held(),
        };
        self.run(write).await?;
        Ok(())
    }

    /// How many deliveries are in each status (for tests, the benchmark and operators).
    pub async fn delivery_statuses(&self) -> Result<Vec<(DeliveryStatus, i64)>> {
        let rows: Vec<(String, i64)> = sqlx::query_as(
            "SELECT status, COUNT(*) FROM deliveries GROUP BY status ORDER BY status",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(s, n)| {
                Ok((DeliveryStatus::decode(&s, Place::new("deliveries", "status", 0))?, n))
            })
            .collect()
    }

    /// The status of each delivery with one of these keys.
    pub async fn delivery_status_of(&self, keys: &[String]) -> Result<Vec<DeliveryStatus>> {
        let keys = serde_json::to_string(keys)?;
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, status FROM deliveries WHERE dedup_key IN (SELECT value FROM json_each(?))",
        )
        .bind(keys)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|(id, s)| DeliveryStatus::decode(s, Place::new("deliveries", "status", *id)))
            .collect()
    }

    /// When a scheduled job last fired.
    pub async fn job_last_fired(&self, job: &str) -> Result<Option<DateTime<Utc>>> {
        let at: Option<i64> =
            sqlx::query_scalar("SELECT last_fired_at FROM job_runs WHERE job = ?")
                .bind(job)
                .fetch_optional(&self.pool)
                .await?;
        Ok(at.map(from_ts))
    }

    /// Records that `job` ran for its firing at `at`, with the deliveries it planned, in one
    /// transaction: a job is never recorded as run without what it planned. Returns how many of
    /// them are new.
    pub async fn record_job_run(
        &self,
        job: &str,
        at: DateTime<Utc>,
        planned: &[NewDelivery],
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let mut tx = self.write().await?;
        let added = insert_deliveries(&mut tx, planned, now).await?;
        sqlx::query(
            "INSERT INTO job_runs (job, last_fired_at) VALUES (?, ?)
             ON CONFLICT (job) DO UPDATE SET last_fired_at = excluded.last_fired_at",
        )
        .bind(job)
        .bind(ts(at))
        .execute(&mut *tx)
        .await?;
        tx.changing_nothing_held();
        tx.commit().await?;
        Ok(added)
    }

    /// Marks a member's contact on `channel` reachable again (they wrote to the bot after
    /// blocking it).
    pub async fn mark_reachable(&self, member: MemberId, channel: &str) -> Result<()> {
        let write = Write::new(
            "UPDATE contacts SET reachable = 1, last_error = NULL
              WHERE member_id = ? AND channel = ? AND reachable = 0",
        );
        self.run(write.bind(member.0).bind(channel).changing(Changed::Member(member))).await?;
        Ok(())
    }
}

#[cfg(test)]
#[path = "deliveries_tests.rs"]
mod tests;

impl Store {
    /// Records the office's notice and the deliveries `plan` makes of the active members of
    /// every active unit (of `cluster`, when given), in one transaction. Returns the deliveries
    /// and each unit with its active members.
    pub async fn create_announcement(
        &self,
        text: &str,
        cluster: Option<&str>,
        (by, now): (MemberId, DateTime<Utc>),
        plan: impl FnOnce(i64, &[Member]) -> Vec<NewDelivery>,
    ) -> Result<(Vec<NewDelivery>, Vec<(UnitId, Vec<Member>)>)> {
        let mut tx = self.write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO announcements (text, cluster, created_by, created_at) VALUES (?, ?, ?, ?) RETURNING id",
        )
        .bind(text)
        .bind(cluster)
        .bind(by.0)
        .bind(ts(now))
        .fetch_one(&mut *tx)
        .await?;
        let units: Vec<i64> = sqlx::query_scalar(
            "SELECT id FROM units WHERE active = 1 AND (?1 IS NULL OR cluster = ?1) ORDER BY position, id",
        )
        .bind(cluster)
        .fetch_all(&mut *tx)
        .await?;
        let sql = format!(
            "SELECT {} FROM members m JOIN units u ON u.id = m.unit_id
              WHERE u.active = 1 AND (?1 IS NULL OR u.cluster = ?1) AND m.active = 1
              ORDER BY u.position, m.id",
            super::members::MEMBER_COLUMNS
        );
        let rows = sqlx::query(&sql).bind(cluster).fetch_all(&mut *tx).await?;
        let members =
            rows.iter().map(super::members::member_from_row).collect::<Result<Vec<Member>>>()?;
        let planned = plan(id, &members);
        insert_deliveries(&mut tx, &planned, now).await?;
        let detail = serde_json::json!({ "cluster": cluster, "reporters": planned.len() });
        super::events::record(
            &mut tx,
            now,
            super::Actor::Member(by),
            "announcement.created",
            &format!("announcement:{id}"),
            detail,
        )
        .await?;
        tx.changing_nothing_held();
        tx.commit().await?;
        let by_unit = units
            .into_iter()
            .map(|u| {
                let of_unit = members.iter().filter(|m| m.unit_id == Some(UnitId(u))).cloned();
                (UnitId(u), of_unit.collect())
            })
            .collect();
        Ok((planned, by_unit))
    }

    /// The text of the office's notice `id`.
    pub async fn announcement_text(&self, id: i64) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT text FROM announcements WHERE id = ?")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?)
    }
}
