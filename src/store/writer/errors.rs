//! One failure told to every write of a group (a failed `BEGIN` or `COMMIT` fails them all):
//! `sqlx::Error` cannot be cloned, so each caller gets a copy that keeps what matters to the
//! person (SQLite's code: locked, read-only, full, …) and the message.

use std::borrow::Cow;

use sqlx::error::{DatabaseError, ErrorKind};

use crate::error::Error;

/// A copy of `e` for one more caller.
pub(super) fn copy(e: &Error) -> Error {
    match e {
        Error::Db(sqlx::Error::Database(db)) => {
            Error::Db(sqlx::Error::Database(Box::new(Copied {
                message: db.message().to_owned(),
                code: db.code().map(Cow::into_owned),
            })))
        }
        Error::Db(sqlx::Error::PoolTimedOut) => Error::Db(sqlx::Error::PoolTimedOut),
        Error::Db(sqlx::Error::PoolClosed) => Error::Db(sqlx::Error::PoolClosed),
        Error::Db(sqlx::Error::Io(io)) => {
            Error::Db(sqlx::Error::Io(std::io::Error::new(io.kind(), io.to_string())))
        }
        other => Error::Db(sqlx::Error::Protocol(other.to_string())),
    }
}

/// A database error as SQLite reported it to another write of the same group.
#[derive(Debug)]
struct Copied {
    message: String,
    code: Option<String>,
}

impl std::fmt::Display for Copied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Copied {}

impl DatabaseError for Copied {
    fn message(&self) -> &str {
        &self.message
    }

    fn code(&self) -> Option<Cow<'_, str>> {
        self.code.as_deref().map(Cow::Borrowed)
    }

    fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        self
    }

    fn as_error_mut(&mut self) -> &mut (dyn std::error::Error + Send + Sync + 'static) {
        self
    }

    fn into_error(self: Box<Self>) -> Box<dyn std::error::Error + Send + Sync + 'static> {
        self
    }

    fn kind(&self) -> ErrorKind {
        ErrorKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_keeps_sqlites_code_so_the_person_hears_the_same() {
        let locked = Error::Db(sqlx::Error::Database(Box::new(Copied {
            message: "database is locked".into(),
            code: Some("5".into()),
        })));
        let copied = copy(&locked);
        assert_eq!(copied.to_string(), locked.to_string());
        assert_eq!(copied.user_message(), locked.user_message());
        assert_eq!(copied.user_message().key, "err-storage-unavailable");
    }
}
