//! `depeche watch`: polls RSS and Atom feeds and stores their new
//! articles, again and again (or once, with `--once`).

use std::collections::HashSet;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Parser;
use depeche_ingest::{parse_feed, FetchConfig, Fetcher, Item, DEFAULT_MAX_BYTES};
use depeche_store::{SqliteStore, Store};

use crate::stored::{new_articles, Fail};

#[derive(Parser)]
pub struct WatchArgs {
    /// File of feed addresses (RSS or Atom), one per line; `#` starts a
    /// comment.
    #[arg(long, value_name = "FILE")]
    feeds: PathBuf,
    /// Time between two polls: `90s`, `10m`, `2h`, `1d`.
    #[arg(long, value_name = "DURATION", default_value = "10m", value_parser = duration)]
    every: Duration,
    /// Poll every feed once and exit.
    #[arg(long)]
    once: bool,
    /// The store file [default: $XDG_DATA_HOME/depeche/depeche.db, else
    /// ~/.local/share/depeche/depeche.db].
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Least time between two requests to the same host (a robots.txt
    /// Crawl-delay may make it longer).
    #[arg(long, value_name = "DURATION", default_value = "1s", value_parser = duration)]
    host_delay: Duration,
    /// Time allowed for one request.
    #[arg(long, value_name = "DURATION", default_value = "20s", value_parser = duration)]
    timeout: Duration,
    /// Refuse feeds and pages larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 5 * 1024 * 1024)]
    max_page_bytes: u64,
    /// Refuse articles whose text is longer than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: usize,
    /// Print nothing on standard error but rejections, warnings and errors.
    #[arg(short, long)]
    quiet: bool,
}

/// `90s`, `10m`, `2h`, `1d`, `500ms`, or a number of seconds.
fn duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (n, unit) = s.split_at(split);
    let n: u64 = n
        .parse()
        .map_err(|_| "expected a duration such as 30s, 10m, 2h or 1d".to_string())?;
    let secs = match unit.trim() {
        "ms" => return Ok(Duration::from_millis(n)),
        "" | "s" => n,
        "m" | "min" => n * 60,
        "h" => n * 3600,
        "d" => n * 86400,
        _ => return Err("expected a duration such as 30s, 10m, 2h or 1d".into()),
    };
    Ok(Duration::from_secs(secs))
}

fn db_path(given: &Option<PathBuf>) -> Result<PathBuf, Fail> {
    if let Some(p) = given {
        return Ok(p.clone());
    }
    std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(".local").join("share"))
        })
        .map(|d| d.join("depeche").join("depeche.db"))
        .ok_or_else(|| Fail {
            code: 2,
            message: "cannot tell where the user's data folder is (no XDG_DATA_HOME or HOME): give --db PATH".into(),
        })
}

/// The feed addresses of the list, in order, without repeats.
fn read_feed_list(path: &Path) -> Result<Vec<String>, Fail> {
    let usage = |message: String| Fail { code: 2, message };
    let text = std::fs::read_to_string(path)
        .map_err(|e| usage(format!("cannot read {}: {e}", path.display())))?;
    let mut seen = HashSet::new();
    let feeds: Vec<String> = text
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty() && seen.insert(l.to_string()))
        .map(str::to_string)
        .collect();
    if feeds.is_empty() {
        return Err(usage(format!("{} lists no feed address", path.display())));
    }
    Ok(feeds)
}

/// What one poll did.
#[derive(Default)]
struct Poll {
    items: usize,
    stored: usize,
    present: usize,
    rejected: usize,
    failed: Vec<String>,
}

pub fn run_watch(args: WatchArgs) -> Result<(), Fail> {
    let path = db_path(&args.db)?;
    let feeds = read_feed_list(&args.feeds)?;
    let mut store = SqliteStore::open_writer(&path, &mut || {
        eprintln!(
            "depeche: another ingest is writing {}: waiting for it to finish",
            path.display()
        )
    })?;
    let fetcher = Fetcher::new(FetchConfig {
        timeout: args.timeout,
        host_delay: args.host_delay,
        max_bytes: args.max_page_bytes,
        ..FetchConfig::default()
    });
    loop {
        let started = Instant::now();
        let mut poll = Poll::default();
        for feed in &feeds {
            if let Err(reason) = poll_feed(&mut store, &fetcher, feed, &args, &mut poll)? {
                eprintln!("depeche: feed {feed}: {reason}");
                poll.failed.push(feed.clone());
            }
        }
        if !args.quiet {
            eprintln!(
                "depeche: polled {} feeds in {:.1} s: {} items, {} new articles stored, {} already in the store, {} rejected{}",
                feeds.len(),
                started.elapsed().as_secs_f64(),
                poll.items,
                poll.stored,
                poll.present,
                poll.rejected,
                if poll.failed.is_empty() {
                    String::new()
                } else {
                    format!(", {} feeds unreadable", poll.failed.len())
                }
            );
        }
        if args.once {
            return if poll.failed.is_empty() && poll.rejected == 0 {
                Ok(())
            } else {
                Err(Fail {
                    code: 1,
                    message: format!(
                        "{} of {} feeds could not be read, {} items rejected",
                        poll.failed.len(),
                        feeds.len(),
                        poll.rejected
                    ),
                })
            };
        }
        if !args.quiet && io::stderr().is_terminal() {
            eprintln!(
                "depeche: next poll in {} s (Ctrl-C to stop)",
                args.every.as_secs()
            );
        }
        std::thread::sleep(args.every);
    }
}

/// Fetches one feed, then each item not yet stored (by address or id):
/// its page, else its summary; extracts and stores them in one batch.
/// The outer error is the store's (fatal), the inner the feed's.
fn poll_feed(
    store: &mut SqliteStore,
    fetcher: &Fetcher,
    feed_url: &str,
    args: &WatchArgs,
    poll: &mut Poll,
) -> Result<Result<(), String>, Fail> {
    let page = match fetcher.fetch(feed_url) {
        Ok(p) => p,
        Err(e) => return Ok(Err(e.to_string())),
    };
    let feed = match parse_feed(&page.body, Some(&page.url)) {
        Ok(f) => f,
        Err(e) => return Ok(Err(e)),
    };
    let mut articles = Vec::new();
    let mut in_this_poll = HashSet::new();
    for (i, item) in feed.items.iter().enumerate() {
        poll.items += 1;
        let id = item.id();
        let known = store.find_duplicate(&id, item.link.as_deref(), "")?;
        if known.is_some() || !in_this_poll.insert(id) {
            poll.present += 1;
            continue;
        }
        let origin = format!("{feed_url} item {}", i + 1);
        match item.to_article(Some(fetcher), origin, args.max_bytes) {
            Item::Rejected(r) => {
                poll.rejected += 1;
                eprintln!("depeche: rejected {r}");
            }
            Item::Article(article) => {
                for w in &article.warnings {
                    eprintln!("depeche: warning: {}: {w}", article.origin);
                }
                articles.push(article);
            }
        }
    }
    let records: Vec<_> = articles.iter().map(depeche_extract::extract).collect();
    let batch = new_articles(&articles, &records);
    if !batch.is_empty() {
        let outcome = store.ingest(&batch)?;
        poll.stored += outcome.stored;
        poll.present += outcome.duplicates.len();
    }
    Ok(Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration("10m"), Ok(Duration::from_secs(600)));
        assert_eq!(duration("90"), Ok(Duration::from_secs(90)));
        assert_eq!(duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(duration("1d"), Ok(Duration::from_secs(86400)));
        assert!(duration("soon").is_err());
        assert!(duration("5y").is_err());
    }
}
