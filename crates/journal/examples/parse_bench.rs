//! Times the parser and the checker on one journal file:
//! `cargo run --release -p artel-journal --example parse_bench -- FILE [ledger|beancount]`.
//!
//! The file is read into memory first (memory-mapping needs `unsafe`, which the workspace
//! forbids), and only parsing and checking are timed.

use std::process::ExitCode;
use std::time::Instant;

use artel_journal::{Format, Item, check, parse};

fn main() -> ExitCode {
    let mut arguments = std::env::args().skip(1);
    let Some(path) = arguments.next() else {
        eprintln!("usage: parse_bench FILE [ledger|beancount]");
        return ExitCode::from(2);
    };
    let format = match arguments.next().as_deref() {
        Some("beancount") => Format::Beancount,
        _ if path.ends_with(".beancount") => Format::Beancount,
        _ => Format::Ledger,
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("error: {path}: {error}");
            return ExitCode::FAILURE;
        }
    };

    let started = Instant::now();
    let mut postings = 0usize;
    let mut entries = 0usize;
    for item in parse(&bytes, format).flatten() {
        if let Item::Entry(entry) = item {
            entries += 1;
            postings += entry.postings.len();
        }
    }
    let parse_ms = started.elapsed().as_secs_f64() * 1000.0;

    let started = Instant::now();
    let summary = check(&bytes, format);
    let check_ms = started.elapsed().as_secs_f64() * 1000.0;

    println!("bytes {}", bytes.len());
    println!("entries {entries} postings {postings}");
    println!("parse only {parse_ms:.1} ms");
    println!(
        "parse and check {check_ms:.1} ms: {} entries, {} balances, {} diagnostics",
        summary.entry_count(),
        summary.balances().len(),
        summary.diagnostics().len()
    );
    if std::env::var_os("PRINT_BALANCES").is_some() {
        for (name, amount) in summary.balances() {
            println!("{amount}  {name}");
        }
    }
    for diagnostic in summary.diagnostics().iter().take(20) {
        eprintln!("error: {path}:{}: {}", diagnostic.line, diagnostic.message);
    }
    ExitCode::SUCCESS
}
