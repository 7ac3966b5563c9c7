//! Streaming readers for each input form.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::formats::{self, FetcherSlot, Opened};
use crate::{Article, Fetcher, Rejection};

/// The largest document accepted by default, in bytes of text (8 MiB).
pub const DEFAULT_MAX_BYTES: usize = 8 * 1024 * 1024;

/// One input the user named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// Standard input, read as JSON lines.
    Stdin,
    /// A file or a folder.
    Path(PathBuf),
}

impl Input {
    /// `-` is standard input; anything else a path.
    pub fn parse(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

/// What reading one document gave.
#[derive(Debug)]
pub enum Item {
    /// An article ready for extraction.
    Article(Article),
    /// A document that could not be read.
    Rejected(Rejection),
}

/// A source of JSON lines being read.
struct Lines {
    name: String,
    reader: Box<dyn BufRead>,
    line: usize,
}

/// Reads every named input in order, one document at a time.
pub struct Reader {
    pending: VecDeque<PathBuf>,
    inputs: VecDeque<Input>,
    current: Option<Lines>,
    max_bytes: usize,
    /// Documents of a file read as several (a feed, a WARC file).
    queued: Option<Box<dyn Iterator<Item = Item>>>,
    fetcher: FetcherSlot,
}

impl Reader {
    /// A reader over `inputs`, refusing documents over `max_bytes` of text.
    pub fn new(inputs: Vec<Input>, max_bytes: usize) -> Reader {
        Reader {
            pending: VecDeque::new(),
            inputs: inputs.into(),
            current: None,
            max_bytes,
            queued: None,
            fetcher: FetcherSlot::default(),
        }
    }

    /// Fetches feeds' linked pages with `fetcher`, or not at all (`None`:
    /// each item's summary is its article). By default a fetcher with the
    /// default settings is made when a feed is met, unless the environment
    /// has `DEPECHE_OFFLINE=1`.
    pub fn with_fetcher(mut self, fetcher: Option<Fetcher>) -> Reader {
        self.fetcher = FetcherSlot::given(fetcher);
        self
    }

    fn next_from_lines(&mut self) -> Option<Item> {
        let lines = self.current.as_mut()?;
        let mut buf = Vec::new();
        loop {
            buf.clear();
            lines.line += 1;
            let origin = format!("{}:{}", lines.name, lines.line);
            match read_line(&mut lines.reader, &mut buf, self.max_bytes) {
                Ok(LineRead::End) => {
                    self.current = None;
                    return None;
                }
                Ok(LineRead::TooLong(n)) => {
                    return Some(Item::Rejected(Rejection {
                        origin,
                        reason: format!(
                            "line of {n} bytes or more exceeds the limit of {} bytes (--max-bytes)",
                            self.max_bytes + 1024
                        ),
                    }))
                }
                Ok(LineRead::Line) => {}
                Err(e) => {
                    let name = lines.name.clone();
                    self.current = None;
                    return Some(Item::Rejected(Rejection {
                        origin: name,
                        reason: format!("read error: {e}"),
                    }));
                }
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let stem = stem_of(&lines.name);
            return Some(parse_json_line(
                &buf,
                origin,
                &stem,
                lines.line,
                self.max_bytes,
            ));
        }
    }
}

impl Iterator for Reader {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(queued) = self.queued.as_mut() {
                match queued.next() {
                    Some(item) => return Some(item),
                    None => self.queued = None,
                }
            }
            if self.current.is_some() {
                if let Some(item) = self.next_from_lines() {
                    return Some(item);
                }
                continue;
            }
            if let Some(path) = self.pending.pop_front() {
                if let Some(item) = self.open_file(path) {
                    return Some(item);
                }
                continue;
            }
            match self.inputs.pop_front()? {
                Input::Stdin => {
                    self.current = Some(Lines {
                        name: "<stdin>".into(),
                        reader: Box::new(BufReader::new(io::stdin())),
                        line: 0,
                    })
                }
                Input::Path(path) => {
                    if path.is_dir() {
                        match list_folder(&path) {
                            Ok(files) if files.is_empty() => {
                                return Some(Item::Rejected(Rejection {
                                    origin: path.display().to_string(),
                                    reason: format!(
                                        "no article file in this folder (looked for {})",
                                        INPUT_KINDS
                                    ),
                                }))
                            }
                            Ok(files) => self.pending.extend(files),
                            Err(e) => {
                                return Some(Item::Rejected(Rejection {
                                    origin: path.display().to_string(),
                                    reason: format!("cannot list folder: {e}"),
                                }))
                            }
                        }
                    } else if let Some(item) = self.open_file(path) {
                        return Some(item);
                    }
                }
            }
        }
    }
}

impl Reader {
    /// Opens a file: a `.txt` is one article; a page, a feed or a WARC file
    /// (by extension or content) goes to its reader; anything else is JSON
    /// lines.
    fn open_file(&mut self, path: PathBuf) -> Option<Item> {
        let name = path.display().to_string();
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) => {
                return Some(Item::Rejected(Rejection {
                    origin: name,
                    reason: format!("cannot open: {e}"),
                }))
            }
        };
        if is_text_file(&path) {
            return Some(read_text_file(file, &path, self.max_bytes));
        }
        let reader = match formats::open(&path, file, self.max_bytes, &mut self.fetcher) {
            Opened::Other(reader) => reader,
            Opened::One(item) => return Some(*item),
            Opened::Many(items) => {
                self.queued = Some(items);
                return None;
            }
        };
        self.current = Some(Lines {
            name,
            reader,
            line: 0,
        });
        None
    }
}

