//! Making an invite link for a commune chair (reporter) or an officer.

use chrono::{DateTime, Utc};

use crate::domain::{InviteCode, InviteTtl, Member, Role, Unit, UnitCode};
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::store::{Actor, NewInvite, Store};

/// What to invite, and who asks.
#[derive(Clone, Debug)]
pub struct InviteRequest {
    pub role: Role,
    /// Required for a reporter invite.
    pub unit: Option<UnitCode>,
    /// The officer asking; `None` from the command line (the server's operator).
    pub by: Option<Member>,
    pub ttl: InviteTtl,
}

/// A stored invite and its code (shown once).
#[derive(Clone, Debug)]
pub struct CreatedInvite {
    pub code: InviteCode,
    pub role: Role,
    pub unit: Option<Unit>,
    pub expires_at: DateTime<Utc>,
}

/// Checks the request and stores the invite.
pub async fn create(
    store: &Store,
    req: &InviteRequest,
    now: DateTime<Utc>,
) -> Result<CreatedInvite> {
    if let Some(by) = &req.by {
        if !by.role.may_invite(req.role) {
            return Err(Error::User(Msg::new("err-invite-not-allowed")));
        }
    }
    let unit = match (req.role, &req.unit) {
        (Role::Reporter, None) => return Err(Error::User(Msg::new("err-invite-needs-unit"))),
        (_, None) => None,
        (_, Some(code)) => Some(active_unit(store, code).await?),
    };
    let code = InviteCode::generate();
    let expires_at = req.ttl.expires_at(now);
    let invite = NewInvite {
        role: req.role,
        unit_id: unit.as_ref().map(|u| u.id),
        created_by: req.by.as_ref().map(|m| m.id),
        expires_at,
    };
    let actor = req.by.as_ref().map_or(Actor::Cli, |m| Actor::Member(m.id));
    store.create_invite(&code, &invite, actor, now).await?;
    Ok(CreatedInvite { code, role: req.role, unit, expires_at })
}

async fn active_unit(store: &Store, code: &UnitCode) -> Result<Unit> {
    match store.unit_by_code(code).await? {
        Some(unit) if unit.active => Ok(unit),
        Some(unit) => Err(Error::User(Msg::new("err-unit-inactive").arg("unit", unit.name))),
        None => Err(Error::User(Msg::new("err-unit-unknown").arg("code", code.as_str()))),
    }
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

/// One invite per unit that has no reporter yet (or per unit listed), plus officer invites, all
/// stored in one transaction. From the command line only (the server's operator).
pub async fn create_bulk(
    store: &Store,
    req: &BulkInvite,
    now: DateTime<Utc>,
) -> Result<Vec<CreatedInvite>> {
    let units = if !req.units_too {
        Vec::new()
    } else if req.units.is_empty() {
        store
            .units_without_reporter()
            .await?
            .into_iter()
            .filter(|u| req.kind.is_none_or(|k| u.kind == k))
            .filter(|u| req.cluster.is_none() || u.cluster == req.cluster)
            .collect()
    } else {
        let mut units = Vec::with_capacity(req.units.len());
        for code in &req.units {
            units.push(active_unit(store, code).await?);
        }
        units
    };
    if units.len() + req.officers > BULK_MAX {
        return Err(Error::User(Msg::new("err-invite-too-many").arg("max", BULK_MAX)));
    }
    if units.is_empty() && req.officers == 0 {
        return Err(Error::User(Msg::new("err-invite-none")));
    }
    let expires_at = req.ttl.expires_at(now);
    let targets = units
        .into_iter()
        .map(|u| (Role::Reporter, Some(u)))
        .chain(std::iter::repeat_n((Role::Officer, None), req.officers));
    let created: Vec<CreatedInvite> = targets
        .map(|(role, unit)| CreatedInvite { code: InviteCode::generate(), role, unit, expires_at })
        .collect();
    let rows: Vec<(InviteCode, NewInvite)> = created
        .iter()
        .map(|c| {
            let invite = NewInvite {
                role: c.role,
                unit_id: c.unit.as_ref().map(|u| u.id),
                created_by: None,
                expires_at,
            };
            (c.code.clone(), invite)
        })
        .collect();
    store.create_invites(&rows, Actor::Cli, now).await?;
    Ok(created)
}
