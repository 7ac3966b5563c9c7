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

mod article;
mod reader;

pub use article::{Article, Rejection};
pub use reader::{Input, Item, Reader, DEFAULT_MAX_BYTES};
