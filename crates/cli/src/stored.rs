//! The store commands: `ingest` fills the store; `entity`, `timeline`,
//! `events`, `search`, `stories` and `stats` query it; `export` writes it
//! out. Every command takes `--db PATH` (default: the user's data folder).

use std::fmt;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use clap::{Args, Parser, ValueEnum};
use depeche_extract::Record;
use depeche_ingest::{Article, Input, Item, Reader, DEFAULT_MAX_BYTES};
use depeche_store::export::{self, Format as ExportFormat};
use depeche_store::{
    Actor, DateBasis, EntityMatch, EventFilter, NewArticle, Source, SqliteStore, Store, Story,
    DEFAULT_BATCH,
};
use serde::Serialize;

use crate::story_text::{disagreement_lines, report_figures, story_figures};
use crate::table::{clip, count, Table};

/// Where the store is.
#[derive(Args, Clone)]
pub struct DbArg {
    /// The store file [default: $XDG_DATA_HOME/depeche/depeche.db, else
    /// ~/.local/share/depeche/depeche.db].
    #[arg(long, value_name = "PATH", global = true)]
    pub(crate) db: Option<PathBuf>,
}

/// A command that failed: the message and the exit status.
pub struct Fail {
    pub code: u8,
    pub message: String,
}

impl Fail {
    /// A usage or store error (exit status 2).
    pub(crate) fn usage(message: impl Into<String>) -> Fail {
        Fail {
            code: 2,
            message: message.into(),
        }
    }

    fn not_found(message: impl Into<String>) -> Fail {
        Fail {
            code: 1,
            message: message.into(),
        }
    }
}

impl From<depeche_store::Error> for Fail {
    fn from(e: depeche_store::Error) -> Self {
        Fail::usage(e.to_string())
    }
}

impl From<io::Error> for Fail {
    fn from(e: io::Error) -> Self {
        Fail::usage(e.to_string())
    }
}

impl From<serde_json::Error> for Fail {
    fn from(e: serde_json::Error) -> Self {
        Fail::usage(e.to_string())
    }
}

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The store file: `--db`, else under the user's data folder.
pub(crate) fn db_path(arg: &DbArg) -> Result<PathBuf, Fail> {
    if let Some(p) = &arg.db {
        return Ok(p.clone());
    }
    let xdg = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    let home = std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(|h| PathBuf::from(h).join(".local").join("share"));
    match xdg.or(home) {
        Some(dir) => Ok(dir.join("depeche").join("depeche.db")),
        None => Err(Fail::usage(
            "cannot tell where the user's data folder is (no XDG_DATA_HOME or HOME): give --db PATH",
        )),
    }
}

/// Opens the store for writing, saying so while another writer holds it:
/// ingest and import wait their turn rather than race.
pub(crate) fn open_writer(path: &Path) -> Result<SqliteStore, Fail> {
    Ok(SqliteStore::open_writer(path, &mut || {
        eprintln!(
            "depeche: another ingest is writing {}: waiting for it to finish",
            path.display()
        )
    })?)
}

fn open_existing(arg: &DbArg) -> Result<SqliteStore, Fail> {
    Ok(SqliteStore::open_existing(&db_path(arg)?)?)
}

#[derive(Parser)]
pub struct IngestArgs {
    /// Files or folders to read (as for `extract`); `-` reads JSON lines
    /// from standard input.
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<String>,
    #[command(flatten)]
    db: DbArg,
    /// Articles stored per transaction.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_BATCH, value_parser = positive)]
    batch: usize,
    /// Threads that extract [default: the number of CPUs, at most 8].
    #[arg(short, long, value_name = "N", value_parser = positive)]
    jobs: Option<usize>,
    /// Refuse documents whose text is longer than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: usize,
    /// Print nothing on standard error but rejections and errors.
    #[arg(short, long)]
    quiet: bool,
}

/// A batch size: a whole number above zero.
fn positive(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err("expected a whole number above zero".into()),
    }
}

/// What the writer thread of an ingest run did so far; the reading thread
/// shows it in the progress line.
#[derive(Default)]
struct Written {
    stored: AtomicUsize,
    present: AtomicUsize,
    events: AtomicUsize,
}

