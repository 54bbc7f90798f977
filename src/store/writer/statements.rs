//! A write that needs no read between its statements ([`Write`]), so the writer can run the
//! writes waiting in its queue as one command to the connection's thread, and what each
//! statement did ([`Done`]).

use std::borrow::Cow;

use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::Arguments;

use crate::store::read_model::Changed;

/// A value bound to a `?` of a [`Write`].
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Arg {
    Null,
    Int(i64),
    Text(String),
    Blob(Vec<u8>),
}

impl From<i64> for Arg {
    fn from(v: i64) -> Arg {
        Arg::Int(v)
    }
}

impl From<bool> for Arg {
    fn from(v: bool) -> Arg {
        Arg::Int(i64::from(v))
    }
}

impl From<String> for Arg {
    fn from(v: String) -> Arg {
        Arg::Text(v)
    }
}

impl From<&str> for Arg {
    fn from(v: &str) -> Arg {
        Arg::Text(v.to_owned())
    }
}

impl From<&[u8]> for Arg {
    fn from(v: &[u8]) -> Arg {
        Arg::Blob(v.to_vec())
    }
}

impl<T: Into<Arg>> From<Option<T>> for Arg {
    fn from(v: Option<T>) -> Arg {
        v.map_or(Arg::Null, Into::into)
    }
}

/// Statements with their arguments, run in order in the writer's group transaction; the
/// statements use only `?` (not `?NNN`), so several writes can be joined into one command.
#[derive(Debug)]
pub(crate) struct Write {
    pub(super) statements: Vec<Cow<'static, str>>,
    pub(super) args: Vec<Arg>,
    /// What the write changes of the read model; `None`: not said, so everything is forgotten.
    pub(super) changed: Option<Vec<Changed>>,
}

impl Write {
    /// A write of one statement.
    pub(crate) fn new(sql: impl Into<Cow<'static, str>>) -> Write {
        Write { statements: vec![sql.into()], args: Vec::new(), changed: None }
    }

    /// Binds the next `?`.
    pub(crate) fn bind(mut self, arg: impl Into<Arg>) -> Write {
        self.args.push(arg.into());
        self
    }

    /// Another statement after the last one (run only if the ones before it succeeded).
    pub(crate) fn then(mut self, sql: impl Into<Cow<'static, str>>) -> Write {
        self.statements.push(sql.into());
        self
    }

    /// What this write changes of what the read model holds (applied once it is committed).
    pub(crate) fn changing(mut self, changed: Changed) -> Write {
        self.changed.get_or_insert_with(Vec::new).push(changed);
        self
    }

    /// This write changes nothing the read model holds.
    pub(crate) fn changing_nothing_held(mut self) -> Write {
        self.changed.get_or_insert_with(Vec::new);
        self
    }

    /// Whether a statement numbers its parameters (`?1`): such a write runs as a command of its
    /// own, since the numbers would point into the other writes' arguments.
    pub(super) fn numbered(&self) -> bool {
        self.statements.iter().any(|sql| {
            let bytes = sql.as_bytes();
            bytes.windows(2).any(|w| w[0] == b'?' && w[1].is_ascii_digit())
        })
    }
}

/// What one statement of a write did: rows changed, and the rows it returned (`RETURNING`).
#[derive(Default)]
pub(crate) struct Done {
    pub(crate) changes: u64,
    pub(crate) rows: Vec<SqliteRow>,
}

/// The first row the first statement returned, if any.
pub(crate) fn first_row(done: Vec<Done>) -> Option<SqliteRow> {
    done.into_iter().next().and_then(|d| d.rows.into_iter().next())
}

/// Rows changed by the first statement.
pub(crate) fn changes(done: &[Done]) -> u64 {
    done.first().map_or(0, |d| d.changes)
}

/// Binds `args` in order.
pub(super) fn arguments(args: Vec<Arg>) -> Result<SqliteArguments<'static>, sqlx::Error> {
    let mut out = SqliteArguments::default();
    for arg in args {
        let added = match arg {
            Arg::Null => out.add(Option::<i64>::None),
            Arg::Int(v) => out.add(v),
            Arg::Text(v) => out.add(v),
            Arg::Blob(v) => out.add(v),
        };
        added.map_err(sqlx::Error::Encode)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_parameters_are_told_apart_from_plain_ones() {
        assert!(!Write::new("UPDATE t SET a = ? WHERE b = ?").numbered());
        assert!(Write::new("UPDATE t SET a = ?1 WHERE b = ?1").numbered());
        assert!(Write::new("SELECT 1").then("DELETE FROM t WHERE a = ?2").numbered());
    }
}
