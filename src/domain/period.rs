//! Reporting periods and their data windows under Decree 09/2019/NĐ-CP.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::i18n::{fmt_date, Lang, Msg};

pub use super::dates::{parse_day, parse_local_datetime};
use super::unit::UnitId;

/// Database identity of a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PeriodId(pub i64);

/// What a period covers: the kind, and which month / quarter / half of which year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PeriodKind {
    Monthly {
        month: u32,
        year: i32,
    },
    Quarterly {
        quarter: u32,
        year: i32,
    },
    Semiannual {
        half: u32,
        year: i32,
    },
    NineMonth {
        year: i32,
    },
    Annual {
        year: i32,
    },
    /// Thematic or ad-hoc: the window is given by whoever asks.
    AdHoc,
}

/// Why a period was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PeriodError {
    MonthOutOfRange,
    QuarterOutOfRange,
    HalfOutOfRange,
    YearOutOfRange,
    WindowReversed,
    DueBeforeWindowEnds,
    KindUnknown(String),
    TitleMissing,
}

impl PeriodError {
    /// What to tell the person.
    pub fn msg(&self) -> Msg {
        match self {
            PeriodError::MonthOutOfRange => Msg::new("err-period-month"),
            PeriodError::QuarterOutOfRange => Msg::new("err-period-quarter"),
            PeriodError::HalfOutOfRange => Msg::new("err-period-half"),
            PeriodError::YearOutOfRange => Msg::new("err-period-year"),
            PeriodError::WindowReversed => Msg::new("err-period-window-reversed"),
            PeriodError::DueBeforeWindowEnds => Msg::new("err-period-due-before-window"),
            PeriodError::KindUnknown(k) => Msg::new("err-period-kind").arg("kind", k.as_str()),
            PeriodError::TitleMissing => Msg::new("err-period-title"),
        }
    }
}

/// The data cut-off window (thời gian chốt số liệu), both days included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataWindow {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl DataWindow {
    /// A window given by hand (ad-hoc periods).
    pub fn new(from: NaiveDate, to: NaiveDate) -> Result<DataWindow, PeriodError> {
        if to < from {
            return Err(PeriodError::WindowReversed);
        }
        Ok(DataWindow { from, to })
    }

    /// `15/12/2020 – 14/06/2021`.
    pub fn display(&self) -> String {
        format!("{} – {}", fmt_date(self.from), fmt_date(self.to))
    }
}

fn day(year: i32, month: u32, day: u32) -> Result<NaiveDate, PeriodError> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or(PeriodError::YearOutOfRange)
}

/// 15th of the month before `month` (of `year`) → 14th of `last_month`.
fn window(year: i32, first_month: u32, last_month: u32) -> Result<DataWindow, PeriodError> {
    let from =
        if first_month == 1 { day(year - 1, 12, 15)? } else { day(year, first_month - 1, 15)? };
    Ok(DataWindow { from, to: day(year, last_month, 14)? })
}

impl PeriodKind {
    /// Checks the ranges of the month, quarter, half and year.
    pub fn validate(self) -> Result<PeriodKind, PeriodError> {
        let year_ok = |y: i32| (2000..=2100).contains(&y);
        let ok = match self {
            PeriodKind::Monthly { month, year } => {
                if !(1..=12).contains(&month) {
                    return Err(PeriodError::MonthOutOfRange);
                }
                year_ok(year)
            }
            PeriodKind::Quarterly { quarter, year } => {
                if !(1..=4).contains(&quarter) {
                    return Err(PeriodError::QuarterOutOfRange);
                }
                year_ok(year)
            }
            PeriodKind::Semiannual { half, year } => {
                if !(1..=2).contains(&half) {
                    return Err(PeriodError::HalfOutOfRange);
                }
                year_ok(year)
            }
            PeriodKind::NineMonth { year } | PeriodKind::Annual { year } => year_ok(year),
            PeriodKind::AdHoc => true,
        };
        if ok {
            Ok(self)
        } else {
            Err(PeriodError::YearOutOfRange)
        }
    }

    /// The Decree 09 data window; `None` for ad-hoc periods (their window is given).
    pub fn data_window(self) -> Result<Option<DataWindow>, PeriodError> {
        let w = match self.validate()? {
            PeriodKind::Monthly { month, year } => window(year, month, month)?,
            PeriodKind::Quarterly { quarter, year } => window(year, quarter * 3 - 2, quarter * 3)?,
            PeriodKind::Semiannual { half: 1, year } => window(year, 1, 6)?,
            PeriodKind::Semiannual { year, .. } => window(year, 7, 12)?,
            PeriodKind::NineMonth { year } => window(year, 1, 9)?,
            PeriodKind::Annual { year } => window(year, 1, 12)?,
            PeriodKind::AdHoc => return Ok(None),
        };
        Ok(Some(w))
    }

