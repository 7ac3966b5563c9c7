//! # depeche-ingest: articles in, one at a time, nothing lost
//!
//! depeche reads JSON lines (`{"id","text","published"?,"lang"?,"url"?,
//! "outlet"?}`), plain `.txt` files (the file stem is the id, the whole file
//! the text), folders of them, and standard input (`-`, JSON lines).
//!
//! Reading is streaming: [`Reader`] yields one [`Item`] per document, in
//! input order, each either an [`Article`] or a [`Rejection`] that names the
//! file and line and says what is wrong. A bad line never stops the run and
//! never hides the lines after it; memory stays bounded by the largest
//! accepted document.
//!
//! Web inputs too: saved pages (`.html`, reader view: the main text under
//! its title, with the page's date, language and outlet), RSS and Atom
//! feeds (`.xml`, `.rss`, `.atom`: each item's page fetched politely by a
//! [`Fetcher`], else its summary) and WARC files (`.warc`, `.warc.gz`),
//! recognised by extension or by their first bytes.

pub mod feed;
pub mod fetch;
mod formats;
pub mod html;
mod reader;
pub mod warc;

pub use depeche_model::{Article, Rejection};
pub use feed::{parse_feed, Feed, FeedItem};
pub use fetch::{FetchConfig, FetchError, Fetcher, Page};
pub use reader::{Input, Item, Reader, DEFAULT_MAX_BYTES};
