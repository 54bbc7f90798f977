//! The one place where the product's typed meanings become the words stored in the database,
//! and back. A stored word that no longer means anything is [`Error::Corrupt`], never a default.

use crate::domain::delivery::{DeliveryKind, DeliveryStatus};
use crate::domain::{Decision, PeriodStatus, ReportStatus, Role, UnitKind};
use crate::error::{Error, Result};
use crate::i18n::Lang;

/// Where a stored value was read: named in the error when it cannot be understood.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Place {
    pub table: &'static str,
    pub column: &'static str,
    pub row: i64,
}

impl Place {
    pub(crate) fn new(table: &'static str, column: &'static str, row: i64) -> Place {
        Place { table, column, row }
    }

    /// The error for `value`, which does not mean anything here.
    pub(crate) fn corrupt(self, value: impl ToString) -> Error {
        Error::Corrupt {
            table: self.table,
            column: self.column,
            row: self.row,
            value: value.to_string(),
        }
    }
}

/// An enum stored as a word: each value and its word, listed once.
pub(crate) trait Stored: Sized + Copy + PartialEq + 'static {
    /// Every value with the word stored for it.
    const CODES: &'static [(Self, &'static str)];

    /// The stored word.
    fn code(self) -> &'static str {
        Self::CODES.iter().find(|(v, _)| *v == self).map_or("", |(_, c)| c)
    }

    /// The value of a stored word; an unknown word is corrupt data at `at`.
    fn decode(word: &str, at: Place) -> Result<Self> {
        Self::CODES
            .iter()
            .find(|(_, c)| *c == word)
            .map(|(v, _)| *v)
            .ok_or_else(|| at.corrupt(word))
    }
}

impl Stored for ReportStatus {
    const CODES: &'static [(Self, &'static str)] = &[
        (ReportStatus::Submitted, "submitted"),
        (ReportStatus::Returned, "returned"),
        (ReportStatus::Accepted, "accepted"),
    ];
}

impl Stored for Decision {
    const CODES: &'static [(Self, &'static str)] =
        &[(Decision::Return, "returned"), (Decision::Accept, "accepted")];
}

impl Stored for Role {
    const CODES: &'static [(Self, &'static str)] =
        &[(Role::Admin, "admin"), (Role::Officer, "officer"), (Role::Reporter, "reporter")];
}

impl Stored for PeriodStatus {
    const CODES: &'static [(Self, &'static str)] =
        &[(PeriodStatus::Open, "open"), (PeriodStatus::Closed, "closed")];
}

impl Stored for UnitKind {
    const CODES: &'static [(Self, &'static str)] = &[
        (UnitKind::Commune, "commune"),
        (UnitKind::Ward, "ward"),
        (UnitKind::SpecialZone, "special_zone"),
        (UnitKind::Town, "town"),
        (UnitKind::Agency, "agency"),
        (UnitKind::Village, "village"),
        (UnitKind::Department, "department"),
    ];
}

impl Stored for Lang {
    const CODES: &'static [(Self, &'static str)] = &[(Lang::Vi, "vi"), (Lang::En, "en")];
}

impl Stored for DeliveryKind {
    const CODES: &'static [(Self, &'static str)] = &[
        (DeliveryKind::Reminder, "reminder"),
        (DeliveryKind::Nudge, "nudge"),
        (DeliveryKind::Digest, "digest"),
        (DeliveryKind::Notice, "notice"),
        (DeliveryKind::Decision, "decision"),
        (DeliveryKind::Extension, "extension"),
        (DeliveryKind::UnitMerged, "unit_merged"),
        (DeliveryKind::PeriodOpened, "period_opened"),
        (DeliveryKind::Announcement, "announcement"),
        (DeliveryKind::Unconfirmed, "unconfirmed"),
        (DeliveryKind::SignIn, "sign_in"),
    ];
}

impl Stored for DeliveryStatus {
    const CODES: &'static [(Self, &'static str)] = &[
        (DeliveryStatus::Pending, "pending"),
        (DeliveryStatus::Sending, "sending"),
        (DeliveryStatus::Sent, "sent"),
        (DeliveryStatus::Skipped, "skipped"),
        (DeliveryStatus::Failed, "failed"),
        (DeliveryStatus::GaveUp, "gave_up"),
        (DeliveryStatus::Blocked, "blocked"),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T: Stored + std::fmt::Debug>() {
        let at = Place::new("t", "c", 1);
        for (value, word) in T::CODES {
            assert_eq!(value.code(), *word);
            assert_eq!(T::decode(word, at).unwrap(), *value);
        }
        let words: std::collections::HashSet<_> = T::CODES.iter().map(|(_, w)| w).collect();
        assert_eq!(words.len(), T::CODES.len(), "two values share a word");
    }

    #[test]
    fn every_stored_meaning_round_trips_through_its_word() {
        round_trips::<ReportStatus>();
        round_trips::<Decision>();
        round_trips::<Role>();
        round_trips::<PeriodStatus>();
        round_trips::<UnitKind>();
        round_trips::<Lang>();
        round_trips::<DeliveryKind>();
        round_trips::<DeliveryStatus>();
    }

    #[test]
    fn an_unknown_stored_word_is_corrupt_data_naming_where_it_was() {
        let err =
            DeliveryKind::decode("remindr", Place::new("deliveries", "kind", 42)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "corrupt data in deliveries.kind, row 42: \"remindr\"",
            "an unknown kind is never read as a reminder"
        );
        assert!(!err.is_user());
    }
}