fn is_text_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

/// The files a folder is searched for, as users name them.
const INPUT_KINDS: &str =
    ".jsonl, .ndjson, .json, .txt, .html, .htm, .xml, .rss, .atom, .warc, .warc.gz";

fn is_input_file(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("txt" | "jsonl" | "ndjson" | "json")
    ) || formats::is_web_input(path)
}

/// The input files of a folder and its subfolders, sorted by path.
fn list_folder(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if is_input_file(&path) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn stem_of(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "stdin".into())
}

enum LineRead {
    Line,
    End,
    TooLong(usize),
}

/// Reads one line into `buf`; a line longer than the limit (plus room for
/// the JSON fields around the text) is skipped to its end and reported.
fn read_line(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    max_bytes: usize,
) -> io::Result<LineRead> {
    let limit = max_bytes + 1024;
    let n = reader.take(limit as u64 + 1).read_until(b'\n', buf)?;
    if n == 0 {
        return Ok(LineRead::End);
    }
    if buf.len() > limit && buf.last() != Some(&b'\n') {
        let mut skipped = buf.len();
        loop {
            let chunk = reader.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            match chunk.iter().position(|&b| b == b'\n') {
                Some(p) => {
                    reader.consume(p + 1);
                    skipped += p;
                    break;
                }
                None => {
                    let len = chunk.len();
                    reader.consume(len);
                    skipped += len;
                }
            }
        }
        buf.clear();
        return Ok(LineRead::TooLong(skipped));
    }
    Ok(LineRead::Line)
}

/// The fields of a JSON line that depeche reads, deserialised directly: the
/// usual line, without a map of all its fields. Lines this cannot read
/// (not an object, a field twice) go through a [`Value`] instead, for the
/// same result and a precise reason.
#[derive(serde::Deserialize)]
struct Fields {
    text: Option<Value>,
    id: Option<Value>,
    published: Option<Value>,
    lang: Option<Value>,
    url: Option<Value>,
    outlet: Option<Value>,
}

