//! `baocao export` and `baocao backup`: files an office takes away.

use std::path::Path;

use crate::config::Config;
use crate::i18n::Msg;

use super::{open, CliResult, Failure};
use crate::actions::{exports, By, Operator};
use crate::domain::PeriodId;

/// Exports a period to `.xlsx`, `.csv` or the compiled report `.docx`.
pub async fn export(config: &Config, period: i64, out: &Path, commendations: bool) -> CliResult {
    let lang = config.lang;
    let format = match exports::Format::of_path(out) {
        Some(exports::Format::Xlsx) if commendations => Some(exports::Format::Commendations),
        Some(_) if commendations => None,
        other => other,
    };
    let Some(format) = format else {
        return Err(Failure::from(
            Msg::new("cli-export-format").arg("path", out.display().to_string()),
        ));
    };
    let app = open(config).await?;
    let by = By::Operator(&Operator::at_the_machine());
    let doc = exports::export(&app, by, PeriodId(period), format, lang).await?;
    std::fs::write(out, &doc.bytes).map_err(|e| {
        Failure::from(
            Msg::new("cli-file-unwritable")
                .arg("path", out.display().to_string())
                .arg("detail", e.to_string()),
        )
    })?;
    let data = doc.data;
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
    let app = open(config).await?;
    crate::actions::operations::backup(&app, &Operator::at_the_machine(), file).await?;
    Ok(vec![Msg::new("cli-backup-done").arg("path", file.display().to_string()).render(lang)])
}
