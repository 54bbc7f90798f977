//! A reporter's view of their unit: its recent periods, what it sent in each (when, on time or
//! late, returned and why, accepted), and the office's letter of each period still open.

use crate::domain::attachment::Attachment;
use crate::domain::{Member, Period, Report};
use crate::error::{Error, Result};
use crate::i18n::Msg;

use super::App;

/// How many of the unit's periods are shown, latest first.
pub const RECENT: i64 = 10;

/// One period of the unit.
#[derive(Clone, Debug)]
pub struct UnitPeriod {
    pub period: Period,
    pub report: Option<Report>,
    /// The office's letter, while the period is open.
    pub letter: Option<Attachment>,
}

/// The recent periods of `member`'s unit; refused to someone who reports for no unit.
pub async fn of_unit(app: &App, member: Option<&Member>) -> Result<Vec<UnitPeriod>> {
    let Some(unit) = member.filter(|m| m.active).and_then(|m| m.unit_id) else {
        return Err(Error::User(Msg::new("report-not-reporter")));
    };
    let mut out = Vec::new();
    for period in app.store.periods_of_unit(unit, RECENT).await? {
        let report = app.store.report(period.id, unit).await?;
        let letter = match period.is_open() {
            true => app.store.period_attachment(period.id).await?,
            false => None,
        };
        out.push(UnitPeriod { period, report, letter });
    }
    Ok(out)
}
