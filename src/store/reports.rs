//! Drafts (saved with every accepted answer) and reports (submitted in one transaction).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::{Row, SqliteConnection};

use crate::domain::report::decide_submission;
use crate::domain::{
    Answer, Draft, MemberId, PeriodId, Refusal, Report, ReportId, ReportStatus, Submission, UnitId,
};
use crate::error::Result;

use super::deliveries::{insert_deliveries, NewDelivery};
use super::events::{self, Actor};
use super::periods::period_from_row;
use super::read_model::{Changed, Look};
use super::stored_words::{Place, Stored};
use super::{from_ts, ts, Store};

/// What a submission did, or why it was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum SubmitOutcome {
    Submitted { report: Report, submission: Submission },
    Refused(Refusal),
}

async fn load_report(
    conn: &mut SqliteConnection,
    period: PeriodId,
    unit: UnitId,
) -> Result<Option<Report>> {
    let row = sqlx::query(
        "SELECT r.id, r.revision, r.status, r.submitted_by, m.full_name, r.submitted_at, r.first_submitted_at,
                r.on_time, r.return_reason
         FROM reports r JOIN members m ON m.id = r.submitted_by WHERE r.period_id = ? AND r.unit_id = ?",
    )
    .bind(period.0)
    .bind(unit.0)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let id: i64 = row.try_get("id")?;
    let answers: Vec<(String, String)> =
        sqlx::query_as("SELECT question_key, value_json FROM report_answers WHERE report_id = ?")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    let answers = answers
        .into_iter()
        .map(|(k, v)| Ok((k, serde_json::from_str(&v)?)))
        .collect::<Result<BTreeMap<String, Answer>>>()?;
    let status: String = row.try_get("status")?;
    Ok(Some(Report {
        id: ReportId(id),
        period_id: period,
        unit_id: unit,
        revision: row.try_get("revision")?,
        status: ReportStatus::decode(&status, Place::new("reports", "status", id))?,
        submitted_by: MemberId(row.try_get("submitted_by")?),
        submitted_by_name: row.try_get("full_name")?,
        submitted_at: from_ts(row.try_get("submitted_at")?),
        first_submitted_at: from_ts(row.try_get("first_submitted_at")?),
        on_time: row.try_get("on_time")?,
        return_reason: row.try_get("return_reason")?,
        answers,
    }))
}

async fn write_answers(
    conn: &mut SqliteConnection,
    report: i64,
    answers: &BTreeMap<String, Answer>,
    replacing: bool,
) -> Result<()> {
    if replacing {
        sqlx::query("DELETE FROM report_answers WHERE report_id = ?")
            .bind(report)
            .execute(&mut *conn)
            .await?;
    }
    if answers.is_empty() {
        return Ok(());
    }
    let mut rows = Vec::with_capacity(answers.len());
    for (key, answer) in answers {
        let (text, number, denominator, file_id) = match answer {
            Answer::Text { text } => (Some(text.clone()), None, None, None),
            Answer::Number { value } => (None, Some(*value), None, None),
            Answer::Fraction { num, den } => (None, Some(*num), Some(*den), None),
            Answer::YesNo { value } => (None, Some(i64::from(*value)), None, None),
            Answer::Date { date } => (Some(date.format("%Y-%m-%d").to_string()), None, None, None),
            Answer::Choice { key } => (Some(key.clone()), None, None, None),
            Answer::List { items } => {
                let count = i64::try_from(items.len()).unwrap_or(i64::MAX);
                (None, Some(count), None, None)
            }
            Answer::Multi { keys } => {
                let count = i64::try_from(keys.len()).unwrap_or(i64::MAX);
                (Some(keys.join(",")), Some(count), None, None)
            }
            Answer::File { file } => (file.name.clone(), None, None, Some(file.file_id.clone())),
            Answer::Skipped => (None, None, None, None),
        };
        rows.push((key, serde_json::to_string(answer)?, text, number, denominator, file_id));
    }
    // One statement for all the answers (a template has tens of questions at most).
    let mut insert = sqlx::QueryBuilder::new(
        "INSERT INTO report_answers (report_id, question_key, value_json, text, number, denominator, file_id) ",
    );
    insert.push_values(rows, |mut row, (key, json, text, number, denominator, file_id)| {
        row.push_bind(report)
            .push_bind(key)
            .push_bind(json)
            .push_bind(text)
            .push_bind(number)
            .push_bind(denominator)
            .push_bind(file_id);
    });
    insert.build().execute(&mut *conn).await?;
    Ok(())
}

