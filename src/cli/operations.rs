//! `baocao status` and `baocao restore FILE`: the installation at a glance, and putting a backup
//! back.

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::actions::operations::{self, BackupStatus, Status};
use crate::actions::Operator;
use crate::config::Config;
use crate::domain::backup::BackupHealth;
use crate::domain::{Clock, SystemClock};
use crate::i18n::{fmt_datetime, Lang, Msg};

use super::{open, CliResult};

/// `baocao status`.
pub async fn status(config: &Config) -> CliResult {
    let app = open(config).await?;
    let status = operations::status(&app, &Operator::at_the_machine()).await;
    let now = app.now();
    app.close().await;
    Ok(status_lines(&status?, config, now))
}

/// `baocao restore FILE`.
pub async fn restore(config: &Config, file: &Path) -> CliResult {
    let now = SystemClock.now();
    let restored = operations::restore(config, &Operator::at_the_machine(), file, now).await?;
    let lang = config.lang;
    let mut lines = vec![Msg::new("restore-done")
        .arg("path", file.display().to_string())
        .arg("database", config.database.display().to_string())
        .arg("migrated", restored.migrated)
        .render(lang)];
    lines.push(match restored.aside {
        Some(aside) => {
            Msg::new("restore-kept").arg("path", aside.display().to_string()).render(lang)
        }
        None => Msg::new("restore-kept-none").render(lang),
    });
    Ok(lines)
}

fn status_lines(status: &Status, config: &Config, now: DateTime<Utc>) -> Vec<String> {
    let (lang, tz) = (config.lang, config.timezone);
    let mut lines = vec![Msg::new("status-database")
        .arg("path", status.database.display().to_string())
        .arg("size", size(status.database_bytes, lang))
        .arg("wal", size(status.wal_bytes, lang))
        .render(lang)];
    lines.push(match &status.running {
        Some(pid) => Msg::new("status-running").arg("pid", pid.as_str()).render(lang),
        None => Msg::new("status-not-running").render(lang),
    });
    lines.extend(backup_lines(&status.backups, lang, tz));
    let outbox = &status.outbox;
    lines.push(match outbox.oldest {
        _ if outbox.depth == 0 => Msg::new("status-outbox-empty").render(lang),
        Some(oldest) => Msg::new("status-outbox")
            .arg("depth", outbox.depth)
            .arg("minutes", (now.max(oldest) - oldest).num_minutes())
            .render(lang),
        None => Msg::new("status-outbox-waiting").arg("depth", outbox.depth).render(lang),
    });
    lines.push(match status.last_sweep {
        Some(at) => Msg::new("status-sweep").arg("at", fmt_datetime(at, tz)).render(lang),
        None => Msg::new("status-sweep-never").render(lang),
    });
    lines
}

fn backup_lines(backups: &BackupStatus, lang: Lang, tz: chrono_tz::Tz) -> Vec<String> {
    let mut lines = vec![match &backups.schedule {
        Some((at, dir, keep)) => Msg::new("status-backup-schedule")
            .arg("at", at.format("%H:%M").to_string())
            .arg("dir", dir.display().to_string())
            .arg("keep", *keep),
        None => Msg::new("status-backup-off"),
    }
    .render(lang)];
    if let Some(made) = &backups.made {
        let last = Msg::new("status-backup-last")
            .arg("at", fmt_datetime(made.at, tz))
            .arg("file", made.what.as_str())
            .arg("size", size(made.bytes, lang));
        lines.push(last.render(lang));
    }
    let warning = match (backups.health, &backups.failed) {
        (BackupHealth::Failed, Some(failed)) => Some(
            Msg::new("status-backup-failed")
                .arg("at", fmt_datetime(failed.at, tz))
                .arg("error", failed.what.as_str()),
        ),
        (BackupHealth::Old, _) => Some(Msg::new("status-backup-old")),
        (BackupHealth::Never, _) => Some(Msg::new("status-backup-never")),
        _ => None,
    };
    lines.extend(warning.map(|w| w.render(lang)));
    lines
}

/// A file's size as people read it: `812 B`, `12,3 MB` (`12.3 MB` in English).
fn size(bytes: u64, lang: Lang) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let (mut value, mut unit) = (bytes as f64 / 1024.0, 0);
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let text = format!("{value:.1} {}", UNITS[unit]);
    match lang {
        Lang::Vi => text.replace('.', ","),
        Lang::En => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_read_in_the_reader_s_language() {
        assert_eq!(size(812, Lang::Vi), "812 B");
        assert_eq!(size(12_897_484, Lang::Vi), "12,3 MB");
        assert_eq!(size(12_897_484, Lang::En), "12.3 MB");
        assert_eq!(size(1536, Lang::En), "1.5 KB");
    }
}
