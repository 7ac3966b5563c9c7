//! # depeche: the command line
//!
//! `depeche extract` reads articles (JSON lines, `.txt` files, folders, or
//! `-` for standard input) and writes one record per article, in input
//! order. Bad input is reported on standard error with its file and line
//! and never stops the run; the exit status says whether anything was
//! rejected.
//!
//! `depeche ingest` extracts the same way and keeps the records in a store
//! (one SQLite file); `entity`, `timeline`, `events`, `search`, `stories`,
//! `stats` and `export` read it.

mod allocator;
mod import;
mod serve;
mod sink;
mod stored;
mod story_text;
mod summary;
mod table;
mod watch;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand, ValueEnum};
use depeche_extract::Extractor;
use depeche_ingest::{Input, Item, Reader, DEFAULT_MAX_BYTES};
use depeche_model::{Record, Registry};

/// Extraction makes and frees many small strings and vectors per article;
/// mimalloc serves them with far less work than the system allocator
/// (`BENCHMARKS.md`).
#[global_allocator]
static ALLOCATOR: allocator::Mimalloc = allocator::Mimalloc;

/// depeche reads news dispatches and writes, for each, a record of who did
/// what to whom, where and when, according to whom: named entities with
/// global identities, dates resolved against the publication date, direct
/// quotes with their speakers and relays, and events coded in PLOVER. Every
/// fact points at the exact words that support it.
#[derive(Parser)]
#[command(
    name = "depeche",
    version,
    about,
    long_about = None,
    after_help = "Examples:
  depeche extract samples/ --format summary      what depeche reads in each article
  depeche ingest samples/ --db news.db           keep the records in a store
  depeche timeline Haftar --db news.db           one actor's events, with their sources
  depeche stories --min-articles 2 --db news.db  events reported by several articles
  depeche serve --db news.db                     explore the store in a browser

`depeche <command> --help` explains each command."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract one record per article.
    ///
    /// Input: JSON lines with {"id","text","published"?,"lang"?,"url"?,"outlet"?},
    /// `.txt` files (the file name is the id), saved web pages (`.html`:
    /// the article's text in reader view, with its date, language and
    /// outlet), RSS and Atom feeds (`.xml`, `.rss`, `.atom`: each item's
    /// page is fetched, or its summary read with DEPECHE_OFFLINE=1), WARC
    /// files (`.warc`, `.warc.gz`: each HTML response), folders of them
    /// (read in path order), or `-` for JSON lines on standard input.
    ///
    /// Exit status: 0 when every document was read, 1 when some were
    /// rejected (each named on standard error), 2 on a usage or output error.
    ///
    /// Example: depeche extract samples/ --format summary
    Extract(ExtractArgs),
    /// Extract articles and keep their records in the store.
    ///
    /// Input as for `extract`. An article whose id, address or text is
    /// already stored is skipped, so running twice adds nothing; each batch
    /// of articles is one transaction, so an interrupted run leaves only
    /// whole articles and running it again completes it. Events reported
    /// by several articles are joined into stories as they arrive.
    ///
    /// Exit status: 0 when every document was read, 1 when some were
    /// rejected, 2 on a store or usage error.
    ///
    /// Example: depeche ingest samples/ --db news.db
    Ingest(stored::IngestArgs),
    /// What the store knows about an entity: spellings, type, titles,
    /// entities named with it, article count.
    ///
    /// NAME is any spelling: case, accents and punctuation do not matter.
    ///
    /// Example: depeche entity "Hakan Fidan" --db news.db
    Entity(stored::EntityArgs),
    /// The events an entity acts in, undergoes or hosts, in date order,
    /// each with the articles that report it.
    ///
    /// Example: depeche timeline fidan --db news.db
    Timeline(stored::TimelineArgs),
    /// Stored events, filtered, in date order, each with how many articles
    /// and outlets report it.
    ///
    /// Example: depeche events --type CONSULT --actor Fidan --from 2024-03
    Events(stored::EventsArgs),
    /// Full-text search over article texts.
    ///
    /// Example: depeche search retrait militaire --db news.db
    Search(stored::SearchArgs),
    /// Events reported by several articles, joined: same type, sides that
    /// agree through who belongs to whom (or one side the same actor),
    /// places one in the other, times within 3 days; with where the
    /// reports disagree.
    ///
    /// Example: depeche stories --min-articles 2 --db news.db
    Stories(stored::StoriesArgs),
    /// Write the store out: records as JSON lines, events as CSV, or
    /// stories in the GDELT 2.0 event table layout; or, with no store, the
    /// gazetteer facts stories use (`countries`, for `spark/merge.py`).
    ///
    /// Example: depeche export --format gdelt -o events.tsv --db news.db
    Export(stored::ExportArgs),
    /// Row counts of the store; `--check` also checks its consistency.
    ///
    /// `--check` compares each article's rows with its record, stories with
    /// events, the people learnt, every reference between rows, and
    /// SQLite's own integrity.
    ///
    /// Exit status: 0; with `--check`, 1 when a problem is found (each one
    /// printed); 2 when the store cannot be opened.
    ///
    /// Example: depeche stats --check --db news.db
    Stats(stored::StatsArgs),
    /// Store records made elsewhere, without extracting again: a Spark
    /// job's output, or `depeche extract --with-text` run on another machine.
    ///
    /// Each record must carry its article's text (`--with-text`; records of
    /// web pages, feeds and WARC files always do). Records already stored are
    /// skipped; events are joined into stories as for `ingest`.
    ///
    /// Exit status: 0 when every record was stored or already there, 1 when
    /// some lines were rejected, 2 on a store or usage error.
    ///
    /// Example: depeche import /tmp/records/ --db news.db
    Import(import::ImportArgs),
    /// Serve the store, read-only, as a JSON API and a web page.
    ///
    /// Example: depeche serve --db news.db --addr 127.0.0.1:8080
    Serve(serve::ServeArgs),
    /// Poll RSS and Atom feeds and store their new articles.
    ///
    /// Each item's page is fetched (politely: robots.txt, a delay between
    /// requests to one host, timeouts, retries, a size limit) and read as
    /// an article; when it cannot be, the item's title and summary are.
    /// Items already stored (by address) are skipped. Then sleeps and
    /// polls again, or exits with `--once`.
    ///
    /// Example: depeche watch --feeds feeds.txt --every 10m --db news.db
    Watch(watch::WatchArgs),
}

