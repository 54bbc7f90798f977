//! Backups without the files: the name of each dated copy, which copies a keep-N rule deletes,
//! when the last backup calls for a warning, and where a restore puts the database it replaces.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};

/// A scheduled copy's name starts with this.
const PREFIX: &str = "baocao-";
/// … and ends with this.
const SUFFIX: &str = ".db";
/// The date and time in a copy's name.
const STAMP: &str = "%Y-%m-%d-%H%M";

/// How old the last backup may be before officers and the operator are warned: a daily backup
/// that missed one day is still within it, one that missed two is not.
pub fn stale_after() -> Duration {
    Duration::hours(48)
}

/// The name of the copy made at `local` (the configured zone's time): `baocao-2026-12-03-0230.db`;
/// the `n`th of the same minute (`n` ≥ 2, never overwriting one) gets `-n` before `.db`.
pub fn file_name(local: NaiveDateTime, n: u32) -> String {
    let stamp = local.format(STAMP);
    if n < 2 {
        format!("{PREFIX}{stamp}{SUFFIX}")
    } else {
        format!("{PREFIX}{stamp}-{n}{SUFFIX}")
    }
}

/// When a copy of this name was made, and its number within the minute; `None` for any other
/// file, which the keep-N rule never touches.
pub fn parse_name(name: &str) -> Option<(NaiveDateTime, u32)> {
    let middle = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let stamp_len = "2026-12-03-0230".len();
    let (stamp, rest) = (middle.get(..stamp_len)?, middle.get(stamp_len..)?);
    let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    let n = match rest.strip_prefix('-') {
        None if rest.is_empty() => 1,
        Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => n.parse().ok()?,
        _ => return None,
    };
    Some((at, n))
}

/// The copies to delete so that only the newest `keep` remain; names that are not copies are
/// left alone.
pub fn to_prune(names: &[String], keep: usize) -> Vec<String> {
    let mut copies: Vec<((NaiveDateTime, u32), &String)> =
        names.iter().filter_map(|n| parse_name(n).map(|key| (key, n))).collect();
    copies.sort_by_key(|c| std::cmp::Reverse(c.0));
    copies.into_iter().skip(keep).map(|(_, n)| n.clone()).collect()
}

/// What the last backups say, for the console's front page and `baocao status`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackupHealth {
    /// The last backup is recent and no attempt failed since.
    Fine,
    /// Scheduled backups are off (no directory is configured).
    Off,
    /// Scheduled backups are on but none was made yet.
    Never,
    /// The last attempt failed (after the last backup made, if any).
    Failed,
    /// The last backup is older than [`stale_after`].
    Old,
}

impl BackupHealth {
    /// Whether people should be warned.
    pub fn is_warning(self) -> bool {
        matches!(self, BackupHealth::Never | BackupHealth::Failed | BackupHealth::Old)
    }
}

/// Judges the last backup made and the last attempt that failed, at `now`.
pub fn judge(
    scheduled: bool,
    made: Option<DateTime<Utc>>,
    failed: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> BackupHealth {
    if !scheduled {
        return BackupHealth::Off;
    }
    match (made, failed) {
        (made, Some(f)) if made.is_none_or(|m| f >= m) => BackupHealth::Failed,
        (None, _) => BackupHealth::Never,
        (Some(m), _) if now - m > stale_after() => BackupHealth::Old,
        _ => BackupHealth::Fine,
    }
}

/// The name the database replaced by a restore keeps beside it:
/// `baocao.db.before-restore-2026-12-03-1015` (then `…-2`, `…-3` if taken).
pub fn aside_name(database: &str, local: NaiveDateTime, n: u32) -> String {
    let stamp = local.format(STAMP);
    if n < 2 {
        format!("{database}.before-restore-{stamp}")
    } else {
        format!("{database}.before-restore-{stamp}-{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, TimeZone};

    fn at(day: u32, hour: u32, minute: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, day).unwrap().and_hms_opt(hour, minute, 0).unwrap()
    }

    #[test]
    fn a_copy_is_named_by_its_minute_and_read_back() {
        assert_eq!(file_name(at(3, 2, 30), 1), "baocao-2026-12-03-0230.db");
        assert_eq!(file_name(at(3, 2, 30), 2), "baocao-2026-12-03-0230-2.db");
        assert_eq!(parse_name("baocao-2026-12-03-0230.db"), Some((at(3, 2, 30), 1)));
        assert_eq!(parse_name("baocao-2026-12-03-0230-12.db"), Some((at(3, 2, 30), 12)));
        for other in [
            "baocao.db",
            "baocao-2026-12-03-0230.db.partial",
            "baocao-2026-12-03-0230-.db",
            "baocao-2026-13-03-0230.db",
            "notes.txt",
            "baocao-2026-12-03-0230-x.db",
            "baocao-ngày.db",
        ] {
            assert_eq!(parse_name(other), None, "{other}");
        }
    }

    #[test]
    fn keep_n_deletes_the_oldest_copies_only_and_never_other_files() {
        let names: Vec<String> = [
            "baocao-2026-12-01-0230.db",
            "baocao-2026-12-03-0230.db",
            "notes.txt",
            "baocao-2026-12-02-0230.db",
            "baocao-2026-12-03-0230-2.db",
            "baocao.db",
        ]
        .map(str::to_owned)
        .to_vec();
        assert_eq!(
            to_prune(&names, 2),
            ["baocao-2026-12-02-0230.db", "baocao-2026-12-01-0230.db"],
            "the two of 3 December stay"
        );
        assert!(to_prune(&names, 10).is_empty());
    }

    #[test]
    fn a_warning_when_the_last_backup_failed_is_old_or_never_came() {
        let utc = |day, hour| Utc.with_ymd_and_hms(2026, 12, day, hour, 0, 0).unwrap();
        let now = utc(5, 9);
        assert_eq!(judge(false, None, None, now), BackupHealth::Off);
        assert_eq!(judge(true, None, None, now), BackupHealth::Never);
        assert_eq!(judge(true, Some(utc(4, 19)), None, now), BackupHealth::Fine);
        assert_eq!(judge(true, Some(utc(3, 19)), None, now), BackupHealth::Fine, "38 h");
        assert_eq!(judge(true, Some(utc(3, 8)), None, now), BackupHealth::Old, "49 h");
        assert_eq!(judge(true, Some(utc(4, 19)), Some(utc(3, 19)), now), BackupHealth::Fine);
        assert_eq!(judge(true, Some(utc(3, 19)), Some(utc(4, 19)), now), BackupHealth::Failed);
        assert_eq!(judge(true, None, Some(utc(4, 19)), now), BackupHealth::Failed);
        assert!(!BackupHealth::Off.is_warning() && BackupHealth::Old.is_warning());
    }

    #[test]
    fn the_replaced_database_keeps_a_dated_name_beside_the_new_one() {
        assert_eq!(
            aside_name("baocao.db", at(3, 10, 15), 1),
            "baocao.db.before-restore-2026-12-03-1015"
        );
        assert_eq!(
            aside_name("baocao.db", at(3, 10, 15), 3),
            "baocao.db.before-restore-2026-12-03-1015-3"
        );
    }
}
