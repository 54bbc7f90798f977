//! Invite links: unguessable single-use codes, stored only as a hash.

use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::i18n::Msg;

use super::member::Role;
use super::unit::UnitId;

/// Random bytes in a code: 128 bits.
const CODE_BYTES: usize = 16;

/// A freshly made invite code, shown once (in the link) and never stored.
#[derive(Clone, PartialEq, Eq)]
pub struct InviteCode(String);

impl std::fmt::Debug for InviteCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("InviteCode(…)")
    }
}

impl InviteCode {
    /// A new random code (32 lowercase hex digits, valid as a Telegram `start` payload).
    pub fn generate() -> InviteCode {
        let mut bytes = [0_u8; CODE_BYTES];
        rand::rng().fill_bytes(&mut bytes);
        InviteCode(to_hex(&bytes))
    }

    /// Reads a code from a `/start` payload; anything that cannot be a code is `None`.
    pub fn parse(payload: &str) -> Option<InviteCode> {
        let payload = payload.trim().to_ascii_lowercase();
        let well_formed = payload.len() == CODE_BYTES * 2
            && payload.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        well_formed.then_some(InviteCode(payload))
    }

    /// The code itself, for the link.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What the database keeps: the SHA-256 of the code, in hex.
    pub fn hash(&self) -> String {
        to_hex(&Sha256::digest(self.0.as_bytes()))
    }

    /// The deep link that opens the bot with this code.
    pub fn link(&self, bot_username: &str) -> String {
        format!("https://t.me/{}?start={}", bot_username.trim_start_matches('@'), self.0)
    }
}

/// The links of one invitation, one per way in that is on, never none: the bot's deep link
/// (Telegram) and the page that registers its holder in a browser (the web). Both carry the same
/// code, so whichever is opened first uses it up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InviteLinks {
    Telegram(String),
    Web(String),
    Both { telegram: String, web: String },
}

impl InviteLinks {
    /// From the links there are; `None` when there is neither.
    pub fn new(telegram: Option<String>, web: Option<String>) -> Option<InviteLinks> {
        match (telegram, web) {
            (Some(telegram), Some(web)) => Some(InviteLinks::Both { telegram, web }),
            (Some(telegram), None) => Some(InviteLinks::Telegram(telegram)),
            (None, Some(web)) => Some(InviteLinks::Web(web)),
            (None, None) => None,
        }
    }

    /// The bot's deep link, when Telegram is a way in.
    pub fn telegram(&self) -> Option<&str> {
        match self {
            InviteLinks::Telegram(link) | InviteLinks::Both { telegram: link, .. } => Some(link),
            InviteLinks::Web(_) => None,
        }
    }

    /// The join page's address, when the web is a way in.
    pub fn web(&self) -> Option<&str> {
        match self {
            InviteLinks::Web(link) | InviteLinks::Both { web: link, .. } => Some(link),
            InviteLinks::Telegram(_) => None,
        }
    }

    /// Which ways, as the messages choose their wording by it (`$way`): `telegram`, `web` or
    /// `both`.
    pub fn ways(&self) -> &'static str {
        match self {
            InviteLinks::Telegram(_) => "telegram",
            InviteLinks::Web(_) => "web",
            InviteLinks::Both { .. } => "both",
        }
    }
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// How long an invite stays valid, e.g. `14d` or `12h`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InviteTtl(Duration);

/// Longest validity of an invite.
pub const INVITE_TTL_MAX_DAYS: i64 = 365;

impl Default for InviteTtl {
    fn default() -> Self {
        InviteTtl(Duration::days(14))
    }
}

impl InviteTtl {
    /// Parses `<n>d` (days) or `<n>h` (hours), from 1 hour to 365 days.
    pub fn parse(s: &str) -> Result<InviteTtl, Msg> {
        let bad = || Msg::new("err-invite-ttl").arg("value", s);
        let s = s.trim().to_ascii_lowercase();
        let Some((last, _)) = s.char_indices().next_back() else {
            return Err(bad());
        };
        let (digits, unit) = s.split_at(last);
        let n: i64 = digits.parse().map_err(|_| bad())?;
        let ttl = match unit {
            "d" => Duration::days(n),
            "h" => Duration::hours(n),
            _ => return Err(bad()),
        };
        if n < 1 || ttl > Duration::days(INVITE_TTL_MAX_DAYS) {
            return Err(bad());
        }
        Ok(InviteTtl(ttl))
    }

