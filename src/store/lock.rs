//! One `baocao run` per database: an OS lock on a file beside the database, held for as long as
//! the bot runs and released by the OS when the process ends, however it ends.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The lock of a running bot on its database.
#[derive(Debug)]
pub struct DatabaseLock {
    _file: File,
}

/// Why the lock could not be taken.
#[derive(Debug)]
pub enum LockError {
    /// Another process runs a bot on this database (its process id, as it wrote it).
    Held { path: PathBuf, pid: String },
    /// The lock file could not be opened or locked.
    Io { path: PathBuf, error: std::io::Error },
}

impl DatabaseLock {
    /// The lock file of `database`: `baocao.db` → `baocao.db.lock`.
    pub fn path_for(database: &Path) -> PathBuf {
        let mut name = database.as_os_str().to_owned();
        name.push(".lock");
        PathBuf::from(name)
    }

    /// Takes the lock for `database`, or says who holds it.
    pub fn acquire(database: &Path) -> Result<DatabaseLock, LockError> {
        let path = DatabaseLock::path_for(database);
        let io = |error| LockError::Io { path: path.clone(), error };
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut pid = String::new();
                let _ = file.read_to_string(&mut pid);
                return Err(LockError::Held { path, pid: pid.trim().to_owned() });
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        // Who holds it, for the message a second start prints.
        file.set_len(0).map_err(io)?;
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        write!(file, "{}", std::process::id()).map_err(io)?;
        Ok(DatabaseLock { _file: file })
    }

    /// The process id of the bot running on `database`, as it wrote it; `None` when none runs.
    /// (When none runs, the lock is taken for an instant to know it.)
    pub fn holder(database: &Path) -> Option<String> {
        if !DatabaseLock::path_for(database).exists() {
            return None;
        }
        match DatabaseLock::acquire(database) {
            Err(LockError::Held { pid, .. }) => Some(pid),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_database_is_refused_naming_the_holder_and_freed_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("baocao.db");
        let first = DatabaseLock::acquire(&db).unwrap();
        match DatabaseLock::acquire(&db) {
            Err(LockError::Held { path, pid }) => {
                assert_eq!(path, dir.path().join("baocao.db.lock"));
                assert_eq!(pid, std::process::id().to_string());
            }
            other => panic!("a second lock was not refused: {other:?}"),
        }
        assert_eq!(DatabaseLock::holder(&db), Some(std::process::id().to_string()));
        drop(first);
        assert_eq!(DatabaseLock::holder(&db), None);
        assert!(DatabaseLock::acquire(&db).is_ok(), "the lock dies with its holder");
    }
}
