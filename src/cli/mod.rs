//! The command line: `run` (default), `migrate`, `config check`, `unit …`, `invite …`,
//! `member …`, `period …`, `export`, `backup`, `restore`, `status`, `schedule`; one file per
//! command group.
//! Output is localised (`BAOCAO_LANG`, Vietnamese by default).

mod bot;
mod documents;
mod invite;
mod member;
mod operations;
mod period;
mod unit;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::actions::{App, Operator};
use crate::config::{Config, ConfigArgs};
use crate::domain::MemberId;
use crate::error::Error;
use crate::i18n::{Lang, Msg};

pub use invite::InviteCommand;
pub use member::MemberCommand;
pub use period::PeriodCommand;
pub use unit::UnitCommand;

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
    /// Put a backup back in place of the database (only while the bot is stopped); the current
    /// database is kept beside it as `….before-restore-<date>`
    Restore { file: PathBuf },
    /// The installation at a glance: the database, the bot, the backups, the outbox
    Status,
    /// Export a period's reports to an Excel workbook (.xlsx) or a CSV file (.csv, UTF-8 with BOM)
    Export {
        #[arg(long)]
        period: i64,
        /// Output file; its extension chooses the format (xlsx, csv, docx)
        #[arg(long)]
        out: PathBuf,
        /// Write the list of award proposals (an .xlsx) instead of the reports
        #[arg(long)]
        commendations: bool,
    },
    /// The officers' web console
    #[command(subcommand)]
    Web(WebCommand),
    /// Print the next firings of every scheduled job (reminders, digest, series)
    Schedule {
        /// How many firings of each job
        #[arg(long, default_value_t = 3)]
        count: usize,
    },
}

#[derive(Debug, Subcommand)]
pub enum WebCommand {
    /// Print a one-time sign-in link: to the console for an officer or admin (valid 10 minutes),
    /// to the chairs' form for a reporter (7 days); --admin: to the console as the machine's admin
    #[command(group(clap::ArgGroup::new("who").required(true).args(["member", "admin"])))]
    Link {
        /// The member's number, as `baocao member list` shows it
        #[arg(long)]
        member: Option<i64>,
        /// Sign in as the admin of this machine (the command line's trust)
        #[arg(long)]
        admin: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the effective configuration (token masked) and check it
    Check,
}

/// A failure of a command: rendered in the configured language when it is printed.
pub(crate) enum Failure {
    /// An error from below (a person's mistake says what to do; anything else is named).
    Error(Error),
    /// Lines already rendered, and the exit code.
    Lines(Vec<String>, u8),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Error(e)
    }
}

impl From<Msg> for Failure {
    fn from(msg: Msg) -> Failure {
        Failure::Error(Error::User(msg))
    }
}

impl Failure {
    fn render(self, lang: Lang) -> (Vec<String>, u8) {
        match self {
            Failure::Error(Error::User(msg) | Error::NotFound(msg)) => (vec![msg.render(lang)], 1),
            Failure::Error(other) => {
                (vec![Msg::new("cli-error").arg("detail", other.to_string()).render(lang)], 1)
            }
            Failure::Lines(lines, code) => (lines, code),
        }
    }
}

/// Runs the command line; returns the process exit code.
pub async fn run(cli: Cli) -> ExitCode {
    let config = match Config::load(&cli.config.with_secrets()) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("{}", e.render(Lang::Vi));
            return ExitCode::from(2);
        }
    };
    let lang = config.lang;
    let result = match cli.command.unwrap_or(Command::Run) {
        Command::Run => bot::run_bot(config).await,
        Command::Migrate => bot::migrate(&config).await,
        Command::Config(ConfigCommand::Check) => bot::config_check(&config),
        Command::Unit(cmd) => unit::run(&config, cmd).await,
        Command::Invite(cmd) => invite::run(&config, cmd).await,
        Command::Member(cmd) => member::run(&config, cmd).await,
        Command::Period(cmd) => period::run(&config, cmd).await,
        Command::Backup { file } => documents::backup(&config, &file).await,
        Command::Restore { file } => operations::restore(&config, &file).await,
        Command::Status => operations::status(&config).await,
        Command::Web(WebCommand::Link { member, .. }) => web_link(&config, member).await,
        Command::Schedule { count } => Ok(bot::schedule(&config, count.clamp(1, 50))),
        Command::Export { period, out, commendations } => {
            documents::export(&config, period, &out, commendations).await
        }
    };
    match result {
        Ok(lines) => {
            for line in lines {
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(failure) => {
            let (lines, code) = failure.render(lang);
            for line in lines {
                eprintln!("{line}");
            }
            ExitCode::from(code)
        }
    }
}

type CliResult = Result<Vec<String>, Failure>;

/// `baocao web link --member ID` or `--admin`: the link, on a line of its own (for a script or a
/// copy).
async fn web_link(config: &Config, member: Option<i64>) -> CliResult {
    let app = open(config).await?;
    let operator = Operator::at_the_machine();
    let link = match member {
        Some(id) => crate::actions::web::login_link_for(&app, &operator, MemberId(id)).await,
        None => crate::actions::web::admin_link(&app, &operator).await,
    };
    app.close().await;
    Ok(vec![link?])
}

/// A file given on the command line, whole; the failure names it and says why.
fn read_file(file: &std::path::Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(file).map_err(|e| unreadable(file, &e))
}

fn unreadable(file: &std::path::Path, e: &std::io::Error) -> Failure {
    Failure::from(
        Msg::new("cli-file-unreadable")
            .arg("path", file.display().to_string())
            .arg("detail", e.to_string()),
    )
}

/// The use cases over the configured database, for the person at the machine.
async fn open(config: &Config) -> Result<App, Failure> {
    let clock: std::sync::Arc<dyn crate::domain::Clock> =
        std::sync::Arc::new(crate::domain::SystemClock);
    App::open(config.clone(), clock)
        .await
        .map_err(|e| Failure::from(Msg::new("start-error-database").arg("detail", e.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_read_from_flags_anywhere_on_the_command_line() {
        let cli = Cli::try_parse_from([
            "baocao",
            "config",
            "check",
            "--place",
            "Điện Biên",
            "--admins",
            "7,8",
        ])
        .unwrap();
        let config = Config::load(&cli.config).unwrap();
        assert_eq!(config.office.place, "Điện Biên");
        assert_eq!(config.admins, vec![7, 8]);
        assert!(
            !Cli::try_parse_from(["baocao", "--help"]).unwrap_err().to_string().contains("--token"),
            "the token is never invited on a command line"
        );
    }
}