/// Extracts a batch on `jobs` threads, keeping the input order. Each
/// article is extracted on its own; the store settles people as it stores
/// them (see `depeche_store::people`), so the records do not depend on
/// `jobs`. The threads take a few articles at a time rather than a fixed
/// share, so that one slowed by the writer thread on its core does not
/// leave the others idle at the end of the batch.
fn extract_batch(batch: &[Article], jobs: usize) -> Vec<Record> {
    const STEP: usize = 4;
    let next = AtomicUsize::new(0);
    let workers = jobs.clamp(1, batch.len().div_ceil(STEP).max(1));
    let mut slots: Vec<Option<Record>> = Vec::with_capacity(batch.len());
    slots.resize_with(batch.len(), || None);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let start = next.fetch_add(STEP, Ordering::Relaxed);
                        if start >= batch.len() {
                            return done;
                        }
                        let part = &batch[start..(start + STEP).min(batch.len())];
                        done.extend(
                            part.iter()
                                .enumerate()
                                .map(|(i, a)| (start + i, depeche_extract::extract(a))),
                        );
                    }
                })
            })
            .collect();
        for handle in handles {
            for (i, record) in handle.join().expect("extraction never panics") {
                slots[i] = Some(record);
            }
        }
    });
    slots
        .into_iter()
        .map(|r| r.expect("every article is extracted"))
        .collect()
}

/// Articles paired with their records, as the store takes them.
pub(crate) fn new_articles<'a>(
    articles: &'a [Article],
    records: &'a [Record],
) -> Vec<NewArticle<'a>> {
    articles
        .iter()
        .zip(records)
        .map(|(article, record)| NewArticle {
            text: &article.text,
            record,
        })
        .collect()
}

/// Stores extracted batches as they come, one transaction each, until the
/// reading side hangs up.
fn write_batches(
    store: &mut SqliteStore,
    batches: mpsc::Receiver<(Vec<Article>, Vec<Record>)>,
    written: &Written,
) -> Result<(), Fail> {
    for (articles, records) in batches {
        let outcome = store.ingest(&new_articles(&articles, &records))?;
        written.stored.fetch_add(outcome.stored, Ordering::Relaxed);
        written
            .present
            .fetch_add(outcome.duplicates.len(), Ordering::Relaxed);
        written.events.fetch_add(outcome.events, Ordering::Relaxed);
    }
    Ok(())
}

/// What the reading side of an ingest run did.
#[derive(Default)]
struct Read {
    read: usize,
    known: usize,
    rejected: usize,
}

/// Reads the inputs, skips articles already stored, extracts the others a
/// batch at a time and hands each batch to the writer. Stops early when
/// the writer hangs up (it failed, and says why).
fn read_batches(
    args: &IngestArgs,
    jobs: usize,
    lookup: &SqliteStore,
    to_writer: mpsc::SyncSender<(Vec<Article>, Vec<Record>)>,
    written: &Written,
    tally: &mut Read,
) -> Result<(), Fail> {
    let inputs: Vec<Input> = args.inputs.iter().map(|s| Input::parse(s)).collect();
    if inputs.contains(&Input::Stdin) && io::stdin().is_terminal() && !args.quiet {
        eprintln!("depeche: reading JSON lines from standard input (Ctrl-D to end)");
    }
    let progress = !args.quiet && io::stderr().is_terminal();
    let mut last_report = Instant::now();
    let send = |pending: &mut Vec<Article>| -> bool {
        let articles = std::mem::take(pending);
        let records = extract_batch(&articles, jobs);
        to_writer.send((articles, records)).is_ok()
    };
    let mut pending: Vec<Article> = Vec::with_capacity(args.batch);
    for item in Reader::new(inputs, args.max_bytes) {
        match item {
            Item::Rejected(r) => {
                tally.rejected += 1;
                eprintln!("depeche: rejected {r}");
            }
            Item::Article(article) => {
                tally.read += 1;
                // Already stored: skip the extraction too.
                let dup =
                    lookup.find_duplicate(&article.id, article.url.as_deref(), &article.text)?;
                if dup.is_some() {
                    tally.known += 1;
                } else {
                    pending.push(article);
                    if pending.len() >= args.batch && !send(&mut pending) {
                        return Ok(());
                    }
                }
            }
        }
        if progress && last_report.elapsed() > Duration::from_millis(250) {
            last_report = Instant::now();
            eprint!(
                "\rdepeche: {} read, {} stored, {} already there, {} rejected…",
                tally.read,
                written.stored.load(Ordering::Relaxed),
                tally.known + written.present.load(Ordering::Relaxed),
                tally.rejected
            );
        }
    }
    if !pending.is_empty() {
        send(&mut pending);
    }
    Ok(())
}

