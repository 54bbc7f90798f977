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
    name_key(a) == name_key(b)
}

/// A unit's name as a reader compares it: trimmed, in one Unicode form, in lower case.
fn name_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.trim().nfc().flat_map(char::to_lowercase).collect()
}

/// Tells apart the units of one period that share a name (a commune merged, with others, into a
/// new commune of the same name): the newer one — which came into being on a known day — is named
/// with its code ("Xã Chiềng Sinh (X-CHIENGSINH-2025)"); when none is newer, each is. Each name is
/// read once (a province's 3,300 units compared pairwise took seconds).
pub fn tell_apart(units: &mut [UnitProgress]) {
    let keys: Vec<String> = units.iter().map(|u| name_key(&u.unit.name)).collect();
    // For each name: how many units bear it, and whether one of them is newer.
    let mut names: std::collections::HashMap<&str, (usize, bool)> =
        std::collections::HashMap::with_capacity(keys.len());
    for (key, u) in keys.iter().zip(units.iter()) {
        let (count, newer) = names.entry(key.as_str()).or_default();
        *count += 1;
        *newer |= u.unit.valid_from.is_some();
    }
    for (u, key) in units.iter_mut().zip(&keys) {
        let (count, any_newer) = names.get(key.as_str()).copied().unwrap_or_default();
        if count > 1 && (u.unit.valid_from.is_some() || !any_newer) {
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
    use crate::domain::UnitCode;
    use chrono::Utc;

    fn unit(report: Option<(ReportStatus, bool)>) -> UnitProgress {
        UnitProgress {
            unit: Unit::commune(1, "X-A", "Xã A"),
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

    fn named(code: &str, name: &str, newer: bool) -> UnitProgress {
        let mut u = unit(None);
        u.unit.code = UnitCode::parse(code).unwrap();
        u.unit.name = name.into();
        u.unit.valid_from = newer.then(|| chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap());
        u
    }

    fn names(units: &[UnitProgress]) -> Vec<&str> {
        units.iter().map(|u| u.unit.name.as_str()).collect()
    }

    #[test]
    fn the_newer_of_two_units_of_one_name_is_named_with_its_code_whichever_comes_first() {
        for newer_first in [true, false] {
            let (old, new) = (
                named("X-CS", "Xã Chiềng Sinh", false),
                named("X-CS-2025", "xã chiềng sinh ", true),
            );
            let mut units = if newer_first { vec![new, old] } else { vec![old, new] };
            units.push(named("X-TM", "Xã Ta Ma", false));
            tell_apart(&mut units);
            let mut got = names(&units);
            got.sort_unstable();
            assert_eq!(
                got,
                ["Xã Chiềng Sinh", "Xã Ta Ma", "xã chiềng sinh  (X-CS-2025)"],
                "{newer_first}"
            );
        }
        let mut alike = vec![named("X-A", "Xã A", false), named("X-B", "Xã A", false)];
        tell_apart(&mut alike);
        assert_eq!(
            names(&alike),
            ["Xã A (X-A)", "Xã A (X-B)"],
            "none newer: each named with its code"
        );
    }
}
