//! Writes the synthetic benchmark corpus (see corpus.rs) for `scripts/bench`:
//!
//!     cargo run --example gen_corpus -- --pages 1000 --out target/bench/corpus-1000
//!
//! Options: --pages N (guidance pages, required), --out DIR (required), --phases P (default:
//! about 167 pages a phase, at least 6), --seed S (default toolkit-1).

mod corpus;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gen_corpus: {message}");
            eprintln!("usage: gen_corpus --pages N --out DIR [--phases P] [--seed S]");
            ExitCode::from(2)
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let (mut pages, mut out, mut phases, mut seed) = (None, None, 0, "toolkit-1".to_string());
    let mut args = args.into_iter();
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        let number = |v: String| {
            v.parse::<usize>()
                .map_err(|_| format!("{flag} takes a whole number, not {v:?}"))
        };
        match flag.as_str() {
            "--pages" => pages = Some(number(value()?)?),
            "--phases" => phases = number(value()?)?,
            "--out" => out = Some(PathBuf::from(value()?)),
            "--seed" => seed = value()?,
            other => return Err(format!("unknown option {other}")),
        }
    }
    let pages = pages.ok_or("--pages is required")?;
    let out = out.ok_or("--out is required")?;
    if phases == 0 {
        phases = corpus::default_phases(pages);
    }
    let s = corpus::generate(pages, phases, &seed, &out)
        .map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!(
        "wrote {} pages in {} phases to {}: {} words (page min {}, mean {}, max {})",
        s.pages,
        s.phases,
        out.display(),
        s.words,
        s.min_words,
        s.words / s.pages,
        s.max_words
    );
    Ok(())
}