impl Fields {
    /// The fields of a line: directly when it is an object, else through a
    /// [`Value`]; the reason it is refused otherwise.
    fn of(line: &str) -> Result<Fields, String> {
        if line.trim_start().starts_with('{') {
            if let Ok(fields) = serde_json::from_str(line) {
                return Ok(fields);
            }
        }
        let value: Value =
            serde_json::from_str(line).map_err(|e| format!("malformed JSON: {e}"))?;
        let Value::Object(mut obj) = value else {
            return Err(format!("expected a JSON object, found {}", kind_of(&value)));
        };
        let mut take = |field: &str| obj.remove(field);
        Ok(Fields {
            text: take("text"),
            id: take("id"),
            published: take("published"),
            lang: take("lang"),
            url: take("url"),
            outlet: take("outlet"),
        })
    }
}

fn optional_string(value: Option<Value>, field: &str) -> Result<Option<String>, String> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(Value::Number(n)) if field == "id" => Ok(Some(n.to_string())),
        Some(other) => Err(format!(
            "field {field:?} must be a string, found {}",
            kind_of(&other)
        )),
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Turns one JSON line into an article or a rejection.
fn parse_json_line(buf: &[u8], origin: String, stem: &str, line: usize, max_bytes: usize) -> Item {
    let reject = |reason: String| {
        Item::Rejected(Rejection {
            origin: origin.clone(),
            reason,
        })
    };
    let line_text = match std::str::from_utf8(buf) {
        Ok(s) => s,
        Err(e) => return reject(format!("invalid UTF-8 at byte {}", e.valid_up_to())),
    };
    let fields = match Fields::of(line_text.trim_start_matches('\u{feff}')) {
        Ok(fields) => fields,
        Err(reason) => return reject(reason),
    };
    let text = match fields.text {
        Some(Value::String(s)) => s,
        None | Some(Value::Null) => return reject("missing field \"text\"".into()),
        Some(other) => {
            return reject(format!(
                "field \"text\" must be a string, found {}",
                kind_of(&other)
            ))
        }
    };
    let mut strings = Vec::new();
    for (field, value) in [
        ("id", fields.id),
        ("published", fields.published),
        ("lang", fields.lang),
        ("url", fields.url),
        ("outlet", fields.outlet),
    ] {
        match optional_string(value, field) {
            Ok(v) => strings.push(v),
            Err(reason) => return reject(reason),
        }
    }
    let [id, published, lang, url, outlet]: [Option<String>; 5] =
        strings.try_into().expect("five fields");
    let mut warnings = Vec::new();
    let id = match id.filter(|s| !s.trim().is_empty()) {
        Some(id) => id,
        None => {
            let made = format!("{stem}-{line}");
            warnings.push(format!("no \"id\": using {made:?}"));
            made
        }
    };
    match check_text(&text, max_bytes) {
        Some(reason) => reject(reason),
        None => Item::Article(Article {
            id,
            text,
            published,
            lang,
            url,
            outlet,
            origin,
            warnings,
            ..Article::default()
        }),
    }
}

pub(crate) fn check_text(text: &str, max_bytes: usize) -> Option<String> {
    if text.trim().is_empty() {
        Some("empty text".into())
    } else if text.len() > max_bytes {
        Some(format!(
            "text of {} bytes exceeds the limit of {max_bytes} bytes (--max-bytes)",
            text.len()
        ))
    } else {
        None
    }
}

