//! When the bot acts by itself: cron jobs, working days, the reminder ladder, period series.

use std::collections::BTreeSet;
use std::str::FromStr;

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Timelike, Utc, Weekday,
};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::i18n::Msg;

use super::period::PeriodKind;

/// The reminder sweep's name among the scheduler's jobs (`job_runs`).
pub const REMINDER_SWEEP_JOB: &str = "reminder_sweep";

/// A validated cron expression (6 fields, seconds first; weekday names recommended).
#[derive(Clone, Debug)]
pub struct Cron {
    schedule: cron::Schedule,
    source: String,
}

impl Cron {
    /// Parses an expression; the error says what is wrong and how it should look.
    pub fn parse(expr: &str) -> Result<Cron, Msg> {
        let expr = expr.trim();
        let fields = expr.split_whitespace().count();
        if fields != 6 && fields != 7 {
            return Err(Msg::new("err-cron-fields").arg("expr", expr).arg("count", fields));
        }
        let schedule = cron::Schedule::from_str(expr)
            .map_err(|e| Msg::new("err-cron").arg("expr", expr).arg("detail", e.to_string()))?;
        Ok(Cron { schedule, source: expr.to_owned() })
    }

    /// The expression as written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Firings strictly after `after` and at or before `until`, read in `tz`.
    pub fn firings_between(
        &self,
        after: DateTime<Utc>,
        until: DateTime<Utc>,
        tz: Tz,
    ) -> Vec<DateTime<Utc>> {
        self.schedule
            .after(&after.with_timezone(&tz))
            .take_while(|t| t.with_timezone(&Utc) <= until)
            .take(10_000)
            .map(|t| t.with_timezone(&Utc))
            .collect()
    }

    /// The next `n` firings after `after`.
    pub fn next(&self, after: DateTime<Utc>, tz: Tz, n: usize) -> Vec<DateTime<Utc>> {
        self.schedule
            .after(&after.with_timezone(&tz))
            .take(n)
            .map(|t| t.with_timezone(&Utc))
            .collect()
    }
}

/// Working days: the working weekdays (Monday to Friday unless configured), minus the public
/// holidays, plus the make-up days (ngày làm bù: a Saturday worked to bridge a holiday).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calendar {
    pub weekdays: BTreeSet<u32>,
    pub holidays: BTreeSet<NaiveDate>,
    pub make_up_days: BTreeSet<NaiveDate>,
}

impl Default for Calendar {
    fn default() -> Calendar {
        let weekdays = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri]
            .iter()
            .map(Weekday::num_days_from_monday)
            .collect();
        Calendar { weekdays, holidays: BTreeSet::new(), make_up_days: BTreeSet::new() }
    }
}

/// A weekday as written in the configuration: `mon` … `sun` (any case), or `T2` … `T7`, `CN`.
pub fn parse_weekday(s: &str) -> Option<Weekday> {
    let s = s.trim().to_lowercase();
    let vietnamese = match s.as_str() {
        "t2" => Some(Weekday::Mon),
        "t3" => Some(Weekday::Tue),
        "t4" => Some(Weekday::Wed),
        "t5" => Some(Weekday::Thu),
        "t6" => Some(Weekday::Fri),
        "t7" => Some(Weekday::Sat),
        "cn" => Some(Weekday::Sun),
        _ => None,
    };
    vietnamese.or_else(|| s.parse::<Weekday>().ok())
}

impl Calendar {
    /// Whether people work on `day`.
    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        if self.make_up_days.contains(&day) {
            return true;
        }
        self.weekdays.contains(&day.weekday().num_days_from_monday())
            && !self.holidays.contains(&day)
    }

    /// The deadline day to suggest after a data cut-off on `cutoff`: the first working day at
    /// least two days later (the office's usual margin), hence at least one working day after it.
    pub fn suggested_due_day(&self, cutoff: NaiveDate) -> NaiveDate {
        self.working_day_from(cutoff + Duration::days(2))
    }

    /// `day` if people work on it, else the next day they do.
    pub fn working_day_from(&self, mut day: NaiveDate) -> NaiveDate {
        // A year of days off in a row cannot happen; the bound only keeps a bad calendar finite.
        for _ in 0..366 {
            if self.is_working_day(day) {
                return day;
            }
            day += Duration::days(1);
        }
        day
    }

    /// What is wrong with a deadline on `due` after a cut-off on `cutoff`, if anything: it falls
    /// on a day off, or it leaves the units no working day after the cut-off.
    pub fn due_warning(&self, cutoff: NaiveDate, due: NaiveDate) -> Option<DueWarning> {
        if !self.is_working_day(due) {
            return Some(DueWarning::DayOff(due));
        }
        if self.working_days_between(cutoff, due) < 1 {
            return Some(DueWarning::TooSoon { cutoff });
        }
        None
    }

    /// Working days after `from` up to and including `to`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut count = 0;
        let mut day = from;
        while day < to {
            day += Duration::days(1);
            if self.is_working_day(day) {
                count += 1;
            }
        }
        count
    }
}

/// Why a deadline typed by hand deserves a second look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DueWarning {
    /// The deadline falls on a weekend day or a holiday.
    DayOff(NaiveDate),
    /// There is no working day between the data cut-off and the deadline.
    TooSoon { cutoff: NaiveDate },
}

impl DueWarning {
    /// What to tell the officer.
    pub fn msg(self) -> crate::i18n::Msg {
        use crate::i18n::{fmt_date, Msg};
        match self {
            DueWarning::DayOff(day) => Msg::new("due-warning-day-off")
                .arg("day", fmt_date(day))
                .arg("weekday", day.weekday().number_from_monday()),
            DueWarning::TooSoon { cutoff } => {
                Msg::new("due-warning-too-soon").arg("cutoff", fmt_date(cutoff))
            }
        }
    }
}