/// Reads, extracts and stores; returns how many documents were rejected.
///
/// Two stages overlap: this thread reads articles, skips those already
/// stored and extracts each batch on `--jobs` threads, while a writer
/// thread stores the batch before it in one transaction.
pub fn run_ingest(args: IngestArgs) -> Result<usize, Fail> {
    let path = db_path(&args.db)?;
    let mut store = open_writer(&path)?;
    // A second connection to look up duplicates while the writer writes.
    let lookup = SqliteStore::open_existing(&path)?;
    let progress = !args.quiet && io::stderr().is_terminal();
    let started = Instant::now();
    let jobs = args.jobs.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8)
    });
    let written = Written::default();
    let mut tally = Read::default();
    let (to_writer, batches) = mpsc::sync_channel(1);
    let (reading, writing) = std::thread::scope(|scope| {
        let writer = scope.spawn(|| write_batches(&mut store, batches, &written));
        let reading = read_batches(&args, jobs, &lookup, to_writer, &written, &mut tally);
        (reading, writer.join().expect("the writer never panics"))
    });
    writing?;
    reading?;
    let Read {
        read,
        known,
        rejected,
    } = tally;
    let stored = written.stored.into_inner();
    let present = known + written.present.into_inner();
    let events = written.events.into_inner();
    if progress {
        eprint!("\r\x1b[K");
    }
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        let rate = if secs > 0.0 { read as f64 / secs } else { 0.0 };
        let counts = store.counts()?;
        eprintln!(
            "depeche: {} read: {stored} stored ({}), {present} already in the store, \
             {rejected} rejected, in {secs:.2} s ({rate:.0} articles/s)",
            count(read, "article", "articles"),
            count(events, "event", "events"),
        );
        eprintln!(
            "depeche: {} now holds {}, {}, {} in {} ({} reported by several articles)",
            path.display(),
            count(counts.articles as usize, "article", "articles"),
            count(counts.entities as usize, "entity", "entities"),
            count(counts.events as usize, "event", "events"),
            count(counts.stories as usize, "story", "stories"),
            counts.corroborated
        );
    }
    Ok(rejected)
}

/// Writes to standard output, or JSON when asked.
#[derive(Args, Clone, Copy)]
pub struct JsonArg {
    /// Write JSON instead of a table.
    #[arg(long)]
    json: bool,
}

fn stdout() -> BufWriter<io::StdoutLock<'static>> {
    BufWriter::new(io::stdout().lock())
}

