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
    /// The name of the unit it was merged into, when that concerns this period (see
    /// [`merged_away`]).
    pub successor: Option<String>,
}

/// The one group of the status board a unit belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    OnTime,
    Late,
    Returned,
    Accepted,
    Missing,
    /// Merged into another unit before it reported: no longer expected to.
    Merged,
}

impl UnitProgress {
    /// Where the unit stands: a returned or accepted report counts there, not as on time or late.
    pub fn standing(&self) -> Standing {
        match &self.report {
            None if self.successor.is_some() => Standing::Merged,
            None => Standing::Missing,
            Some(r) => match r.status {
                ReportStatus::Returned => Standing::Returned,
                ReportStatus::Accepted => Standing::Accepted,
                ReportStatus::Submitted if r.on_time => Standing::OnTime,
                ReportStatus::Submitted => Standing::Late,
            },
        }
    }

    /// Nobody of the unit can be reminded.
    pub fn unreachable(&self) -> bool {
        self.reachable == 0
    }
}

/// Whether `unit`'s merger concerns `period`: the period is still open (it now expects the
/// successor), or the unit ceased by its deadline. A period due before the merger keeps its
/// history: a unit that did not report then is missing, not merged.
pub fn merged_away(period: &Period, unit: &Unit) -> bool {
    let ceased_by_deadline = unit.valid_to.is_some_and(|day| day <= period.due_at.date_naive());
    unit.merged_into.is_some() && (period.is_open() || ceased_by_deadline)
}

/// Whether two unit names are the same to a reader (case and Unicode form aside).
pub fn same_name(a: &str, b: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    let key = |s: &str| s.trim().nfc().flat_map(char::to_lowercase).collect::<String>();
    key(a) == key(b)
}

/// Tells apart the units of one period that share a name (a commune merged, with others, into a
/// new commune of the same name): the newer one — which came into being on a known day — is named
/// with its code ("Xã Chiềng Sinh (X-CHIENGSINH-2025)"); when none is newer, each is.
pub fn tell_apart(units: &mut [UnitProgress]) {
    let shared: Vec<bool> = units
        .iter()
        .map(|u| units.iter().filter(|o| same_name(&o.unit.name, &u.unit.name)).count() > 1)
        .collect();
    for i in 0..units.len() {
        if !shared[i] {
            continue;
        }
        let name = units[i].unit.name.clone();
        let any_newer =
            units.iter().any(|o| same_name(&o.unit.name, &name) && o.unit.valid_from.is_some());
        let u = &mut units[i];
        if u.unit.valid_from.is_some() || !any_newer {
            u.unit.name = format!("{} ({})", u.unit.name, u.unit.code.as_str());
        }
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
    /// Merged into another unit before reporting: not counted in `total`.
    pub merged: usize,
}

impl Counts {
    /// Units that sent a report, whatever became of it since (returned or accepted too).
    pub fn reported(&self) -> usize {
        self.total - self.missing
    }
}

/// A period and the state of each of its units, in the district's order.
#[derive(Clone, Debug, PartialEq)]
pub struct PeriodProgress {
    pub period: Period,
    pub units: Vec<UnitProgress>,
}

impl PeriodProgress {
    /// How many units stand where, each unit counted once, in the group the board shows it in
    /// (a returned report is returned, not on time; an accepted one is accepted): the one count
    /// of the chat, the console, the command line and the documents.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for u in &self.units {
            match u.standing() {
                Standing::Merged => {
                    c.merged += 1;
                    continue;
                }
                Standing::OnTime => c.on_time += 1,
                Standing::Late => c.late += 1,
                Standing::Returned => c.returned += 1,
                Standing::Accepted => c.accepted += 1,
                Standing::Missing => c.missing += 1,
            }
            c.total += 1;
        }
        c
    }

    /// Units with no report (and still expected to send one).
    pub fn missing(&self) -> impl Iterator<Item = &UnitProgress> {
        self.units.iter().filter(|u| u.standing() == Standing::Missing)
    }

    /// Units merged into another before they reported.
    pub fn merged(&self) -> impl Iterator<Item = &UnitProgress> {
        self.units.iter().filter(|u| u.standing() == Standing::Merged)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{UnitCode, UnitId, UnitKind};
    use chrono::Utc;

    fn unit(report: Option<(ReportStatus, bool)>) -> UnitProgress {
        UnitProgress {
            unit: Unit {
                id: UnitId(1),
                code: UnitCode::parse("X-A").unwrap(),
                name: "Xã A".into(),
                kind: UnitKind::Commune,
                cluster: None,
                position: 1,
                active: true,
                valid_from: None,
                valid_to: None,
                merged_into: None,
            },
            report: report.map(|(status, on_time)| ReportHead {
                status,
                on_time,
                submitted_at: Utc::now(),
            }),
            reporters: 1,
            successor: None,
            reachable: 1,
        }
    }

    #[test]
    fn a_unit_stands_in_exactly_one_group() {
        assert_eq!(unit(None).standing(), Standing::Missing);
        assert_eq!(unit(Some((ReportStatus::Submitted, true))).standing(), Standing::OnTime);
        assert_eq!(unit(Some((ReportStatus::Submitted, false))).standing(), Standing::Late);
        assert_eq!(unit(Some((ReportStatus::Returned, true))).standing(), Standing::Returned);
        assert_eq!(unit(Some((ReportStatus::Accepted, false))).standing(), Standing::Accepted);
    }
}