    /// Builds a kind from its parts as typed (`semiannual`, half 1, year 2021).
    pub fn from_parts(
        kind: &str,
        year: Option<i32>,
        month: Option<u32>,
        quarter: Option<u32>,
        half: Option<u32>,
    ) -> Result<PeriodKind, PeriodError> {
        let year = || year.ok_or(PeriodError::YearOutOfRange);
        let kind = match kind.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "monthly" => PeriodKind::Monthly {
                month: month.ok_or(PeriodError::MonthOutOfRange)?,
                year: year()?,
            },
            "quarterly" => PeriodKind::Quarterly {
                quarter: quarter.ok_or(PeriodError::QuarterOutOfRange)?,
                year: year()?,
            },
            "semiannual" => PeriodKind::Semiannual {
                half: half.ok_or(PeriodError::HalfOutOfRange)?,
                year: year()?,
            },
            "nine-month" => PeriodKind::NineMonth { year: year()? },
            "annual" => PeriodKind::Annual { year: year()? },
            "ad-hoc" => PeriodKind::AdHoc,
            other => return Err(PeriodError::KindUnknown(other.to_owned())),
        };
        kind.validate()
    }

    /// The stored name of the kind.
    pub fn code(self) -> &'static str {
        match self {
            PeriodKind::Monthly { .. } => "monthly",
            PeriodKind::Quarterly { .. } => "quarterly",
            PeriodKind::Semiannual { .. } => "semiannual",
            PeriodKind::NineMonth { .. } => "nine_month",
            PeriodKind::Annual { .. } => "annual",
            PeriodKind::AdHoc => "ad_hoc",
        }
    }

    /// The default title, e.g. "Báo cáo 6 tháng đầu năm 2021".
    pub fn title(self) -> Msg {
        match self {
            PeriodKind::Monthly { month, year } => {
                Msg::new("period-title-monthly").arg("month", month).arg("year", year.to_string())
            }
            PeriodKind::Quarterly { quarter, year } => Msg::new("period-title-quarterly")
                .arg("quarter", quarter)
                .arg("year", year.to_string()),
            PeriodKind::Semiannual { half, year } => {
                Msg::new("period-title-semiannual").arg("half", half).arg("year", year.to_string())
            }
            PeriodKind::NineMonth { year } => {
                Msg::new("period-title-nine-month").arg("year", year.to_string())
            }
            PeriodKind::Annual { year } => {
                Msg::new("period-title-annual").arg("year", year.to_string())
            }
            PeriodKind::AdHoc => Msg::new("period-title-ad-hoc"),
        }
    }
}

/// Whether a period still takes reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PeriodStatus {
    Open,
    Closed,
}

/// A stored reporting period.
#[derive(Clone, Debug, PartialEq)]
pub struct Period {
    pub id: PeriodId,
    pub kind: PeriodKind,
    /// A title given by hand; `None`: the kind's title in the reader's language.
    pub custom_title: Option<String>,
    pub window: DataWindow,
    pub opens_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub template_key: String,
    pub questions: Vec<super::template::Question>,
    pub status: PeriodStatus,
}

impl Period {
    /// The title in `lang`.
    pub fn title(&self, lang: Lang) -> String {
        match &self.custom_title {
            Some(t) => t.clone(),
            None => self.kind.title().render(lang),
        }
    }

    /// The title as it reads mid-sentence ("… đã mở báo cáo 6 tháng đầu năm 2021 …").
    pub fn title_in_sentence(&self, lang: Lang) -> String {
        crate::domain::text::lower_first(&self.title(lang))
    }

    /// Whether a submission at `at` meets the deadline.
    pub fn on_time(&self, at: DateTime<Utc>) -> bool {
        at <= self.due_at
    }

    /// Whether the period takes reports (open; late submissions included).
    pub fn is_open(&self) -> bool {
        self.status == PeriodStatus::Open
    }
}

/// Checks that the deadline falls after the data window has ended (in the local zone).
pub fn check_due(window: &DataWindow, due_at: DateTime<Utc>, tz: Tz) -> Result<(), PeriodError> {
    let local_due = due_at.with_timezone(&tz).date_naive();
    if local_due <= window.to {
        return Err(PeriodError::DueBeforeWindowEnds);
    }
    Ok(())
}

/// Which units must report in a new period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Every active unit.
    AllActive,
    /// The active units of one emulation cluster.
    Cluster(String),
    /// These units.
    Units(Vec<UnitId>),
}

/// Whole days from `now` until `due` (negative when overdue), counted in local calendar days.
pub fn days_left(now: DateTime<Utc>, due: DateTime<Utc>, tz: Tz) -> i64 {
    let today = now.with_timezone(&tz).date_naive();
    let due_day = due.with_timezone(&tz).date_naive();
    (due_day - today).num_days()
}

/// The year a date falls in (for statistics).
pub fn year_of(at: DateTime<Utc>, tz: Tz) -> i32 {
    at.with_timezone(&tz).year()
}

#[cfg(test)]
#[path = "period_tests.rs"]
mod tests;
