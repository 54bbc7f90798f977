//! The settings of the machine's keeper: scheduled backups (`BAOCAO_BACKUP_*`, `[backup]`) and
//! the Prometheus endpoint (`BAOCAO_METRICS`). Backups are off until a directory is given;
//! metrics are off until asked for.

use std::path::PathBuf;

use chrono::{NaiveTime, Timelike};
use serde::Deserialize;

use crate::domain::schedule::Cron;

use super::args::{given, given_path, ConfigArgs};
use super::{invalid, ConfigError};

/// When backups are made by default (local time): the office is asleep, no sweep runs.
pub const BACKUP_AT: &str = "02:30";
/// How many scheduled backups are kept by default: two weeks of daily copies.
pub const BACKUP_KEEP: u32 = 14;
/// The most copies that may be kept.
const BACKUP_KEEP_MAX: u32 = 1000;

/// Scheduled backups: a consistent copy of the database made every day at `at` into `dir`.
#[derive(Clone, Debug)]
pub struct BackupConfig {
    /// Where the dated copies go (created when missing).
    pub dir: PathBuf,
    /// The time of day, in the configured time zone.
    pub at: NaiveTime,
    /// How many of the newest copies are kept; older ones are deleted.
    pub keep: u32,
    /// `at` as the scheduler's cron expression.
    pub cron: Cron,
}

/// `[backup]` in the TOML file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct BackupFile {
    dir: Option<PathBuf>,
    at: Option<String>,
    keep: Option<u32>,
}

/// The backup settings from the flags/environment, then the file's `[backup]`; `None` when no
/// directory is given. A bad time or count is refused even then, naming its setting.
pub(super) fn backup(
    args: &ConfigArgs,
    file: Option<BackupFile>,
) -> Result<Option<BackupConfig>, ConfigError> {
    let file = file.unwrap_or_default();
    let at = given(&args.backup_at).or(file.at).unwrap_or_else(|| BACKUP_AT.to_owned());
    let at = parse_time(&at).ok_or_else(|| invalid("BAOCAO_BACKUP_AT", &at))?;
    let keep = match given(&args.backup_keep) {
        Some(s) => s.parse::<u32>().map_err(|_| invalid("BAOCAO_BACKUP_KEEP", &s))?,
        None => file.keep.unwrap_or(BACKUP_KEEP),
    };
    if !(1..=BACKUP_KEEP_MAX).contains(&keep) {
        return Err(invalid("BAOCAO_BACKUP_KEEP", &keep.to_string()));
    }
    let Some(dir) = given_path(&args.backup_dir).or(file.dir.filter(|d| !d.as_os_str().is_empty()))
    else {
        return Ok(None);
    };
    let expr = format!("0 {} {} * * *", at.minute(), at.hour());
    let cron = Cron::parse(&expr).map_err(|msg| ConfigError::new("BAOCAO_BACKUP_AT", msg))?;
    Ok(Some(BackupConfig { dir, at, keep, cron }))
}

/// Whether `/metrics` is served: `on`/`off` (and the usual yes/no spellings) from the
/// flags/environment, else the file's `metrics = true|false`; off by default.
pub(super) fn metrics(args: &ConfigArgs, file: Option<bool>) -> Result<bool, ConfigError> {
    let Some(value) = given(&args.metrics) else { return Ok(file.unwrap_or(false)) };
    match value.to_ascii_lowercase().as_str() {
        "on" | "yes" | "true" | "1" => Ok(true),
        "off" | "no" | "false" | "0" => Ok(false),
        _ => Err(invalid("BAOCAO_METRICS", &value)),
    }
}

/// `HH:MM`, 24 hours.
fn parse_time(s: &str) -> Option<NaiveTime> {
    let (h, m) = s.trim().split_once(':')?;
    let digits = |p: &str| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || m.len() != 2 || !digits(m) {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_of_day_is_hours_and_two_digit_minutes() {
        assert_eq!(parse_time("02:30"), NaiveTime::from_hms_opt(2, 30, 0));
        assert_eq!(parse_time(" 2:05 "), NaiveTime::from_hms_opt(2, 5, 0));
        for bad in ["24:00", "2:5", "02:60", "0230", "2h30", "-1:30", ""] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }
}