#[derive(Parser)]
struct ExtractArgs {
    /// Files or folders to read; `-` reads JSON lines from standard input.
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<String>,
    /// Write records to FILE instead of standard output (`-` is standard output).
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// How to write records.
    #[arg(short, long, value_enum, default_value_t = Format::Jsonl)]
    format: Format,
    /// Refuse documents whose text is longer than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_BYTES)]
    max_bytes: usize,
    /// Print nothing on standard error but rejections.
    #[arg(short, long)]
    quiet: bool,
    /// Remember people across runs: read the registry FILE if it exists
    /// (a surname alone then takes a full name seen before), write it back
    /// at the end.
    #[arg(long, value_name = "FILE")]
    registry: Option<PathBuf>,
    /// The language of articles that do not give one (`fr`, `en`); without
    /// it, depeche identifies each article's language from its words.
    #[arg(long, value_name = "CODE")]
    lang: Option<String>,
    /// Put each article's text in its record even when the input gave it
    /// (records of web pages, feeds and WARC files always carry theirs), so
    /// that `depeche import` can store the records without the input.
    #[arg(long)]
    with_text: bool,
    /// Print the start-up time and the time spent in each component on
    /// standard error (also with the environment variable DEPECHE_TIMINGS=1).
    #[arg(long)]
    timings: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// One JSON record per line (for machines and the scorer).
    Jsonl,
    /// Indented JSON, one record after another.
    Pretty,
    /// A readable digest of each article: who, what, where, when, quotes.
    Summary,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => match run_extract(args) {
            Ok(0) => ExitCode::SUCCESS,
            Ok(_) => ExitCode::from(1),
            Err(e) => {
                eprintln!("depeche: {e}");
                ExitCode::from(2)
            }
        },
        Command::Ingest(args) => match stored::run_ingest(args) {
            Ok(0) => ExitCode::SUCCESS,
            Ok(_) => ExitCode::from(1),
            Err(e) => fail(e),
        },
        Command::Import(args) => match import::run_import(args) {
            Ok(0) => ExitCode::SUCCESS,
            Ok(_) => ExitCode::from(1),
            Err(e) => fail(e),
        },
        Command::Entity(args) => done(stored::run_entity(args)),
        Command::Timeline(args) => done(stored::run_timeline(args)),
        Command::Events(args) => done(stored::run_events(args)),
        Command::Search(args) => done(stored::run_search(args)),
        Command::Stories(args) => done(stored::run_stories(args)),
        Command::Export(args) => done(stored::run_export(args)),
        Command::Stats(args) => done(stored::run_stats(args)),
        Command::Serve(args) => done(serve::run_serve(args)),
        Command::Watch(args) => done(watch::run_watch(args)),
    }
}