/// Which reminder a unit that has not reported should have had by now.
/// Ordered in time: 7 days before < 3 days before < deadline day < overdue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stage {
    /// `n` days before the deadline (or fewer, when that day was not a working day).
    Before(u32),
    /// The deadline is today.
    DueDay,
    /// The `n`-th working day after the deadline.
    Overdue(u32),
}

impl Stage {
    fn rank(self) -> (u8, i64) {
        match self {
            Stage::Before(n) => (0, -i64::from(n)),
            Stage::DueDay => (1, 0),
            Stage::Overdue(n) => (2, i64::from(n)),
        }
    }
}

impl PartialOrd for Stage {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Stage {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.rank().cmp(&other.rank())
    }
}

impl Stage {
    /// The stage's short code, used in delivery keys.
    pub fn code(self) -> String {
        match self {
            Stage::Before(n) => format!("b{n}"),
            Stage::DueDay => "d0".to_owned(),
            Stage::Overdue(n) => format!("o{n}"),
        }
    }

    /// Reads a stage code.
    pub fn parse(code: &str) -> Option<Stage> {
        let (tag, n) = code.split_at_checked(1)?;
        let n: u32 = n.parse().ok()?;
        match tag {
            "b" => Some(Stage::Before(n)),
            "d" if n == 0 => Some(Stage::DueDay),
            "o" => Some(Stage::Overdue(n)),
            _ => None,
        }
    }
}

/// The reminder ladder: days before the deadline, then working days overdue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ladder {
    /// Days before the deadline, e.g. 7, 3, 1 (the deadline day always has its own stage).
    pub days_before: Vec<u32>,
    /// Reminders on at most this many working days after the deadline.
    pub overdue_working_days: u32,
}

impl Default for Ladder {
    fn default() -> Self {
        Ladder { days_before: vec![7, 3, 1], overdue_working_days: 3 }
    }
}

impl Ladder {
    /// The stage a unit that has not reported is in on `today`, for a deadline on `due_day`.
    /// Stages only move forward in time, so one reminder per stage never repeats an earlier one.
    pub fn stage(
        &self,
        due_day: NaiveDate,
        today: NaiveDate,
        calendar: &Calendar,
    ) -> Option<Stage> {
        if today == due_day {
            return Some(Stage::DueDay);
        }
        if today > due_day {
            let n = calendar.working_days_between(due_day, today);
            return (1..=self.overdue_working_days).contains(&n).then_some(Stage::Overdue(n));
        }
        let days_left = u32::try_from((due_day - today).num_days()).ok()?;
        self.days_before.iter().copied().filter(|d| *d >= days_left).min().map(Stage::Before)
    }
}

/// Hours of the night when the bot sends nothing by itself (from, to), local time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuietHours {
    pub from: u32,
    pub to: u32,
}

impl Default for QuietHours {
    fn default() -> Self {
        QuietHours { from: 21, to: 7 }
    }
}

impl QuietHours {
    /// Whether `at` falls in the quiet hours in `tz`.
    pub fn contains(&self, at: DateTime<Utc>, tz: Tz) -> bool {
        let hour = at.with_timezone(&tz).hour();
        if self.from <= self.to {
            (self.from..self.to).contains(&hour)
        } else {
            hour >= self.from || hour < self.to
        }
    }
}

/// A series opens a period automatically at each firing of its cron expression.
#[derive(Clone, Debug)]
pub struct Series {
    pub key: String,
    pub cron: Cron,
    /// `monthly`, `quarterly`, `semiannual`, `nine-month` or `annual`.
    pub kind: String,
    /// Month, quarter or half; when absent, the one the firing date falls in.
    pub part: Option<u32>,
    /// The deadline: this many days after the data window's last day, at `due_time`.
    pub due_days_after_cutoff: u32,
    pub due_time: NaiveTime,
    pub template: String,
}

impl Series {
    /// The period kind this series opens when it fires at `at`.
    pub fn kind_at(&self, at: DateTime<Utc>, tz: Tz) -> Result<PeriodKind, Msg> {
        let local = at.with_timezone(&tz);
        let (year, month) = (local.year(), local.month());
        let part = match self.kind.as_str() {
            "monthly" => self.part.unwrap_or(month),
            "quarterly" => self.part.unwrap_or(month.div_ceil(3)),
            "semiannual" => self.part.unwrap_or(if month <= 6 { 1 } else { 2 }),
            _ => 0,
        };
        PeriodKind::from_parts(&self.kind, Some(year), Some(part), Some(part), Some(part))
            .map_err(|e| e.msg())
    }

    /// The deadline of the period opened at `at`: the days after the cut-off, moved on to the
    /// next working day when that one is not.
    pub fn due_at(&self, kind: PeriodKind, tz: Tz, calendar: &Calendar) -> Option<DateTime<Utc>> {
        let window = kind.data_window().ok()??;
        let days = i64::from(self.due_days_after_cutoff.max(1));
        let day = calendar.working_day_from(window.to + Duration::days(days));
        tz.from_local_datetime(&day.and_time(self.due_time)).single().map(|t| t.with_timezone(&Utc))
    }

    /// A key that is the same every time the series would open the same period.
    pub fn period_key(&self, kind: PeriodKind) -> String {
        format!("{}:{}", self.key, serde_json::to_string(&kind).unwrap_or_default())
    }
}

#[cfg(test)]
#[path = "schedule_tests.rs"]
mod tests;
