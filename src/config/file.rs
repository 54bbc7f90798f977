//! The optional TOML file: its shape (unknown keys refused), and the settings only it holds —
//! schedules, series, templates, throttle and flood limits.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;

use crate::domain::schedule::{Calendar, Cron, Ladder, QuietHours, Series};
use crate::domain::Template;
use crate::i18n::Msg;

use super::{invalid, ConfigError};

/// An admin as the file lists them: a Telegram user id, or an e-mail address.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum AdminEntry {
    Telegram(i64),
    Email(String),
}

/// The TOML file's shape. Unknown keys are refused, so a typo is not silently ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FileConfig {
    pub(super) database: Option<PathBuf>,
    pub(super) api_url: Option<String>,
    pub(super) timezone: Option<String>,
    pub(super) admins: Option<Vec<AdminEntry>>,
    pub(super) bot_username: Option<String>,
    pub(super) lang: Option<String>,
    pub(super) invite_expiry: Option<String>,
    pub(super) poll_timeout_secs: Option<u32>,
    /// The old spelling of `[office] place`, still read.
    pub(super) place: Option<String>,
    pub(super) office: Option<OfficeFile>,
    pub(super) awards: Option<AwardsFile>,
    pub(super) throttle: Option<ThrottleFile>,
    pub(super) templates: Option<Vec<Template>>,
    pub(super) schedule: Option<ScheduleFile>,
    pub(super) series: Option<Vec<SeriesFile>>,
    pub(super) flood: Option<FloodFile>,
    pub(super) web_addr: Option<String>,
    pub(super) web_url: Option<String>,
    pub(super) console_from: Option<String>,
    pub(super) mail: Option<super::mail::MailFile>,
    pub(super) backup: Option<super::operations::BackupFile>,
    pub(super) metrics: Option<bool>,
}

/// `[office]` in the TOML file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct OfficeFile {
    pub(super) parent: Option<String>,
    pub(super) name: Option<String>,
    pub(super) short_name: Option<String>,
    pub(super) place: Option<String>,
    pub(super) symbol: Option<String>,
    pub(super) signer: Option<String>,
    pub(super) level: Option<String>,
    /// One recipient a line, or a list of them.
    pub(super) recipients: Option<Lines>,
    pub(super) section: Option<String>,
}

/// A text of several lines, written as one (multi-line) string or as a list of strings.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum Lines {
    Text(String),
    List(Vec<String>),
}

impl Lines {
    /// The lines, as one text with line breaks.
    pub(super) fn joined(self) -> String {
        match self {
            Lines::Text(text) => text,
            Lines::List(lines) => lines.join("\n"),
        }
    }
}

/// `[awards]` in the TOML file: the office's titles and forms of award, for collectives and
/// for individuals (either may be left to the defaults).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AwardsFile {
    pub(super) collective: Option<Vec<crate::domain::template::ChoiceOption>>,
    pub(super) individual: Option<Vec<crate::domain::template::ChoiceOption>>,
}

/// `[flood]` in the TOML file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct FloodFile {
    pub(super) burst: Option<f64>,
    pub(super) per_sec: Option<f64>,
}

/// `[schedule]` in the TOML file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ScheduleFile {
    reminder_sweep: Option<String>,
    officer_digest: Option<String>,
    reminder_days_before: Option<Vec<u32>>,
    overdue_working_days: Option<u32>,
    digest_days_before: Option<u32>,
    holidays: Option<Vec<String>>,
    working_days: Option<Vec<String>>,
    make_up_days: Option<Vec<String>>,
    quiet_hours: Option<[u32; 2]>,
    officers_group: Option<i64>,
}

/// `[[series]]` in the TOML file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SeriesFile {
    key: String,
    cron: String,
    kind: String,
    part: Option<u32>,
    due_days_after_cutoff: Option<u32>,
    due_time: Option<String>,
    template: Option<String>,
}

/// When the bot acts by itself.
#[derive(Clone, Debug)]
pub struct ScheduleConfig {
    pub reminder_sweep: Cron,
    pub officer_digest: Cron,
    pub ladder: Ladder,
    pub calendar: Calendar,
    pub quiet: QuietHours,
    /// Periods this many days (or fewer) before their deadline, or past it, are in the digest.
    pub digest_days_before: u32,
    /// A group chat of officers that also gets the digest.
    pub officers_group: Option<i64>,
    pub series: Vec<Series>,
}

