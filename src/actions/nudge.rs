//! An officer sends the current reminder now to the units that have not reported, and hears
//! back how it went.

use crate::domain::delivery::Tally;
use crate::domain::{Member, Period, PeriodId, UnitCode, UnitId};
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::plan;

use super::App;

/// Whom to nudge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The open period nearest its deadline.
    Nearest,
    /// This period.
    Period(PeriodId),
    /// One unit, in the open period nearest its deadline that it must report in.
    Unit(UnitCode),
}

impl Target {
    /// `""`, a period number, or a unit code, as typed after `/nhac`.
    pub fn parse(arg: &str) -> Result<Target> {
        let arg = arg.trim().trim_start_matches('#');
        if arg.is_empty() {
            return Ok(Target::Nearest);
        }
        if let Ok(id) = arg.parse::<i64>() {
            return Ok(Target::Period(PeriodId(id)));
        }
        UnitCode::parse(arg).map(Target::Unit).map_err(|e| Error::User(e.msg()))
    }
}

/// How a nudge went.
#[derive(Clone, Debug, PartialEq)]
pub struct Nudged {
    pub period: Period,
    pub tally: Tally,
    /// Units (of those nudged) with nobody the bot can reach.
    pub nobody: usize,
}

/// Nudges the units of the period `target` names; `None` when there is no open period to nudge.
pub async fn nudge(app: &App, actor: Option<&Member>, target: &Target) -> Result<Option<Nudged>> {
    super::officer(actor)?;
    let (period, unit) = match target {
        Target::Nearest => (super::period::nearest_open(&app.store, None).await?, None),
        Target::Period(id) => (app.store.period(*id).await?.filter(Period::is_open), None),
        Target::Unit(code) => {
            let Some(unit) = app.store.unit_by_code(code).await? else {
                return Err(Error::User(Msg::new("err-unit-unknown").arg("code", code.as_str())));
            };
            (super::period::nearest_open(&app.store, Some(unit.id)).await?, Some(unit.id))
        }
    };
    let Some(period) = period else { return Ok(None) };
    nudge_period(app, period, unit).await.map(Some)
}

/// Nudges the units of an open `period` that have not reported (or only `unit`).
pub async fn nudge_period(app: &App, period: Period, unit: Option<UnitId>) -> Result<Nudged> {
    let now = app.clock.now();
    let planned = plan::nudges(&app.store, &period, unit, now).await?;
    app.store.add_deliveries(&planned, now).await?;
    let tally = Tally::of(&app.outbox.deliver_now(&plan::keys(&planned)).await?);
    let progress = app.store.period_progress(&period).await?;
    let nobody = progress
        .missing_and_unreachable()
        .filter(|u| unit.is_none_or(|id| u.unit.id == id))
        .count();
    Ok(Nudged { period, tally, nobody })
}
