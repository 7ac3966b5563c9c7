//! Web pages: the article's main text (reader view, `dom_smoothie`), its
//! title, publication date, language and outlet from the page's metadata.

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability, TextMode};
use serde_json::Value;

use crate::Article;

/// What was read from one page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WebPage {
    /// The headline.
    pub title: Option<String>,
    /// The main text, paragraphs separated by blank lines, without the title.
    pub body: String,
    /// The publication date as the page gives it.
    pub published: Option<String>,
    /// `<html lang>`.
    pub lang: Option<String>,
    /// `og:site_name`, JSON-LD publisher, else the address's host.
    pub outlet: Option<String>,
    /// The page's address: the one it was fetched from, else its canonical link.
    pub url: Option<String>,
}

impl WebPage {
    /// The article text: the title as a headline, a blank line, the body.
    pub fn text(&self) -> String {
        match &self.title {
            Some(t) if !t.is_empty() && !self.body.starts_with(t.as_str()) => {
                format!("{t}\n\n{}", self.body)
            }
            _ => self.body.clone(),
        }
    }

    /// An article with this id and origin.
    pub fn into_article(self, id: String, origin: String) -> Article {
        Article {
            id,
            text: self.text(),
            published: self.published,
            lang: self.lang,
            url: self.url,
            outlet: self.outlet,
            origin,
            warnings: Vec::new(),
            title: self.title,
            made_text: true,
        }
    }
}

/// Elements that are never the article.
const NEVER: &str = "script, style, noscript, template, iframe, svg, form, button, nav, aside, \
     footer, dialog, [role=navigation], [role=complementary], [role=banner], [role=contentinfo], \
     [role=dialog], [aria-hidden=true], [hidden]";

/// Class or id words that mark boilerplate blocks.
const BOILERPLATE_WORDS: &[&str] = &[
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "share",
    "sharing",
    "social",
    "related",
    "comment",
    "comments",
    "newsletter",
    "subscribe",
    "promo",
    "breadcrumb",
    "breadcrumbs",
    "menu",
    "sidebar",
    "outbrain",
    "taboola",
    "advert",
    "ad",
    "ads",
    "recommended",
    "most-read",
    "tags",
];

/// Reads a page. `url` is where it came from, if known (used to resolve
/// the outlet when the page names none).
pub fn read_html(html: &str, url: Option<&str>) -> Result<WebPage, String> {
    let doc = Document::from(html);
    let mut page = WebPage {
        lang: doc
            .select("html")
            .attr("lang")
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty()),
        ..WebPage::default()
    };
    let head = Head::read(&doc);
    page.published = head.published(&doc);
    page.url = url.map(str::to_string).or_else(|| head.canonical(&doc));
    page.outlet = head
        .outlet()
        .or_else(|| page.url.as_deref().and_then(host_of));
    let meta_title = head.title();
    strip_boilerplate(&doc);
    let h1 = doc
        .select("h1")
        .iter()
        .next()
        .map(|h| clean_line(&h.text()))
        .filter(|t| !t.is_empty());
    let base = page.url.as_deref().filter(|u| is_absolute(u));
    let parsed = reader_view(doc, base)?;
    page.body = tidy(&parsed.text_content);
    let title = h1
        .or(meta_title)
        .or_else(|| Some(clean_line(&parsed.title)))
        .filter(|t| !t.is_empty());
    // The body often repeats the headline as its first line.
    if let Some(t) = &title {
        if let Some(rest) = page.body.strip_prefix(t.as_str()) {
            page.body = rest.trim_start().to_string();
        }
    }
    page.title = title;
    if page.published.is_none() {
        page.published = parsed.published_time.filter(|s| !s.is_empty());
    }
    if page.body.trim().is_empty() {
        return Err("no article text found in the page".into());
    }
    Ok(page)
}

/// The page's main text in reader view (Readability).
fn reader_view(doc: Document, base: Option<&str>) -> Result<dom_smoothie::Article, String> {
    let config = Config {
        text_mode: TextMode::Formatted,
        char_threshold: 200,
        ..Config::default()
    };
    let mut readability = Readability::with_document(doc, base, Some(config))
        .map_err(|e| format!("cannot read the page: {e}"))?;
    readability
        .parse()
        .map_err(|e| format!("no article text found in the page ({e})"))
}

