//! WARC files (`.warc`, `.warc.gz`): each HTML response record becomes an
//! article with the record's address (`WARC-Target-URI`) and, when the
//! page gives no publication date, the capture date (`WARC-Date`).
//!
//! The parser reads one record at a time: a `WARC/1.x` line, header lines
//! up to a blank line, then exactly `Content-Length` bytes. Records that
//! are not HTML pages (requests, metadata, images, redirects) are skipped.
//! A truncated or malformed file ends with one rejection that says where.

use std::io::{self, BufRead, Read};

use crate::html::{decode, read_html};
use crate::{Item, Rejection};

/// The longest header line or header block accepted.
const MAX_HEADER: usize = 64 * 1024;

/// Reads the records of one WARC stream.
pub struct WarcRecords {
    name: String,
    reader: Box<dyn BufRead>,
    /// Bytes consumed so far (of the decompressed stream).
    offset: u64,
    /// Records read so far.
    records: usize,
    /// The largest record content read, in bytes.
    max_record: u64,
    max_bytes: usize,
    done: bool,
}

/// One record's head.
struct Head {
    start: u64,
    fields: Vec<(String, String)>,
    length: u64,
}

impl Head {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl WarcRecords {
    /// Records of `reader` (already decompressed), named `name` in messages;
    /// pages whose text exceeds `max_bytes` are rejected, records over four
    /// times that are skipped unread with a rejection.
    pub fn new(name: String, reader: Box<dyn BufRead>, max_bytes: usize) -> WarcRecords {
        WarcRecords {
            name,
            reader,
            offset: 0,
            records: 0,
            max_record: (max_bytes as u64).saturating_mul(4),
            max_bytes,
            done: false,
        }
    }

    fn reject(&self, start: u64, reason: String) -> Item {
        Item::Rejected(Rejection {
            origin: format!("{}:record {} (byte {start})", self.name, self.records),
            reason,
        })
    }

    /// Fails the rest of the file.
    fn fatal(&mut self, start: u64, reason: String) -> Option<Item> {
        self.done = true;
        Some(self.reject(start, reason))
    }

    /// Reads one line (with its end), at most [`MAX_HEADER`] bytes.
    fn line(&mut self, buf: &mut Vec<u8>) -> io::Result<usize> {
        buf.clear();
        let n = (&mut self.reader)
            .take(MAX_HEADER as u64)
            .read_until(b'\n', buf)?;
        self.offset += n as u64;
        Ok(n)
    }

    /// The next record's head; `Ok(None)` at a clean end of file.
    fn head(&mut self) -> Result<Option<Head>, (u64, String)> {
        let mut buf = Vec::new();
        // Records are separated by blank lines.
        let start = loop {
            let start = self.offset;
            let n = self.line(&mut buf).map_err(|e| (start, read_error(&e)))?;
            if n == 0 {
                return Ok(None);
            }
            if !buf.iter().all(u8::is_ascii_whitespace) {
                break start;
            }
        };
        self.records += 1;
        let complete = buf.last() == Some(&b'\n');
        if !complete && (buf.starts_with(b"WARC/") || b"WARC/".starts_with(&buf)) {
            return Err((
                start,
                "truncated WARC file: the input ends within a record's first line".into(),
            ));
        }
        if !buf.starts_with(b"WARC/") {
            let shown = String::from_utf8_lossy(&buf[..buf.len().min(40)]).into_owned();
            return Err((
                start,
                format!("not a WARC record: expected a \"WARC/1.x\" line, found {shown:?}"),
            ));
        }
        let mut fields = Vec::new();
        let mut total = 0;
        loop {
            let n = self.line(&mut buf).map_err(|e| (start, read_error(&e)))?;
            total += n;
            if n == 0 {
                return Err((
                    start,
                    "truncated WARC file: the record's headers end before a blank line".into(),
                ));
            }
            if buf.last() != Some(&b'\n') && n < MAX_HEADER {
                return Err((
                    start,
                    "truncated WARC file: the input ends within the record's headers".into(),
                ));
            }
            if total > MAX_HEADER || buf.last() != Some(&b'\n') {
                return Err((start, "WARC record headers too long (over 64 KiB)".into()));
            }
            let line = String::from_utf8_lossy(&buf);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                fields.push((k.trim().to_string(), v.trim().to_string()));
            } else if let (Some(last), true) = (fields.last_mut(), line.starts_with([' ', '\t'])) {
                // A folded header line continues the previous one.
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        }
        let length = fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
            .ok_or((start, "WARC record without Content-Length".to_string()))?
            .1
            .parse::<u64>()
            .map_err(|_| {
                (
                    start,
                    "WARC record with an unreadable Content-Length".to_string(),
                )
            })?;
        Ok(Some(Head {
            start,
            fields,
            length,
        }))
    }

    /// Reads the record's content, or skips it (`keep` false).
    fn content(&mut self, head: &Head, keep: bool) -> Result<Vec<u8>, (u64, String)> {
        let mut body = Vec::new();
        let got = if keep {
            (&mut self.reader)
                .take(head.length)
                .read_to_end(&mut body)
                .map_err(|e| (head.start, read_error(&e)))? as u64
        } else {
            io::copy(&mut (&mut self.reader).take(head.length), &mut io::sink())
                .map_err(|e| (head.start, read_error(&e)))?
        };
        self.offset += got;
        if got < head.length {
            return Err((
                head.start,
                format!(
                    "truncated WARC file: the record announces {} bytes of content, only {got} are there",
                    head.length
                ),
            ));
        }
        Ok(body)
    }
}

fn read_error(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::UnexpectedEof => "truncated or corrupt compressed WARC file".into(),
        _ => format!("read error (corrupt compressed file?): {e}"),
    }
}

