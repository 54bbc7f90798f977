//! How often a periodic report comes, before its month, quarter, half or year is chosen.

use serde::{Deserialize, Serialize};

use super::period::{PeriodError, PeriodKind};

/// How often a periodic report comes (Decree 09): a kind of period without its month, quarter,
/// half or year. What an officer picks first when opening a period in the chat.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    Monthly,
    Quarterly,
    Semiannual,
    NineMonth,
    Annual,
}

impl Cadence {
    /// Every cadence, in the order offered.
    pub const ALL: [Cadence; 5] = [
        Cadence::Monthly,
        Cadence::Quarterly,
        Cadence::Semiannual,
        Cadence::NineMonth,
        Cadence::Annual,
    ];

    /// How many parts a year has for it (months, quarters, halves); `None`: one period a year.
    pub fn parts(self) -> Option<u32> {
        match self {
            Cadence::Monthly => Some(12),
            Cadence::Quarterly => Some(4),
            Cadence::Semiannual => Some(2),
            Cadence::NineMonth | Cadence::Annual => None,
        }
    }

    /// The period of `year` (and `part`, for the cadences that have parts).
    pub fn period(self, part: Option<u32>, year: i32) -> Result<PeriodKind, PeriodError> {
        let kind = match self {
            Cadence::Monthly => {
                PeriodKind::Monthly { month: part.ok_or(PeriodError::MonthOutOfRange)?, year }
            }
            Cadence::Quarterly => {
                PeriodKind::Quarterly { quarter: part.ok_or(PeriodError::QuarterOutOfRange)?, year }
            }
            Cadence::Semiannual => {
                PeriodKind::Semiannual { half: part.ok_or(PeriodError::HalfOutOfRange)?, year }
            }
            Cadence::NineMonth => PeriodKind::NineMonth { year },
            Cadence::Annual => PeriodKind::Annual { year },
        };
        kind.validate()
    }

    /// A short code for button data.
    pub fn code(self) -> &'static str {
        match self {
            Cadence::Monthly => "m",
            Cadence::Quarterly => "q",
            Cadence::Semiannual => "h",
            Cadence::NineMonth => "n",
            Cadence::Annual => "a",
        }
    }

    /// Reads [`Cadence::code`].
    pub fn from_code(code: &str) -> Option<Cadence> {
        Cadence::ALL.into_iter().find(|c| c.code() == code)
    }

    /// Message key of its name in the wizard.
    pub fn msg_key(self) -> &'static str {
        match self {
            Cadence::Monthly => "wizard-kind-monthly",
            Cadence::Quarterly => "wizard-kind-quarterly",
            Cadence::Semiannual => "wizard-kind-semiannual",
            Cadence::NineMonth => "wizard-kind-nine-month",
            Cadence::Annual => "wizard-kind-annual",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cadence_with_its_part_and_year_is_a_period_of_decree_09() {
        assert_eq!(
            Cadence::Semiannual.period(Some(1), 2021),
            Ok(PeriodKind::Semiannual { half: 1, year: 2021 })
        );
        assert_eq!(Cadence::Annual.period(None, 2021), Ok(PeriodKind::Annual { year: 2021 }));
        assert!(Cadence::Quarterly.period(Some(5), 2021).is_err(), "there is no fifth quarter");
        assert!(Cadence::Monthly.period(None, 2021).is_err(), "a month is needed");
    }

    #[test]
    fn every_cadence_round_trips_through_its_code() {
        for c in Cadence::ALL {
            assert_eq!(Cadence::from_code(c.code()), Some(c));
        }
        assert_eq!(Cadence::from_code("2"), None);
    }
}
