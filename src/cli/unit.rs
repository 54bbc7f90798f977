//! `baocao unit …`: import, list, deactivate and activate reporting units.

use std::path::PathBuf;

use clap::Subcommand;

use crate::config::Config;
use crate::i18n::Msg;

use super::{open, read_file, CliResult, Failure};
use crate::actions::units::{self, Merged};
use crate::actions::{By, Operator};
use crate::domain::merger::{parse_mergers_csv, Merger};
use crate::domain::unit_import::{parse_units_csv, LineError};
use crate::domain::{NewUnit, UnitCode};

#[derive(Debug, Subcommand)]
pub enum UnitCommand {
    /// Import units from a CSV file with columns code,name,kind,cluster (upsert by code)
    Import { file: PathBuf },
    /// List units in the office's order
    List {
        /// Include deactivated units
        #[arg(long)]
        all: bool,
    },
    /// Deactivate a unit (it is never deleted: its reports stay readable)
    Deactivate { code: String },
    /// Activate a deactivated unit again
    Activate { code: String },
    /// Merge units as a resolution does: OLD… cease on --on and become --into (--name, --kind);
    /// or every merger of a CSV file (old_code,new_code,new_name,kind) with --file
    Merge {
        /// Codes of the units merged
        #[arg(required_unless_present = "file", conflicts_with = "file")]
        olds: Vec<String>,
        /// Code of the unit they become (created, unless it exists and absorbs them)
        #[arg(long, required_unless_present = "file")]
        into: Option<String>,
        /// Name of the unit they become, e.g. "Xã Chiềng Sinh"
        #[arg(long, required_unless_present = "file")]
        name: Option<String>,
        /// Kind of the unit they become [default: commune]
        #[arg(long, default_value = "commune")]
        kind: String,
        /// The day the merger takes effect, dd/mm/yyyy (e.g. 01/07/2025)
        #[arg(long)]
        on: String,
        /// A CSV file of mergers, one line per old unit
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
    },
}

/// Runs a `unit` command.
pub async fn run(config: &Config, cmd: UnitCommand) -> CliResult {
    let lang = config.lang;
    let operator = Operator::at_the_machine();
    match cmd {
        UnitCommand::Import { file } => {
            let bytes = read_file(&file)?;
            let units = parse_units_csv(&bytes).map_err(|errors| rejected(&errors, lang))?;
            let app = open(config).await?;
            let s = units::import(&app, &operator, &units).await?;
            let msg = Msg::new("cli-imported")
                .arg("total", units.len())
                .arg("added", s.added)
                .arg("updated", s.updated)
                .arg("unchanged", s.unchanged);
            let mut lines = vec![msg.render(lang)];
            lines.extend(s.renamed.iter().map(|(code, old, new)| {
                Msg::new("cli-renamed")
                    .arg("code", code.as_str())
                    .arg("old", old.as_str())
                    .arg("new", new.as_str())
                    .render(lang)
            }));
            Ok(lines)
        }
        UnitCommand::List { all } => {
            let app = open(config).await?;
            let units = units::list(&app, By::Operator(&operator), all).await?;
            let mut lines: Vec<String> = units
                .iter()
                .map(|u| {
                    let successor = u.merged_into.and_then(|id| units.iter().find(|s| s.id == id));
                    let state = match (successor, u.valid_to) {
                        (Some(s), Some(on)) => format!(
                            " ({})",
                            Msg::new("cli-merged-into")
                                .arg("into", s.code.as_str())
                                .arg("on", crate::i18n::fmt_date(on))
                                .render(lang)
                        ),
                        _ if !u.active => format!(" ({})", Msg::new("cli-inactive").render(lang)),
                        _ => String::new(),
                    };
                    let cluster =
                        u.cluster.as_deref().map(|c| format!(" [{c}]")).unwrap_or_default();
                    format!("{:<18} {}{}{}", u.code.as_str(), u.name, cluster, state)
                })
                .collect();
            lines.push(Msg::new("cli-unit-count").arg("count", units.len()).render(lang));
            Ok(lines)
        }
        UnitCommand::Merge { olds, into, name, kind, on, file } => {
            let on = crate::domain::dates::parse_day(&on)?;
            let mergers = match file {
                Some(file) => {
                    let bytes = read_file(&file)?;
                    parse_mergers_csv(&bytes, on).map_err(|errors| rejected(&errors, lang))?
                }
                None => {
                    let into = NewUnit::parse(
                        into.as_deref().unwrap_or_default(),
                        name.as_deref().unwrap_or_default(),
                        &kind,
                        "",
                    )
                    .map_err(|e| e.msg())?;
                    let olds = olds
                        .iter()
                        .map(|c| UnitCode::parse(c))
                        .collect::<Result<Vec<_>, _>>()
                        .map_err(|e| e.msg())?;
                    vec![Merger::new(olds, into, on)?]
                }
            };
            let app = open(config).await?;
            let done = units::merge(&app, &operator, &mergers).await?;
            let mut lines = Vec::new();
            for (merger, merged) in mergers.iter().zip(done) {
                let msg = match merged {
                    Merged::Done { successor, created, reporters_told, periods } => {
                        Msg::new(if created { "cli-merged" } else { "cli-merged-absorbed" })
                            .arg(
                                "units",
                                merger
                                    .olds
                                    .iter()
                                    .map(UnitCode::as_str)
                                    .collect::<Vec<_>>()
                                    .join(", "),
                            )
                            .arg("into", successor.in_sentence())
                            .arg("code", successor.code.as_str())
                            .arg("on", crate::i18n::fmt_date(merger.on))
                            .arg("told", reporters_told)
                            .arg("periods", periods)
                    }
                    Merged::AlreadyDone => {
                        Msg::new("cli-merge-already").arg("code", merger.into.code.as_str())
                    }
                };
                lines.push(msg.render(lang));
            }
            lines.push(Msg::new("cli-merge-invite-hint").render(lang));
            Ok(lines)
        }
        UnitCommand::Deactivate { code } => set_active(config, &code, false).await,
        UnitCommand::Activate { code } => set_active(config, &code, true).await,
    }
}

/// Every bad line of a file, and nothing done.
fn rejected(errors: &[LineError], lang: crate::i18n::Lang) -> Failure {
    let mut lines = vec![Msg::new("cli-import-rejected").arg("count", errors.len()).render(lang)];
    lines.extend(errors.iter().map(|e| {
        Msg::new("cli-import-line")
            .arg("line", e.line.to_string())
            .arg("reason", e.msg.render(lang))
            .render(lang)
    }));
    Failure::Lines(lines, 1)
}

async fn set_active(config: &Config, code: &str, active: bool) -> CliResult {
    let lang = config.lang;
    let code = UnitCode::parse(code).map_err(|e| e.msg())?;
    let app = open(config).await?;
    let changed = units::set_active(&app, &Operator::at_the_machine(), &code, active).await?;
    let key = match (changed, active) {
        (true, false) => "cli-unit-deactivated",
        (true, true) => "cli-unit-activated",
        (false, false) => "cli-unit-already-inactive",
        (false, true) => "cli-unit-already-active",
    };
    Ok(vec![Msg::new(key).arg("code", code.as_str()).render(lang)])
}