fn read_text_file(file: File, path: &Path, max_bytes: usize) -> Item {
    let origin = path.display().to_string();
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    if size > max_bytes as u64 {
        return Item::Rejected(Rejection {
            origin,
            reason: format!(
                "text of {size} bytes exceeds the limit of {max_bytes} bytes (--max-bytes)"
            ),
        });
    }
    let mut bytes = Vec::new();
    if let Err(e) = file.take(max_bytes as u64 + 1).read_to_end(&mut bytes) {
        return Item::Rejected(Rejection {
            origin,
            reason: format!("read error: {e}"),
        });
    }
    let reason = match String::from_utf8(bytes) {
        Err(e) => Some(format!(
            "invalid UTF-8 at byte {}",
            e.utf8_error().valid_up_to()
        )),
        Ok(text) => match check_text(&text, max_bytes) {
            Some(reason) => Some(reason),
            None => {
                return Item::Article(Article {
                    id: stem_of(&origin),
                    text,
                    origin,
                    ..Article::default()
                })
            }
        },
    };
    Item::Rejected(Rejection {
        origin,
        reason: reason.unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("depeche-ingest-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn read_all(inputs: Vec<Input>, max: usize) -> Vec<Item> {
        Reader::new(inputs, max).collect()
    }

    #[test]
    fn bad_lines_are_rejected_and_the_rest_goes_on() {
        let dir = temp_dir("bad");
        let path = dir.join("in.jsonl");
        let mut f = File::create(&path).unwrap();
        f.write_all(b"{\"id\":\"a\",\"text\":\"Un texte.\"}\n")
            .unwrap();
        f.write_all(b"{not json}\n").unwrap();
        f.write_all(b"{\"id\":\"c\"}\n").unwrap();
        f.write_all(b"{\"id\":\"d\",\"text\":42}\n").unwrap();
        f.write_all(b"{\"id\":\"e\",\"text\":\"caf\xff\"}\n")
            .unwrap();
        f.write_all(b"\n[1,2]\n").unwrap();
        f.write_all(b"{\"id\":\"g\",\"text\":\"   \"}\n").unwrap();
        f.write_all(b"{\"text\":\"Sans identifiant.\",\"published\":null}\n")
            .unwrap();
        drop(f);
        let items = read_all(vec![Input::Path(path)], DEFAULT_MAX_BYTES);
        let summary: Vec<String> = items
            .iter()
            .map(|i| match i {
                Item::Article(a) => format!("ok {}", a.id),
                Item::Rejected(r) => {
                    format!("{} {}", r.origin.rsplit(':').next().unwrap(), r.reason)
                }
            })
            .collect();
        assert_eq!(summary[0], "ok a");
        assert!(summary[1].starts_with("2 malformed JSON"), "{}", summary[1]);
        assert_eq!(summary[2], "3 missing field \"text\"");
        assert_eq!(
            summary[3],
            "4 field \"text\" must be a string, found a number"
        );
        assert_eq!(summary[4], "5 invalid UTF-8 at byte 21");
        assert_eq!(summary[5], "7 expected a JSON object, found an array");
        assert_eq!(summary[6], "8 empty text");
        assert_eq!(summary[7], "ok in-9");
        assert_eq!(items.len(), 8);
    }

    /// Lines the direct reading of the fields cannot take read as before.
    #[test]
    fn repeated_fields_arrays_and_numeric_ids_read_as_json_values_do() {
        let dir = temp_dir("fields");
        let path = dir.join("in.jsonl");
        let lines = [
            r#"{"id":"dup","text":"Le premier.","text":"Le second."}"#,
            r#"["t","i","p","l","u","o"]"#,
            r#"{"id":7,"text":"Un identifiant en nombre.","extra":{"a":[1]}}"#,
            r#"{"id":"n","text":"Texte.","lang":5}"#,
        ];
        std::fs::write(&path, lines.join("\n")).unwrap();
        let items = read_all(vec![Input::Path(path)], DEFAULT_MAX_BYTES);
        let summary: Vec<String> = items
            .iter()
            .map(|i| match i {
                Item::Article(a) => format!("ok {} {}", a.id, a.text),
                Item::Rejected(r) => r.reason.clone(),
            })
            .collect();
        assert_eq!(
            summary,
            [
                "ok dup Le second.",
                "expected a JSON object, found an array",
                "ok 7 Un identifiant en nombre.",
                "field \"lang\" must be a string, found a number",
            ]
        );
    }

    #[test]
    fn oversized_line_is_rejected_without_losing_the_next() {
        let dir = temp_dir("big");
        let path = dir.join("in.jsonl");
        let big = "x".repeat(5000);
        std::fs::write(
            &path,
            format!(
                "{{\"id\":\"big\",\"text\":\"{big}\"}}\n{{\"id\":\"small\",\"text\":\"ok\"}}\n"
            ),
        )
        .unwrap();
        let items = read_all(vec![Input::Path(path.clone())], 100);
        assert!(matches!(&items[0], Item::Rejected(r) if r.reason.contains("exceeds")));
        assert!(matches!(&items[1], Item::Article(a) if a.id == "small"));
        // Within the line allowance but over the text limit.
        let items = read_all(vec![Input::Path(path)], 4000);
        assert!(
            matches!(&items[0], Item::Rejected(r) if r.reason.starts_with("text of 5000 bytes"))
        );
    }

    #[test]
    fn folders_and_text_files() {
        let dir = temp_dir("folder");
        std::fs::write(dir.join("b.txt"), "Deuxième article.").unwrap();
        std::fs::write(
            dir.join("a.jsonl"),
            "{\"id\":\"x1\",\"text\":\"Premier.\"}\n",
        )
        .unwrap();
        std::fs::write(dir.join("notes.md"), "ignored").unwrap();
        std::fs::write(dir.join("c.txt"), b"\xff\xfe").unwrap();
        let items = read_all(vec![Input::Path(dir.clone())], DEFAULT_MAX_BYTES);
        assert_eq!(items.len(), 3);
        assert!(matches!(&items[0], Item::Article(a) if a.id == "x1"));
        assert!(
            matches!(&items[1], Item::Article(a) if a.id == "b" && a.text == "Deuxième article.")
        );
        assert!(matches!(&items[2], Item::Rejected(r) if r.reason.starts_with("invalid UTF-8")));
    }

    #[test]
    fn oversized_text_file_reports_its_real_size() {
        let dir = temp_dir("bigtxt");
        let path = dir.join("big.txt");
        std::fs::write(&path, "x".repeat(1000)).unwrap();
        let items = read_all(vec![Input::Path(path)], 10);
        assert!(
            matches!(&items[0], Item::Rejected(r) if r.reason == "text of 1000 bytes exceeds the limit of 10 bytes (--max-bytes)")
        );
    }

    #[test]
    fn missing_file_is_a_rejection() {
        let items = read_all(
            vec![Input::Path("/no/such/file.jsonl".into())],
            DEFAULT_MAX_BYTES,
        );
        assert!(matches!(&items[0], Item::Rejected(r) if r.reason.starts_with("cannot open")));
    }

    #[test]
    fn json_lines_without_an_extension_are_read_whole() {
        let dir = temp_dir("noext");
        let path = dir.join("articles");
        let line = "{\"id\":\"n\",\"text\":\"Un texte assez long pour compter.\"}\n";
        // More than one buffer's worth, so that the bytes looked at to
        // guess the form are read as lines too.
        std::fs::write(&path, line.repeat(3000)).unwrap();
        let items = read_all(vec![Input::Path(path)], DEFAULT_MAX_BYTES);
        assert_eq!(items.len(), 3000);
        assert!(items.iter().all(|i| matches!(i, Item::Article(_))));
    }

    #[test]
    fn a_binary_file_is_one_rejection() {
        let dir = temp_dir("binary");
        let bytes: Vec<u8> = (0..20_000u32).map(|i| (i * 7919 % 251) as u8).collect();
        for name in ["blob.bin", "blob"] {
            std::fs::write(dir.join(name), &bytes).unwrap();
            let items = read_all(vec![Input::Path(dir.join(name))], DEFAULT_MAX_BYTES);
            assert_eq!(items.len(), 1, "{name}");
            assert!(
                matches!(&items[0], Item::Rejected(r) if r.reason.starts_with("binary content")),
                "{name}"
            );
        }
    }

    #[test]
    fn a_folder_with_no_article_file_is_a_rejection_naming_it() {
        let dir = temp_dir("nofiles");
        std::fs::write(dir.join("photo.png"), b"\x89PNG").unwrap();
        let items = read_all(vec![Input::Path(dir.clone())], DEFAULT_MAX_BYTES);
        assert_eq!(items.len(), 1);
        assert!(matches!(&items[0], Item::Rejected(r)
            if r.origin == dir.display().to_string() && r.reason.starts_with("no article file")));
    }
}
