//! `baocao invite …`: invite links for reporters and officers.

use clap::Subcommand;
use teloxide::prelude::Requester;

use crate::config::Config;
use crate::domain::{Clock, SystemClock};
use crate::i18n::{fmt_datetime, Msg};

use super::{open, CliResult, Failure};
use crate::actions::invite::{self, BulkInvite, InviteRequest};
use crate::documents::invite_sheet::invite_files;
use crate::domain::{InviteTtl, Role, UnitCode, UnitKind};

#[derive(Debug, Subcommand)]
pub enum InviteCommand {
    /// Create an invite link for a unit's reporter, or for an officer
    Create {
        /// Unit code (required for a reporter invite)
        #[arg(long, conflicts_with_all = ["all", "officers"])]
        unit: Option<String>,
        /// One invite per active unit that has no reporter yet, written to a CSV and a printable
        /// PDF (one A4 page per unit with a QR code)
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
            let store = open(config).await?;
            let username = bot_username(config).await?;
            let now = SystemClock.now();
            let out = out.unwrap_or_else(|| {
                let today = now.with_timezone(&config.timezone).format("%Y%m%d");
                std::path::PathBuf::from(format!("loi-moi-{today}"))
            });
            let created = invite::create_bulk(&store, &req, now).await?;
            write_bulk(config, &created, &username, &out)
        }
        InviteCommand::Create { unit, role, expires, .. } => {
            let role = match Role::parse(&role) {
                Some(r @ (Role::Reporter | Role::Officer)) => r,
                _ => return Err(Failure::from(Msg::new("err-invite-role").arg("role", role))),
            };
            let unit = unit.map(|u| UnitCode::parse(&u)).transpose().map_err(|e| e.msg())?;
            let ttl = match expires {
                Some(s) => InviteTtl::parse(&s)?,
                None => config.invite_ttl,
            };
            let store = open(config).await?;
            let username = bot_username(config).await?;
            let req = InviteRequest { role, unit, by: None, ttl };
            let created = invite::create(&store, &req, SystemClock.now()).await?;
            let msg = crate::telegram::invite_message(&created, &username, config.timezone);
            Ok(vec![msg.render(lang)])
        }
        InviteCommand::List { all } => {
            let store = open(config).await?;
            let invites = store.list_invites(all, SystemClock.now()).await?;
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

/// Writes `PATH.csv` and `PATH.pdf` for the invites just made, and says where they are.
fn write_bulk(
    config: &Config,
    created: &[invite::CreatedInvite],
    username: &str,
    out: &std::path::Path,
) -> CliResult {
    let lang = config.lang;
    let officers = created.iter().filter(|c| c.unit.is_none()).count();
    let (csv, pdf) = invite_files(created, username, &config.office, config.timezone, lang)?;
    let paths = [out.with_extension("csv"), out.with_extension("pdf")];
    for (path, bytes) in paths.iter().zip([&csv, &pdf]) {
        std::fs::write(path, bytes).map_err(|e| {
            Failure::from(
                Msg::new("cli-file-unwritable")
                    .arg("path", path.display().to_string())
                    .arg("detail", e.to_string()),
            )
        })?;
    }
    let expires = created.first().map(|c| fmt_datetime(c.expires_at, config.timezone));
    let mut lines = vec![Msg::new("cli-invites-written")
        .arg("count", created.len())
        .arg("units", created.len() - officers)
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

/// The bot's username for links: configured, or asked from Telegram with the token.
async fn bot_username(config: &Config) -> Result<String, Failure> {
    if let Some(name) = &config.bot_username {
        return Ok(name.clone());
    }
    let token =
        config.require_token().map_err(|_| Failure::from(Msg::new("err-no-bot-username")))?;
    let mut bot = teloxide::Bot::new(token.expose());
    if let Some(url) = &config.api_url {
        bot = bot.set_api_url(url.clone());
    }
    let me = bot.get_me().await.map_err(|e| {
        Failure::from(Msg::new("start-error-telegram").arg("detail", e.to_string()))
    })?;
    me.user.username.clone().ok_or_else(|| Failure::from(Msg::new("err-no-bot-username")))
}