fn write_json<T: Serialize>(value: &T) -> Result<(), Fail> {
    let mut out = stdout();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// The entity a name stands for, and the others it could stand for: by
/// its spellings, else by the keys the name gives in any language
/// ("Putin" finds "Vladimir Poutine"); when none, the closest names.
fn resolve(store: &dyn Store, name: &str) -> Result<(EntityMatch, Vec<EntityMatch>), Fail> {
    let mut found = store.resolve_any(name, &depeche_link::name_keys)?;
    if found.is_empty() {
        let close: Vec<String> = store
            .suggest(name, 5)?
            .into_iter()
            .map(|m| format!("{} ({}, {})", m.name, m.ty, m.key))
            .collect();
        let hint = if close.is_empty() {
            String::new()
        } else {
            format!("; did you mean {}?", close.join(", "))
        };
        return Err(Fail::not_found(format!(
            "no entity named {name:?} in the store{hint}"
        )));
    }
    let best = found.remove(0);
    Ok((best, found))
}

fn others_note(others: &[EntityMatch]) {
    if !others.is_empty() {
        let list: Vec<String> = others
            .iter()
            .take(5)
            .map(|o| format!("{} ({}, {})", o.name, o.ty, o.key))
            .collect();
        eprintln!("depeche: the name also matches {}", list.join(", "));
    }
}

#[derive(Parser)]
pub struct EntityArgs {
    /// Any spelling of the name (case and accents do not matter).
    #[arg(value_name = "NAME", required = true, num_args = 1..)]
    name: Vec<String>,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    json: JsonArg,
}

pub fn run_entity(args: EntityArgs) -> Result<(), Fail> {
    let store = open_existing(&args.db)?;
    let (best, others) = resolve(&store, &args.name.join(" "))?;
    let Some(report) = store.entity(&best.key)? else {
        return Err(Fail::not_found(format!("no entity {}", best.key)));
    };
    if args.json.json {
        let mut value = serde_json::to_value(&report)?;
        value["other_matches"] = serde_json::to_value(&others)?;
        return write_json(&value);
    }
    let mut out = stdout();
    let e = &report.entity;
    writeln!(out, "{}  ({}, key {})", e.name, e.ty, e.key)?;
    let seen = match (&report.first_seen, &report.last_seen) {
        (Some(a), Some(b)) if a != b => format!(" ({a} … {b})"),
        (Some(a), _) => format!(" ({a})"),
        _ => String::new(),
    };
    writeln!(
        out,
        "articles: {}{seen}; mentions: {}; events: {}",
        e.articles, report.mentions, report.events
    )?;
    if let (Some(lat), Some(lon)) = (report.lat, report.lon) {
        writeln!(out, "place: {lat:.4}, {lon:.4}")?;
    }
    if let Some(c) = &report.country {
        writeln!(out, "country: {c}")?;
    }
    let variants: Vec<String> = report
        .variants
        .iter()
        .map(|v| format!("{} ({})", v.text, v.count))
        .collect();
    writeln!(out, "spellings: {}", variants.join(", "))?;
    if !report.titles.is_empty() {
        writeln!(out, "titles:")?;
        for t in &report.titles {
            let of =
                t.of.as_ref()
                    .map(|a| format!(" of {}", a.name))
                    .unwrap_or_default();
            writeln!(
                out,
                "  {}{of} ({}, {})",
                t.title,
                t.kind,
                count(t.articles as usize, "article", "articles")
            )?;
        }
    }
    if !report.co_occurring.is_empty() {
        let mut table = Table::new(&["named with", "type", "shared articles", "key"]);
        for c in &report.co_occurring {
            table.row(vec![
                c.entity.name.clone(),
                c.entity.ty.clone(),
                c.shared_articles.to_string(),
                c.entity.key.clone(),
            ]);
        }
        writeln!(out)?;
        table.write(&mut out)?;
    }
    out.flush()?;
    others_note(&others);
    Ok(())
}

fn name(actor: &Option<Actor>) -> String {
    actor.as_ref().map_or("–".to_string(), |a| a.name.clone())
}

#[derive(Parser)]
pub struct TimelineArgs {
    /// Any spelling of the name (case and accents do not matter).
    #[arg(value_name = "NAME", required = true, num_args = 1..)]
    name: Vec<String>,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    json: JsonArg,
}

#[derive(Serialize)]
struct TimelineOut<'a> {
    entity: &'a EntityMatch,
    other_matches: &'a [EntityMatch],
    stories: &'a [Story],
}

