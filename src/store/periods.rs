//! Periods: create (with the units that must report), read, list, close.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};

use crate::domain::attachment::{AttachedFile, Attachment};
use crate::domain::{
    Audience, DataWindow, Member, MemberId, Period, PeriodId, PeriodKind, PeriodStatus, Question,
    Unit, UnitId,
};
use crate::error::{Error, Result};
use crate::i18n::Msg;

use super::deliveries::NewDelivery;
use super::events::{self, Actor};
use super::read_model::{Changed, Look, PeriodHeld};
use super::stored_words::{Place, Stored};
use super::{from_ts, ts, Store};

/// A period as one reporter sees it ([`Store::period_for_reporter`]).
#[derive(Clone, Debug, PartialEq)]
pub struct ReporterView {
    pub period: Period,
    /// Whether the reporter's unit must report in the period.
    pub in_period: bool,
    /// The reporter's unit (`None` if it no longer exists).
    pub unit: Option<Unit>,
    /// The reporter's draft, if one is waiting.
    pub draft: Option<crate::domain::Draft>,
}

/// A period about to be opened.
#[derive(Clone, Debug)]
pub struct NewPeriod {
    pub kind: PeriodKind,
    pub custom_title: Option<String>,
    pub window: DataWindow,
    pub opens_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub template_key: String,
    pub questions: Vec<Question>,
    pub audience: Audience,
    pub created_by: Option<MemberId>,
    /// Set for periods opened by a series, so a series never opens the same period twice.
    pub series_key: Option<String>,
    /// The office's letter or outline, sent with the notice that the period is open.
    pub attachment: Option<Attachment>,
}

const PERIOD_COLUMNS: &str =
    "id, title, kind_json, data_from, data_to, opens_at, due_at, template_key, questions_json, status";

/// A period's columns with the units that report in it and those whose report is in (JSON arrays).
const HELD_COLUMNS: &str =
    "id, title, kind_json, data_from, data_to, opens_at, due_at, template_key, questions_json, status,
     (SELECT json_group_array(unit_id) FROM period_units WHERE period_id = periods.id) AS units_json,
     (SELECT json_group_array(unit_id) FROM reports WHERE period_id = periods.id) AS sent_json";

fn period_held_from_row(row: &SqliteRow) -> Result<PeriodHeld> {
    let ids = |column: &str| -> Result<std::collections::HashSet<UnitId>> {
        let json: String = row.try_get(column)?;
        let ids: Vec<i64> = serde_json::from_str(&json)?;
        Ok(ids.into_iter().map(UnitId).collect())
    };
    Ok(PeriodHeld {
        period: period_from_row(row)?,
        units: ids("units_json")?,
        sent: ids("sent_json")?,
    })
}

pub(crate) fn period_from_row(row: &SqliteRow) -> Result<Period> {
    let kind: String = row.try_get("kind_json")?;
    let questions: String = row.try_get("questions_json")?;
    let status: String = row.try_get("status")?;
    let id: i64 = row.try_get("id")?;
    let date = |col: &'static str| -> Result<NaiveDate> {
        let s: String = row.try_get(col)?;
        NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map_err(|_| Place::new("periods", col, id).corrupt(&s))
    };
    let json = |col: &'static str, text: &str| Place::new("periods", col, id).corrupt(text);
    Ok(Period {
        id: PeriodId(id),
        kind: serde_json::from_str(&kind).map_err(|_| json("kind_json", &kind))?,
        custom_title: row.try_get("title")?,
        window: DataWindow { from: date("data_from")?, to: date("data_to")? },
        opens_at: from_ts(row.try_get("opens_at")?),
        due_at: from_ts(row.try_get("due_at")?),
        template_key: row.try_get("template_key")?,
        questions: serde_json::from_str(&questions)
            .map_err(|_| json("questions_json", &questions))?,
        status: PeriodStatus::decode(&status, Place::new("periods", "status", id))?,
    })
}