/// Keeps the current revision in the history before it is replaced.
async fn archive(conn: &mut SqliteConnection, report: &Report, now: DateTime<Utc>) -> Result<()> {
    sqlx::query(
        "INSERT INTO report_revisions (report_id, revision, status, submitted_by, submitted_at, on_time, answers_json, replaced_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(report.id.0)
    .bind(report.revision)
    .bind(report.status.code())
    .bind(report.submitted_by.0)
    .bind(ts(report.submitted_at))
    .bind(report.on_time)
    .bind(serde_json::to_string(&report.answers)?)
    .bind(ts(now))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Store {
    /// The unit's report for the period, with its answers.
    pub async fn report(&self, period: PeriodId, unit: UnitId) -> Result<Option<Report>> {
        // The read model knows which units' reports are in: no read for one that is not.
        let sent = |held: Option<&super::read_model::PeriodHeld>| {
            held.is_some_and(|h| h.sent.contains(&unit))
        };
        if let Look::Held(false) = self.model.period(period, sent) {
            return Ok(None);
        }
        let mut conn = self.pool.acquire().await?;
        load_report(&mut conn, period, unit).await
    }

    /// Submits the member's draft in one transaction: a first report, or a new revision that keeps
    /// the old one in the history. A second submission of the same draft finds it gone.
    pub async fn submit_report(
        &self,
        period_id: PeriodId,
        unit: UnitId,
        member: MemberId,
        now: DateTime<Utc>,
    ) -> Result<Option<SubmitOutcome>> {
        self.submit_report_with(period_id, unit, member, now, |_| Vec::new()).await
    }

    /// [`Store::submit_report`], recording the messages it causes (`follow_ups` of the report as
    /// submitted) in the same transaction: either both are stored, or neither.
    pub async fn submit_report_with(
        &self,
        period_id: PeriodId,
        unit: UnitId,
        member: MemberId,
        now: DateTime<Utc>,
        follow_ups: impl FnOnce(&Report) -> Vec<NewDelivery> + Send,
    ) -> Result<Option<SubmitOutcome>> {
        // BEGIN IMMEDIATE takes the write lock first, so that two colleagues' submissions are
        // strictly ordered; the draft and the period are then read in one query.
        let mut tx = self.write().await?;
        let sql = "SELECT p.id, p.title, p.kind_json, p.data_from, p.data_to, p.opens_at, p.due_at, p.template_key,
                          p.questions_json, p.status, d.answers_json AS d_answers, d.base_revision AS d_base,
                          m.full_name AS m_name
                     FROM drafts d JOIN periods p ON p.id = d.period_id JOIN members m ON m.id = d.member_id
                    WHERE d.period_id = ? AND d.unit_id = ? AND d.member_id = ?";
        let row = sqlx::query(sql)
            .bind(period_id.0)
            .bind(unit.0)
            .bind(member.0)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let answers: String = row.try_get("d_answers")?;
        let draft = Draft {
            answers: serde_json::from_str(&answers)?,
            base_revision: row.try_get("d_base")?,
        };
        let period = period_from_row(&row)?;
        let member_name: String = row.try_get("m_name")?;
        let existing = load_report(&mut tx, period_id, unit).await?;
        let missing =
            draft.missing_required(&period.questions).iter().map(|q| q.key.clone()).collect();
        let submission = match decide_submission(
            &period,
            existing.as_ref(),
            draft.base_revision,
            missing,
            now,
        ) {
            Ok(s) => s,
            Err(refusal) => return Ok(Some(SubmitOutcome::Refused(refusal))),
        };
        // The report as it now stands, made from what this transaction writes (not read back).
        let (first_submitted_at, revision, on_time) = match (submission, &existing) {
            (Submission::Revision { revision }, Some(old)) => {
                (old.first_submitted_at, revision, old.on_time)
            }
            (Submission::First { on_time }, _) => (now, 1, on_time),
            (Submission::Revision { .. }, None) => (now, 1, period.on_time(now)),
        };
        let report_id = match (submission, &existing) {
            (Submission::Revision { revision }, Some(old)) => {
                archive(&mut tx, old, now).await?;
                sqlx::query(
                    "UPDATE reports SET revision = ?, status = 'submitted', submitted_by = ?, submitted_at = ?,
                         return_reason = NULL, decided_by = NULL, decided_at = NULL WHERE id = ?",
                )
                .bind(revision)
                .bind(member.0)
                .bind(ts(now))
                .bind(old.id.0)
                .execute(&mut *tx)
                .await?;
                old.id.0
            }
            (Submission::First { .. }, _) | (Submission::Revision { .. }, None) => {
                sqlx::query_scalar(
                    "INSERT INTO reports (period_id, unit_id, revision, status, submitted_by, submitted_at, first_submitted_at, on_time)
                     VALUES (?, ?, 1, 'submitted', ?, ?, ?, ?) RETURNING id",
                )
                .bind(period_id.0)
                .bind(unit.0)
                .bind(member.0)
                .bind(ts(now))
                .bind(ts(now))
                .bind(on_time)
                .fetch_one(&mut *tx)
                .await?
            }
        };
        // A new report has no answers yet to clear.
        write_answers(&mut tx, report_id, &draft.answers, existing.is_some()).await?;
        sqlx::query("DELETE FROM drafts WHERE period_id = ? AND unit_id = ? AND member_id = ?")
            .bind(period_id.0)
            .bind(unit.0)
            .bind(member.0)
            .execute(&mut *tx)
            .await?;
        let kind = match submission {
            Submission::First { .. } => "report.submitted",
            Submission::Revision { .. } => "report.revised",
        };
        let detail = json!({ "period_id": period_id.0, "unit_id": unit.0 });
        events::record(
            &mut tx,
            now,
            Actor::Member(member),
            kind,
            &format!("report:{report_id}"),
            detail,
        )
        .await?;
        let report = Report {
            id: ReportId(report_id),
            period_id,
            unit_id: unit,
            revision,
            status: ReportStatus::Submitted,
            submitted_by: member,
            submitted_by_name: member_name,
            submitted_at: now,
            first_submitted_at,
            on_time,
            return_reason: None,
            answers: draft.answers,
        };
        insert_deliveries(&mut tx, &follow_ups(&report), now).await?;
        tx.changing(Changed::Draft { period: period_id, unit, member, draft: None });
        tx.changing(Changed::Sent { period: period_id, unit });
        tx.commit().await?;
        Ok(Some(SubmitOutcome::Submitted { report, submission }))
    }

    /// Every report of `period`, with answers, by unit.
    pub async fn reports_of_period(&self, period: PeriodId) -> Result<Vec<Report>> {
        let units: Vec<i64> =
            sqlx::query_scalar("SELECT unit_id FROM reports WHERE period_id = ? ORDER BY unit_id")
                .bind(period.0)
                .fetch_all(&self.pool)
                .await?;
        let mut conn = self.pool.acquire().await?;
        let mut reports = Vec::with_capacity(units.len());
        for unit in units {
            reports.extend(load_report(&mut conn, period, UnitId(unit)).await?);
        }
        Ok(reports)
    }

    /// How many units have a report in `period`.
    pub async fn report_count(&self, period: PeriodId) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM reports WHERE period_id = ?")
            .bind(period.0)
            .fetch_one(&self.pool)
            .await?)
    }

    /// The report with this id (its period and unit with it).
    pub async fn report_by_id(&self, id: ReportId) -> Result<Option<Report>> {
        let row: Option<(i64, i64)> =
            sqlx::query_as("SELECT period_id, unit_id FROM reports WHERE id = ?")
                .bind(id.0)
                .fetch_optional(&self.pool)
                .await?;
        let Some((period, unit)) = row else { return Ok(None) };
        self.report(PeriodId(period), UnitId(unit)).await
    }

    /// The answers of a report's latest earlier revision, with its number (`None`: the report
    /// has only one), to show what the unit changed.
    pub async fn previous_answers(
        &self,
        report: ReportId,
    ) -> Result<Option<(i64, BTreeMap<String, Answer>)>> {
        let row: Option<(i64, String)> = sqlx::query_as(
            "SELECT revision, answers_json FROM report_revisions WHERE report_id = ?
             ORDER BY revision DESC LIMIT 1",
        )
        .bind(report.0)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|(revision, json)| Ok((revision, serde_json::from_str(&json)?))).transpose()
    }

    /// Earlier revisions of a report, oldest first: (revision, submitted by, submitted at).
    pub async fn report_revisions(
        &self,
        report: ReportId,
    ) -> Result<Vec<(i64, String, DateTime<Utc>)>> {
        let rows: Vec<(i64, String, i64)> = sqlx::query_as(
            "SELECT rv.revision, m.full_name, rv.submitted_at FROM report_revisions rv
             JOIN members m ON m.id = rv.submitted_by WHERE rv.report_id = ? ORDER BY rv.revision",
        )
        .bind(report.0)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|(r, name, at)| (r, name, from_ts(at))).collect())
    }
}

#[cfg(test)]
#[path = "reports_tests.rs"]
mod tests;
