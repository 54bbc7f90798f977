//! People who use the bot and what they may do.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Msg};

use super::unit::UnitId;

/// Database identity of a member.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MemberId(pub i64);

impl fmt::Display for MemberId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// What a member may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Office of Home Affairs: everything an officer does, plus people, units and periods.
    Admin,
    /// Follows the reporting: digests, reading, returning, accepting, exporting.
    Officer,
    /// Reports for one unit.
    Reporter,
}

impl Role {
    /// Parses the stored / typed spelling.
    pub fn parse(s: &str) -> Option<Role> {
        match s.trim().to_ascii_lowercase().as_str() {
            "admin" => Some(Role::Admin),
            "officer" => Some(Role::Officer),
            "reporter" => Some(Role::Reporter),
            _ => None,
        }
    }

    /// The spelling stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Officer => "officer",
            Role::Reporter => "reporter",
        }
    }

    /// Officers and admins follow the reporting.
    pub fn is_officer(self) -> bool {
        matches!(self, Role::Admin | Role::Officer)
    }

    /// Whether someone with this role may hand out an invite for `invited`.
    pub fn may_invite(self, invited: Role) -> bool {
        match invited {
            Role::Reporter => self.is_officer(),
            Role::Officer => self == Role::Admin,
            Role::Admin => false,
        }
    }

    /// The role's name for people.
    pub fn msg(self) -> Msg {
        Msg::new(match self {
            Role::Admin => "role-admin",
            Role::Officer => "role-officer",
            Role::Reporter => "role-reporter",
        })
    }
}

/// A registered person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub id: MemberId,
    pub tg_user_id: i64,
    pub chat_id: i64,
    pub full_name: String,
    pub username: Option<String>,
    pub role: Role,
    pub unit_id: Option<UnitId>,
    pub lang: Lang,
    pub reachable: bool,
    pub notify_submissions: bool,
    pub active: bool,
}

/// A person about to be registered (or re-registered).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMember {
    pub tg_user_id: i64,
    pub chat_id: i64,
    pub full_name: String,
    pub username: Option<String>,
    pub role: Role,
    pub unit_id: Option<UnitId>,
    pub lang: Lang,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_admins_invite_officers_and_nobody_invites_admins() {
        assert!(Role::Admin.may_invite(Role::Officer));
        assert!(!Role::Officer.may_invite(Role::Officer));
        assert!(Role::Officer.may_invite(Role::Reporter));
        assert!(!Role::Reporter.may_invite(Role::Reporter));
        assert!(!Role::Admin.may_invite(Role::Admin));
    }

    #[test]
    fn role_round_trips_through_its_spelling() {
        for role in [Role::Admin, Role::Officer, Role::Reporter] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("boss"), None);
    }
}
