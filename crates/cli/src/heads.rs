//! Signed chain heads on the command line: `artel key new`, `artel head sign`,
//! `artel verify` (with `--signed` and `--public-key`) and the server's schedule of
//! `--sign-heads`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use artel_app::{AppError, Artel, HeadSigner, SignedHead, parse_public_key};

/// How often the server signs every book's heads when not told.
pub const SIGN_EVERY_DEFAULT: Duration = Duration::from_secs(3600);

/// `artel key new FILE`: a new signing key in FILE; its public key on stdout.
pub fn key_new(file: &Path) -> anyhow::Result<ExitCode> {
    let signer = HeadSigner::create(file)?;
    println!("{}", signer.public_key_hex());
    eprintln!(
        "artel: signing key written to {} (keep it secret; give the public key above to those who check)",
        file.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `artel head sign --book CODE --key FILE [--out FILE]`.
pub async fn sign(
    artel: &Artel,
    book: &str,
    key: &Path,
    output: Option<&Path>,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let signer = HeadSigner::read(key)?;
    let signed = artel.sign_head(book, &signer).await?;
    let json = signed.to_json();
    match output {
        Some(path) => {
            std::fs::write(path, json.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!(
                "artel: {book}: entry {} and audit event {} signed into {}",
                signed.statement.entry_sequence,
                signed.statement.audit_sequence,
                path.display()
            );
        }
        None => out.write_all(json.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `artel verify --book CODE [--signed FILE [--public-key KEY]]`: both chains recomputed,
/// then the signed head checked — its signature, then the stored chains against it.
pub async fn verify(
    artel: &Artel,
    book: &str,
    signed: Option<&Path>,
    public_key: Option<&str>,
    out: &mut impl Write,
) -> anyhow::Result<ExitCode> {
    let trusted = public_key
        .map(|key| {
            parse_public_key(key)
                .ok_or_else(|| AppError::rejected("--public-key", "expected 64 hexadecimal digits"))
        })
        .transpose()?;
    let signed = signed.map(read_signed).transpose()?;
    let outcome = artel.verify(book).await?;
    if let Some(problem) = outcome.problem {
        eprintln!("error: {book}: {problem}");
        return Ok(ExitCode::from(1));
    }
    writeln!(
        out,
        "{book}: {} entries, chain intact, head {}",
        outcome.entries_checked,
        hex(&outcome.head)
    )?;
    writeln!(
        out,
        "{book}: {} audit events, chain intact, head {}",
        outcome.audit_events_checked,
        hex(&outcome.audit_head)
    )?;
    let Some((file, signed)) = signed else {
        return Ok(ExitCode::SUCCESS);
    };
    if let Err(problem) = signed.check_signature(trusted.as_ref()) {
        eprintln!("error: {}: {problem}", file.display());
        return Ok(ExitCode::from(1));
    }
    if let Some(problem) = artel.check_signed_head(book, &signed).await? {
        eprintln!("error: {book}: {problem} ({})", file.display());
        return Ok(ExitCode::from(1));
    }
    let s = &signed.statement;
    writeln!(
        out,
        "{book}: matches the head signed at {} by key {}: entry {}, audit event {}",
        s.signed_at.format("%Y-%m-%dT%H:%M:%SZ"),
        hex(&signed.public_key),
        s.entry_sequence,
        s.audit_sequence
    )?;
    Ok(ExitCode::SUCCESS)
}

fn read_signed(file: &Path) -> anyhow::Result<(PathBuf, SignedHead)> {
    let place = file.display().to_string();
    let text = std::fs::read_to_string(file).map_err(|error| AppError::Io {
        path: place.clone(),
        error,
    })?;
    Ok((file.to_owned(), SignedHead::parse(&place, &text)?))
}

/// Reads `--sign-every`: a whole number and a unit, `s`, `m`, `h` or `d` (`30m`, `1h`).
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .ok_or_else(|| format!("'{text}' has no unit: give s, m, h or d (1h, 30m)"))?;
    let (number, unit) = text.split_at(split);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("'{text}' does not start with a whole number"))?;
    let seconds = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        _ => return Err(format!("'{unit}' is not a unit: give s, m, h or d")),
    };
    match number.checked_mul(seconds) {
        Some(0) => Err("the interval must be at least 1s".into()),
        Some(total) => Ok(Duration::from_secs(total)),
        None => Err(format!("'{text}' is too long")),
    }
}

/// Signs every book's heads into `dir` now, telling on stderr what failed.
pub async fn sign_all(artel: &Artel, dir: &Path, signer: &HeadSigner) -> anyhow::Result<()> {
    let written = artel.write_signed_heads(dir, signer).await?;
    let mut signed = 0usize;
    for (book, outcome) in written {
        match outcome {
            Ok(_) => signed += 1,
            Err(error) => eprintln!("artel: cannot sign the heads of {book}: {error}"),
        }
    }
    eprintln!(
        "artel: signed the chain heads of {signed} books into {}",
        dir.display()
    );
    Ok(())
}

/// Signs every book's heads into `dir` now (an error here stops the server from
/// starting), then every `every` in a task of its own, until the task is aborted.
pub async fn start_schedule(
    artel: &Artel,
    dir: PathBuf,
    signer: HeadSigner,
    every: Duration,
) -> anyhow::Result<tokio::task::JoinHandle<()>> {
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    sign_all(artel, &dir, &signer).await?;
    let artel = artel.clone();
    Ok(tokio::spawn(async move {
        let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            if let Err(error) = sign_all(&artel, &dir, &signer).await {
                eprintln!("artel: cannot sign the chain heads: {error:#}");
            }
        }
    }))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_take_a_unit() {
        assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse_duration("30m"), Ok(Duration::from_secs(1800)));
        assert_eq!(parse_duration("2d"), Ok(Duration::from_secs(172_800)));
        assert!(parse_duration("90").is_err());
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("h").is_err());
        assert!(parse_duration("5w").is_err());
    }
}
