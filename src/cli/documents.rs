//! `baocao export` and `baocao backup`: files an office takes away.

use std::path::Path;

use crate::config::Config;
use crate::i18n::Msg;

use super::{open, CliResult, Failure};
use crate::domain::PeriodId;

/// Exports a period to `.xlsx` or `.csv`.
pub async fn export(config: &Config, period: i64, out: &Path) -> CliResult {
    let lang = config.lang;
    let ext =
        out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if ext != "xlsx" && ext != "csv" {
        return Err(Failure::from(
            Msg::new("cli-export-format").arg("path", out.display().to_string()),
        ));
    }
    let store = open(config).await?;
    let data = crate::actions::exports::load(&store, PeriodId(period)).await?;
    let bytes = if ext == "csv" {
        crate::export::csv(&data, lang, config.timezone)
    } else {
        crate::export::xlsx(&data, lang, config.timezone)
    };
    let bytes = bytes?;
    std::fs::write(out, bytes).map_err(|e| {
        Failure::from(
            Msg::new("cli-file-unwritable")
                .arg("path", out.display().to_string())
                .arg("detail", e.to_string()),
        )
    })?;
    let c = data.progress.counts();
    let msg = Msg::new("cli-exported")
        .arg("path", out.display().to_string())
        .arg("units", c.total)
        .arg("reported", c.total - c.missing);
    Ok(vec![msg.render(lang)])
}

/// Writes a consistent copy of the database.
pub async fn backup(config: &Config, file: &Path) -> CliResult {
    let lang = config.lang;
    if file.exists() {
        return Err(Failure::from(
            Msg::new("cli-backup-exists").arg("path", file.display().to_string()),
        ));
    }
    let store = open(config).await?;
    store.backup(file).await?;
    Ok(vec![Msg::new("cli-backup-done").arg("path", file.display().to_string()).render(lang)])
}
