//! Who may do what. A use case that needs a role takes a proof of it: an [`Officer`] or an
//! [`Admin`] is made here only, from a member read in the request that acts (so a removed or
//! demoted person is refused at once), and an [`Operator`] stands for the person at the machine
//! (the command line's trust, like the database file's). The refusals are the same sentence on
//! every way in.

use crate::domain::{Member, Role};
use crate::error::{Error, Result};
use crate::i18n::Msg;
use crate::store::Actor;

/// An active officer or admin: someone who follows the reporting.
#[derive(Clone, Debug, PartialEq)]
pub struct Officer {
    member: Member,
}

/// An active admin (one of `BAOCAO_ADMINS`): an officer who also manages people.
#[derive(Clone, Debug, PartialEq)]
pub struct Admin {
    officer: Officer,
}

/// An active reporter of a unit: someone who answers their unit's reports.
#[derive(Clone, Debug, PartialEq)]
pub struct Reporter {
    member: Member,
    unit: crate::domain::UnitId,
}

/// The person at the machine, running a command: trusted as the one who holds the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operator(());

/// Who acts, for the use cases both an officer and the command line may run.
#[derive(Clone, Copy, Debug)]
pub enum By<'a> {
    Officer(&'a Officer),
    Operator(&'a Operator),
}

/// The member acting, if they follow the reporting (officer or admin); otherwise the refusal.
pub fn officer(member: Option<&Member>) -> Result<Officer> {
    match member {
        Some(m) if m.active && m.role.is_officer() => Ok(Officer { member: m.clone() }),
        _ => Err(Error::User(Msg::new("err-officers-only"))),
    }
}

/// The member acting, if they report for a unit; otherwise the refusal.
pub fn reporter(member: Option<&Member>) -> Result<Reporter> {
    match member {
        Some(m) if m.active && m.role == Role::Reporter => match m.unit_id {
            Some(unit) => Ok(Reporter { member: m.clone(), unit }),
            None => Err(Error::User(Msg::new("report-not-reporter"))),
        },
        _ => Err(Error::User(Msg::new("report-not-reporter"))),
    }
}

/// The member acting, if they are an admin; otherwise the refusal.
pub fn admin(member: Option<&Member>) -> Result<Admin> {
    match member {
        Some(m) if m.active && m.role == Role::Admin => {
            Ok(Admin { officer: Officer { member: m.clone() } })
        }
        _ => Err(Error::User(Msg::new("err-admins-only"))),
    }
}

impl Officer {
    /// The member behind the proof.
    pub fn member(&self) -> &Member {
        &self.member
    }

    /// The same person as an admin, when they are one.
    pub fn as_admin(&self) -> Option<Admin> {
        (self.member.role == Role::Admin).then(|| Admin { officer: self.clone() })
    }
}

impl Admin {
    /// An admin follows the reporting too.
    pub fn officer(&self) -> &Officer {
        &self.officer
    }

    /// The member behind the proof.
    pub fn member(&self) -> &Member {
        &self.officer.member
    }
}

impl Reporter {
    /// The member behind the proof.
    pub fn member(&self) -> &Member {
        &self.member
    }

    /// The unit they report for.
    pub fn unit(&self) -> crate::domain::UnitId {
        self.unit
    }
}

impl Operator {
    /// The person at the machine. Only the command line makes one.
    pub fn at_the_machine() -> Operator {
        Operator(())
    }
}

impl By<'_> {
    /// As the audit trail records them.
    pub(crate) fn actor(&self) -> Actor {
        match self {
            By::Officer(o) => Actor::Member(o.member.id),
            By::Operator(_) => Actor::Cli,
        }
    }

    /// The member acting, if it is one (not the command line).
    pub fn member(&self) -> Option<&Member> {
        match self {
            By::Officer(o) => Some(&o.member),
            By::Operator(_) => None,
        }
    }
}

/// Whether `member` may read the reports of `unit`: officers and admins read any, a reporter
/// only their own unit's.
pub(crate) fn may_read(member: &Member, unit: crate::domain::UnitId) -> bool {
    member.active && (member.role.is_officer() || member.unit_id == Some(unit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actions::test_support::member;

    #[test]
    fn an_officer_proof_is_made_only_for_an_active_officer_or_admin() {
        let refused = |m: Option<&Member>| officer(m).err().map(|e| e.user_message().key);
        assert_eq!(refused(None), Some("err-officers-only"));
        assert_eq!(refused(Some(&member(1, Role::Reporter))), Some("err-officers-only"));
        let mut removed = member(2, Role::Officer);
        removed.active = false;
        assert_eq!(refused(Some(&removed)), Some("err-officers-only"));
        assert!(officer(Some(&member(3, Role::Officer))).is_ok());
        assert!(officer(Some(&member(4, Role::Admin))).is_ok());
    }

    #[test]
    fn an_admin_proof_is_made_only_for_an_active_admin() {
        let refused = |m: &Member| admin(Some(m)).err().map(|e| e.user_message().key);
        assert_eq!(refused(&member(1, Role::Officer)), Some("err-admins-only"));
        assert_eq!(refused(&member(2, Role::Reporter)), Some("err-admins-only"));
        let mut removed = member(3, Role::Admin);
        removed.active = false;
        assert_eq!(refused(&removed), Some("err-admins-only"));
        let admin = admin(Some(&member(4, Role::Admin))).unwrap();
        assert_eq!(admin.officer().as_admin().map(|a| a.member().id), Some(admin.member().id));
        assert!(officer(Some(&member(5, Role::Officer))).unwrap().as_admin().is_none());
    }
}
