//! Where a command writes its output: the file `--output` names, or
//! standard output when there is none or it is `-` (as inputs read `-` as
//! standard input), so that `-o -` never makes a file named `-`.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;

/// Opens the output a command asked for; the error names the file.
pub fn open(output: Option<&Path>) -> io::Result<Box<dyn Write>> {
    match output.filter(|path| *path != Path::new("-")) {
        Some(path) => File::create(path)
            .map(|file| Box::new(file) as Box<dyn Write>)
            .map_err(|e| {
                io::Error::new(e.kind(), format!("cannot create {}: {e}", path.display()))
            }),
        None => Ok(Box::new(io::stdout().lock())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unwritable_file_is_named_in_the_error() {
        let err = open(Some(Path::new("/nonexistent-dir/records.jsonl")))
            .err()
            .expect("no such folder");
        assert!(err.to_string().contains("/nonexistent-dir/records.jsonl"));
    }
}
