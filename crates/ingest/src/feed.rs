//! RSS and Atom feeds (`feed-rs`): each item's link, title, date and
//! summary; the linked page, fetched, is the article, else the summary.

use crate::fetch::Fetcher;
use crate::html::{decode, host_of, html_to_text, read_html};
use crate::{Article, Item, Rejection};

/// One item of a feed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedItem {
    /// The item's link (its article's address), absolute when the feed's
    /// address is known.
    pub link: Option<String>,
    /// The feed's own id for the item (`guid`, Atom `id`).
    pub guid: String,
    pub title: Option<String>,
    /// Publication (else update) date, RFC 3339.
    pub published: Option<String>,
    /// The summary (else the content) as plain text.
    pub summary: Option<String>,
    pub lang: Option<String>,
}

/// A parsed feed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Feed {
    pub title: Option<String>,
    pub items: Vec<FeedItem>,
}

/// Parses RSS 0.9x/1.0/2.0 or Atom; `base` (the feed's address) makes
/// relative links absolute.
pub fn parse_feed(bytes: &[u8], base: Option<&str>) -> Result<Feed, String> {
    let parser = feed_rs::parser::Builder::new().base_uri(base).build();
    let feed = parser
        .parse(bytes)
        .map_err(|e| format!("not a readable RSS or Atom feed: {e}"))?;
    let feed_lang = feed.language.clone();
    let items = feed
        .entries
        .into_iter()
        .map(|e| {
            let link = e
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(e.links.first())
                .map(|l| l.href.trim().to_string())
                .filter(|l| !l.is_empty());
            let summary = e
                .summary
                .map(|s| s.content)
                .or_else(|| e.content.and_then(|c| c.body))
                .map(|s| html_to_text(&s))
                .filter(|s| !s.is_empty());
            FeedItem {
                link,
                guid: e.id,
                title: e
                    .title
                    .map(|t| html_to_text(&t.content))
                    .filter(|t| !t.is_empty()),
                published: e.published.or(e.updated).map(|d| d.to_rfc3339()),
                summary,
                lang: e.language.or_else(|| feed_lang.clone()),
            }
        })
        .collect();
    Ok(Feed {
        title: feed.title.map(|t| html_to_text(&t.content)),
        items,
    })
}

impl FeedItem {
    /// The id its article gets: the link, else the feed's id for it.
    pub fn id(&self) -> String {
        self.link.clone().unwrap_or_else(|| self.guid.clone())
    }

    /// The article the feed itself gives: the title as a headline, then
    /// the summary; `warning` says why the page was not used.
    pub fn summary_article(&self, origin: String, warning: String) -> Result<Article, String> {
        let text = match (&self.title, &self.summary) {
            (Some(t), Some(s)) => format!("{t}\n\n{s}"),
            (Some(t), None) => t.clone(),
            (None, Some(s)) => s.clone(),
            (None, None) => return Err(format!("{warning}, and the item has no title or summary")),
        };
        Ok(Article {
            id: self.id(),
            text,
            published: self.published.clone(),
            lang: self.lang.clone(),
            url: self.link.clone(),
            outlet: self.link.as_deref().and_then(host_of),
            origin,
            warnings: vec![format!(
                "{warning}: the text is the feed's title and summary"
            )],
            title: self.title.clone(),
            made_text: true,
        })
    }

    /// The item's article: the linked page fetched and read (its metadata
    /// completed by the feed's), else the feed's summary with a warning.
    /// Without a fetcher, the summary.
    pub fn to_article(&self, fetcher: Option<&Fetcher>, origin: String, max_bytes: usize) -> Item {
        let page = match (&self.link, fetcher) {
            (None, _) => Err("the item has no link".to_string()),
            (Some(_), None) => Err("page not fetched (fetching is off)".to_string()),
            (Some(link), Some(f)) => self.read_page(f, link, &origin),
        };
        let article = match page {
            Ok(a) => Ok(a),
            Err(warning) => self.summary_article(origin.clone(), warning),
        };
        match article {
            Ok(a) => match crate::reader::check_text(&a.text, max_bytes) {
                None => Item::Article(a),
                Some(reason) => Item::Rejected(Rejection { origin, reason }),
            },
            Err(reason) => Item::Rejected(Rejection { origin, reason }),
        }
    }

    fn read_page(&self, fetcher: &Fetcher, link: &str, origin: &str) -> Result<Article, String> {
        let page = fetcher
            .fetch(link)
            .map_err(|e| format!("page not fetched ({e})"))?;
        if let Some(ct) = &page.content_type {
            let ct = ct.to_ascii_lowercase();
            if !(ct.contains("html") || ct.starts_with("text/")) {
                return Err(format!("page not used ({link} is {ct}, not HTML)"));
            }
        }
        let html = decode(&page.body, page.content_type.as_deref());
        let mut web =
            read_html(&html, Some(link)).map_err(|e| format!("page not used ({link}: {e})"))?;
        if web.title.is_none() {
            web.title = self.title.clone();
        }
        if web.published.is_none() {
            web.published = self.published.clone();
        }
        if web.lang.is_none() {
            web.lang = self.lang.clone();
        }
        Ok(web.into_article(self.id(), origin.to_string()))
    }
}
