//! Invite links: one for a unit's reporter or an officer (from the chat or the command line), or
//! one per unit without a reporter at once (the printable sheet, from the console or the command
//! line). Who made them is in the audit trail; the codes are shown once and stored hashed.

use chrono::{DateTime, Utc};

use crate::domain::{InviteCode, InviteTtl, Role, Unit, UnitCode};
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::store::{InviteListing, NewInvite};

use super::{App, By};

mod ways;

pub use ways::InviteWays;

/// Whom an invite is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Whom {
    /// The reporter of this unit.
    Reporter(UnitCode),
    /// An officer who follows the reporting (admins only invite them).
    Officer,
}

impl Whom {
    /// From the command line's `--role` and `--unit`; the error says what is missing or wrong.
    pub fn parse(role: &str, unit: Option<UnitCode>) -> Result<Whom> {
        match (Role::parse(role), unit) {
            (Some(Role::Reporter), Some(code)) => Ok(Whom::Reporter(code)),
            (Some(Role::Reporter), None) => Err(Error::User(Msg::new("err-invite-needs-unit"))),
            (Some(Role::Officer), None) => Ok(Whom::Officer),
            (Some(Role::Officer), Some(_)) => Err(Error::User(Msg::new("err-invite-officer-unit"))),
            _ => Err(Error::User(Msg::new("err-invite-role").arg("role", role.to_owned()))),
        }
    }

    fn role(&self) -> Role {
        match self {
            Whom::Reporter(_) => Role::Reporter,
            Whom::Officer => Role::Officer,
        }
    }
}

/// A stored invite and its code (shown once).
#[derive(Clone, Debug)]
pub struct CreatedInvite {
    pub code: InviteCode,
    pub role: Role,
    pub unit: Option<Unit>,
    pub expires_at: DateTime<Utc>,
}

impl CreatedInvite {
    /// Whether it is an officer's invite (else a unit's reporter's).
    pub fn for_officer(&self) -> bool {
        self.unit.is_none()
    }
}

/// Checks who asks for what, and stores the invite.
pub async fn create(app: &App, by: By<'_>, whom: &Whom, ttl: InviteTtl) -> Result<CreatedInvite> {
    if let By::Officer(officer) = by {
        if !officer.member().role.may_invite(whom.role()) {
            return Err(Error::User(Msg::new("err-invite-not-allowed")));
        }
    }
    let unit = match whom {
        Whom::Reporter(code) => Some(super::units::active(app, code).await?),
        Whom::Officer => None,
    };
    let now = app.now();
    let created = CreatedInvite {
        code: InviteCode::generate(),
        role: whom.role(),
        unit,
        expires_at: ttl.expires_at(now),
    };
    let row = new_invite(&created, by);
    app.store.create_invite(&created.code, &row, by.actor(), now).await?;
    Ok(created)
}

/// Which units a bulk invite covers.
#[derive(Clone, Debug, Default)]
pub struct BulkInvite {
    /// Whether units are invited at all (else only officers).
    pub units_too: bool,
    /// Only units of this kind.
    pub kind: Option<crate::domain::UnitKind>,
    /// Only units of this emulation cluster.
    pub cluster: Option<String>,
    /// Exactly these units (each must exist and be active), reporter or not.
    pub units: Vec<UnitCode>,
    /// Officer invites to add.
    pub officers: usize,
    pub ttl: InviteTtl,
}

/// The most invites one command makes: a province has up to ~170 units, a margin above that.
pub const BULK_MAX: usize = 2_000;

/// Invites made but not stored yet: the caller writes them where they go (files, a download)
/// and then [`commit`]s them, so that a failed write stores nothing and a stored code is never
/// lost.
#[derive(Debug)]
pub struct Prepared {
    pub invites: Vec<CreatedInvite>,
    rows: Vec<(InviteCode, NewInvite)>,
    actor: crate::store::Actor,
}

/// One invite per unit that has no reporter yet (or per unit listed), plus officer invites:
/// checked and made, not stored.
pub async fn prepare(app: &App, by: By<'_>, req: &BulkInvite) -> Result<Prepared> {
    if let (By::Officer(officer), true) = (by, req.officers > 0) {
        if !officer.member().role.may_invite(Role::Officer) {
            return Err(Error::User(Msg::new("err-invite-not-allowed")));
        }
    }
    let units = units_of(app, req).await?;
    if units.len() + req.officers > BULK_MAX {
        return Err(Error::User(Msg::new("err-invite-too-many").arg("max", BULK_MAX)));
    }
    if units.is_empty() && req.officers == 0 {
        return Err(Error::User(Msg::new("err-invite-none")));
    }
    let expires_at = req.ttl.expires_at(app.now());
    let invites: Vec<CreatedInvite> = units
        .into_iter()
        .map(|u| (Role::Reporter, Some(u)))
        .chain(std::iter::repeat_n((Role::Officer, None), req.officers))
        .map(|(role, unit)| CreatedInvite { code: InviteCode::generate(), role, unit, expires_at })
        .collect();
    let rows = invites.iter().map(|c| (c.code.clone(), new_invite(c, by))).collect();
    Ok(Prepared { invites, rows, actor: by.actor() })
}

/// Stores prepared invites, all or none; from then on their codes work.
pub async fn commit(app: &App, prepared: Prepared) -> Result<Vec<CreatedInvite>> {
    app.store.create_invites(&prepared.rows, prepared.actor, app.now()).await?;
    Ok(prepared.invites)
}

/// The invites still usable (`all`: used and expired ones too), never their codes.
pub async fn list(app: &App, _: By<'_>, all: bool) -> Result<Vec<InviteListing>> {
    app.store.list_invites(all, app.now()).await
}

async fn units_of(app: &App, req: &BulkInvite) -> Result<Vec<Unit>> {
    if !req.units_too {
        return Ok(Vec::new());
    }
    if req.units.is_empty() {
        let without = app.store.units_without_reporter().await?;
        return Ok(without
            .into_iter()
            .filter(|u| req.kind.is_none_or(|k| u.kind == k))
            .filter(|u| req.cluster.is_none() || u.cluster == req.cluster)
            .collect());
    }
    let mut units = Vec::with_capacity(req.units.len());
    for code in &req.units {
        units.push(super::units::active(app, code).await?);
    }
    Ok(units)
}

fn new_invite(created: &CreatedInvite, by: By<'_>) -> NewInvite {
    NewInvite {
        role: created.role,
        unit_id: created.unit.as_ref().map(|u| u.id),
        created_by: by.member().map(|m| m.id),
        expires_at: created.expires_at,
    }
}
