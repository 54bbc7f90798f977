//! Units: import (upsert by code), list, look up, deactivate.

use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

use crate::domain::{NewUnit, Unit, UnitCode, UnitId, UnitKind};
use crate::error::Result;

use super::events::{self, Actor};
use super::stored_words::{Place, Stored};
use super::{ts, Store};

/// What an import changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Units whose name changed: code, old name, new name (the old one stays in history).
    pub renamed: Vec<(UnitCode, String, String)>,
}

pub(super) const UNIT_COLUMNS: &str =
    "id, code, name, kind, cluster, position, active, valid_from, valid_to, merged_into";

pub(crate) fn unit_from_row(row: &SqliteRow) -> Result<Unit> {
    unit_from_columns(row, "")
}

/// A unit from columns named `{prefix}id`, `{prefix}code`, … (for joins).
pub(crate) fn unit_from_columns(row: &SqliteRow, prefix: &str) -> Result<Unit> {
    let col = |name: &str| format!("{prefix}{name}");
    let kind: String = row.try_get(col("kind").as_str())?;
    let code: String = row.try_get(col("code").as_str())?;
    let id: i64 = row.try_get(col("id").as_str())?;
    Ok(Unit {
        id: UnitId(id),
        code: UnitCode::parse(&code).map_err(|_| Place::new("units", "code", id).corrupt(&code))?,
        name: row.try_get(col("name").as_str())?,
        kind: UnitKind::decode(&kind, Place::new("units", "kind", id))?,
        cluster: row.try_get(col("cluster").as_str())?,
        position: row.try_get(col("position").as_str())?,
        active: row.try_get(col("active").as_str())?,
        valid_from: day_of(row, &col("valid_from"), id)?,
        valid_to: day_of(row, &col("valid_to"), id)?,
        merged_into: row.try_get::<Option<i64>, _>(col("merged_into").as_str())?.map(UnitId),
    })
}

/// A stored `YYYY-MM-DD` day, if set.
fn day_of(row: &SqliteRow, column: &str, id: i64) -> Result<Option<NaiveDate>> {
    let Some(text) = row.try_get::<Option<String>, _>(column)? else { return Ok(None) };
    match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
        Ok(day) => Ok(Some(day)),
        Err(_) => Err(Place::new("units", "valid_from/valid_to", id).corrupt(&text)),
    }
}

impl Store {
    /// Inserts new units and updates changed ones, in file order, in one transaction.
    pub async fn import_units(
        &self,
        units: &[NewUnit],
        now: DateTime<Utc>,
    ) -> Result<ImportSummary> {
        let mut tx = self.write().await?;
        let mut summary = ImportSummary::default();
        for (index, unit) in units.iter().enumerate() {
            let position = i64::try_from(index + 1).unwrap_or(i64::MAX);
            let existing: Option<(String, String, Option<String>, i64)> =
                sqlx::query_as("SELECT name, kind, cluster, position FROM units WHERE code = ?")
                    .bind(unit.code.as_str())
                    .fetch_optional(&mut *tx)
                    .await?;
            let wanted =
                (unit.name.clone(), unit.kind.code().to_owned(), unit.cluster.clone(), position);
            match existing {
                Some(current) if current == wanted => summary.unchanged += 1,
                Some(current) => {
                    if current.0 != unit.name {
                        sqlx::query(
                            "INSERT INTO unit_names (unit_id, name, until_at)
                             SELECT id, name, ? FROM units WHERE code = ?",
                        )
                        .bind(ts(now))
                        .bind(unit.code.as_str())
                        .execute(&mut *tx)
                        .await?;
                        summary.renamed.push((unit.code.clone(), current.0, unit.name.clone()));
                    }
                    sqlx::query(
                        "UPDATE units SET name = ?, kind = ?, cluster = ?, position = ?, updated_at = ? WHERE code = ?",
                    )
                    .bind(&unit.name)
                    .bind(unit.kind.code())
                    .bind(&unit.cluster)
                    .bind(position)
                    .bind(ts(now))
                    .bind(unit.code.as_str())
                    .execute(&mut *tx)
                    .await?;
                    summary.updated += 1;
                }
                None => {
                    sqlx::query(
                        "INSERT INTO units (code, name, kind, cluster, position, active, created_at, updated_at)
                         VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
                    )
                    .bind(unit.code.as_str())
                    .bind(&unit.name)
                    .bind(unit.kind.code())
                    .bind(&unit.cluster)
                    .bind(position)
                    .bind(ts(now))
                    .bind(ts(now))
                    .execute(&mut *tx)
                    .await?;
                    summary.added += 1;
                }
            }
        }
        let renamed: Vec<&str> = summary.renamed.iter().map(|(code, _, _)| code.as_str()).collect();
        let detail = json!({ "added": summary.added, "updated": summary.updated, "unchanged": summary.unchanged, "renamed": renamed });
        events::record(&mut tx, now, Actor::Cli, "units.imported", "units", detail).await?;
        tx.changing(super::read_model::Changed::Everything);
        tx.commit().await?;
        Ok(summary)
    }

