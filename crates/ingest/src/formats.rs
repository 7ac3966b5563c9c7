//! Which reader a file needs: by extension (`.html`/`.htm`,
//! `.xml`/`.rss`/`.atom`, `.warc`/`.warc.gz`), else by its first bytes.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;

use crate::feed::parse_feed;
use crate::fetch::{FetchConfig, Fetcher};
use crate::html::{decode, read_html};
use crate::reader::check_text;
use crate::warc::WarcRecords;
use crate::{Item, Rejection};

/// The forms read here; JSON lines and `.txt` are the reader's own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Html,
    Feed,
    Warc,
    WarcGz,
}

/// What opening a file gave.
pub(crate) enum Opened {
    /// Not one of these forms: JSON lines, read from this reader (which
    /// holds the bytes already looked at).
    Other(Box<dyn BufRead>),
    /// One document.
    One(Box<Item>),
    /// Several, read lazily.
    Many(Box<dyn Iterator<Item = Item>>),
}

fn extension_kind(path: &Path) -> Option<Option<Kind>> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let ext = name.rsplit_once('.')?.1;
    Some(match ext {
        "html" | "htm" | "xhtml" => Some(Kind::Html),
        "xml" | "rss" | "atom" => Some(Kind::Feed),
        "warc" => Some(Kind::Warc),
        "gz" if name.ends_with(".warc.gz") => Some(Kind::WarcGz),
        // Known forms of the reader's own, or anything else: sniff.
        "txt" | "jsonl" | "ndjson" | "json" => None,
        _ => return None,
    })
}

/// Whether a folder listing should include this file.
pub(crate) fn is_web_input(path: &Path) -> bool {
    matches!(extension_kind(path), Some(Some(_)))
}

/// Guesses the form from the first bytes of a file.
fn sniff(head: &[u8]) -> Option<Kind> {
    if head.starts_with(&[0x1f, 0x8b]) {
        let mut out = [0u8; 5];
        let mut gz = flate2::read::GzDecoder::new(head);
        return (gz.read_exact(&mut out).is_ok() && &out == b"WARC/").then_some(Kind::WarcGz);
    }
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with("warc/") {
        return Some(Kind::Warc);
    }
    if !text.starts_with('<') {
        return None;
    }
    if text.contains("<rss") || text.contains("<feed") || text.contains("<rdf:rdf") {
        Some(Kind::Feed)
    } else if text.contains("<html") || text.contains("<!doctype html") || text.contains("<body") {
        Some(Kind::Html)
    } else {
        None
    }
}

/// Opens `path` with the reader its form needs.
pub(crate) fn open(path: &Path, file: File, max_bytes: usize, fetcher: &mut FetcherSlot) -> Opened {
    let mut reader = BufReader::with_capacity(64 * 1024, file);
    let named = extension_kind(path);
    let kind = match named {
        Some(kind) => kind,
        None => {
            let head = reader.fill_buf().map(<[u8]>::to_vec).unwrap_or_default();
            sniff(&head)
        }
    };
    if let Some(kind) = kind {
        return open_kind(kind, path, Box::new(reader), max_bytes, fetcher);
    }
    // A file named as JSON lines is read line by line whatever it holds;
    // another that holds no text is one rejection, not one per line.
    if named.is_none() && looks_binary(reader.fill_buf().unwrap_or_default()) {
        return Opened::One(Box::new(Item::Rejected(Rejection {
            origin: path.display().to_string(),
            reason: "binary content: not JSON lines, text, HTML, a feed or WARC".into(),
        })));
    }
    Opened::Other(Box::new(reader))
}

/// Whether the first bytes of a file rule out text: more than one
/// character in ten is not UTF-8 or is a control character other than a
/// tab or a line break. A text file with a few bad lines is read line by
/// line, each bad line its own rejection.
fn looks_binary(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let (mut chars, mut odd) = (0usize, 0usize);
    for c in text.chars() {
        chars += 1;
        if c == char::REPLACEMENT_CHARACTER || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        {
            odd += 1;
        }
    }
    odd * 10 > chars
}