pub fn run_timeline(args: TimelineArgs) -> Result<(), Fail> {
    let store = open_existing(&args.db)?;
    let (best, others) = resolve(&store, &args.name.join(" "))?;
    let stories = store.timeline(&best.key)?;
    if args.json.json {
        return write_json(&TimelineOut {
            entity: &best,
            other_matches: &others,
            stories: &stories,
        });
    }
    let mut out = stdout();
    let by = |basis: DateBasis| {
        stories
            .iter()
            .filter(|s| s.when.as_ref().is_some_and(|w| w.basis == basis))
            .count()
    };
    let (by_text, by_report) = (by(DateBasis::Event), by(DateBasis::Reported));
    writeln!(
        out,
        "{} ({}, key {}): {}, {by_text} dated by the text, {by_report} by their first report, {} undated",
        best.name,
        best.ty,
        best.key,
        count(stories.len(), "event", "events"),
        stories.len() - by_text - by_report,
    )?;
    for s in &stories {
        write_story(&mut out, s)?;
    }
    if !stories.is_empty() {
        writeln!(
            out,
            "\n(event: the date the text gives the event; reported: the text gives none, \
             the first report's publication date; each report: publication date, outlet, article, [figures it gives])"
        )?;
    }
    out.flush()?;
    others_note(&others);
    Ok(())
}

/// One story of a timeline: when, what, who on whom and where, how
/// many articles and outlets report it, where they differ, and each
/// report: the table's body, apart from its header and key.
fn write_story(out: &mut impl Write, s: &Story) -> io::Result<()> {
    let when = match &s.when {
        Some(w) if w.basis == DateBasis::Event => format!("{:<10} event   ", w.date),
        Some(w) => format!("{:<10} reported", w.date),
        None => format!("{:<19}", "undated"),
    };
    let place = s
        .location
        .as_ref()
        .map(|l| format!(" @ {}", l.name))
        .unwrap_or_default();
    let modality = if s.modality == "asserted" {
        String::new()
    } else {
        format!(" [{}]", s.modality)
    };
    writeln!(
        out,
        "\n{when}  {}{modality}  {} → {}{place}",
        s.ty,
        name(&s.source),
        name(&s.target),
    )?;
    let c = &s.corroboration;
    let mut outlets: Vec<&str> = Vec::new();
    for o in s.sources.iter().filter_map(|src| src.outlet.as_deref()) {
        if !outlets.contains(&o) {
            outlets.push(o);
        }
    }
    writeln!(
        out,
        "    {}, {}{}{}",
        count(c.articles as usize, "article", "articles"),
        count(c.outlets as usize, "outlet", "outlets"),
        if outlets.is_empty() { "" } else { ": " },
        outlets.join(", "),
    )?;
    for line in disagreement_lines(s) {
        writeln!(out, "    {line}")?;
    }
    for src in &s.sources {
        write_report(out, src)?;
    }
    Ok(())
}

/// One article's report of a story: its date, outlet, article, the
/// event date and figures it gives, and its evidence clipped.
fn write_report(out: &mut impl Write, src: &Source) -> io::Result<()> {
    let dated = src
        .date
        .as_ref()
        .map(|d| format!(" [event {d}]"))
        .unwrap_or_default();
    let figures = report_figures(&src.figures);
    let figures = if figures.is_empty() {
        figures
    } else {
        format!(" [{figures}]")
    };
    writeln!(
        out,
        "    {:<10}  {}  {}{dated}{figures}: {}",
        src.published.as_deref().unwrap_or("undated"),
        src.outlet.as_deref().unwrap_or("?"),
        src.article,
        clip(&src.evidence, 90)
    )
}

/// A date bound: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Parser)]
pub struct EventsArgs {
    /// PLOVER event type, any case (CONSULT, ASSAULT, PROTEST...); another
    /// word is a usage error that lists them.
    #[arg(long = "type", value_name = "T", value_parser = depeche_store::filter::event_type)]
    ty: Option<String>,
    /// Events this entity does or undergoes (any spelling).
    #[arg(long, value_name = "A")]
    actor: Option<String>,
    /// Events at this place (any spelling).
    #[arg(long, value_name = "P")]
    place: Option<String>,
    /// From this date (the event's, else its article's): YYYY, YYYY-MM or
    /// YYYY-MM-DD.
    #[arg(long, value_name = "D", value_parser = depeche_store::filter::date_bound)]
    from: Option<String>,
    /// Up to this date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "D", value_parser = depeche_store::filter::date_bound)]
    to: Option<String>,
    /// At most this many events.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    json: JsonArg,
}

