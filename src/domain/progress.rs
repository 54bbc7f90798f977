//! Where a period stands: who reported (on time or late), who was returned, who is missing.

use chrono::{DateTime, Utc};

use super::period::Period;
use super::report::ReportStatus;
use super::unit::Unit;

/// The head of a unit's report (without answers).
#[derive(Clone, Debug, PartialEq)]
pub struct ReportHead {
    pub status: ReportStatus,
    pub on_time: bool,
    pub submitted_at: DateTime<Utc>,
}

/// One unit that must report in a period.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitProgress {
    pub unit: Unit,
    pub report: Option<ReportHead>,
    /// Active reporters of the unit.
    pub reporters: usize,
    /// Of them, those the bot can still write to.
    pub reachable: usize,
}

impl UnitProgress {
    /// Nobody of the unit can be reminded.
    pub fn unreachable(&self) -> bool {
        self.reachable == 0
    }
}

/// Counts for a period, in the order officers read them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub total: usize,
    pub on_time: usize,
    pub late: usize,
    pub returned: usize,
    pub accepted: usize,
    pub missing: usize,
}

/// A period and the state of each of its units, in the district's order.
#[derive(Clone, Debug, PartialEq)]
pub struct PeriodProgress {
    pub period: Period,
    pub units: Vec<UnitProgress>,
}

impl PeriodProgress {
    /// Submitted on time / late (returned and accepted reports count in their own group too).
    pub fn counts(&self) -> Counts {
        let mut c = Counts { total: self.units.len(), ..Counts::default() };
        for u in &self.units {
            match &u.report {
                None => c.missing += 1,
                Some(r) => {
                    if r.on_time {
                        c.on_time += 1;
                    } else {
                        c.late += 1;
                    }
                    match r.status {
                        ReportStatus::Returned => c.returned += 1,
                        ReportStatus::Accepted => c.accepted += 1,
                        ReportStatus::Submitted => {}
                    }
                }
            }
        }
        c
    }

    /// Units with no report.
    pub fn missing(&self) -> impl Iterator<Item = &UnitProgress> {
        self.units.iter().filter(|u| u.report.is_none())
    }

    /// Units whose report was sent back.
    pub fn returned(&self) -> impl Iterator<Item = &UnitProgress> {
        self.units
            .iter()
            .filter(|u| u.report.as_ref().is_some_and(|r| r.status == ReportStatus::Returned))
    }

    /// Units with no report and nobody the bot can reach.
    pub fn missing_and_unreachable(&self) -> impl Iterator<Item = &UnitProgress> {
        self.missing().filter(|u| u.unreachable())
    }
}
