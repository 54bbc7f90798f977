//! An officer sends the current reminder now to the units that have not reported, and hears
//! back how it went.

use crate::domain::delivery::Tally;
use crate::domain::{Period, PeriodId, UnitCode, UnitId};
use crate::error::{Error, Result};
use crate::plan;

use super::{App, Officer};

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

/// A nudge under way: its messages are recorded and go out in the background.
#[derive(Clone, Debug, PartialEq)]
pub struct Nudged {
    pub period: Period,
    /// Only this unit, or every unit that has not reported.
    pub unit: Option<UnitId>,
    /// The keys of its messages, to ask how they went ([`outcome`]).
    pub keys: Vec<String>,
    /// Units (of those nudged) with nobody the bot can reach, as known when it started.
    pub nobody: usize,
}

/// How a nudge went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NudgeOutcome {
    pub tally: Tally,
    /// Units with nobody the bot can reach, now that the messages have been tried (a person who
    /// blocked the bot is known only then).
    pub nobody: usize,
}

/// Nudges the units of the period `target` names; `None` when there is no open period to nudge.
pub async fn nudge(app: &App, _: &Officer, target: &Target) -> Result<Option<Nudged>> {
    let (period, unit) = match target {
        Target::Nearest => (super::progress::nearest_open(app, None).await?, None),
        Target::Period(id) => (app.store.period(*id).await?.filter(Period::is_open), None),
        Target::Unit(code) => {
            let unit = super::units::known(app, code).await?;
            (super::progress::nearest_open(app, Some(unit.id)).await?, Some(unit.id))
        }
    };
    let Some(period) = period else { return Ok(None) };
    nudge_period(app, period, unit).await.map(Some)
}

/// Nudges the units of an open `period` that have not reported (or only `unit`).
async fn nudge_period(app: &App, period: Period, unit: Option<UnitId>) -> Result<Nudged> {
    let now = app.now();
    let waiting = app.store.waiting_members(&period).await?;
    let planned = plan::nudges(&period, unit, &waiting, now);
    app.store.add_deliveries(&planned, now).await?;
    // They go out in the background at once, whoever asked and whether or not they wait for
    // the count ([`outcome`]).
    app.flush_soon("the reminders of a nudge");
    let keys = plan::keys(&planned);
    let nobody = unreachable(app, &period, unit).await?;
    Ok(Nudged { period, unit, keys, nobody })
}

async fn unreachable(app: &App, period: &Period, unit: Option<UnitId>) -> Result<usize> {
    let progress = app.store.period_progress(period).await?;
    let nobody =
        progress.missing_and_unreachable().filter(|u| unit.is_none_or(|id| u.unit.id == id));
    Ok(nobody.count())
}

/// How a nudge's messages went, once the outbox has tried each of them (it waits for them,
/// behind whatever else is being sent: call it in the background).
pub async fn outcome(app: &App, nudged: &Nudged) -> Result<NudgeOutcome> {
    let tally = Tally::of(&deliver_now(app, &nudged.keys).await?);
    let nobody = unreachable(app, &nudged.period, nudged.unit).await?;
    Ok(NudgeOutcome { tally, nobody })
}

/// Sends what is due now and reads back how the deliveries with these keys went (without an
/// outbox, as recorded so far).
pub(crate) async fn deliver_now(
    app: &App,
    keys: &[String],
) -> Result<Vec<crate::domain::delivery::DeliveryStatus>> {
    match &app.outbox {
        Some(outbox) => outbox.deliver_now(keys).await,
        None => app.store.delivery_status_of(keys).await,
    }
}