pub fn run_events(args: EventsArgs) -> Result<(), Fail> {
    let store = open_existing(&args.db)?;
    let key = |name: &Option<String>| -> Result<Option<String>, Fail> {
        match name {
            None => Ok(None),
            Some(n) => Ok(Some(resolve(&store, n)?.0.key)),
        }
    };
    let filter = EventFilter {
        ty: args.ty.clone(),
        actor: key(&args.actor)?,
        place: key(&args.place)?,
        from: args.from.clone(),
        to: args.to.clone(),
        limit: args.limit,
    };
    let events = store.events(&filter)?;
    if args.json.json {
        return write_json(&events);
    }
    let mut table = Table::new(&[
        "date", "type", "source", "target", "place", "article", "outlet", "reports",
    ]);
    for e in &events {
        let mut ty = e.ty.clone();
        if e.modality != "asserted" {
            ty = format!("{ty} [{}]", e.modality);
        }
        table.row(vec![
            e.date
                .clone()
                .or_else(|| e.published.clone().map(|p| format!("{p}?")))
                .unwrap_or_default(),
            ty,
            clip(&name(&e.source), 28),
            clip(&name(&e.target), 28),
            clip(&name(&e.location), 20),
            e.article.clone(),
            clip(e.outlet.as_deref().unwrap_or(""), 24),
            format!("{}/{}", e.corroboration.articles, e.corroboration.outlets),
        ]);
    }
    let mut out = stdout();
    table.write(&mut out)?;
    writeln!(
        out,
        "{} (date? = publication date; reports = articles/outlets)",
        count(events.len(), "event", "events")
    )?;
    out.flush()?;
    Ok(())
}

#[derive(Parser)]
pub struct SearchArgs {
    /// Words that must all appear (case and accents do not matter).
    #[arg(value_name = "TEXT", required = true, num_args = 1..)]
    text: Vec<String>,
    /// Read TEXT as an FTS5 query (AND, OR, NOT, "phrases", prefix*).
    #[arg(long)]
    raw: bool,
    /// At most this many articles.
    #[arg(long, value_name = "N", default_value_t = 20)]
    limit: usize,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    json: JsonArg,
}

pub fn run_search(args: SearchArgs) -> Result<(), Fail> {
    let store = open_existing(&args.db)?;
    let hits = store.search(&args.text.join(" "), args.raw, args.limit)?;
    if args.json.json {
        return write_json(&hits);
    }
    let mut table = Table::new(&["article", "published", "outlet", "text"]);
    for h in &hits {
        table.row(vec![
            h.article.clone(),
            h.published.clone().unwrap_or_default(),
            clip(h.outlet.as_deref().unwrap_or(""), 24),
            clip(&h.snippet, 100),
        ]);
    }
    let mut out = stdout();
    table.write(&mut out)?;
    writeln!(out, "{}", count(hits.len(), "article", "articles"))?;
    out.flush()?;
    Ok(())
}

#[derive(Parser)]
pub struct StoriesArgs {
    /// Only stories reported by at least this many articles.
    #[arg(long, value_name = "N", default_value_t = 1)]
    min_articles: u64,
    /// At most this many stories.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    json: JsonArg,
}

