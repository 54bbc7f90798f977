//! Merging units, in one transaction: the successor is created (or absorbs them), the old units
//! close on the day (never deleted), their reporters are told and lose the unit, and open
//! periods that included them expect the successor's report instead.

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::domain::merger::Merger;
use crate::domain::{Member, Unit, UnitId};
use crate::error::{Error, Result};
use crate::i18n::Msg;

use super::deliveries::{insert_deliveries, NewDelivery};
use super::events::{self, Actor};
use super::stored_words::Stored;
use super::units::{unit_from_row, UNIT_COLUMNS};
use super::{ts, Store};

/// What a merger did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Merged {
    Done {
        successor: Unit,
        /// Whether the successor was created by this merger (else it absorbed the others).
        created: bool,
        /// Reporters who lost their unit and are being told.
        reporters_told: usize,
        /// Open periods that now expect the successor's report.
        periods: usize,
    },
    /// The same merger was applied before: nothing changed.
    AlreadyDone,
}

impl Store {
    /// Applies `mergers` (see the module's note), all or none, recording the messages `plan`
    /// makes of each old unit's reporters. Refuses, changing nothing, an unknown unit or one
    /// already merged elsewhere.
    pub async fn merge_units(
        &self,
        mergers: &[Merger],
        actor: Actor,
        now: DateTime<Utc>,
        plan: impl Fn(UnitId, &[Member]) -> Vec<NewDelivery>,
    ) -> Result<Vec<Merged>> {
        let mut tx = self.write().await?;
        let mut done = Vec::with_capacity(mergers.len());
        for merger in mergers {
            done.push(merge(&mut tx, merger, actor, now, &plan).await?);
        }
        // Units, members, periods' units: the read model starts afresh.
        tx.changing(super::read_model::Changed::Everything);
        tx.commit().await?;
        Ok(done)
    }
}

async fn merge(
    tx: &mut sqlx::SqliteConnection,
    merger: &Merger,
    actor: Actor,
    now: DateTime<Utc>,
    plan: &impl Fn(UnitId, &[Member]) -> Vec<NewDelivery>,
) -> Result<Merged> {
    let by_code = format!("SELECT {UNIT_COLUMNS} FROM units WHERE code = ?");
    let mut olds = Vec::new();
    for code in &merger.olds {
        let row = sqlx::query(&by_code).bind(code.as_str()).fetch_optional(&mut *tx).await?;
        let Some(row) = row else {
            return Err(Error::User(Msg::new("err-unit-unknown").arg("code", code.as_str())));
        };
        olds.push(unit_from_row(&row)?);
    }
    let existing = sqlx::query(&by_code)
        .bind(merger.into.code.as_str())
        .fetch_optional(&mut *tx)
        .await?
        .map(|row| unit_from_row(&row))
        .transpose()?;
    if let Some(successor) = &existing {
        if olds.iter().all(|u| u.merged_into == Some(successor.id)) {
            return Ok(Merged::AlreadyDone);
        }
        if successor.merged_into.is_some() || !successor.active {
            let msg = Msg::new("err-merge-into-closed").arg("code", successor.code.as_str());
            return Err(Error::User(msg));
        }
    }
    if let Some(done) = olds.iter().find(|u| u.merged_into.is_some() || u.valid_to.is_some()) {
        let msg = Msg::new("err-merge-already").arg("unit", done.name.as_str());
        return Err(Error::User(msg));
    }
    let on = merger.on.format("%Y-%m-%d").to_string();
    let position = olds.iter().map(|u| u.position).min().unwrap_or(i64::MAX);
    let (successor_id, created) = match &existing {
        Some(unit) => {
            if unit.name != merger.into.name {
                sqlx::query("INSERT INTO unit_names (unit_id, name, until_at) VALUES (?, ?, ?)")
                    .bind(unit.id.0)
                    .bind(&unit.name)
                    .bind(ts(now))
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("UPDATE units SET name = ?, updated_at = ? WHERE id = ?")
                    .bind(&merger.into.name)
                    .bind(ts(now))
                    .bind(unit.id.0)
                    .execute(&mut *tx)
                    .await?;
            }
            (unit.id, false)
        }
        None => {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO units (code, name, kind, cluster, position, active, valid_from, created_at, updated_at)
                 VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?) RETURNING id",
            )
            .bind(merger.into.code.as_str())
            .bind(&merger.into.name)
            .bind(merger.into.kind.code())
            .bind(merger.into.cluster.as_ref().or(olds.first().and_then(|u| u.cluster.as_ref())))
            .bind(position)
            .bind(&on)
            .bind(ts(now))
            .bind(ts(now))
            .fetch_one(&mut *tx)
            .await?;
            (UnitId(id), true)
        }
    };
    let mut told = Vec::new();
    for old in &olds {
        sqlx::query(
            "UPDATE units SET active = 0, valid_to = ?, merged_into = ?, updated_at = ? WHERE id = ?",
        )
        .bind(&on)
        .bind(successor_id.0)
        .bind(ts(now))
        .bind(old.id.0)
        .execute(&mut *tx)
        .await?;
        // The unit's people lose it (and any session they had).
        let ids: Vec<i64> = sqlx::query_scalar(
            "UPDATE members SET active = 0, removed_at = ? WHERE unit_id = ? AND active = 1 RETURNING id",
        )
        .bind(ts(now))
        .bind(old.id.0)
        .fetch_all(&mut *tx)
        .await?;
        let mut members = Vec::with_capacity(ids.len());
        for id in ids {
            let id = crate::domain::MemberId(id);
            super::web::end_access(&mut *tx, id).await?;
            members.push(super::members::member_in(&mut *tx, id).await?);
        }
        told.extend(plan(old.id, &members));
    }
    let periods = sqlx::query(
        "INSERT OR IGNORE INTO period_units (period_id, unit_id, unit_name)
         SELECT DISTINCT pu.period_id, ?1, ?2 FROM period_units pu JOIN periods p ON p.id = pu.period_id
          WHERE p.status = 'open' AND pu.unit_id IN (SELECT id FROM units WHERE merged_into = ?1 AND valid_to = ?3)",
    )
    .bind(successor_id.0)
    .bind(&merger.into.name)
    .bind(&on)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    insert_deliveries(&mut *tx, &told, now).await?;
    let olds_codes: Vec<&str> = olds.iter().map(|u| u.code.as_str()).collect();
    let detail = json!({ "into": merger.into.code.as_str(), "units": olds_codes, "on": on, "created": created });
    events::record(&mut *tx, now, actor, "units.merged", merger.into.code.as_str(), detail).await?;
    let row = sqlx::query(&format!("SELECT {UNIT_COLUMNS} FROM units WHERE id = ?"))
        .bind(successor_id.0)
        .fetch_one(&mut *tx)
        .await?;
    let successor = unit_from_row(&row)?;
    Ok(Merged::Done {
        successor,
        created,
        reporters_told: told.len(),
        periods: usize::try_from(periods).unwrap_or(usize::MAX),
    })
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
