//! Changing a period once it is open: a new deadline (only while it is open; the units that have
//! not reported are told), closing it (no more submissions) and opening it again.

use chrono::{DateTime, Utc};

use crate::domain::{Period, PeriodId};
use crate::error::{Error, Result};
use crate::i18n::Msg;

use super::period::{deadline, Due};
use super::{App, By, Officer};

/// What came of moving a deadline.
#[derive(Clone, Debug, PartialEq)]
pub struct Extended {
    pub period: Period,
    pub due_at: DateTime<Utc>,
    /// How many reporters of units that have not reported the news is on its way to (sent in
    /// the background: the officer does not wait for it).
    pub told: usize,
    /// The new deadline falls on a day off, or leaves no working day after the cut-off: kept,
    /// and the officer is told why it is odd.
    pub warning: Option<crate::domain::schedule::DueWarning>,
}

/// Moves the deadline of an open period to `due` (checked against its data window) and tells
/// the units that have not reported. A closed period keeps its deadline: it must be reopened
/// first.
pub async fn extend(app: &App, officer: &Officer, id: PeriodId, due: &Due) -> Result<Extended> {
    let period = known(app, id).await?;
    if !period.is_open() {
        return Err(Error::User(Msg::new("err-period-closed-extend").arg("id", id.0.to_string())));
    }
    let due_at = deadline(&app.config, period.kind, Some(period.window), due)?;
    let now = app.now();
    // The news is recorded with the new deadline, in one transaction.
    let targets = app.store.waiting_members(&period).await?;
    let planned = crate::plan::extensions(&targets, &period, due_at);
    let actor = crate::store::Actor::Member(officer.member().id);
    app.store.extend_deadline(&period, due_at, actor, now, &planned).await?;
    app.flush_soon("the news of a new deadline");
    let warning = super::period::due_warning(&app.config, Some(period.window), due_at);
    Ok(Extended { period, due_at, told: planned.len(), warning })
}

/// Closes a period: it takes no more reports. `Ok(false)`: it was closed already.
pub async fn close(app: &App, by: By<'_>, id: PeriodId) -> Result<bool> {
    match app.store.close_period(id, by.actor(), app.now()).await? {
        Some(changed) => Ok(changed),
        None => Err(unknown(id)),
    }
}

/// Opens a closed period again; `Ok(false)`: it was open.
pub async fn reopen(app: &App, officer: &Officer, id: PeriodId) -> Result<bool> {
    let actor = crate::store::Actor::Member(officer.member().id);
    match app.store.reopen_period(id, actor, app.now()).await? {
        Some(changed) => Ok(changed),
        None => Err(unknown(id)),
    }
}

/// The period with this id; the error names an unknown one.
pub(crate) async fn known(app: &App, id: PeriodId) -> Result<Period> {
    app.store.period(id).await?.ok_or_else(|| unknown(id))
}

pub(crate) fn unknown(id: PeriodId) -> Error {
    Error::NotFound(Msg::new("err-period-unknown").arg("id", id.0.to_string()))
}