pub fn run_stories(args: StoriesArgs) -> Result<(), Fail> {
    let store = open_existing(&args.db)?;
    let stories = store.stories(args.min_articles, args.limit)?;
    if args.json.json {
        return write_json(&stories);
    }
    let mut table = Table::new(&[
        "story",
        "date",
        "type",
        "source",
        "target",
        "place",
        "articles",
        "outlets",
        "reported",
        "figures",
        "reports differ on",
    ]);
    for s in &stories {
        let c = &s.corroboration;
        let reported = match (&c.first_reported, &c.last_reported) {
            (Some(a), Some(b)) if a != b => format!("{a} … {b}"),
            (Some(a), _) => a.clone(),
            _ => String::new(),
        };
        let mut ty = s.ty.clone();
        if s.modality != "asserted" {
            ty = format!("{ty} [{}]", s.modality);
        }
        table.row(vec![
            s.id.to_string(),
            s.date.clone().unwrap_or_default(),
            ty,
            clip(&name(&s.source), 28),
            clip(&name(&s.target), 28),
            clip(&name(&s.location), 20),
            c.articles.to_string(),
            c.outlets.to_string(),
            reported,
            clip(&story_figures(s), 28),
            s.disagreements
                .iter()
                .map(|d| d.field.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ]);
    }
    let mut out = stdout();
    table.write(&mut out)?;
    writeln!(out, "{}", count(stories.len(), "story", "stories"))?;
    for s in stories.iter().filter(|s| !s.disagreements.is_empty()) {
        writeln!(out, "\nstory {}:", s.id)?;
        for line in disagreement_lines(s) {
            writeln!(out, "    {line}")?;
        }
    }
    out.flush()?;
    Ok(())
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ExportAs {
    /// One stored record per line, as `depeche extract` writes them.
    Jsonl,
    /// One event per row with its corroboration, with a header.
    Csv,
    /// One story per row, the 61 tab-separated columns of the GDELT 2.0
    /// event table (no header).
    Gdelt,
    /// The gazetteer facts stories join sides and places through (country
    /// codes, regions and demonyms to country keys), tab-separated, for
    /// `spark/merge.py --countries`; needs no store.
    Countries,
}

#[derive(Parser)]
pub struct ExportArgs {
    /// What to write.
    #[arg(short, long, value_enum, default_value_t = ExportAs::Jsonl)]
    format: ExportAs,
    /// Write to FILE instead of standard output (`-` is standard output).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    db: DbArg,
}

pub fn run_export(args: ExportArgs) -> Result<(), Fail> {
    let format = match args.format {
        ExportAs::Jsonl => Some(ExportFormat::Jsonl),
        ExportAs::Csv => Some(ExportFormat::Csv),
        ExportAs::Gdelt => Some(ExportFormat::Gdelt),
        ExportAs::Countries => None,
    };
    let store = format.map(|_| open_existing(&args.db)).transpose()?;
    let sink = crate::sink::open(args.output.as_deref()).map_err(|e| Fail::usage(e.to_string()))?;
    let mut out = BufWriter::new(sink);
    match (store, format) {
        (Some(store), Some(format)) => {
            export::export(&store, format, &mut out)?;
        }
        _ => {
            for row in depeche_store::stories::country_table() {
                writeln!(out, "{row}")?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

#[derive(Parser)]
pub struct StatsArgs {
    /// Also check the store's consistency (slower): each article's rows
    /// against its record, stories against events, SQLite's integrity.
    #[arg(long)]
    check: bool,
    #[command(flatten)]
    db: DbArg,
    #[command(flatten)]
    json: JsonArg,
}

#[derive(Serialize)]
struct StatsOut {
    path: String,
    schema_version: i64,
    counts: depeche_store::Counts,
    #[serde(skip_serializing_if = "Option::is_none")]
    problems: Option<Vec<String>>,
}

/// Prints row counts; with `--check`, fails (status 1) on any problem.
pub fn run_stats(args: StatsArgs) -> Result<(), Fail> {
    let path = db_path(&args.db)?;
    let store = SqliteStore::open_existing(&path)?;
    let stats = StatsOut {
        path: path.display().to_string(),
        schema_version: store.schema_version()?,
        counts: store.counts()?,
        problems: if args.check {
            Some(store.check()?)
        } else {
            None
        },
    };
    if args.json.json {
        write_json(&stats)?;
    } else {
        let mut out = stdout();
        writeln!(out, "{} (schema {})", stats.path, stats.schema_version)?;
        let value = serde_json::to_value(&stats.counts)?;
        if let Some(map) = value.as_object() {
            let mut table = Table::new(&["rows", "count"]);
            for (k, v) in map {
                table.row(vec![k.clone(), v.to_string()]);
            }
            table.write(&mut out)?;
        }
        if let Some(problems) = &stats.problems {
            if problems.is_empty() {
                writeln!(out, "check: no problem found")?;
            }
            for p in problems {
                writeln!(out, "problem: {p}")?;
            }
        }
        out.flush()?;
    }
    match &stats.problems {
        Some(p) if !p.is_empty() => Err(Fail::not_found(format!(
            "{} found in {}",
            count(p.len(), "problem", "problems"),
            stats.path
        ))),
        _ => Ok(()),
    }
}
