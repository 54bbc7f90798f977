//! People who use the bot and what they may do.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Msg};

use super::contact::{Contact, EMAIL};
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

    /// The welcome of someone who just joined with this role.
    pub fn welcome(self) -> Msg {
        Msg::new(match self {
            Role::Admin => "welcome-admin",
            Role::Officer => "welcome-officer",
            Role::Reporter => "welcome-reporter",
        })
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
    /// Who they are to the chat, when they use Telegram.
    pub tg_user_id: Option<i64>,
    /// How they are reached: a Telegram chat, an e-mail address (any number, none).
    pub contacts: Vec<Contact>,
    pub full_name: String,
    pub username: Option<String>,
    pub role: Role,
    pub unit_id: Option<UnitId>,
    pub lang: Lang,
    pub notify_submissions: bool,
    pub active: bool,
    /// Their position (chức vụ), as they gave it: "Chủ tịch UBND xã".
    pub position: Option<String>,
    /// Whether `full_name` is the name they gave (else it is their Telegram display name).
    pub named: bool,
}

/// Longest name or position accepted, in characters.
pub const PERSON_TEXT_MAX: usize = 100;

impl Member {
    /// Their contact on `channel`, if they have one.
    pub fn contact(&self, channel: &str) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.channel == channel)
    }

    /// The Telegram chat they are written to, if any.
    pub fn telegram_chat(&self) -> Option<i64> {
        self.contacts.iter().find_map(Contact::telegram_chat)
    }

    /// Their e-mail address, if any.
    pub fn email(&self) -> Option<&str> {
        self.contact(EMAIL).map(|c| c.address.as_str())
    }

    /// Whether any of their contacts reached them last time (the board flags those nobody can
    /// reach).
    pub fn reachable(&self) -> bool {
        self.contacts.iter().any(|c| c.reachable)
    }

    /// Whether the contact `address` on `channel` is theirs and reached them last time.
    pub fn reachable_at(&self, channel: &str, address: &str) -> bool {
        self.contacts.iter().any(|c| c.channel == channel && c.address == address && c.reachable)
    }

    /// How a letter addresses them: "Lò Văn Hùng, Chủ tịch UBND xã Ta Ma". A position that ends
    /// with the word its unit's name starts with ("… UBND xã" of "Xã Ta Ma") is completed with
    /// the unit's own name.
    pub fn addressed(&self, unit_name: Option<&str>) -> String {
        let Some(position) = self.position.as_deref() else { return self.full_name.clone() };
        let position = match unit_name.and_then(|unit| complete_position(position, unit)) {
            Some(completed) => completed,
            None => position.to_owned(),
        };
        format!("{}, {position}", self.full_name)
    }

    /// Their name and position for lists: "Lò Văn Hùng (Chủ tịch UBND xã)".
    pub fn with_position(&self) -> String {
        match &self.position {
            Some(position) => format!("{} ({position})", self.full_name),
            None => self.full_name.clone(),
        }
    }
}

/// "Chủ tịch UBND xã" + "Xã Ta Ma" → "Chủ tịch UBND xã Ta Ma"; `None` when they do not fit.
fn complete_position(position: &str, unit: &str) -> Option<String> {
    let unit_lower = unit.to_lowercase();
    let position_lower = position.to_lowercase();
    ["thị trấn", "đặc khu", "tổ dân phố", "xã", "phường", "thôn", "bản"].iter().find_map(|word| {
        let rest = unit_lower.strip_prefix(word)?.strip_prefix(' ')?;
        let ends = position_lower.strip_suffix(word)?;
        (ends.is_empty() || ends.ends_with(' ')).then_some(())?;
        let cut = unit.len() - rest.len();
        Some(format!("{position} {}", &unit[cut..]))
    })
}

/// Reads a person's name or position as typed: spaces and line breaks collapsed, 2 to 100
/// characters, not a command.
pub fn parse_person_text(s: &str) -> Option<String> {
    let text = super::text::one_line(s);
    let n = text.chars().count();
    ((2..=PERSON_TEXT_MAX).contains(&n) && !text.starts_with('/')).then_some(text)
}

/// A person about to be registered (or re-registered): by their Telegram identity (the same
/// person registered again keeps their row), or by an e-mail address alone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMember {
    pub tg_user_id: Option<i64>,
    /// Their contacts (a Telegram member's chat; a web or command-line registration's e-mail).
    pub contacts: Vec<Contact>,
    pub full_name: String,
    pub username: Option<String>,
    pub role: Role,
    pub unit_id: Option<UnitId>,
    pub lang: Lang,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(position: Option<&str>) -> Member {
        Member {
            id: MemberId(1),
            tg_user_id: Some(1),
            contacts: vec![Contact::telegram(1)],
            full_name: "Lò Văn Hùng".into(),
            username: None,
            role: Role::Reporter,
            unit_id: None,
            lang: Lang::Vi,
            notify_submissions: true,
            active: true,
            position: position.map(str::to_owned),
            named: true,
        }
    }

    #[test]
    fn a_letter_addresses_them_by_name_and_position_completed_with_their_unit() {
        let chair = member(Some("Chủ tịch UBND xã"));
        assert_eq!(chair.addressed(Some("Xã Ta Ma")), "Lò Văn Hùng, Chủ tịch UBND xã Ta Ma");
        assert_eq!(chair.addressed(Some("Phường Him Lam")), "Lò Văn Hùng, Chủ tịch UBND xã");
        let officer = member(Some("Văn phòng UBND xã Ta Ma"));
        assert_eq!(officer.addressed(Some("Xã Ta Ma")), "Lò Văn Hùng, Văn phòng UBND xã Ta Ma");
        let head = member(Some("Trưởng bản"));
        assert_eq!(head.addressed(Some("Bản Huổi Lóng")), "Lò Văn Hùng, Trưởng bản Huổi Lóng");
        assert_eq!(member(None).addressed(Some("Xã Ta Ma")), "Lò Văn Hùng");
    }

    #[test]
    fn a_name_is_two_to_a_hundred_characters_and_not_a_command() {
        assert_eq!(parse_person_text("  Lò  Văn Hùng "), Some("Lò Văn Hùng".to_owned()));
        assert_eq!(parse_person_text("A"), None);
        assert_eq!(parse_person_text("/huy"), None);
        assert_eq!(parse_person_text(&"a".repeat(101)), None);
    }

    #[test]
    fn only_admins_invite_officers_and_nobody_invites_admins() {
        assert!(Role::Admin.may_invite(Role::Officer));
        assert!(!Role::Officer.may_invite(Role::Officer));
        assert!(Role::Officer.may_invite(Role::Reporter));
        assert!(!Role::Reporter.may_invite(Role::Reporter));
        assert!(!Role::Admin.may_invite(Role::Admin));
    }

    #[test]
    fn reachable_at_only_their_own_contact_that_reached_them() {
        let mut chair = member(None);
        chair.contacts.push(Contact::email("chutich@tama.gov.vn"));
        assert!(chair.reachable_at(EMAIL, "chutich@tama.gov.vn"));
        assert!(!chair.reachable_at(EMAIL, "other@tama.gov.vn"));
        assert!(!chair.reachable_at(crate::domain::contact::TELEGRAM, "chutich@tama.gov.vn"));
        chair.contacts[1].reachable = false;
        assert!(!chair.reachable_at(EMAIL, "chutich@tama.gov.vn"));
    }

    #[test]
    fn role_round_trips_through_its_spelling() {
        for role in [Role::Admin, Role::Officer, Role::Reporter] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("boss"), None);
    }
}
