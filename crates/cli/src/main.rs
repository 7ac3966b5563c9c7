//! # depeche: the command line
//!
//! `depeche extract` reads articles (JSON lines, `.txt` files, folders, or
//! `-` for standard input) and writes one record per article, in input
//! order. Bad input is reported on standard error with its file and line
//! and never stops the run; the exit status says whether anything was
//! rejected.

mod summary;

use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand, ValueEnum};
use depeche_ingest::{Input, Item, Reader, DEFAULT_MAX_BYTES};

/// depeche reads news dispatches and writes, for each, a record of who did
/// what to whom, where and when, according to whom: named entities with
/// global identities, dates resolved against the publication date, direct
/// quotes with their speakers and relays, and events coded in PLOVER. Every
/// fact points at the exact words that support it.
#[derive(Parser)]
#[command(name = "depeche", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract one record per article.
    ///
    /// Input: JSON lines with {"id","text","published"?,"lang"?,"url"?,"outlet"?},
    /// `.txt` files (the file name is the id), folders of them (read in path
    /// order), or `-` for JSON lines on standard input.
    ///
    /// Exit status: 0 when every document was read, 1 when some were
    /// rejected (each named on standard error), 2 on a usage or output error.
    ///
    /// Example: depeche extract samples/ --format summary
    Extract(ExtractArgs),
}

#[derive(Parser)]
struct ExtractArgs {
    /// Files or folders to read; `-` reads JSON lines from standard input.
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<String>,
    /// Write records to FILE instead of standard output.
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
    }
}

/// Extracts every input; returns how many documents were rejected.
fn run_extract(args: ExtractArgs) -> io::Result<usize> {
    let inputs: Vec<Input> = args.inputs.iter().map(|s| Input::parse(s)).collect();
    if inputs.contains(&Input::Stdin) && io::stdin().is_terminal() && !args.quiet {
        eprintln!("depeche: reading JSON lines from standard input (Ctrl-D to end)");
    }
    let sink: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(File::create(path).map_err(|e| {
            io::Error::new(e.kind(), format!("cannot create {}: {e}", path.display()))
        })?),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::new(sink);
    let progress = !args.quiet && io::stderr().is_terminal();
    let started = Instant::now();
    let mut last_report = started;
    let (mut written, mut rejected, mut words) = (0usize, 0usize, 0usize);
    for item in Reader::new(inputs, args.max_bytes) {
        match item {
            Item::Rejected(r) => {
                rejected += 1;
                eprintln!("depeche: rejected {r}");
            }
            Item::Article(article) => {
                words += article.text.split_whitespace().count();
                let record = depeche_extract::extract(&article);
                match args.format {
                    Format::Jsonl => {
                        serde_json::to_writer(&mut out, &record)?;
                        out.write_all(b"\n")?;
                    }
                    Format::Pretty => {
                        serde_json::to_writer_pretty(&mut out, &record)?;
                        out.write_all(b"\n")?;
                    }
                    Format::Summary => summary::write(&mut out, &record)?,
                }
                written += 1;
            }
        }
        if progress && last_report.elapsed() > Duration::from_millis(500) {
            last_report = Instant::now();
            eprint!("\rdepeche: {written} records, {rejected} rejected…");
        }
    }
    out.flush()?;
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        let rate = if secs > 0.0 { words as f64 / secs } else { 0.0 };
        if progress {
            eprint!("\r");
        }
        eprintln!("depeche: {written} records written, {rejected} rejected, {words} words in {secs:.2} s ({rate:.0} words/s)");
    }
    Ok(rejected)
}