impl ScheduleConfig {
    pub(super) fn from_file(
        file: Option<ScheduleFile>,
        series: Option<Vec<SeriesFile>>,
        templates: &[Template],
    ) -> Result<ScheduleConfig, ConfigError> {
        let f = file.unwrap_or_default();
        let cron = |setting: &'static str, value: Option<String>, default: &str| {
            Cron::parse(value.as_deref().unwrap_or(default))
                .map_err(|msg| ConfigError::new(setting, msg))
        };
        let reminder_sweep =
            cron("schedule.reminder_sweep", f.reminder_sweep, "0 0 8 * * Mon-Fri")?;
        let officer_digest =
            cron("schedule.officer_digest", f.officer_digest, "0 30 16 * * Mon-Fri")?;
        let mut ladder = Ladder::default();
        if let Some(mut days) = f.reminder_days_before {
            days.sort_unstable_by(|a, b| b.cmp(a));
            days.dedup();
            if days.iter().any(|d| *d == 0 || *d > 60) {
                return Err(invalid("schedule.reminder_days_before", &format!("{days:?}")));
            }
            ladder.days_before = days;
        }
        if let Some(n) = f.overdue_working_days {
            if n > 20 {
                return Err(invalid("schedule.overdue_working_days", &n.to_string()));
            }
            ladder.overdue_working_days = n;
        }
        let mut calendar = Calendar::default();
        let date = |setting: &'static str, day: &str| {
            NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d")
                .or_else(|_| NaiveDate::parse_from_str(day.trim(), "%d/%m/%Y"))
                .map_err(|_| invalid(setting, day))
        };
        for day in f.holidays.unwrap_or_default() {
            calendar.holidays.insert(date("schedule.holidays", &day)?);
        }
        for day in f.make_up_days.unwrap_or_default() {
            calendar.make_up_days.insert(date("schedule.make_up_days", &day)?);
        }
        if let Some(days) = f.working_days {
            calendar.weekdays = days
                .iter()
                .map(|d| {
                    crate::domain::schedule::parse_weekday(d)
                        .map(|w| w.num_days_from_monday())
                        .ok_or_else(|| invalid("schedule.working_days", d))
                })
                .collect::<Result<_, _>>()?;
            if calendar.weekdays.is_empty() {
                return Err(invalid("schedule.working_days", "[]"));
            }
        }
        let quiet = match f.quiet_hours {
            Some([from, to]) if from < 24 && to < 24 && from != to => QuietHours { from, to },
            Some(other) => return Err(invalid("schedule.quiet_hours", &format!("{other:?}"))),
            None => QuietHours::default(),
        };
        let series = series
            .unwrap_or_default()
            .into_iter()
            .map(|s| series_of(s, templates))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ScheduleConfig {
            reminder_sweep,
            officer_digest,
            ladder,
            calendar,
            quiet,
            digest_days_before: f.digest_days_before.unwrap_or(3),
            officers_group: f.officers_group,
            series,
        })
    }
}

fn series_of(f: SeriesFile, templates: &[Template]) -> Result<Series, ConfigError> {
    let cron = Cron::parse(&f.cron).map_err(|msg| ConfigError::new("series", msg))?;
    let due_time = match f.due_time.as_deref() {
        Some(t) => {
            NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|_| invalid("series", t))?
        }
        None => NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default(),
    };
    let template =
        f.template.unwrap_or_else(|| crate::domain::template::DEFAULT_TEMPLATE.to_owned());
    if !templates.iter().any(|t| t.key == template) {
        return Err(invalid("series", &template));
    }
    if !matches!(f.kind.as_str(), "monthly" | "quarterly" | "semiannual" | "nine-month" | "annual")
    {
        return Err(invalid("series", &f.kind));
    }
    Ok(Series {
        key: f.key,
        cron,
        kind: f.kind,
        part: f.part,
        due_days_after_cutoff: f.due_days_after_cutoff.unwrap_or(2),
        due_time,
        template,
    })
}

/// `[throttle]` in the TOML file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ThrottleFile {
    overall_per_sec: Option<u32>,
    per_chat_per_sec: Option<u32>,
    per_chat_per_min: Option<u32>,
    group_per_min: Option<u32>,
}

/// Outgoing message limits; Telegram's published limits by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThrottleLimits {
    pub overall_per_sec: u32,
    pub per_chat_per_sec: u32,
    pub per_chat_per_min: u32,
    pub group_per_min: u32,
}

impl Default for ThrottleLimits {
    fn default() -> Self {
        ThrottleLimits {
            overall_per_sec: 30,
            per_chat_per_sec: 1,
            per_chat_per_min: 20,
            group_per_min: 20,
        }
    }
}

impl ThrottleLimits {
    pub(super) fn from_file(file: Option<ThrottleFile>) -> Result<ThrottleLimits, ConfigError> {
        let d = ThrottleLimits::default();
        let Some(f) = file else { return Ok(d) };
        let limits = ThrottleLimits {
            overall_per_sec: f.overall_per_sec.unwrap_or(d.overall_per_sec),
            per_chat_per_sec: f.per_chat_per_sec.unwrap_or(d.per_chat_per_sec),
            per_chat_per_min: f.per_chat_per_min.unwrap_or(d.per_chat_per_min),
            group_per_min: f.group_per_min.unwrap_or(d.group_per_min),
        };
        let values = [
            limits.overall_per_sec,
            limits.per_chat_per_sec,
            limits.per_chat_per_min,
            limits.group_per_min,
        ];
        if values.contains(&0) {
            return Err(invalid("throttle", "0"));
        }
        Ok(limits)
    }
}

pub(super) fn read_file(path: &Path) -> Result<FileConfig, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        ConfigError::new(
            "BAOCAO_CONFIG",
            Msg::new("config-file-unreadable")
                .arg("path", path.display().to_string())
                .arg("detail", e.to_string()),
        )
    })?;
    toml::from_str(&text).map_err(|e| {
        let detail = e.message().to_owned();
        ConfigError::new(
            "BAOCAO_CONFIG",
            Msg::new("config-file-invalid")
                .arg("path", path.display().to_string())
                .arg("detail", detail),
        )
    })
}