    /// When an invite made at `now` expires.
    pub fn expires_at(self, now: DateTime<Utc>) -> DateTime<Utc> {
        now + self.0
    }

    /// Whole days, for display (at least 1).
    pub fn days(self) -> i64 {
        self.0.num_days().max(1)
    }
}

/// A stored invite, as needed to decide whether it can be redeemed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invite {
    pub role: Role,
    pub unit_id: Option<UnitId>,
    pub expires_at: DateTime<Utc>,
    pub used: bool,
}

/// Whether a code can be redeemed now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InviteStatus {
    Valid,
    Unknown,
    Expired,
    Used,
    /// The unit was deactivated after the invite was made.
    UnitInactive,
}

impl Invite {
    /// Decides redeemability at `now`.
    pub fn status(&self, now: DateTime<Utc>) -> InviteStatus {
        if self.used {
            InviteStatus::Used
        } else if now >= self.expires_at {
            InviteStatus::Expired
        } else {
            InviteStatus::Valid
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    #[test]
    fn generated_codes_are_distinct_parsable_and_hashed() {
        let a = InviteCode::generate();
        let b = InviteCode::generate();
        assert_ne!(a, b);
        assert_eq!(a.as_str().len(), 32);
        assert_eq!(InviteCode::parse(a.as_str()), Some(a.clone()));
        assert_eq!(a.hash().len(), 64);
        assert_ne!(a.hash(), a.as_str());
    }

    #[test]
    fn link_uses_the_bot_username() {
        let code = InviteCode::parse("00112233445566778899aabbccddeeff").unwrap();
        assert_eq!(
            code.link("@baocao_bot"),
            "https://t.me/baocao_bot?start=00112233445566778899aabbccddeeff"
        );
    }

    #[test]
    fn an_invitation_has_the_links_of_the_ways_that_are_on_and_never_none() {
        let (tg, web) =
            ("https://t.me/b?start=c".to_owned(), "https://x.vn/join?code=c".to_owned());
        let both = InviteLinks::new(Some(tg.clone()), Some(web.clone())).unwrap();
        assert_eq!((both.telegram(), both.web(), both.ways()), (Some(&*tg), Some(&*web), "both"));
        let only = InviteLinks::new(None, Some(web.clone())).unwrap();
        assert_eq!((only.telegram(), only.web(), only.ways()), (None, Some(&*web), "web"));
        let only = InviteLinks::new(Some(tg.clone()), None).unwrap();
        assert_eq!((only.telegram(), only.web(), only.ways()), (Some(&*tg), None, "telegram"));
        assert_eq!(InviteLinks::new(None, None), None);
    }

    #[test]
    fn ttl_accepts_days_and_hours_within_bounds() {
        let now = Utc.with_ymd_and_hms(2021, 6, 1, 0, 0, 0).unwrap();
        assert_eq!(InviteTtl::parse("14d").unwrap().expires_at(now), now + Duration::days(14));
        assert_eq!(InviteTtl::parse("12h").unwrap().expires_at(now), now + Duration::hours(12));
        for bad in ["", "d", "0d", "-1d", "366d", "14", "14w", "ba ngày"] {
            assert!(InviteTtl::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn used_beats_expired_and_expiry_is_exclusive() {
        let now = Utc.with_ymd_and_hms(2021, 6, 1, 0, 0, 0).unwrap();
        let invite =
            Invite { role: Role::Reporter, unit_id: Some(UnitId(1)), expires_at: now, used: false };
        assert_eq!(invite.status(now - Duration::seconds(1)), InviteStatus::Valid);
        assert_eq!(invite.status(now), InviteStatus::Expired);
        assert_eq!(Invite { used: true, ..invite }.status(now), InviteStatus::Used);
    }

    proptest! {
        #[test]
        fn any_payload_parses_without_panic(s in any::<String>()) {
            if let Some(code) = InviteCode::parse(&s) {
                prop_assert_eq!(code.as_str().len(), 32);
            }
            let _ = InviteTtl::parse(&s);
        }
    }
}
