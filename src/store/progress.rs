//! Where periods stand, unit by unit, in one query.

use sqlx::Row;

use crate::domain::progress::{
    merged_away, same_name, tell_apart, PeriodProgress, ReportHead, UnitProgress,
};
use crate::domain::{Period, ReportStatus};
use crate::error::Result;

use super::stored_words::{Place, Stored};
use super::{from_ts, Store};

impl Store {
    /// Each unit that must report in `period`, in the district's order, with its report's head
    /// and how many of its reporters the bot can reach.
    pub async fn period_progress(&self, period: &Period) -> Result<PeriodProgress> {
        let rows = sqlx::query(
            "SELECT u.id, u.code, COALESCE(pu.unit_name, u.name) AS name, u.kind, u.cluster,
                    u.position, u.active, u.valid_from, u.valid_to, u.merged_into, s.name AS successor,
                    s.code AS successor_code,
                    r.id AS report_id, r.status, r.on_time, r.submitted_at,
                    (SELECT COUNT(*) FROM members m WHERE m.unit_id = u.id AND m.role = 'reporter' AND m.active = 1) AS reporters,
                    (SELECT COUNT(*) FROM members m WHERE m.unit_id = u.id AND m.role = 'reporter' AND m.active = 1
                        AND EXISTS (SELECT 1 FROM contacts c WHERE c.member_id = m.id AND c.reachable = 1))
                        AS reachable
             FROM period_units pu JOIN units u ON u.id = pu.unit_id
             LEFT JOIN units s ON s.id = u.merged_into
             LEFT JOIN reports r ON r.period_id = pu.period_id AND r.unit_id = u.id
             WHERE pu.period_id = ? ORDER BY u.position, u.id",
        )
        .bind(period.id.0)
        .fetch_all(&self.pool)
        .await?;
        let mut units = Vec::with_capacity(rows.len());
        for row in &rows {
            let unit = super::units::unit_from_row(row)?;
            let status: Option<String> = row.try_get("status")?;
            let report_id: Option<i64> = row.try_get("report_id")?;
            let at = Place::new("reports", "status", report_id.unwrap_or_default());
            let report = match status.map(|s| ReportStatus::decode(&s, at)).transpose()? {
                Some(status) => Some(ReportHead {
                    status,
                    on_time: row.try_get("on_time")?,
                    submitted_at: from_ts(row.try_get("submitted_at")?),
                }),
                None => None,
            };
            let count = |col: &str| -> Result<usize> {
                Ok(usize::try_from(row.try_get::<i64, _>(col)?).unwrap_or(0))
            };
            let successor: Option<String> = row.try_get("successor")?;
            let successor_code: Option<String> = row.try_get("successor_code")?;
            // A successor of the same name ("Xã Chiềng Sinh" into the new "Xã Chiềng Sinh") is
            // named with its code, so the two are told apart.
            let successor = successor.map(|name| match successor_code {
                Some(code) if same_name(&name, &unit.name) => format!("{name} ({code})"),
                _ => name,
            });
            units.push(UnitProgress {
                successor: successor.filter(|_| merged_away(period, &unit)),
                unit,
                report,
                reporters: count("reporters")?,
                reachable: count("reachable")?,
            });
        }
        tell_apart(&mut units);
        Ok(PeriodProgress { period: period.clone(), units })
    }
}

impl Store {
    /// Per unit (active or not, in the district's order), the periods whose deadline falls in
    /// [`from`, `to`) and has passed by `now` (or that were closed): required, on time, late.
    pub async fn unit_stats(
        &self,
        from: chrono::DateTime<chrono::Utc>,
        to: chrono::DateTime<chrono::Utc>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Vec<crate::domain::stats::UnitStats>> {
        let rows: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
            "SELECT pu.unit_id, COUNT(*),
                    COALESCE(SUM(CASE WHEN r.id IS NOT NULL AND r.on_time = 1 THEN 1 ELSE 0 END), 0),
                    COALESCE(SUM(CASE WHEN r.id IS NOT NULL AND r.on_time = 0 THEN 1 ELSE 0 END), 0)
             FROM period_units pu JOIN periods p ON p.id = pu.period_id JOIN units u ON u.id = pu.unit_id
             LEFT JOIN reports r ON r.period_id = p.id AND r.unit_id = pu.unit_id
             WHERE p.due_at >= ? AND p.due_at < ? AND (p.due_at <= ? OR p.status = 'closed')
               -- a unit merged away before a deadline was no longer expected to report; periods
               -- due before its last day still count (dates compared in UTC: deadlines fall in
               -- office hours, never at the day's edge)
               AND (r.id IS NOT NULL OR u.valid_to IS NULL OR date(p.due_at, 'unixepoch') < u.valid_to)
             GROUP BY pu.unit_id",
        )
        .bind(super::ts(from))
        .bind(super::ts(to))
        .bind(super::ts(now))
        .fetch_all(&self.pool)
        .await?;
        let count = |n: i64| u32::try_from(n).unwrap_or(0);
        let mut stats = Vec::new();
        let units = self.list_units(true).await?;
        for unit in &units {
            let Some(&(_, required, on_time, late)) = rows.iter().find(|r| r.0 == unit.id.0) else {
                continue;
            };
            stats.push(crate::domain::stats::UnitStats {
                successor: unit
                    .merged_into
                    .and_then(|id| units.iter().find(|s| s.id == id))
                    .cloned(),
                unit: unit.clone(),
                required: count(required),
                on_time: count(on_time),
                late: count(late),
            });
        }
        Ok(stats)
    }
}