impl Iterator for WarcRecords {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            let head = match self.head() {
                Ok(Some(h)) => h,
                Ok(None) => {
                    self.done = true;
                    if self.records == 0 {
                        return Some(self.reject(0, "empty WARC file".into()));
                    }
                    return None;
                }
                Err((start, reason)) => return self.fatal(start, reason),
            };
            let ty = head.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
            let wanted = match ty.as_str() {
                "response" => head
                    .get("Content-Type")
                    .is_some_and(|c| c.to_ascii_lowercase().starts_with("application/http")),
                "resource" => head.get("Content-Type").is_some_and(is_html_type),
                _ => false,
            };
            let too_big = wanted && head.length > self.max_record;
            let body = match self.content(&head, wanted && !too_big) {
                Ok(b) => b,
                Err((start, reason)) => return self.fatal(start, reason),
            };
            let uri = head
                .get("WARC-Target-URI")
                .unwrap_or("")
                .trim_matches(['<', '>'])
                .to_string();
            if too_big {
                return Some(self.reject(
                    head.start,
                    format!(
                        "WARC record for {uri} of {} bytes exceeds the limit of {} bytes (4 × --max-bytes)",
                        head.length, self.max_record
                    ),
                ));
            }
            if !wanted {
                continue;
            }
            let page = if ty == "response" {
                match http_response(&body) {
                    Some(p) => p,
                    None => continue,
                }
            } else {
                HttpBody {
                    content_type: head.get("Content-Type").map(str::to_string),
                    body,
                }
            };
            if !page.content_type.as_deref().is_some_and(is_html_type) {
                continue;
            }
            let html = decode(&page.body, page.content_type.as_deref());
            let url = (!uri.is_empty()).then_some(uri.as_str());
            return Some(match read_html(&html, url) {
                Err(reason) => self.reject(head.start, format!("{uri}: {reason}")),
                Ok(mut web) => {
                    if web.published.is_none() {
                        web.published = head.get("WARC-Date").map(str::to_string);
                    }
                    let id = if uri.is_empty() {
                        head.get("WARC-Record-ID")
                            .unwrap_or("")
                            .trim_matches(['<', '>'])
                            .to_string()
                    } else {
                        uri.clone()
                    };
                    let origin = format!("{}:record {}", self.name, self.records);
                    let article = web.into_article(id, origin.clone());
                    match crate::reader::check_text(&article.text, self.max_bytes) {
                        Some(reason) => Item::Rejected(Rejection { origin, reason }),
                        None => Item::Article(article),
                    }
                }
            });
        }
        None
    }
}

fn is_html_type(content_type: &str) -> bool {
    let t = content_type.trim().to_ascii_lowercase();
    t.starts_with("text/html") || t.starts_with("application/xhtml")
}

/// A 2xx HTTP response's content type and decoded body.
struct HttpBody {
    content_type: Option<String>,
    body: Vec<u8>,
}

/// Splits a recorded HTTP response; `None` unless it is a 2xx.
fn http_response(raw: &[u8]) -> Option<HttpBody> {
    let (head_end, sep) = find(raw, b"\r\n\r\n")
        .map(|p| (p, 4))
        .or_else(|| find(raw, b"\n\n").map(|p| (p, 2)))?;
    let head = String::from_utf8_lossy(&raw[..head_end]);
    let mut lines = head.lines();
    let status: u16 = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    if !(200..300).contains(&status) {
        return None;
    }
    let mut content_type = None;
    let mut chunked = false;
    let mut encoding = String::new();
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim();
        match k.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = Some(v.to_string()),
            "transfer-encoding" => chunked = v.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => encoding = v.to_ascii_lowercase(),
            _ => {}
        }
    }
    let mut body = raw[head_end + sep..].to_vec();
    if chunked {
        body = dechunk(&body).unwrap_or(body);
    }
    if encoding.contains("gzip") {
        let mut out = Vec::new();
        if flate2::read::MultiGzDecoder::new(&body[..])
            .read_to_end(&mut out)
            .is_ok()
        {
            body = out;
        }
    } else if encoding.contains("deflate") {
        let mut out = Vec::new();
        if flate2::read::ZlibDecoder::new(&body[..])
            .read_to_end(&mut out)
            .is_ok()
        {
            body = out;
        }
    }
    Some(HttpBody { content_type, body })
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Undoes HTTP chunked transfer encoding; `None` when malformed.
fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let eol = find(raw, b"\r\n")?;
        let size_text = std::str::from_utf8(&raw[..eol]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        raw = &raw[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(raw.get(..size)?);
        raw = raw.get(size..)?;
        raw = raw.strip_prefix(b"\r\n").unwrap_or(raw);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5;x=1\r\npedia\r\n0\r\n\r\n").unwrap(),
            b"Wikipedia"
        );
        assert!(dechunk(b"zz\r\n").is_none());
    }

    #[test]
    fn garbage_is_one_rejection() {
        let items: Vec<Item> =
            WarcRecords::new("x".into(), Box::new(&b"hello\nworld\n"[..]), 1000).collect();
        assert_eq!(items.len(), 1);
        assert!(
            matches!(&items[0], Item::Rejected(r) if r.reason.starts_with("not a WARC record"))
        );
    }
}