    /// The names a unit had before, oldest first.
    pub async fn former_names(&self, unit: UnitId) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT name FROM unit_names WHERE unit_id = ? ORDER BY until_at, id",
        )
        .bind(unit.0)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Units in the office's order; inactive ones only when asked.
    pub async fn list_units(&self, include_inactive: bool) -> Result<Vec<Unit>> {
        let sql =
            format!("SELECT {UNIT_COLUMNS} FROM units WHERE active = 1 OR ? ORDER BY position, id");
        let rows = sqlx::query(&sql).bind(include_inactive).fetch_all(&self.pool).await?;
        rows.iter().map(unit_from_row).collect()
    }

    /// The unit with this code, active or not.
    pub async fn unit_by_code(&self, code: &UnitCode) -> Result<Option<Unit>> {
        let sql = format!("SELECT {UNIT_COLUMNS} FROM units WHERE code = ?");
        let row = sqlx::query(&sql).bind(code.as_str()).fetch_optional(&self.pool).await?;
        row.as_ref().map(unit_from_row).transpose()
    }

    /// The unit with this id.
    pub async fn unit_by_id(&self, id: UnitId) -> Result<Option<Unit>> {
        let ticket = match self.model.unit(id) {
            super::read_model::Look::Held(unit) => return Ok(unit),
            super::read_model::Look::Missing(ticket) => ticket,
        };
        let sql = format!("SELECT {UNIT_COLUMNS} FROM units WHERE id = ?");
        let row = sqlx::query(&sql).bind(id.0).fetch_optional(&self.pool).await?;
        let unit = row.as_ref().map(unit_from_row).transpose()?;
        self.model.keep_unit(ticket, id, &unit);
        Ok(unit)
    }

    /// Marks a unit active or inactive (never deleted: old reports stay readable).
    /// Returns `None` for an unknown code, else whether anything changed.
    pub async fn set_unit_active(
        &self,
        code: &UnitCode,
        active: bool,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> Result<Option<bool>> {
        let mut tx = self.write().await?;
        let changed = sqlx::query(
            "UPDATE units SET active = ?, updated_at = ? WHERE code = ? AND active <> ?",
        )
        .bind(active)
        .bind(ts(now))
        .bind(code.as_str())
        .bind(active)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            > 0;
        if !changed {
            let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM units WHERE code = ?")
                .bind(code.as_str())
                .fetch_optional(&mut *tx)
                .await?;
            return Ok(exists.map(|_| false));
        }
        let kind = if active { "unit.activated" } else { "unit.deactivated" };
        events::record(&mut tx, now, actor, kind, code.as_str(), json!({})).await?;
        tx.changing(super::read_model::Changed::Everything);
        tx.commit().await?;
        Ok(Some(true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::unit_import::parse_units_csv;
    use crate::store::test_support::store;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_623_800_000, 0).unwrap()
    }

    fn tuan_giao() -> Vec<NewUnit> {
        parse_units_csv(include_bytes!("../../examples/tuan-giao-units.csv")).unwrap()
    }

    #[tokio::test]
    async fn importing_twice_adds_then_changes_nothing() {
        let (store, _dir) = store().await;
        let first = store.import_units(&tuan_giao(), now()).await.unwrap();
        assert_eq!((first.added, first.updated, first.unchanged), (19, 0, 0));
        let second = store.import_units(&tuan_giao(), now()).await.unwrap();
        assert_eq!((second.added, second.updated, second.unchanged), (0, 0, 19));
        let units = store.list_units(false).await.unwrap();
        assert_eq!(units.len(), 19);
        assert_eq!(units[0].name, "Thị trấn Tuần Giáo");
        assert_eq!(store.recent_events(Some("units.imported"), 10).await.unwrap().len(), 2);
    }

    #[tokio::test]
    async fn a_renamed_unit_is_updated_by_code() {
        let (store, _dir) = store().await;
        store.import_units(&tuan_giao(), now()).await.unwrap();
        let mut units = tuan_giao();
        units[1].name = "Xã Chiềng Đông (mới)".to_owned();
        let summary = store.import_units(&units, now()).await.unwrap();
        assert_eq!((summary.added, summary.updated, summary.unchanged), (0, 1, 18));
        let code = UnitCode::parse("X-CHIENGDONG").unwrap();
        let renamed =
            vec![(code.clone(), "Xã Chiềng Đông".to_owned(), "Xã Chiềng Đông (mới)".to_owned())];
        assert_eq!(summary.renamed, renamed);
        let unit = store.unit_by_code(&code).await.unwrap().unwrap();
        assert_eq!(unit.name, "Xã Chiềng Đông (mới)");
        assert_eq!(store.former_names(unit.id).await.unwrap(), vec!["Xã Chiềng Đông".to_owned()]);
    }

    #[tokio::test]
    async fn deactivated_unit_is_hidden_but_kept() {
        let (store, _dir) = store().await;
        store.import_units(&tuan_giao(), now()).await.unwrap();
        let code = UnitCode::parse("X-NASAY").unwrap();
        assert_eq!(
            store.set_unit_active(&code, false, Actor::Cli, now()).await.unwrap(),
            Some(true)
        );
        assert_eq!(
            store.set_unit_active(&code, false, Actor::Cli, now()).await.unwrap(),
            Some(false)
        );
        assert_eq!(store.list_units(false).await.unwrap().len(), 18);
        assert_eq!(store.list_units(true).await.unwrap().len(), 19);
        let unit = store.unit_by_code(&code).await.unwrap().unwrap();
        assert!(!unit.active);
        assert_eq!(store.unit_by_id(unit.id).await.unwrap().unwrap().code, code);
        let unknown = UnitCode::parse("X-NOWHERE").unwrap();
        assert_eq!(store.set_unit_active(&unknown, false, Actor::Cli, now()).await.unwrap(), None);
    }
}
