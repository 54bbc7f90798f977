//! `baocao unit …`: import, list, deactivate and activate reporting units.

use std::path::PathBuf;

use clap::Subcommand;

use crate::config::Config;
use crate::domain::{Clock, SystemClock};
use crate::i18n::Msg;

use super::{open, CliResult, Failure};
use crate::domain::unit_import::parse_units_csv;
use crate::domain::UnitCode;
use crate::store::Actor;

#[derive(Debug, Subcommand)]
pub enum UnitCommand {
    /// Import units from a CSV file with columns code,name,kind,cluster (upsert by code)
    Import { file: PathBuf },
    /// List units in the district's order
    List {
        /// Include deactivated units
        #[arg(long)]
        all: bool,
    },
    /// Deactivate a unit (it is never deleted: its reports stay readable)
    Deactivate { code: String },
    /// Activate a deactivated unit again
    Activate { code: String },
}

/// Runs a `unit` command.
pub async fn run(config: &Config, cmd: UnitCommand) -> CliResult {
    let lang = config.lang;
    let now = SystemClock.now();
    match cmd {
        UnitCommand::Import { file } => {
            let bytes = std::fs::read(&file).map_err(|e| {
                Failure::from(
                    Msg::new("cli-file-unreadable")
                        .arg("path", file.display().to_string())
                        .arg("detail", e.to_string()),
                )
            })?;
            let units = parse_units_csv(&bytes).map_err(|errors| {
                let mut lines =
                    vec![Msg::new("cli-import-rejected").arg("count", errors.len()).render(lang)];
                lines.extend(errors.iter().map(|e| {
                    Msg::new("cli-import-line")
                        .arg("line", e.line.to_string())
                        .arg("reason", e.msg.render(lang))
                        .render(lang)
                }));
                Failure::Lines(lines, 1)
            })?;
            let store = open(config).await?;
            let s = store.import_units(&units, now).await?;
            let msg = Msg::new("cli-imported")
                .arg("total", units.len())
                .arg("added", s.added)
                .arg("updated", s.updated)
                .arg("unchanged", s.unchanged);
            Ok(vec![msg.render(lang)])
        }
        UnitCommand::List { all } => {
            let store = open(config).await?;
            let units = store.list_units(all).await?;
            let mut lines: Vec<String> = units
                .iter()
                .map(|u| {
                    let state = if u.active {
                        String::new()
                    } else {
                        format!(" ({})", Msg::new("cli-inactive").render(lang))
                    };
                    let cluster =
                        u.cluster.as_deref().map(|c| format!(" [{c}]")).unwrap_or_default();
                    format!("{:<16} {}{}{}", u.code.as_str(), u.name, cluster, state)
                })
                .collect();
            lines.push(Msg::new("cli-unit-count").arg("count", units.len()).render(lang));
            Ok(lines)
        }
        UnitCommand::Deactivate { code } => set_active(config, &code, false).await,
        UnitCommand::Activate { code } => set_active(config, &code, true).await,
    }
}

async fn set_active(config: &Config, code: &str, active: bool) -> CliResult {
    let lang = config.lang;
    let code = UnitCode::parse(code).map_err(|e| e.msg())?;
    let store = open(config).await?;
    let outcome = store.set_unit_active(&code, active, Actor::Cli, SystemClock.now()).await?;
    let key = match (outcome, active) {
        (None, _) => {
            return Err(Failure::from(Msg::new("err-unit-unknown").arg("code", code.as_str())))
        }
        (Some(true), false) => "cli-unit-deactivated",
        (Some(true), true) => "cli-unit-activated",
        (Some(false), false) => "cli-unit-already-inactive",
        (Some(false), true) => "cli-unit-already-active",
    };
    Ok(vec![Msg::new(key).arg("code", code.as_str()).render(lang)])
}
