//! The command line: `run` (default), `migrate`, `config check`, `unit …`, `invite …`,
//! `member …`, `backup`. Output is localised (`BAOCAO_LANG`, Vietnamese by default).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use chrono::Datelike;
use clap::{Parser, Subcommand};
use teloxide::prelude::Requester;

use crate::actions::invite::{self, InviteRequest};
use crate::actions::period::{self, PeriodRequest};
use crate::app;
use crate::config::{Config, ConfigArgs};
use crate::domain::period::{parse_day, parse_local_datetime};
use crate::domain::unit_import::parse_units_csv;
use crate::domain::{Audience, DataWindow, PeriodId, PeriodKind};
use crate::domain::{Clock, InviteTtl, MemberId, Role, SystemClock, UnitCode};
use crate::error::Error;
use crate::i18n::{fmt_datetime, Lang, Msg};
use crate::render::period_header;
use crate::store::{Actor, Store};

/// baocao — periodic reporting of communes and agencies through Telegram.
#[derive(Debug, Parser)]
#[command(name = "baocao", version, about)]
pub struct Cli {
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// What to do (default: run the bot).
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the bot (long polling) until Ctrl-C or SIGTERM
    Run,
    /// Apply pending database migrations and exit
    Migrate,
    /// Show or check the configuration
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Manage reporting units (communes, towns, agencies)
    #[command(subcommand)]
    Unit(UnitCommand),
    /// Manage invite links
    #[command(subcommand)]
    Invite(InviteCommand),
    /// Manage the people registered with the bot
    #[command(subcommand)]
    Member(MemberCommand),
    /// Manage reporting periods
    #[command(subcommand)]
    Period(PeriodCommand),
    /// Write a consistent copy of the database to FILE (safe while the bot runs)
    Backup { file: PathBuf },
    /// Export a period's reports to an Excel workbook (.xlsx) or a CSV file (.csv, UTF-8 with BOM)
    Export {
        #[arg(long)]
        period: i64,
        /// Output file; its extension chooses the format
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the next firings of every scheduled job (reminders, digest, series)
    Schedule {
        /// How many firings of each job
        #[arg(long, default_value_t = 3)]
        count: usize,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the effective configuration (token masked) and check it
    Check,
}

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

#[derive(Debug, Subcommand)]
pub enum InviteCommand {
    /// Create an invite link for a unit's reporter, or for an officer
    Create {
        /// Unit code (required for a reporter invite)
        #[arg(long)]
        unit: Option<String>,
        /// reporter or officer
        #[arg(long, default_value = "reporter")]
        role: String,
        /// How long the link stays valid, e.g. 14d or 12h [default: from config, 14d]
        #[arg(long)]
        expires: Option<String>,
    },
    /// List invites that can still be used
    List {
        /// Include used and expired invites
        #[arg(long)]
        all: bool,
    },
}

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

#[derive(Debug, Subcommand)]
pub enum MemberCommand {
    /// List registered people
    List {
        /// Include removed people
        #[arg(long)]
        all: bool,
    },
    /// Remove a person's access (their past reports keep their name)
    Remove { id: i64 },
}

/// A failure of a CLI command: what to print, and the exit code.
struct Failure {
    lines: Vec<String>,
    code: u8,
}

impl Failure {
    fn user(lang: Lang, msg: &Msg) -> Failure {
        Failure { lines: vec![msg.render(lang)], code: 1 }
    }
}

impl Failure {
    fn from_error(lang: Lang, e: &Error) -> Failure {
        match e {
            Error::User(msg) => Failure::user(lang, msg),
            other => Failure {
                lines: vec![Msg::new("cli-error").arg("detail", other.to_string()).render(lang)],
                code: 1,
            },
        }
    }
}

/// Runs the command line; returns the process exit code.
pub async fn run(cli: Cli) -> ExitCode {
    let config = match Config::load(&cli.config) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("{}", e.render(Lang::Vi));
            return ExitCode::from(2);
        }
    };
    let lang = config.lang;
    let result = match cli.command.unwrap_or(Command::Run) {
        Command::Run => run_bot(config).await,
        Command::Migrate => migrate(&config).await,
        Command::Config(ConfigCommand::Check) => config_check(&config),
        Command::Unit(cmd) => unit(&config, cmd).await,
        Command::Invite(cmd) => invite_cmd(&config, cmd).await,
        Command::Member(cmd) => member(&config, cmd).await,
        Command::Period(cmd) => period_cmd(&config, cmd).await,
        Command::Backup { file } => backup(&config, &file).await,
        Command::Schedule { count } => Ok(schedule(&config, count.clamp(1, 50))),
        Command::Export { period, out } => export(&config, period, &out).await,
    };
    match result {
        Ok(lines) => {
            for line in lines {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(failure) => {
            for line in failure.lines {
                eprintln!("{line}");
            }
            let _ = lang;
            ExitCode::from(failure.code)
        }
    }
}

type CliResult = Result<Vec<String>, Failure>;

async fn open(config: &Config) -> Result<Store, Failure> {
    Store::open(&config.database).await.map_err(|e| {
        let msg = Msg::new("start-error-database").arg("detail", e.to_string());
        Failure::user(config.lang, &msg)
    })
}

async fn run_bot(config: Config) -> CliResult {
    let lang = config.lang;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let running = app::start(config, clock).await.map_err(|e| {
        let code = if matches!(e, app::StartError::Config(_)) { 2 } else { 1 };
        Failure { lines: vec![e.render(lang)], code }
    })?;
    running.run_until_signal().await;
    Ok(vec![])
}

async fn migrate(config: &Config) -> CliResult {
    let store = open(config).await?;
    // `open` has applied every pending migration already; a second pass reports zero.
    let applied = store.migrate().await.map_err(|e| Failure::from_error(config.lang, &e))?;
    Ok(vec![Msg::new("cli-migrated")
        .arg("path", config.database.display().to_string())
        .arg("count", applied)
        .render(config.lang)])
}

fn config_check(config: &Config) -> CliResult {
    let mut lines: Vec<String> =
        config.describe().into_iter().map(|(k, v)| format!("{k} = {v}")).collect();
    match config.require_token() {
        Ok(_) => {
            lines.push(Msg::new("cli-config-ok").render(config.lang));
            Ok(lines)
        }
        Err(e) => {
            lines.push(e.render(config.lang));
            Err(Failure { lines, code: 2 })
        }
    }
}

async fn unit(config: &Config, cmd: UnitCommand) -> CliResult {
    let lang = config.lang;
    let now = SystemClock.now();
    match cmd {
        UnitCommand::Import { file } => {
            let bytes = std::fs::read(&file).map_err(|e| {
                Failure::user(
                    lang,
                    &Msg::new("cli-file-unreadable")
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
                Failure { lines, code: 1 }
            })?;
            let store = open(config).await?;
            let s =
                store.import_units(&units, now).await.map_err(|e| Failure::from_error(lang, &e))?;
            let msg = Msg::new("cli-imported")
                .arg("total", units.len())
                .arg("added", s.added)
                .arg("updated", s.updated)
                .arg("unchanged", s.unchanged);
            Ok(vec![msg.render(lang)])
        }
        UnitCommand::List { all } => {
            let store = open(config).await?;
            let units = store.list_units(all).await.map_err(|e| Failure::from_error(lang, &e))?;
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
    let code = UnitCode::parse(code).map_err(|e| Failure::user(lang, &e.msg()))?;
    let store = open(config).await?;
    let outcome = store
        .set_unit_active(&code, active, Actor::Cli, SystemClock.now())
        .await
        .map_err(|e| Failure::from_error(lang, &e))?;
    let key = match (outcome, active) {
        (None, _) => {
            return Err(Failure::user(
                lang,
                &Msg::new("err-unit-unknown").arg("code", code.as_str()),
            ))
        }
        (Some(true), false) => "cli-unit-deactivated",
        (Some(true), true) => "cli-unit-activated",
        (Some(false), false) => "cli-unit-already-inactive",
        (Some(false), true) => "cli-unit-already-active",
    };
    Ok(vec![Msg::new(key).arg("code", code.as_str()).render(lang)])
}

async fn invite_cmd(config: &Config, cmd: InviteCommand) -> CliResult {
    let lang = config.lang;
    match cmd {
        InviteCommand::Create { unit, role, expires } => {
            let role = match Role::parse(&role) {
                Some(r @ (Role::Reporter | Role::Officer)) => r,
                _ => {
                    return Err(Failure::user(lang, &Msg::new("err-invite-role").arg("role", role)))
                }
            };
            let unit = unit
                .map(|u| UnitCode::parse(&u))
                .transpose()
                .map_err(|e| Failure::user(lang, &e.msg()))?;
            let ttl = match expires {
                Some(s) => InviteTtl::parse(&s).map_err(|m| Failure::user(lang, &m))?,
                None => config.invite_ttl,
            };
            let store = open(config).await?;
            let username = bot_username(config).await?;
            let req = InviteRequest { role, unit, by: None, ttl };
            let created = invite::create(&store, &req, SystemClock.now())
                .await
                .map_err(|e| Failure::from_error(lang, &e))?;
            let msg = crate::telegram::invite_message(&created, &username, config.timezone);
            Ok(vec![msg.render(lang)])
        }
        InviteCommand::List { all } => {
            let store = open(config).await?;
            let invites = store
                .list_invites(all, SystemClock.now())
                .await
                .map_err(|e| Failure::from_error(lang, &e))?;
            let mut lines: Vec<String> = invites
                .iter()
                .map(|i| {
                    let used = i.used_by.as_deref().map(|n| format!(" → {n}")).unwrap_or_default();
                    format!(
                        "{:<8} {:<16} {} → {}{}",
                        i.role.as_str(),
                        i.unit_code.as_deref().unwrap_or("-"),
                        fmt_datetime(i.created_at, config.timezone),
                        fmt_datetime(i.expires_at, config.timezone),
                        used
                    )
                })
                .collect();
            lines.push(Msg::new("cli-invite-count").arg("count", invites.len()).render(lang));
            Ok(lines)
        }
    }
}

/// The bot's username for links: configured, or asked from Telegram with the token.
async fn bot_username(config: &Config) -> Result<String, Failure> {
    if let Some(name) = &config.bot_username {
        return Ok(name.clone());
    }
    let token = config
        .require_token()
        .map_err(|_| Failure::user(config.lang, &Msg::new("err-no-bot-username")))?;
    let mut bot = teloxide::Bot::new(token.expose());
    if let Some(url) = &config.api_url {
        bot = bot.set_api_url(url.clone());
    }
    let me = bot.get_me().await.map_err(|e| {
        Failure::user(config.lang, &Msg::new("start-error-telegram").arg("detail", e.to_string()))
    })?;
    me.user
        .username
        .clone()
        .ok_or_else(|| Failure::user(config.lang, &Msg::new("err-no-bot-username")))
}

async fn member(config: &Config, cmd: MemberCommand) -> CliResult {
    let lang = config.lang;
    let store = open(config).await?;
    match cmd {
        MemberCommand::List { all } => {
            let members =
                store.list_members(all).await.map_err(|e| Failure::from_error(lang, &e))?;
            let mut lines: Vec<String> = members
                .iter()
                .map(|l| {
                    let m = &l.member;
                    let removed = if m.active {
                        String::new()
                    } else {
                        format!(" ({})", Msg::new("cli-removed").render(lang))
                    };
                    let unit =
                        l.unit_name.as_deref().map(|n| format!(" — {n}")).unwrap_or_default();
                    let reach = if m.reachable { "" } else { " ⚠" };
                    format!(
                        "#{:<4} {:<8} {} (tg {}){}{}{}",
                        m.id.0,
                        m.role.as_str(),
                        m.full_name,
                        m.tg_user_id,
                        unit,
                        reach,
                        removed
                    )
                })
                .collect();
            lines.push(Msg::new("cli-member-count").arg("count", members.len()).render(lang));
            Ok(lines)
        }
        MemberCommand::Remove { id } => {
            let removed = store
                .remove_member(MemberId(id), Actor::Cli, SystemClock.now())
                .await
                .map_err(|e| Failure::from_error(lang, &e))?;
            if removed {
                Ok(vec![Msg::new("cli-member-removed").arg("id", id.to_string()).render(lang)])
            } else {
                Err(Failure::user(lang, &Msg::new("err-member-unknown").arg("id", id.to_string())))
            }
        }
    }
}

async fn period_cmd(config: &Config, cmd: PeriodCommand) -> CliResult {
    let lang = config.lang;
    let fail = |e: Error| Failure::from_error(lang, &e);
    let store = open(config).await?;
    let now = SystemClock.now();
    match cmd {
        PeriodCommand::Create {
            kind,
            year,
            month,
            quarter,
            half,
            due,
            template,
            title,
            from,
            to,
            cluster,
            units,
        } => {
            let kind = PeriodKind::from_parts(&kind, year, month, quarter, half)
                .map_err(|e| Failure::user(lang, &e.msg()))?;
            let due_at =
                parse_local_datetime(&due, config.timezone).map_err(|m| Failure::user(lang, &m))?;
            let window = match (from, to) {
                (Some(from), Some(to)) => {
                    let from = parse_day(&from).map_err(|m| Failure::user(lang, &m))?;
                    let to = parse_day(&to).map_err(|m| Failure::user(lang, &m))?;
                    Some(DataWindow::new(from, to).map_err(|e| Failure::user(lang, &e.msg()))?)
                }
                _ => None,
            };
            let audience = audience(&store, lang, cluster, units).await?;
            let req = PeriodRequest {
                kind,
                title,
                window,
                due_at,
                opens_at: None,
                template,
                audience,
                by: None,
                series_key: None,
            };
            let period = period::create(&store, config, &req, now).await.map_err(fail)?;
            let count = store.period_unit_count(period.id).await.map_err(fail)?;
            let msg = Msg::new("cli-period-created")
                .arg("id", period.id.0.to_string())
                .arg("units", count);
            Ok(vec![msg.render(lang), period_header(&period, lang, config.timezone)])
        }
        PeriodCommand::List { all } => {
            let periods = store.list_periods(all).await.map_err(fail)?;
            let mut lines = Vec::new();
            for p in &periods {
                let (done, total) = (
                    store.report_count(p.id).await.map_err(fail)?,
                    store.period_unit_count(p.id).await.map_err(fail)?,
                );
                let status = if p.is_open() { "" } else { " 🔒" };
                lines.push(format!(
                    "#{:<4} {} | {} | {} | {done}/{total}{status}",
                    p.id.0,
                    p.title(lang),
                    p.window.display(),
                    fmt_datetime(p.due_at, config.timezone)
                ));
            }
            lines.push(Msg::new("cli-period-count").arg("count", periods.len()).render(lang));
            Ok(lines)
        }
        PeriodCommand::Show { id } => {
            let p = store.period(PeriodId(id)).await.map_err(fail)?.ok_or_else(|| {
                Failure::user(lang, &Msg::new("err-period-unknown").arg("id", id.to_string()))
            })?;
            let (done, total) = (
                store.report_count(p.id).await.map_err(fail)?,
                store.period_unit_count(p.id).await.map_err(fail)?,
            );
            let status = if p.is_open() { "cli-period-open" } else { "cli-period-closed" };
            let details = Msg::new("cli-period-details")
                .arg("template", p.template_key.as_str())
                .arg("questions", p.questions.len())
                .arg("done", done)
                .arg("total", total)
                .arg("status", Msg::new(status).render(lang));
            Ok(vec![
                format!("#{id}"),
                period_header(&p, lang, config.timezone),
                details.render(lang),
            ])
        }
        PeriodCommand::Close { id } => {
            let changed = period::close(&store, PeriodId(id), None, now).await.map_err(fail)?;
            let key = if changed { "cli-period-closed-now" } else { "cli-period-was-closed" };
            Ok(vec![Msg::new(key).arg("id", id.to_string()).render(lang)])
        }
    }
}

async fn audience(
    store: &Store,
    lang: Lang,
    cluster: Option<String>,
    units: Vec<String>,
) -> Result<Audience, Failure> {
    if let Some(cluster) = cluster {
        return Ok(Audience::Cluster(cluster));
    }
    if units.is_empty() {
        return Ok(Audience::AllActive);
    }
    let mut ids = Vec::new();
    for code in units {
        let code = UnitCode::parse(&code).map_err(|e| Failure::user(lang, &e.msg()))?;
        match store.unit_by_code(&code).await.map_err(|e| Failure::from_error(lang, &e))? {
            Some(unit) if unit.active => ids.push(unit.id),
            Some(unit) => {
                return Err(Failure::user(
                    lang,
                    &Msg::new("err-unit-inactive").arg("unit", unit.name),
                ))
            }
            None => {
                return Err(Failure::user(
                    lang,
                    &Msg::new("err-unit-unknown").arg("code", code.as_str()),
                ))
            }
        }
    }
    Ok(Audience::Units(ids))
}

async fn export(config: &Config, period: i64, out: &Path) -> CliResult {
    let lang = config.lang;
    let ext =
        out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if ext != "xlsx" && ext != "csv" {
        return Err(Failure::user(
            lang,
            &Msg::new("cli-export-format").arg("path", out.display().to_string()),
        ));
    }
    let store = open(config).await?;
    let data = crate::actions::exports::load(&store, PeriodId(period))
        .await
        .map_err(|e| Failure::from_error(lang, &e))?;
    let bytes = if ext == "csv" {
        crate::export::csv(&data, lang, config.timezone)
    } else {
        crate::export::xlsx(&data, lang, config.timezone)
    };
    let bytes = bytes.map_err(|e| Failure::from_error(lang, &e))?;
    std::fs::write(out, bytes).map_err(|e| {
        Failure::user(
            lang,
            &Msg::new("cli-file-unwritable")
                .arg("path", out.display().to_string())
                .arg("detail", e.to_string()),
        )
    })?;
    let c = data.progress.counts();
    let msg = Msg::new("cli-exported")
        .arg("path", out.display().to_string())
        .arg("units", c.total)
        .arg("sent", c.total - c.missing);
    Ok(vec![msg.render(lang)])
}

fn schedule(config: &Config, count: usize) -> Vec<String> {
    let (tz, now, lang) = (config.timezone, SystemClock.now(), config.lang);
    let s = &config.schedule;
    let mut jobs = vec![
        (Msg::new("cli-job-sweep").render(lang), &s.reminder_sweep),
        (Msg::new("cli-job-digest").render(lang), &s.officer_digest),
    ];
    jobs.extend(s.series.iter().map(|series| {
        (Msg::new("cli-job-series").arg("key", series.key.as_str()).render(lang), &series.cron)
    }));
    let mut lines = Vec::new();
    for (name, cron) in jobs {
        lines.push(format!("{name} [{}]", cron.source()));
        for at in cron.next(now, tz, count) {
            let local = at.with_timezone(&tz);
            let day = local.date_naive();
            let weekday = Msg::new("weekday")
                .arg("n", i64::from(day.weekday().num_days_from_monday()))
                .render(lang);
            let note = if s.calendar.is_working_day(day) {
                String::new()
            } else {
                format!(" — {}", Msg::new("cli-day-off").render(lang))
            };
            lines.push(format!("  {weekday} {}{note}", fmt_datetime(at, tz)));
        }
    }
    lines
}

async fn backup(config: &Config, file: &Path) -> CliResult {
    let lang = config.lang;
    if file.exists() {
        return Err(Failure::user(
            lang,
            &Msg::new("cli-backup-exists").arg("path", file.display().to_string()),
        ));
    }
    let store = open(config).await?;
    store.backup(file).await.map_err(|e| Failure::from_error(lang, &e))?;
    Ok(vec![Msg::new("cli-backup-done").arg("path", file.display().to_string()).render(lang)])
}