fn done(result: Result<(), stored::Fail>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(e),
    }
}

/// Reports a failed store command; a closed output pipe is not a failure.
fn fail(e: stored::Fail) -> ExitCode {
    if e.message.contains("Broken pipe") {
        return ExitCode::SUCCESS;
    }
    eprintln!("depeche: {e}");
    ExitCode::from(e.code)
}

/// Extracts every input; returns how many documents were rejected.
fn run_extract(args: ExtractArgs) -> io::Result<usize> {
    let inputs: Vec<Input> = args.inputs.iter().map(|s| Input::parse(s)).collect();
    if inputs.contains(&Input::Stdin) && io::stdin().is_terminal() && !args.quiet {
        eprintln!("depeche: reading JSON lines from standard input (Ctrl-D to end)");
    }
    let sink = sink::open(args.output.as_deref())?;
    let timings = args.timings || std::env::var_os("DEPECHE_TIMINGS").is_some_and(|v| v == "1");
    let mut extractor = Extractor::new(read_registry(args.registry.as_deref())?);
    let mut run = ExtractRun {
        // Standard input may be a pipe that a caller feeds and reads record
        // by record (a stream filter): hand each record over as soon as it
        // is made.
        streaming: inputs.contains(&Input::Stdin),
        progress: !args.quiet && io::stderr().is_terminal(),
        started: Instant::now(),
        written: 0,
        rejected: 0,
        words: 0,
        reading: Duration::ZERO,
        writing: Duration::ZERO,
        line: Vec::new(),
    };
    if timings {
        depeche_extract::warm_up();
        eprintln!(
            "depeche: start-up (tables loaded) {:.1} ms",
            run.started.elapsed().as_secs_f64() * 1000.0
        );
    }
    let mut out = BufWriter::new(sink);
    run.all(
        &args,
        Reader::new(inputs, args.max_bytes),
        &mut extractor,
        &mut out,
    )?;
    if !args.quiet {
        run.report();
    }
    if timings {
        run.report_timings(&extractor);
    }
    if let Some(path) = &args.registry {
        write_registry(path, &extractor.learnt.registry)?;
    }
    Ok(run.rejected)
}

/// The registry of people a run starts from: the file's, or an empty one
/// when there is no file yet.
fn read_registry(path: Option<&Path>) -> io::Result<Registry> {
    let Some(path) = path.filter(|p| p.exists()) else {
        return Ok(Registry::new());
    };
    let text = std::fs::read_to_string(path).map_err(|e| {
        io::Error::new(
            e.kind(),
            format!("cannot read registry {}: {e}", path.display()),
        )
    })?;
    Registry::from_tsv(&text).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("registry {}: {e}", path.display()),
        )
    })
}

/// Writes the registry through a temporary file, so that a run killed
/// while writing leaves the old one whole.
fn write_registry(path: &Path, registry: &Registry) -> io::Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, registry.to_tsv())
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot write registry {}: {e}", path.display()),
            )
        })
}

/// The counters and clocks of one `extract` run.
struct ExtractRun {
    streaming: bool,
    progress: bool,
    started: Instant,
    written: usize,
    rejected: usize,
    words: usize,
    /// Reading the input and writing the records, timed apart from the
    /// pipeline's stages for --timings.
    reading: Duration,
    writing: Duration,
    /// A record is serialised into memory and written in one piece (that
    /// of a long article, in pieces of [`CHUNK`] bytes): the serialiser's
    /// many small writes cost less in a plain buffer.
    line: Vec<u8>,
}

/// The sentences of a long article, whose record is written in pieces.
const LONG: usize = 1000;

/// The bytes of a long article's record kept in memory before they are
/// written: a multi-megabyte record is not held whole beside the record
/// itself.
const CHUNK: usize = 1 << 16;

/// Gathers a record's bytes in `buf` and hands them to `out` [`CHUNK`]
/// bytes at a time; what is left in `buf` at the end is the caller's to
/// write.
struct Chunks<'a> {
    buf: &'a mut Vec<u8>,
    out: &'a mut dyn Write,
}

impl Chunks<'_> {
    /// Writes out the gathered bytes: seldom, and kept apart from the
    /// serialiser's path.
    #[cold]
    #[inline(never)]
    fn pass_on(&mut self) -> io::Result<()> {
        self.out.write_all(self.buf)?;
        self.buf.clear();
        Ok(())
    }
}

