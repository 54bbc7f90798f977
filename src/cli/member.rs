//! `baocao member …`: the people registered with the bot.

use clap::Subcommand;

use crate::actions::members::NewPerson;
use crate::actions::{members, By, Operator};
use crate::config::Config;
use crate::domain::MemberId;
use crate::domain::{Role, UnitCode};
use crate::i18n::Msg;

use super::{open, CliResult};

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
    /// Add a unit's reporter or an officer who may have no Telegram: reached by e-mail, signing
    /// in to the web by links sent there
    Add {
        /// The unit's code (a reporter's)
        #[arg(long)]
        unit: Option<String>,
        /// Full name, e.g. "Lò Văn Hùng"
        #[arg(long)]
        name: String,
        /// Position, e.g. "Chủ tịch UBND xã"
        #[arg(long)]
        position: Option<String>,
        /// E-mail address
        #[arg(long)]
        email: Option<String>,
        /// reporter or officer
        #[arg(long, default_value = "reporter")]
        role: String,
    },
}

/// Runs a `member` command.
pub async fn run(config: &Config, cmd: MemberCommand) -> CliResult {
    let lang = config.lang;
    let app = open(config).await?;
    let operator = Operator::at_the_machine();
    match cmd {
        MemberCommand::List { all } => {
            let members = members::list(&app, By::Operator(&operator), all).await?;
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
                    let contacts: Vec<String> = m
                        .contacts
                        .iter()
                        .map(|c| {
                            let flag = if c.reachable { "" } else { " ⚠" };
                            format!("{} {}{flag}", c.channel, c.address)
                        })
                        .collect();
                    let contacts = match contacts.is_empty() {
                        true => Msg::new("cli-no-contact").render(lang),
                        false => contacts.join(" · "),
                    };
                    format!(
                        "#{:<4} {:<8} {} [{contacts}]{unit}{removed}",
                        m.id.0,
                        m.role.as_str(),
                        m.with_position(),
                    )
                })
                .collect();
            lines.push(Msg::new("cli-member-count").arg("count", members.len()).render(lang));
            Ok(lines)
        }
        MemberCommand::Add { unit, name, position, email, role } => {
            let role = match Role::parse(&role) {
                Some(role) => role,
                None => return Err(Msg::new("err-invite-role").arg("role", role).into()),
            };
            let unit = unit.map(|u| UnitCode::parse(&u)).transpose().map_err(|e| e.msg())?;
            let person = NewPerson { unit, name, position, email, role, lang: config.lang };
            let m = members::add(&app, By::Operator(&operator), &person).await?;
            let msg = Msg::new("cli-member-added")
                .arg("id", m.id.0.to_string())
                .arg("name", m.with_position())
                .arg("contact", m.email().unwrap_or_default().to_owned());
            Ok(vec![msg.render(lang)])
        }
        MemberCommand::Remove { id } => {
            members::remove(&app, By::Operator(&operator), MemberId(id)).await?;
            Ok(vec![Msg::new("cli-member-removed").arg("id", id.to_string()).render(lang)])
        }
    }
}
