//! `baocao invite …`: invite links for reporters and officers.

use clap::Subcommand;
use teloxide::prelude::Requester;

use crate::config::Config;
use crate::i18n::{fmt_datetime, Msg};

use super::{open, CliResult, Failure};
use crate::actions::invite::{self, BulkInvite, InviteWays, Whom};
use crate::actions::{By, Operator};
use crate::documents::invite_sheet::invite_files;
use crate::domain::{InviteTtl, UnitCode, UnitKind};

#[derive(Debug, Subcommand)]
pub enum InviteCommand {
    /// Create an invite link for a unit's reporter, or for an officer
    Create {
        /// Unit code (required for a reporter invite)
        #[arg(long, conflicts_with_all = ["all", "officers"])]
        unit: Option<String>,
        /// One invite per active unit that has no reporter yet, written to a CSV and a printable
        /// PDF (one A4 page per unit with a QR code of each way in: Telegram, the web join page)
        #[arg(long)]
        all: bool,
        /// With --all: only units of this kind (e.g. xã, phường, commune, village)
        #[arg(long, requires = "all")]
        kind: Option<String>,
        /// With --all: only units of this emulation cluster
        #[arg(long, requires = "all")]
        cluster: Option<String>,
        /// With --all: exactly these units (comma-separated codes), even if they have a reporter
        #[arg(long, requires = "all", value_delimiter = ',')]
        units: Vec<String>,
        /// Officer invites to add to the files (alone, or with --all)
        #[arg(long, value_name = "N")]
        officers: Option<usize>,
        /// Where to write the files: PATH.csv and PATH.pdf [default: loi-moi-YYYYMMDD]
        #[arg(long, value_name = "PATH")]
        out: Option<std::path::PathBuf>,
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

/// Runs an `invite` command.
pub async fn run(config: &Config, cmd: InviteCommand) -> CliResult {
    let lang = config.lang;
    match cmd {
        InviteCommand::Create { all, kind, cluster, units, officers, out, expires, .. }
            if all || officers.is_some() =>
        {
            let ttl = match expires {
                Some(s) => InviteTtl::parse(&s)?,
                None => config.invite_ttl,
            };
            let kind = kind.map(|k| UnitKind::parse(&k)).transpose().map_err(|e| e.msg())?;
            let units = units
                .iter()
                .map(|c| UnitCode::parse(c))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| e.msg())?;
            let req = BulkInvite {
                units_too: all,
                kind,
                cluster,
                units,
                officers: officers.unwrap_or(0),
                ttl,
            };
            let username = bot_username(config).await?;
            let ways = InviteWays::new(username.as_deref(), config.web.as_ref());
            ways.check()?;
            let app = open(config).await?;
            let out = out.unwrap_or_else(|| {
                let today = app.now().with_timezone(&config.timezone).format("%Y%m%d");
                std::path::PathBuf::from(format!("loi-moi-{today}"))
            });
            let by = By::Operator(&Operator::at_the_machine());
            let prepared = invite::prepare(&app, by, &req).await?;
            write_bulk(config, &app, prepared, &ways, &out).await
        }
        InviteCommand::Create { unit, role, expires, .. } => {
            let unit = unit.map(|u| UnitCode::parse(&u)).transpose().map_err(|e| e.msg())?;
            let whom = Whom::parse(&role, unit)?;
            let ttl = match expires {
                Some(s) => InviteTtl::parse(&s)?,
                None => config.invite_ttl,
            };
            let username = bot_username(config).await?;
            let ways = InviteWays::new(username.as_deref(), config.web.as_ref());
            ways.check()?;
            let app = open(config).await?;
            let by = By::Operator(&Operator::at_the_machine());
            let created = invite::create(&app, by, &whom, ttl).await?;
            let links = ways.links(&created.code)?;
            let msg = crate::telegram::invite_message(&created, &links, config.timezone);
            Ok(vec![msg.render(lang)])
        }
        InviteCommand::List { all } => {
            let app = open(config).await?;
            let by = By::Operator(&Operator::at_the_machine());
            let invites = invite::list(&app, by, all).await?;
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

/// Writes `PATH.csv` and `PATH.pdf` for the invites made, then stores them, and says where they
/// are: the files are new (an existing one is never overwritten) and readable by their owner only
/// (they hold live codes); if they cannot be written nothing is stored, and if the invites cannot
/// be stored the files are removed — both or neither.
async fn write_bulk(
    config: &Config,
    app: &crate::actions::App,
    prepared: invite::Prepared,
    ways: &InviteWays<'_>,
    out: &std::path::Path,
) -> CliResult {
    let lang = config.lang;
    let created = &prepared.invites;
    let officers = created.iter().filter(|c| c.for_officer()).count();
    let count = created.len();
    let expires = created.first().map(|c| fmt_datetime(c.expires_at, config.timezone));
    let (csv, pdf) = invite_files(created, ways, &config.office, config.timezone, lang)?;
    let paths = [out.with_extension("csv"), out.with_extension("pdf")];
    let mut written = Vec::new();
    for (path, bytes) in paths.iter().zip([&csv, &pdf]) {
        if let Err(e) = write_new_private(path, bytes) {
            written.iter().for_each(remove_quietly);
            return Err(unwritable(path, &e));
        }
        written.push(path.clone());
    }
    if let Err(e) = invite::commit(app, prepared).await {
        written.iter().for_each(remove_quietly);
        return Err(Failure::from(e));
    }
    let mut lines = vec![Msg::new("cli-invites-written")
        .arg("count", count)
        .arg("units", count - officers)
        .arg("officers", officers)
        .arg("expires", expires.unwrap_or_default())
        .render(lang)];
    for path in &paths {
        lines.push(
            Msg::new("cli-invites-file").arg("path", path.display().to_string()).render(lang),
        );
    }
    lines.push(Msg::new("cli-invites-keep").render(lang));
    Ok(lines)
}

/// Creates `path` (refused when it exists) readable and writable by its owner only, with `bytes`.
fn write_new_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    if let Err(e) = file.write_all(bytes).and_then(|()| file.sync_all()) {
        remove_quietly(&path.to_path_buf());
        return Err(e);
    }
    Ok(())
}

fn remove_quietly(path: &std::path::PathBuf) {
    if let Err(e) = std::fs::remove_file(path) {
        tracing::warn!(error = %e, "could not remove an invitations file written before a failure");
    }
}

fn unwritable(path: &std::path::Path, e: &std::io::Error) -> Failure {
    let key = if e.kind() == std::io::ErrorKind::AlreadyExists {
        "cli-file-exists"
    } else {
        "cli-file-unwritable"
    };
    Failure::from(
        Msg::new(key).arg("path", path.display().to_string()).arg("detail", e.to_string()),
    )
}

/// The bot's username for links: configured, or asked from Telegram with the token; `None` when
/// Telegram is off (no token), so that the links are the join page's alone.
async fn bot_username(config: &Config) -> Result<Option<String>, Failure> {
    if let Some(name) = &config.bot_username {
        return Ok(Some(name.clone()));
    }
    let Some(token) = &config.token else {
        return Ok(None);
    };
    let mut bot = teloxide::Bot::new(token.expose());
    if let Some(url) = &config.api_url {
        bot = bot.set_api_url(url.clone());
    }
    let me = bot.get_me().await.map_err(|e| {
        Failure::from(Msg::new("start-error-telegram").arg("detail", e.to_string()))
    })?;
    me.user.username.clone().map(Some).ok_or_else(|| Failure::from(Msg::new("err-no-bot-username")))
}
