//! Reading a rendered PDF back with poppler's command-line tools.

use std::io::ErrorKind;
use std::process::Command;

/// The text of every page, in reading order (`pdftotext -layout`).
pub fn text(pdf: &[u8]) -> String {
    run("pdftotext", &["-layout", "-enc", "UTF-8"], pdf, &["-"])
}

/// The table of fonts the PDF embeds (`pdffonts`).
pub fn fonts(pdf: &[u8]) -> String {
    run("pdffonts", &[], pdf, &[])
}

/// The number of pages (`Pages:` of `pdfinfo`).
pub fn pages(pdf: &[u8]) -> usize {
    let info = info(pdf);
    let line = info
        .lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .unwrap_or_else(|| panic!("pdfinfo printed no page count:\n{info}"));
    line.trim().parse().unwrap()
}

/// The document's properties (`pdfinfo`).
pub fn info(pdf: &[u8]) -> String {
    run("pdfinfo", &[], pdf, &[])
}

/// Runs `tool` with `options`, the PDF's path and `after`, and returns what it printed.
fn run(tool: &str, options: &[&str], pdf: &[u8], after: &[&str]) -> String {
    let file = tempfile::Builder::new().suffix(".pdf").tempfile().unwrap();
    std::fs::write(file.path(), pdf).unwrap();
    let output = match Command::new(tool)
        .args(options)
        .arg(file.path())
        .args(after)
        .output()
    {
        Ok(output) => output,
        Err(error) if error.kind() == ErrorKind::NotFound => panic!(
            "{tool} is not installed: install Debian's package poppler-utils \
             (apt-get install poppler-utils); the PDF tests read their output with it"
        ),
        Err(error) => panic!("{tool} could not be run: {error}"),
    };
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}
