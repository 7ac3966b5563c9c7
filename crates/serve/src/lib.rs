//! # depeche-serve: the store over HTTP
//!
//! `depeche serve` opens a store read-only and answers a JSON API
//! (`/api/...`, described by `/api/openapi.json`) and a web page (`/`)
//! that browses it: search, an actor's timeline, network and map, an
//! article with every annotation highlighted on its text, a story with its
//! sources.
//!
//! Hardening, all in this crate:
//! - the SQLite file is opened read-only (`SQLITE_OPEN_READ_ONLY`,
//!   `PRAGMA query_only`), every query is parameterised (in
//!   `depeche-store`);
//! - bound to loopback by default; when it is, requests whose `Host` is not
//!   a loopback name are refused (DNS rebinding);
//! - no request body is accepted (413 past [`Limits::max_body`]), long
//!   targets get 414, each request has [`Limits::timeout`], idle
//!   connections are closed after [`Limits::idle`], and at most
//!   [`Limits::connections`] are open at once;
//! - a query whose request has timed out or gone is stopped inside SQLite,
//!   so its connection is free again; searches are capped in words,
//!   length and hits (in `depeche-store`), and at most
//!   [`Limits::searches`] run at once, leaving connections to the rest;
//! - static files come from a fixed embedded table (no file system, so no
//!   path traversal); every response carries a strict
//!   Content-Security-Policy and `X-Content-Type-Options: nosniff`.

mod api;
mod assets;
mod net;
mod pool;

use std::fmt;
use std::io;
use std::net::{SocketAddr, TcpListener as StdListener};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use depeche_store::{Browse, SqliteStore};

pub use api::router;

/// The address `depeche serve` listens on by default.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// What a request and a connection may cost.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest request body accepted, in bytes (no endpoint reads one).
    pub max_body: u64,
    /// Longest request target (path and query), in bytes.
    pub max_uri: usize,
    /// Time a request may take before it is answered 503.
    pub timeout: Duration,
    /// Time a connection may stay silent before it is closed.
    pub idle: Duration,
    /// Time from a request's first byte to the end of its head, however
    /// the bytes trickle in (a client that sends one byte every few
    /// seconds is closed when it runs out).
    pub head: Duration,
    /// Connections open at once; more are answered 503 with `Retry-After`
    /// and closed.
    pub connections: usize,
    /// SQLite connections (each opened read-only).
    pub readers: usize,
    /// Full-text searches running at once, the costliest queries; always
    /// fewer than `readers` (when there are two or more), so that searches
    /// never hold every connection. More wait their turn, within
    /// `timeout`.
    pub searches: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body: 16 * 1024,
            max_uri: 8 * 1024,
            timeout: Duration::from_secs(10),
            idle: Duration::from_secs(30),
            head: Duration::from_secs(10),
            connections: 512,
            readers: 4,
            searches: 2,
        }
    }
}

/// Why the server could not start.
#[derive(Debug)]
pub enum Error {
    /// The store could not be opened.
    Store(depeche_store::Error),
    /// The address could not be bound, or the runtime not started.
    Io(io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Store(e) => write!(f, "{e}"),
            Error::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<depeche_store::Error> for Error {
    fn from(e: depeche_store::Error) -> Self {
        Error::Store(e)
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

/// What every handler shares: the store's read-only connections and the
/// limits.
pub struct State {
    pub(crate) pool: pool::Pool,
    pub(crate) searches: Arc<tokio::sync::Semaphore>,
    pub(crate) limits: Limits,
    pub(crate) loopback_only: bool,
    pub(crate) name_keys: NameKeys,
}

/// The global keys a spelling of a name gives ("Putin" and "Poutine" give
/// one person key), so that a name written in another language finds its
/// entity. The server does not compile the language pipeline: whoever
/// starts it hands this function over ([`Server::with_name_keys`]).
pub type NameKeys = fn(&str) -> Vec<String>;

/// No keys beyond the spellings stored.
fn no_keys(_: &str) -> Vec<String> {
    Vec::new()
}

impl State {
    /// Opens `limits.readers` read-only connections to the store at `db`.
    /// `loopback_only` refuses requests whose `Host` is not a loopback name.
    pub fn open(db: &Path, limits: Limits, loopback_only: bool) -> Result<State, Error> {
        let mut stores: Vec<Box<dyn Browse>> = Vec::new();
        for _ in 0..limits.readers.max(1) {
            stores.push(Box::new(SqliteStore::open_read_only(db)?));
        }
        Ok(State::with_stores(stores, limits, loopback_only))
    }

    /// A state over stores already open (tests, other backends).
    pub fn with_stores(stores: Vec<Box<dyn Browse>>, limits: Limits, loopback_only: bool) -> State {
        let searches = limits.searches.min(stores.len().saturating_sub(1)).max(1);
        State {
            pool: pool::Pool::new(stores),
            searches: Arc::new(tokio::sync::Semaphore::new(searches)),
            limits,
            loopback_only,
            name_keys: no_keys,
        }
    }
}

/// A bound server, not yet answering.
pub struct Server {
    runtime: tokio::runtime::Runtime,
    listener: StdListener,
    state: Arc<State>,
}

impl Server {
    /// Finds names through the keys `keys` gives, beyond their stored
    /// spellings.
    pub fn with_name_keys(mut self, keys: NameKeys) -> Server {
        if let Some(state) = Arc::get_mut(&mut self.state) {
            state.name_keys = keys;
        }
        self
    }

    /// Opens the store at `db` read-only and binds `addr` (port 0 picks a
    /// free port).
    pub fn bind(db: &Path, addr: SocketAddr, limits: Limits) -> Result<Server, Error> {
        let state = State::open(db, limits, addr.ip().is_loopback())?;
        let listener = StdListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .max_blocking_threads(limits.readers.max(1) + 2)
            .thread_name("depeche-serve")
            .enable_io()
            .enable_time()
            .build()?;
        Ok(Server {
            runtime,
            listener,
            state: Arc::new(state),
        })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Answers requests until the process ends.
    pub fn run(self) -> io::Result<()> {
        let Server {
            runtime,
            listener,
            state,
        } = self;
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener)?;
            let limits = state.limits;
            let listener = net::Guarded::new(listener, limits);
            axum::serve(listener, router(state)).await
        })
    }
}
