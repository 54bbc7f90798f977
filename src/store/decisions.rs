//! Officers' decisions on reports (return for revision, accept), and period management.

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::domain::{Decision, MemberId, Period, Report, ReportId, ReportStatus};
use crate::error::Result;

use super::deliveries::{insert_deliveries, NewDelivery};
use super::events::{self, Actor};
use super::read_model::Changed;
use super::stored_words::{Place, Stored};
use super::{from_ts, ts, Store};

/// What an officer's decision did.
#[derive(Clone, Debug, PartialEq)]
pub enum DecisionOutcome {
    Done(Report),
    /// Someone decided first, or the unit revised it meanwhile: nothing was changed.
    Stale {
        status: ReportStatus,
        revision: i64,
        by: Option<String>,
        at: Option<DateTime<Utc>>,
    },
    Unknown,
}

impl Store {
    /// Returns revision `revision` of a report for revision, with the officer's reason.
    pub async fn return_report(
        &self,
        id: ReportId,
        revision: i64,
        reason: &str,
        by: MemberId,
        now: DateTime<Utc>,
    ) -> Result<DecisionOutcome> {
        self.decide(id, revision, (Decision::Return, Some(reason)), by, now, &[]).await
    }

    /// Accepts revision `revision` of a report: the unit can no longer revise it.
    pub async fn accept_report(
        &self,
        id: ReportId,
        revision: i64,
        by: MemberId,
        now: DateTime<Utc>,
    ) -> Result<DecisionOutcome> {
        self.decide(id, revision, (Decision::Accept, None), by, now, &[]).await
    }

    /// Makes `decision` (with its reason, for a return) on revision `revision` of a report, and
    /// records `follow_ups` (the news for the unit) in the same transaction: a decision is never
    /// stored without the messages that tell it.
    pub async fn decide(
        &self,
        id: ReportId,
        revision: i64,
        (decision, reason): (Decision, Option<&str>),
        by: MemberId,
        now: DateTime<Utc>,
        follow_ups: &[NewDelivery],
    ) -> Result<DecisionOutcome> {
        let mut tx = self.write().await?;
        let changed = sqlx::query(
            "UPDATE reports SET status = ?, return_reason = ?, decided_by = ?, decided_at = ?
             WHERE id = ? AND revision = ? AND status = ?",
        )
        .bind(decision.status().code())
        .bind(reason)
        .bind(by.0)
        .bind(ts(now))
        .bind(id.0)
        .bind(revision)
        .bind(ReportStatus::Submitted.code())
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0;
        if !changed {
            let row: Option<(String, i64, Option<String>, Option<i64>)> = sqlx::query_as(
                "SELECT r.status, r.revision, m.full_name, r.decided_at FROM reports r
                 LEFT JOIN members m ON m.id = r.decided_by WHERE r.id = ?",
            )
            .bind(id.0)
            .fetch_optional(&mut *tx)
            .await?;
            return Ok(match row {
                Some((status, revision, by, at)) => DecisionOutcome::Stale {
                    status: ReportStatus::decode(&status, Place::new("reports", "status", id.0))?,
                    revision,
                    by,
                    at: at.map(from_ts),
                },
                None => DecisionOutcome::Unknown,
            });
        }
        let kind = format!("report.{}", decision.code());
        let detail = json!({ "revision": revision, "reason": reason });
        events::record(&mut tx, now, Actor::Member(by), &kind, &format!("report:{}", id.0), detail)
            .await?;
        insert_deliveries(&mut tx, follow_ups, now).await?;
        // A report's status is not held (only that it is in).
        tx.changing_nothing_held();
        tx.commit().await?;
        Ok(self.report_by_id(id).await?.map_or(DecisionOutcome::Unknown, DecisionOutcome::Done))
    }

    /// Moves a period's deadline (reminders follow the new one), recording `follow_ups` (the news
    /// for the units that have not reported) in the same transaction.
    pub async fn extend_deadline(
        &self,
        period: &Period,
        due_at: DateTime<Utc>,
        actor: Actor,
        now: DateTime<Utc>,
        follow_ups: &[NewDelivery],
    ) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query("UPDATE periods SET due_at = ? WHERE id = ?")
            .bind(ts(due_at))
            .bind(period.id.0)
            .execute(&mut *tx)
            .await?;
        let detail = json!({ "from": ts(period.due_at), "to": ts(due_at) });
        events::record(
            &mut tx,
            now,
            actor,
            "period.extended",
            &format!("period:{}", period.id.0),
            detail,
        )
        .await?;
        insert_deliveries(&mut tx, follow_ups, now).await?;
        tx.changing(Changed::Periods);
        tx.commit().await?;
        Ok(())
    }
}