async fn add_audience(
    conn: &mut SqliteConnection,
    period: i64,
    audience: &Audience,
) -> Result<u64> {
    let added = match audience {
        Audience::AllActive => {
            sqlx::query("INSERT INTO period_units (period_id, unit_id, unit_name) SELECT ?, id, name FROM units WHERE active = 1")
                .bind(period)
                .execute(&mut *conn)
                .await?
                .rows_affected()
        }
        Audience::Cluster(cluster) => sqlx::query(
            "INSERT INTO period_units (period_id, unit_id, unit_name) SELECT ?, id, name FROM units WHERE active = 1 AND cluster = ?",
        )
        .bind(period)
        .bind(cluster)
        .execute(&mut *conn)
        .await?
        .rows_affected(),
        Audience::Units(units) => {
            let mut n = 0;
            for unit in units {
                n += sqlx::query("INSERT OR IGNORE INTO period_units (period_id, unit_id, unit_name) SELECT ?, id, name FROM units WHERE id = ?")
                    .bind(period)
                    .bind(unit.0)
                    .execute(&mut *conn)
                    .await?
                    .rows_affected();
            }
            n
        }
    };
    Ok(added)
}

impl Store {
    /// Opens a period with a copy of its questions and the units that must report, and records
    /// the messages `plan` makes of the active members of those units (read in the same
    /// transaction). Refused (nothing stored) when the audience has no active unit.
    pub async fn create_period(
        &self,
        new: &NewPeriod,
        actor: Actor,
        now: DateTime<Utc>,
        plan: impl FnOnce(PeriodId, &[Member]) -> Vec<NewDelivery>,
    ) -> Result<Period> {
        let mut tx = self.write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO periods (series_key, title, kind, kind_json, data_from, data_to, opens_at, due_at,
                                  template_key, questions_json, status, created_by, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?) RETURNING id",
        )
        .bind(&new.series_key)
        .bind(&new.custom_title)
        .bind(new.kind.code())
        .bind(serde_json::to_string(&new.kind)?)
        .bind(new.window.from.format("%Y-%m-%d").to_string())
        .bind(new.window.to.format("%Y-%m-%d").to_string())
        .bind(ts(new.opens_at))
        .bind(ts(new.due_at))
        .bind(&new.template_key)
        .bind(serde_json::to_string(&new.questions)?)
        .bind(new.created_by.map(|m| m.0))
        .bind(ts(now))
        .fetch_one(&mut *tx)
        .await?;
        let units = add_audience(&mut tx, id, &new.audience).await?;
        if units == 0 {
            return Err(Error::User(Msg::new("err-period-no-units")));
        }
        if let Some(attachment) = &new.attachment {
            let (bytes, file_id) = match &attachment.file {
                AttachedFile::Bytes(bytes) => (Some(bytes.as_slice()), None),
                AttachedFile::ChannelId(id) => (None, Some(id.as_str())),
            };
            sqlx::query(
                "INSERT INTO period_attachments (period_id, name, bytes, file_id) VALUES (?, ?, ?, ?)",
            )
            .bind(id)
            .bind(&attachment.name)
            .bind(bytes)
            .bind(file_id)
            .execute(&mut *tx)
            .await?;
        }
        // Who is told the period is open is recorded in the same transaction.
        let sql = format!(
            "SELECT {} FROM members m JOIN period_units pu ON pu.unit_id = m.unit_id
              WHERE pu.period_id = ? AND m.active = 1 ORDER BY m.unit_id, m.id",
            super::members::MEMBER_COLUMNS
        );
        let rows = sqlx::query(&sql).bind(id).fetch_all(&mut *tx).await?;
        let members =
            rows.iter().map(super::members::member_from_row).collect::<Result<Vec<_>>>()?;
        let told = plan(PeriodId(id), &members);
        super::deliveries::insert_deliveries(&mut tx, &told, now).await?;
        let detail = json!({ "kind": new.kind, "due_at": ts(new.due_at), "template": new.template_key, "units": units });
        events::record(&mut tx, now, actor, "period.created", &format!("period:{id}"), detail)
            .await?;
        tx.changing(Changed::Periods);
        tx.commit().await?;
        self.period(PeriodId(id)).await?.ok_or_else(|| Error::User(Msg::new("err-internal")))
    }

    /// The document attached to a period, if any.
    pub async fn period_attachment(&self, id: PeriodId) -> Result<Option<Attachment>> {
        let row: Option<(String, Option<Vec<u8>>, Option<String>)> = sqlx::query_as(
            "SELECT name, bytes, file_id FROM period_attachments WHERE period_id = ?",
        )
        .bind(id.0)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.and_then(|(name, bytes, file_id)| {
            let file = match (file_id, bytes) {
                (Some(id), _) => AttachedFile::ChannelId(id),
                (None, Some(bytes)) => AttachedFile::Bytes(std::sync::Arc::new(bytes)),
                (None, None) => return None,
            };
            Some(Attachment { name, file })
        }))
    }

    /// The period with this id.
    pub async fn period(&self, id: PeriodId) -> Result<Option<Period>> {
        match self.model.period(id, |held| held.map(|h| h.period.clone())) {
            Look::Held(period) => Ok(period),
            Look::Missing(ticket) => {
                let held = self.period_held(id).await?;
                let period = held.as_ref().map(|h| h.period.clone());
                self.model.keep_period(ticket, id, held);
                Ok(period)
            }
        }
    }

    /// A period with its units and those whose report is in, as the read model holds it.
    async fn period_held(&self, id: PeriodId) -> Result<Option<PeriodHeld>> {
        static SQL: LazyLock<String> =
            LazyLock::new(|| format!("SELECT {HELD_COLUMNS} FROM periods WHERE id = ?"));
        let row = sqlx::query(SQL.as_str()).bind(id.0).fetch_optional(&self.pool).await?;
        row.as_ref().map(period_held_from_row).transpose()
    }

    /// The open periods, each with its units and those whose report is in.
    async fn open_periods_held(&self) -> Result<Vec<PeriodHeld>> {
        static SQL: LazyLock<String> = LazyLock::new(|| {
            format!("SELECT {HELD_COLUMNS} FROM periods WHERE status = 'open' ORDER BY id")
        });
        let rows = sqlx::query(SQL.as_str()).fetch_all(&self.pool).await?;
        rows.iter().map(period_held_from_row).collect()
    }

    /// Periods by deadline, newest first; closed ones only when asked.
    pub async fn list_periods(&self, include_closed: bool) -> Result<Vec<Period>> {
        let sql = format!("SELECT {PERIOD_COLUMNS} FROM periods WHERE status = 'open' OR ? ORDER BY due_at DESC, id DESC");
        let rows = sqlx::query(&sql).bind(include_closed).fetch_all(&self.pool).await?;
        rows.iter().map(period_from_row).collect()
    }

    /// Open periods in which `unit` must report, nearest deadline first, each with whether the
    /// unit's report is in.
    pub async fn open_periods_for_unit(&self, unit: UnitId) -> Result<Vec<(Period, bool)>> {
        let of_unit = |held: &PeriodHeld| {
            held.units.contains(&unit).then(|| (held.period.clone(), held.sent.contains(&unit)))
        };
        let mut periods = match self.model.open_periods(of_unit) {
            Look::Held(periods) => periods,
            Look::Missing(ticket) => {
                let open = self.open_periods_held().await?;
                let periods = open.iter().filter_map(of_unit).collect();
                self.model.keep_open_periods(ticket, open);
                periods
            }
        };
        periods.sort_by_key(|(p, _)| (p.due_at, p.id.0));
        Ok(periods)
    }

    /// The latest `limit` periods (open or closed) in which `unit` must report, newest deadline first.
    pub async fn periods_of_unit(&self, unit: UnitId, limit: i64) -> Result<Vec<Period>> {
        let sql = format!(
            "SELECT {PERIOD_COLUMNS} FROM periods p
             WHERE EXISTS (SELECT 1 FROM period_units pu WHERE pu.period_id = p.id AND pu.unit_id = ?)
             ORDER BY due_at DESC, id DESC LIMIT ?"
        );
        let rows = sqlx::query(&sql).bind(unit.0).bind(limit).fetch_all(&self.pool).await?;
        rows.iter().map(period_from_row).collect()
    }

    /// Whether a series already opened the period with this key.
    pub async fn series_period_exists(&self, series_key: &str) -> Result<bool> {
        let found: Option<i64> = sqlx::query_scalar("SELECT id FROM periods WHERE series_key = ?")
            .bind(series_key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(found.is_some())
    }

    /// A period as seen by one reporter (every step of the report dialogue needs it): the
    /// period, whether their unit must report in it, the unit, and their draft — from the read
    /// model, read from the database only when it does not hold them. `None`: no such period.
    pub async fn period_for_reporter(
        &self,
        period: PeriodId,
        unit: UnitId,
        member: MemberId,
    ) -> Result<Option<ReporterView>> {
        let of_unit =
            |held: Option<&PeriodHeld>| held.map(|h| (h.period.clone(), h.units.contains(&unit)));
        let view = match self.model.period(period, of_unit) {
            Look::Held(view) => view,
            Look::Missing(ticket) => {
                let held = self.period_held(period).await?;
                let view = of_unit(held.as_ref());
                self.model.keep_period(ticket, period, held);
                view
            }
        };
        let Some((period, in_period)) = view else { return Ok(None) };
        let draft = self.draft(period.id, unit, member).await?;
        let unit = self.unit_by_id(unit).await?;
        Ok(Some(ReporterView { period, in_period, unit, draft }))
    }

    pub async fn unit_in_period(&self, period: PeriodId, unit: UnitId) -> Result<bool> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM period_units WHERE period_id = ? AND unit_id = ?")
                .bind(period.0)
                .bind(unit.0)
                .fetch_optional(&self.pool)
                .await?;
        Ok(found.is_some())
    }

    /// How many units must report in `period`.
    pub async fn period_unit_count(&self, period: PeriodId) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM period_units WHERE period_id = ?")
            .bind(period.0)
            .fetch_one(&self.pool)
            .await?)
    }

    /// Closes a period. `None`: unknown id; `Some(false)`: it was closed already.
    pub async fn close_period(
        &self,
        id: PeriodId,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Option<bool>> {
        self.set_period_open(id, false, actor, now).await
    }

    /// Opens a closed period again. `None`: unknown id; `Some(false)`: it was open.
    pub async fn reopen_period(
        &self,
        id: PeriodId,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Option<bool>> {
        self.set_period_open(id, true, actor, now).await
    }

    async fn set_period_open(
        &self,
        id: PeriodId,
        open: bool,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Option<bool>> {
        let (to, from, closed_at, kind) = if open {
            ("open", "closed", None, "period.reopened")
        } else {
            ("closed", "open", Some(ts(now)), "period.closed")
        };
        let mut tx = self.write().await?;
        let changed =
            sqlx::query("UPDATE periods SET status = ?, closed_at = ? WHERE id = ? AND status = ?")
                .bind(to)
                .bind(closed_at)
                .bind(id.0)
                .bind(from)
                .execute(&mut *tx)
                .await?
                .rows_affected()
                > 0;
        if !changed {
            let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM periods WHERE id = ?")
                .bind(id.0)
                .fetch_optional(&mut *tx)
                .await?;
            return Ok(exists.map(|_| false));
        }
        events::record(&mut tx, now, actor, kind, &format!("period:{}", id.0), json!({})).await?;
        tx.changing(Changed::Periods);
        tx.commit().await?;
        Ok(Some(true))
    }
}

#[cfg(test)]
#[path = "periods_tests.rs"]
pub(crate) mod tests;
