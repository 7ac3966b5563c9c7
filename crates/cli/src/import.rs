//! `depeche import`: records made elsewhere (a Spark job, `depeche extract
//! --with-text` on another machine) stored as they are, without extracting
//! the articles again, so that `timeline`, `stories` and `serve` work over
//! a cluster's results.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Parser;
use depeche_extract::Record;
use depeche_store::{NewArticle, SqliteStore, Store, DEFAULT_BATCH};
use flate2::read::MultiGzDecoder;

use crate::stored::{db_path, open_writer, DbArg, Fail};
use crate::table::count;

/// The arguments of `depeche import`.
#[derive(Parser)]
pub struct ImportArgs {
    /// Files of records (JSON lines, `.gz` too) or folders of them (every
    /// file not starting with `_` or `.`, in path order: a Spark job's
    /// `part-*` files).
    #[arg(value_name = "RECORDS", required = true)]
    inputs: Vec<PathBuf>,
    #[command(flatten)]
    db: DbArg,
    /// Records stored per transaction.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_BATCH)]
    batch: usize,
    /// Print nothing on standard error but rejections and errors.
    #[arg(short, long)]
    quiet: bool,
}

/// What an import did.
#[derive(Default)]
struct Tally {
    read: usize,
    stored: usize,
    present: usize,
    rejected: usize,
}

/// The files to read: each input, a folder's files in path order.
fn files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Fail> {
    let mut out = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            out.push(input.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = std::fs::read_dir(input)
            .map_err(|e| Fail::usage(format!("cannot read {}: {e}", input.display())))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                !name.starts_with(['_', '.'])
            })
            .collect();
        if found.is_empty() {
            return Err(Fail::usage(format!(
                "{} holds no file of records",
                input.display()
            )));
        }
        found.sort();
        out.extend(found);
    }
    Ok(out)
}

fn open(path: &Path) -> Result<Box<dyn BufRead>, Fail> {
    let file = File::open(path)
        .map_err(|e| Fail::usage(format!("cannot read {}: {e}", path.display())))?;
    let gz = path.extension().is_some_and(|e| e == "gz");
    let inner: Box<dyn Read> = if gz {
        Box::new(MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    Ok(Box::new(BufReader::new(inner)))
}

/// A line as a record that carries its text, or why not.
fn read_record(line: &str) -> Result<(String, Record), String> {
    let mut record: Record =
        serde_json::from_str(line).map_err(|e| format!("not a depeche record ({e})"))?;
    let text = record.text.take().ok_or_else(|| {
        format!(
            "record {} carries no text: extract with --with-text (the store keeps each article's text)",
            record.id
        )
    })?;
    Ok((text, record))
}

fn store_batch(
    store: &mut SqliteStore,
    batch: &mut Vec<(String, Record)>,
    tally: &mut Tally,
) -> Result<(), Fail> {
    let articles: Vec<NewArticle<'_>> = batch
        .iter()
        .map(|(text, record)| NewArticle { text, record })
        .collect();
    let outcome = store.ingest(&articles)?;
    tally.stored += outcome.stored;
    tally.present += outcome.duplicates.len();
    batch.clear();
    Ok(())
}

/// Stores every record; returns how many lines were rejected.
pub fn run_import(args: ImportArgs) -> Result<usize, Fail> {
    let path = db_path(&args.db)?;
    let mut store = open_writer(&path)?;
    let started = Instant::now();
    let mut tally = Tally::default();
    let mut batch = Vec::with_capacity(args.batch.max(1));
    for file in files(&args.inputs)? {
        for (n, line) in open(&file)?.lines().enumerate() {
            let line =
                line.map_err(|e| Fail::usage(format!("cannot read {}: {e}", file.display())))?;
            if line.trim().is_empty() {
                continue;
            }
            tally.read += 1;
            match read_record(&line) {
                Ok(pair) => batch.push(pair),
                Err(reason) => {
                    tally.rejected += 1;
                    eprintln!("depeche: rejected {}:{}: {reason}", file.display(), n + 1);
                }
            }
            if batch.len() >= args.batch.max(1) {
                store_batch(&mut store, &mut batch, &mut tally)?;
            }
        }
    }
    store_batch(&mut store, &mut batch, &mut tally)?;
    if tally.read == 0 {
        return Err(Fail::usage("no record read: the inputs are empty"));
    }
    if !args.quiet {
        let counts = store.counts()?;
        eprintln!(
            "depeche: {} read: {} stored, {} already in the store, {} rejected, in {:.2} s",
            count(tally.read, "record", "records"),
            tally.stored,
            tally.present,
            tally.rejected,
            started.elapsed().as_secs_f64()
        );
        eprintln!(
            "depeche: {} now holds {}, {} in {}",
            path.display(),
            count(counts.articles as usize, "article", "articles"),
            count(counts.events as usize, "event", "events"),
            count(counts.stories as usize, "story", "stories"),
        );
    }
    Ok(tally.rejected)
}