fn open_kind(
    kind: Kind,
    path: &Path,
    reader: Box<dyn BufRead>,
    max_bytes: usize,
    fetcher: &mut FetcherSlot,
) -> Opened {
    let name = path.display().to_string();
    let reject = |reason: String| {
        Opened::One(Box::new(Item::Rejected(Rejection {
            origin: name.clone(),
            reason,
        })))
    };
    let raw_limit = max_bytes.saturating_mul(4);
    match kind {
        Kind::Warc => Opened::Many(Box::new(WarcRecords::new(name, reader, max_bytes))),
        Kind::WarcGz => {
            let gz = flate2::bufread::MultiGzDecoder::new(reader);
            Opened::Many(Box::new(WarcRecords::new(
                name,
                Box::new(BufReader::with_capacity(64 * 1024, gz)),
                max_bytes,
            )))
        }
        Kind::Html | Kind::Feed => {
            let mut bytes = Vec::new();
            if let Err(e) = reader.take(raw_limit as u64 + 1).read_to_end(&mut bytes) {
                return reject(format!("read error: {e}"));
            }
            if bytes.len() > raw_limit {
                let what = if kind == Kind::Html { "HTML" } else { "feed" };
                return reject(format!(
                    "{what} file over {raw_limit} bytes exceeds the limit (4 × --max-bytes)"
                ));
            }
            if kind == Kind::Html {
                let html = decode(&bytes, None);
                let item = match read_html(&html, None) {
                    Err(reason) => Item::Rejected(Rejection {
                        origin: name,
                        reason,
                    }),
                    Ok(page) => {
                        let id = path
                            .file_stem()
                            .map(|s| s.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        let article = page.into_article(id, name.clone());
                        match check_text(&article.text, max_bytes) {
                            Some(reason) => Item::Rejected(Rejection {
                                origin: name,
                                reason,
                            }),
                            None => Item::Article(article),
                        }
                    }
                };
                return Opened::One(Box::new(item));
            }
            let feed = match parse_feed(&bytes, None) {
                Ok(f) => f,
                Err(reason) => return reject(reason),
            };
            if feed.items.is_empty() {
                return reject("the feed has no items".into());
            }
            let fetcher = fetcher.get();
            Opened::Many(Box::new(feed.items.into_iter().enumerate().map(
                move |(i, item)| {
                    let origin = format!("{name}:item {}", i + 1);
                    item.to_article(fetcher.as_deref(), origin, max_bytes)
                },
            )))
        }
    }
}

/// The fetcher for feeds' linked pages, made when first needed: the
/// default one unless the environment says `DEPECHE_OFFLINE=1`.
#[derive(Default)]
pub(crate) struct FetcherSlot {
    made: bool,
    fetcher: Option<Arc<Fetcher>>,
}

impl FetcherSlot {
    pub(crate) fn given(fetcher: Option<Fetcher>) -> FetcherSlot {
        FetcherSlot {
            made: true,
            fetcher: fetcher.map(Arc::new),
        }
    }

    fn get(&mut self) -> Option<Arc<Fetcher>> {
        if !self.made {
            self.made = true;
            let offline = std::env::var_os("DEPECHE_OFFLINE").is_some_and(|v| v == "1");
            if !offline {
                self.fetcher = Some(Arc::new(Fetcher::new(FetchConfig::default())));
            }
        }
        self.fetcher.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert_eq!(sniff(b"WARC/1.0\r\n"), Some(Kind::Warc));
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"),
            Some(Kind::Feed)
        );
        assert_eq!(
            sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Some(Kind::Feed)
        );
        assert_eq!(
            sniff(b"\xef\xbb\xbf<!DOCTYPE html><html>"),
            Some(Kind::Html)
        );
        assert_eq!(sniff(b"{\"id\":1}"), None);
        assert_eq!(
            extension_kind(Path::new("a/b.WARC.gz")),
            Some(Some(Kind::WarcGz))
        );
        assert_eq!(extension_kind(Path::new("a/b.jsonl")), Some(None));
        assert_eq!(extension_kind(Path::new("a/b")), None);
    }
}
