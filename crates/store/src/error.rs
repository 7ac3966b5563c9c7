//! Store errors: each says what went wrong in words a user can act on.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// A store operation that failed.
#[derive(Debug)]
pub enum Error {
    /// The store file could not be opened or created.
    Open {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The file was written by a newer depeche.
    NewerSchema {
        /// The file's schema version.
        found: i64,
        /// The newest this build knows.
        known: i64,
    },
    /// A full-text query SQLite could not read, or one too costly to run.
    Query(String),
    /// The query was stopped by the check its caller gave
    /// ([`crate::Browse::stop_when`]): it ran out of time.
    Interrupted,
    /// SQLite failed.
    Sqlite(rusqlite::Error),
    /// Writing output failed.
    Io(io::Error),
    /// A stored record could not be read or written as JSON.
    Json(serde_json::Error),
}

/// A store result.
pub type Result<T> = std::result::Result<T, Error>;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Open { path, reason } => write!(f, "cannot open store {}: {reason}", path.display()),
            Error::NewerSchema { found, known } => write!(
                f,
                "the store has schema version {found}, newer than this depeche knows ({known}): use a newer depeche"
            ),
            Error::Query(q) => write!(f, "bad search query: {q}"),
            Error::Interrupted => write!(f, "the query was stopped: it took too long"),
            Error::Sqlite(e) => write!(f, "store error: {e}"),
            Error::Io(e) => write!(f, "{e}"),
            Error::Json(e) => write!(f, "stored record: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        match e {
            rusqlite::Error::SqliteFailure(f, _)
                if f.code == rusqlite::ErrorCode::OperationInterrupted =>
            {
                Error::Interrupted
            }
            e => Error::Sqlite(e),
        }
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Json(e)
    }
}
