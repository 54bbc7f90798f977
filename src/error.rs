//! One error type, and the one place where an error becomes what the person is told.

use crate::i18n::Msg;

/// Everything that can go wrong below the Telegram and CLI edges.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A failure the person caused; the message says what to do instead.
    #[error("{}", .0.key)]
    User(Msg),
    /// What the person named does not exist (a period, a unit, a person number); the message
    /// names it.
    #[error("{}", .0.key)]
    NotFound(Msg),
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("database migration: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("Telegram: {0}")]
    Telegram(#[from] teloxide::RequestError),
    /// A stored value that means nothing to this version: where it is, and what it says.
    #[error("corrupt data in {table}.{column}, row {row}: {value:?}")]
    Corrupt { table: &'static str, column: &'static str, row: i64, value: String },
    #[error("stored data could not be read: {0}")]
    Decode(#[from] serde_json::Error),
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
    /// The dialogue storage failed (it wraps one of the errors above).
    #[error("dialogue storage: {0}")]
    Dialogue(#[from] Box<dyn std::error::Error + Send + Sync>),
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<Msg> for Error {
    fn from(msg: Msg) -> Self {
        Error::User(msg)
    }
}

impl Error {
    /// What the person is told. Failures they did not cause get a short apology and a way out.
    pub fn user_message(&self) -> Msg {
        match self {
            Error::User(msg) | Error::NotFound(msg) => msg.clone(),
            Error::Db(e) if is_storage_unavailable(e) => Msg::new("err-storage-unavailable"),
            Error::Dialogue(inner) => match inner.downcast_ref::<Error>() {
                Some(e) => e.user_message(),
                None => Msg::new("err-internal"),
            },
            _ => Msg::new("err-internal"),
        }
    }

    /// Whether the person caused it (and so it is not worth a log line at error level).
    pub fn is_user(&self) -> bool {
        matches!(self, Error::User(_) | Error::NotFound(_))
    }
}

/// A locked, full or read-only database: nothing was saved, and trying again later may work.
fn is_storage_unavailable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::Database(db) => {
            let code = db.code().unwrap_or_default();
            // SQLITE_BUSY 5, SQLITE_LOCKED 6, SQLITE_READONLY 8, SQLITE_IOERR 10, SQLITE_FULL 13
            let primary = code.parse::<i64>().map(|c| c & 0xff).unwrap_or(0);
            matches!(primary, 5 | 6 | 8 | 10 | 13)
        }
        sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) => true,
        _ => false,
    }
}
