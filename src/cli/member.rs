//! `baocao member …`: the people registered with the bot.

use clap::Subcommand;

use crate::actions::{members, By, Operator};
use crate::config::Config;
use crate::domain::MemberId;
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
                    let reach = if m.reachable { "" } else { " ⚠" };
                    format!(
                        "#{:<4} {:<8} {} (tg {}){}{}{}",
                        m.id.0,
                        m.role.as_str(),
                        m.with_position(),
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
            members::remove(&app, By::Operator(&operator), MemberId(id)).await?;
            Ok(vec![Msg::new("cli-member-removed").arg("id", id.to_string()).render(lang)])
        }
    }
}
