//! `baocao period …`: open, list, show and close reporting periods.

use clap::Subcommand;

use crate::config::Config;
use crate::i18n::{fmt_datetime, Msg};

use super::{open, CliResult, Failure};
use crate::actions::period::{self, Due, Opening, PeriodRequest, Who};
use crate::actions::{period_change, progress, By, Operator};
use crate::domain::attachment::{AttachedFile, Attachment, ATTACHMENT_MAX_BYTES};
use crate::domain::period::parse_day;
use crate::domain::progress::PeriodProgress;
use crate::domain::{DataWindow, PeriodId, PeriodKind};
use crate::render::period_header;

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum PeriodCommand {
    /// Open a reporting period; its data window follows Decree 09/2019 for the kind
    Create {
        /// monthly, quarterly, semiannual, nine-month, annual or ad-hoc
        #[arg(long)]
        kind: String,
        #[arg(long)]
        year: Option<i32>,
        /// 1-12, for a monthly period
        #[arg(long)]
        month: Option<u32>,
        /// 1-4, for a quarterly period
        #[arg(long)]
        quarter: Option<u32>,
        /// 1 (first half) or 2 (second half), for a semiannual period
        #[arg(long)]
        half: Option<u32>,
        /// Submission deadline, "dd/mm/yyyy HH:MM" in the configured time zone
        #[arg(long)]
        due: String,
        /// Open it even though the deadline falls on a day off or right at the data cut-off
        #[arg(long)]
        anyway: bool,
        /// The office's request letter or outline (PDF, Word…), sent with the notice to every unit
        #[arg(long, value_name = "FILE")]
        attach: Option<std::path::PathBuf>,
        /// Template key
        #[arg(long, default_value = "thi-dua")]
        template: String,
        /// Title (required for ad-hoc periods)
        #[arg(long)]
        title: Option<String>,
        /// First day of the data window, dd/mm/yyyy (ad-hoc periods)
        #[arg(long)]
        from: Option<String>,
        /// Last day of the data window, dd/mm/yyyy (ad-hoc periods)
        #[arg(long)]
        to: Option<String>,
        /// Only the units of this emulation cluster must report
        #[arg(long, conflicts_with = "units")]
        cluster: Option<String>,
        /// Only these units must report (comma-separated codes)
        #[arg(long, value_delimiter = ',')]
        units: Vec<String>,
    },
    /// List open periods
    List {
        /// Include closed periods
        #[arg(long)]
        all: bool,
    },
    /// Show one period
    Show { id: i64 },
    /// Close a period: it takes no more reports
    Close { id: i64 },
}

/// Runs a `period` command.
pub async fn run(config: &Config, cmd: PeriodCommand) -> CliResult {
    let lang = config.lang;
    let app = open(config).await?;
    let operator = Operator::at_the_machine();
    let by = By::Operator(&operator);
    match cmd {
        PeriodCommand::Create {
            kind,
            year,
            month,
            quarter,
            half,
            due,
            anyway,
            attach,
            template,
            title,
            from,
            to,
            cluster,
            units,
        } => {
            let kind =
                PeriodKind::from_parts(&kind, year, month, quarter, half).map_err(|e| e.msg())?;
            let window = match (from, to) {
                (Some(from), Some(to)) => {
                    let (from, to) = (parse_day(&from)?, parse_day(&to)?);
                    Some(DataWindow::new(from, to).map_err(|e| e.msg())?)
                }
                _ => None,
            };
            let attachment = attach.map(|path| read_attachment(&path)).transpose()?;
            let req = PeriodRequest {
                kind,
                title,
                window,
                due: Due::Typed(due),
                template,
                audience: Who { cluster, units },
                attachment,
                anyway,
            };
            match period::open(&app, by, &req).await? {
                Opening::Opened { period, units } => {
                    let msg = Msg::new("cli-period-created")
                        .arg("id", period.id.0.to_string())
                        .arg("units", units);
                    Ok(vec![msg.render(lang), period_header(&period, lang, config.timezone)])
                }
                Opening::Warned(warning) => {
                    let lines =
                        vec![warning.msg().render(lang), Msg::new("cli-due-anyway").render(lang)];
                    Err(Failure::Lines(lines, 1))
                }
            }
        }
        PeriodCommand::List { all } => {
            let periods = progress::periods(&app, by, all, usize::MAX).await?;
            let mut lines: Vec<String> = periods.iter().map(|p| line(p, config)).collect();
            lines.push(Msg::new("cli-period-count").arg("count", periods.len()).render(lang));
            Ok(lines)
        }
        PeriodCommand::Show { id } => {
            let progress = progress::period(&app, by, PeriodId(id)).await?;
            let (p, c) = (&progress.period, progress.counts());
            let status = if p.is_open() { "cli-period-open" } else { "cli-period-closed" };
            let details = Msg::new("cli-period-details")
                .arg("template", p.template_key.as_str())
                .arg("questions", p.questions.len())
                .arg("done", c.reported())
                .arg("total", c.total)
                .arg("status", Msg::new(status).render(lang));
            Ok(vec![
                format!("#{id}"),
                period_header(p, lang, config.timezone),
                details.render(lang),
            ])
        }
        PeriodCommand::Close { id } => {
            let changed = period_change::close(&app, by, PeriodId(id)).await?;
            let key = if changed { "cli-period-closed-now" } else { "cli-period-was-closed" };
            Ok(vec![Msg::new(key).arg("id", id.to_string()).render(lang)])
        }
    }
}

/// One line of `period list`: number, title, data window, deadline, reported/total, closed.
fn line(progress: &PeriodProgress, config: &Config) -> String {
    let (p, c, lang) = (&progress.period, progress.counts(), config.lang);
    let status = if p.is_open() { "" } else { " 🔒" };
    format!(
        "#{:<4} {} | {} | {} | {}/{}{status}",
        p.id.0,
        p.title(lang),
        p.window.display(),
        fmt_datetime(p.due_at, config.timezone),
        c.reported(),
        c.total
    )
}

/// The document to attach: read whole, refused when it is too big to send to a phone.
fn read_attachment(path: &std::path::Path) -> Result<Attachment, Failure> {
    // The size is checked before reading: a huge file is refused, not loaded into memory.
    let size = std::fs::metadata(path).map_err(|e| super::unreadable(path, &e))?.len();
    let too_big = usize::try_from(size).map_or(true, |n| n > ATTACHMENT_MAX_BYTES);
    if too_big || size == 0 {
        let mb = ATTACHMENT_MAX_BYTES / 1024 / 1024;
        return Err(Failure::from(Msg::new("err-attachment-size").arg("max", mb)));
    }
    let bytes = super::read_file(path)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(Attachment { name, file: AttachedFile::Bytes(std::sync::Arc::new(bytes)) })
}
