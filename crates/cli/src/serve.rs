//! `depeche serve`: the store, read-only, as a JSON API and a web page.

use std::net::{SocketAddr, ToSocketAddrs};
use std::path::PathBuf;

use clap::Parser;
use depeche_serve::{Limits, Server, DEFAULT_ADDR};

use crate::stored::Fail;

#[derive(Parser)]
pub struct ServeArgs {
    /// The store file [default: $XDG_DATA_HOME/depeche/depeche.db, else
    /// ~/.local/share/depeche/depeche.db]. Opened read-only.
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Where to listen. Loopback by default; another address serves the
    /// store to the network (there is no authentication).
    #[arg(long, value_name = "HOST:PORT", default_value = DEFAULT_ADDR)]
    addr: String,
}

/// The store file: `--db`, else under the user's data folder (as the other
/// store commands).
fn db_path(db: Option<PathBuf>) -> Result<PathBuf, Fail> {
    if let Some(p) = db {
        return Ok(p);
    }
    let xdg = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(|h| PathBuf::from(h).join(".local").join("share"));
    match xdg.or(home) {
        Some(dir) => Ok(dir.join("depeche").join("depeche.db")),
        None => Err(Fail {
            code: 2,
            message: "cannot tell where the user's data folder is (no XDG_DATA_HOME or HOME): give --db PATH".into(),
        }),
    }
}

fn usage(message: String) -> Fail {
    Fail { code: 2, message }
}

pub fn run_serve(args: ServeArgs) -> Result<(), Fail> {
    let db = db_path(args.db)?;
    let addr: SocketAddr = args
        .addr
        .to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
        .ok_or_else(|| usage(format!("--addr {:?}: expected HOST:PORT", args.addr)))?;
    let server = Server::bind(&db, addr, Limits::default())
        .map_err(|e| usage(format!("cannot serve: {e}")))?
        .with_name_keys(depeche_link::name_keys);
    let bound = server.local_addr()?;
    if !bound.ip().is_loopback() {
        eprintln!(
            "depeche: warning: serving on {bound}, beyond this machine, without authentication"
        );
    }
    eprintln!(
        "depeche: serving {} read-only on http://{bound}/ (API: http://{bound}/api/openapi.json); Ctrl-C stops",
        db.display()
    );
    server.run()?;
    Ok(())
}