impl Write for Chunks<'_> {
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.write_all(bytes)?;
        Ok(bytes.len())
    }

    #[inline]
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.buf.extend_from_slice(bytes);
        if self.buf.len() >= CHUNK {
            return self.pass_on();
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl ExtractRun {
    /// Reads every item, extracts each article and writes its record.
    fn all(
        &mut self,
        args: &ExtractArgs,
        mut reader: Reader,
        extractor: &mut Extractor,
        out: &mut impl Write,
    ) -> io::Result<()> {
        let mut last_report = self.started;
        loop {
            let read_from = Instant::now();
            let Some(item) = reader.next() else { break };
            self.reading += read_from.elapsed();
            match item {
                Item::Rejected(r) => {
                    self.rejected += 1;
                    eprintln!("depeche: rejected {r}");
                }
                Item::Article(mut article) => {
                    if article.lang.is_none() {
                        article.lang.clone_from(&args.lang);
                    }
                    // Only the closing message counts words: quiet runs skip it.
                    if !args.quiet {
                        self.words += article.text.split_whitespace().count();
                    }
                    let text = std::mem::take(&mut article.text);
                    let (mut record, text) = extractor.extract_text(&article, text);
                    if args.with_text && record.text.is_none() {
                        record.text = Some(text);
                    }
                    self.write(args.format, &record, out)?;
                }
            }
            if self.progress && last_report.elapsed() > Duration::from_millis(500) {
                last_report = Instant::now();
                eprint!(
                    "\rdepeche: {} records, {} rejected…",
                    self.written, self.rejected
                );
            }
        }
        let flush_from = Instant::now();
        out.flush()?;
        self.writing += flush_from.elapsed();
        Ok(())
    }

    /// Writes one record in the chosen format.
    fn write(&mut self, format: Format, record: &Record, out: &mut impl Write) -> io::Result<()> {
        let write_from = Instant::now();
        match format {
            Format::Jsonl => {
                self.line.clear();
                if record.sentences.len() > LONG {
                    let mut chunks = Chunks {
                        buf: &mut self.line,
                        out: &mut *out,
                    };
                    serde_json::to_writer(&mut chunks, record)?;
                } else {
                    serde_json::to_writer(&mut self.line, record)?;
                }
                self.line.push(b'\n');
                out.write_all(&self.line)?;
            }
            Format::Pretty => {
                serde_json::to_writer_pretty(&mut *out, record)?;
                out.write_all(b"\n")?;
            }
            Format::Summary => summary::write(out, record)?,
        }
        self.written += 1;
        if self.streaming {
            out.flush()?;
        }
        self.writing += write_from.elapsed();
        Ok(())
    }

    /// The closing line: records, rejections, words per second.
    fn report(&self) {
        let secs = self.started.elapsed().as_secs_f64();
        let rate = if secs > 0.0 {
            self.words as f64 / secs
        } else {
            0.0
        };
        if self.progress {
            eprint!("\r");
        }
        eprintln!(
            "depeche: {} records written, {} rejected, {} words in {secs:.2} s ({rate:.0} words/s)",
            self.written, self.rejected, self.words
        );
    }

    /// `--timings`: reading, each stage, writing.
    fn report_timings(&self, extractor: &Extractor) {
        let stages = extractor.timings.stages.iter().copied();
        for (stage, spent) in [("reading", self.reading)]
            .into_iter()
            .chain(stages)
            .chain([("writing", self.writing)])
        {
            eprintln!(
                "depeche: {stage:>10} {:9.1} ms",
                spent.as_secs_f64() * 1000.0
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_record_written_in_pieces_is_the_same_bytes() {
        let article = depeche_model::Article {
            id: "long".into(),
            text: "Le ministre est arrivé à Bamako. ".repeat(2 * LONG),
            lang: Some("fr".into()),
            ..depeche_model::Article::default()
        };
        let record = depeche_extract::extract(&article);
        assert!(record.sentences.len() > LONG);
        let (mut buf, mut out) = (Vec::new(), Vec::new());
        let mut chunks = Chunks {
            buf: &mut buf,
            out: &mut out,
        };
        serde_json::to_writer(&mut chunks, &record).unwrap();
        assert!(buf.len() < CHUNK && out.len() > CHUNK);
        out.extend_from_slice(&buf);
        assert_eq!(out, serde_json::to_vec(&record).unwrap());
    }
}