/// What a page says of itself in its head: `<meta>` tags and JSON-LD.
struct Head {
    metas: Vec<(String, String)>,
    ld: Vec<Value>,
}

impl Head {
    fn read(doc: &Document) -> Head {
        Head {
            metas: metas(doc),
            ld: json_ld(doc),
        }
    }

    /// The first non-empty `<meta>` among `keys`, in their order.
    fn meta(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| {
            self.metas
                .iter()
                .find(|(name, value)| name == k && !value.is_empty())
                .map(|(_, v)| v.clone())
        })
    }

    /// The publication date: Open Graph, JSON-LD, Dublin Core and the
    /// usual others, else a `<time datetime>`.
    fn published(&self, doc: &Document) -> Option<String> {
        self.meta(&[
            "article:published_time",
            "og:published_time",
            "og:article:published_time",
            "datepublished",
        ])
        .or_else(|| self.ld.iter().find_map(|v| find_key(v, "datePublished")))
        .or_else(|| {
            self.meta(&[
                "dc.date",
                "dc.date.issued",
                "dcterms.issued",
                "dcterms.created",
                "dcterms.date",
                "dc.date.created",
                "pubdate",
                "publishdate",
                "publish-date",
                "date",
                "sailthru.date",
                "parsely-pub-date",
            ])
        })
        .or_else(|| time_element(doc))
    }

    /// The canonical address, when absolute.
    fn canonical(&self, doc: &Document) -> Option<String> {
        doc.select("link[rel=canonical]")
            .attr("href")
            .map(|s| s.to_string())
            .or_else(|| self.meta(&["og:url"]))
            .filter(|u| is_absolute(u))
    }

    /// The outlet: the site's name, else the JSON-LD publisher's.
    fn outlet(&self) -> Option<String> {
        self.meta(&["og:site_name", "application-name"])
            .or_else(|| {
                self.ld.iter().find_map(|v| {
                    find_value(v, "publisher").and_then(|p| match p {
                        Value::Object(o) => {
                            o.get("name").and_then(Value::as_str).map(str::to_string)
                        }
                        Value::String(s) => Some(s.clone()),
                        _ => None,
                    })
                })
            })
    }

    /// The headline the head gives.
    fn title(&self) -> Option<String> {
        self.meta(&["og:title", "twitter:title"]).or_else(|| {
            self.ld
                .iter()
                .find_map(|v| find_key(v, "headline"))
                .filter(|s| !s.is_empty())
        })
    }
}

/// `(name, content)` of every `<meta>`, the name lowercased (from `property`,
/// `name` or `itemprop`).
fn metas(doc: &Document) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for node in doc.select("meta").nodes() {
        let Some(content) = node.attr("content").or_else(|| node.attr("datetime")) else {
            continue;
        };
        for attr in ["property", "name", "itemprop"] {
            if let Some(name) = node.attr(attr) {
                out.push((name.trim().to_ascii_lowercase(), content.trim().to_string()));
            }
        }
    }
    out
}

/// Every JSON-LD block of the page that parses.
fn json_ld(doc: &Document) -> Vec<Value> {
    doc.select("script[type='application/ld+json']")
        .nodes()
        .iter()
        .filter_map(|n| serde_json::from_str(n.text().trim()).ok())
        .collect()
}

/// The first value under `key` anywhere in `v`.
fn find_value<'v>(v: &'v Value, key: &str) -> Option<&'v Value> {
    match v {
        Value::Object(map) => map
            .get(key)
            .or_else(|| map.values().find_map(|x| find_value(x, key))),
        Value::Array(items) => items.iter().find_map(|x| find_value(x, key)),
        _ => None,
    }
}

fn find_key(v: &Value, key: &str) -> Option<String> {
    match find_value(v, key)? {
        Value::String(s) => Some(s.trim().to_string()),
        Value::Array(a) => a.first().and_then(Value::as_str).map(str::to_string),
        _ => None,
    }
}

