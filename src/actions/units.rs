//! The reporting units: imported, listed, merged as a resolution does, (de)activated — by the
//! person at the machine; listed for officers with who reports for each and the invitations
//! still pending.

use crate::domain::merger::Merger;
use crate::domain::{Member, NewUnit, Unit, UnitCode};
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::store::{ImportSummary, InviteListing};

use super::{App, By, Officer, Operator};

pub use crate::store::Merged;

/// Imports units (upsert by code, in the file's order).
pub async fn import(app: &App, _: &Operator, units: &[NewUnit]) -> Result<ImportSummary> {
    app.store.import_units(units, app.now()).await
}

/// The units in the office's order (`all`: with the deactivated and merged ones).
pub async fn list(app: &App, _: By<'_>, all: bool) -> Result<Vec<Unit>> {
    app.store.list_units(all).await
}

/// Applies mergers, all or none; the old units' reporters are told and lose their unit.
pub async fn merge(app: &App, _: &Operator, mergers: &[Merger]) -> Result<Vec<Merged>> {
    let actor = crate::store::Actor::Cli;
    app.store.merge_units(mergers, actor, app.now(), crate::plan::merged).await
}

/// Deactivates or activates a unit; `Ok(false)`: it was so already.
pub async fn set_active(app: &App, _: &Operator, code: &UnitCode, active: bool) -> Result<bool> {
    let actor = crate::store::Actor::Cli;
    match app.store.set_unit_active(code, active, actor, app.now()).await? {
        Some(changed) => Ok(changed),
        None => Err(unknown(code)),
    }
}

/// The units page of the console: every active unit with its reporters, and the invitations
/// not used yet and still valid (never their codes).
pub struct Overview {
    pub units: Vec<(Unit, Vec<Member>)>,
    pub pending: Vec<InviteListing>,
}

/// The units and their reporters, and the invitations still pending.
pub async fn overview(app: &App, _: &Officer) -> Result<Overview> {
    let units = app.store.list_units(false).await?;
    let reporters = reporters_by_unit(app).await?;
    let units = units
        .into_iter()
        .map(|u| {
            let people = reporters.iter().filter(|m| m.unit_id == Some(u.id)).cloned().collect();
            (u, people)
        })
        .collect();
    let pending = app.store.list_invites(false, app.now()).await?;
    Ok(Overview { units, pending })
}

/// The active reporters, of every unit.
pub(crate) async fn reporters_by_unit(app: &App) -> Result<Vec<Member>> {
    let listed = app.store.list_members(false).await?;
    Ok(listed
        .into_iter()
        .map(|l| l.member)
        .filter(|m| m.unit_id.is_some() && !m.role.is_officer())
        .collect())
}

/// The active unit with this code; otherwise why not.
pub(crate) async fn active(app: &App, code: &UnitCode) -> Result<Unit> {
    match app.store.unit_by_code(code).await? {
        Some(unit) if unit.active => Ok(unit),
        Some(unit) => Err(Error::User(Msg::new("err-unit-inactive").arg("unit", unit.name))),
        None => Err(unknown(code)),
    }
}

/// The unit with this code, active or not; otherwise why not.
pub(crate) async fn known(app: &App, code: &UnitCode) -> Result<Unit> {
    app.store.unit_by_code(code).await?.ok_or_else(|| unknown(code))
}

fn unknown(code: &UnitCode) -> Error {
    Error::NotFound(Msg::new("err-unit-unknown").arg("code", code.as_str()))
}
