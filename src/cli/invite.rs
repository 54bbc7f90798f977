//! `baocao invite …`: invite links for reporters and officers.

use clap::Subcommand;
use teloxide::prelude::Requester;

use crate::config::Config;
use crate::domain::{Clock, SystemClock};
use crate::i18n::{fmt_datetime, Msg};

use super::{open, CliResult, Failure};
use crate::actions::invite::{self, InviteRequest};
use crate::domain::{InviteTtl, Role, UnitCode};

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

/// Runs an `invite` command.
pub async fn run(config: &Config, cmd: InviteCommand) -> CliResult {
    let lang = config.lang;
    match cmd {
        InviteCommand::Create { unit, role, expires } => {
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