/// A `<time datetime>`: one marked as the publication date, else the first
/// in the article, else the first of the page.
fn time_element(doc: &Document) -> Option<String> {
    for sel in [
        "time[pubdate][datetime], [itemprop=datePublished][datetime]",
        "article time[datetime]",
        "time[datetime]",
    ] {
        if let Some(v) = doc.select(sel).attr("datetime") {
            let v = v.trim().to_string();
            if !v.is_empty() {
                return Some(v);
            }
        }
    }
    None
}

fn is_boilerplate(node: &NodeRef) -> bool {
    let name = node.node_name().map(|n| n.to_ascii_lowercase());
    if matches!(
        name.as_deref(),
        Some("html" | "body" | "main" | "article" | "h1")
    ) {
        return false;
    }
    let marked = ["class", "id"].iter().any(|attr| {
        node.attr(attr).is_some_and(|v| {
            v.to_ascii_lowercase()
                .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
                .any(|w| BOILERPLATE_WORDS.contains(&w))
        })
    });
    // A block that holds the headline or the article body is not
    // boilerplate whatever its class says.
    marked
        && node
            .select("h1, article, [itemprop=articleBody]")
            .is_empty()
}

/// Removes what is never the article: navigation, forms, asides, footers,
/// and blocks whose class or id says menu, share, related, comments,
/// cookies...
fn strip_boilerplate(doc: &Document) {
    doc.select(NEVER).remove();
    let marked: Vec<NodeRef> = doc
        .select("body *")
        .nodes()
        .iter()
        .filter(|n| is_boilerplate(n))
        .copied()
        .collect();
    for node in marked {
        node.remove_from_parent();
    }
    // Headers hold menus and logos; keep one only when it has the headline.
    for node in doc.select("header").nodes() {
        if !node.is("article header") || node.select("h1").is_empty() {
            node.remove_from_parent();
        }
    }
}

trait SelectIn {
    fn select(&self, sel: &str) -> dom_query::Selection<'_>;
}

impl SelectIn for NodeRef<'_> {
    fn select(&self, sel: &str) -> dom_query::Selection<'_> {
        dom_query::Selection::from(*self).select(sel)
    }
}

/// One line, spaces collapsed.
fn clean_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Spaces collapsed within lines, at most one blank line between
/// paragraphs, no blank line at either end.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = clean_line(line);
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(&line);
    }
    out
}

fn is_absolute(url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
}

/// The host of an address, without a leading `www.`.
pub(crate) fn host_of(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    let host = u.host_str()?;
    Some(host.strip_prefix("www.").unwrap_or(host).to_string())
}

/// HTML (a feed's summary) as plain text, paragraphs on their own lines.
pub fn html_to_text(fragment: &str) -> String {
    if !fragment.contains('<') && !fragment.contains('&') {
        return tidy(fragment);
    }
    let doc = Document::fragment(fragment);
    doc.select("script, style").remove();
    tidy(&doc.formatted_text())
}

/// Bytes of a page as text: the charset of the `Content-Type` header, else
/// of a `<meta charset>` near the start, else UTF-8 if valid, else
/// Windows-1252.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> String {
    let label = content_type
        .and_then(charset_in)
        .or_else(|| {
            let head =
                String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
            charset_in(&head)
        })
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()));
    let encoding = match label {
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8,
        None => encoding_rs::WINDOWS_1252,
    };
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

fn charset_in(s: &str) -> Option<String> {
    let lower = s.to_ascii_lowercase();
    let at = lower.find("charset=")? + "charset=".len();
    let rest = lower[at..].trim_start_matches(['"', '\'', ' ']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| rest[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets() {
        assert_eq!(
            decode(b"caf\xe9", Some("text/html; charset=ISO-8859-1")),
            "café"
        );
        assert_eq!(
            decode(b"<meta charset=\"windows-1252\">\x93x\x94", None),
            "<meta charset=\"windows-1252\">\u{201c}x\u{201d}"
        );
        assert_eq!(decode("café".as_bytes(), None), "café");
        assert_eq!(decode(b"caf\xe9", None), "café");
    }

    #[test]
    fn summaries_lose_their_markup() {
        assert_eq!(
            html_to_text("<p>One &amp; two.</p><p>Three.</p>"),
            "One & two.\n\nThree."
        );
        assert_eq!(html_to_text("Plain  text"), "Plain text");
    }
}
