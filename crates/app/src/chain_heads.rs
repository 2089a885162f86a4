//! The use cases of signed chain heads: a book's heads signed on demand (after `verify`
//! finds both chains intact: a broken chain is never signed), every book's written into a
//! directory (the server's schedule), and a signed head checked against the stored chains.

use std::path::{Path, PathBuf};

use crate::error::AppError;
use crate::signed_heads::{HeadSigner, HeadStatement, SignedHead, hex};
use crate::{Artel, Organisation};

/// The file a book's signed head is written to in a directory of signed heads.
pub fn signed_head_file(dir: &Path, code: &str) -> PathBuf {
    dir.join(format!("{code}.head.json"))
}

impl Artel {
    /// The same caller, with a key to sign chain heads with (the server's).
    pub fn with_head_signer(mut self, signer: HeadSigner) -> Artel {
        self.head_signer = Some(std::sync::Arc::new(signer));
        self
    }

    /// The book's chain heads signed by `signer`, once `verify` finds both chains intact.
    pub async fn sign_head(&self, code: &str, signer: &HeadSigner) -> Result<SignedHead, AppError> {
        let organisation = self.book(code).await?;
        self.sign_book(&organisation, signer).await
    }

    /// The book's chain heads signed by the key this `Artel` was given; refused as not
    /// found when it has none.
    pub async fn signed_head(&self, code: &str) -> Result<SignedHead, AppError> {
        let organisation = self.book(code).await?;
        let Some(signer) = self.head_signer.clone() else {
            return Err(AppError::NotFound {
                place: "head".into(),
                message: "this server has no key to sign chain heads with (--signing-key)".into(),
            });
        };
        self.sign_book(&organisation, &signer).await
    }

    async fn sign_book(
        &self,
        organisation: &Organisation,
        signer: &HeadSigner,
    ) -> Result<SignedHead, AppError> {
        let outcome = self.db.verify(organisation.org_id).await?;
        if let Some(problem) = outcome.problem {
            return Err(AppError::Failed(format!(
                "{}: {problem}; a broken chain is not signed",
                organisation.code
            )));
        }
        let statement = HeadStatement {
            book: organisation.code.clone(),
            org_id: organisation.org_id,
            entry_sequence: outcome.entries_checked,
            entry_hash: outcome.head,
            audit_sequence: outcome.audit_events_checked,
            audit_hash: outcome.audit_head,
            signed_at: chrono::Utc::now(),
        };
        Ok(statement.sign(signer))
    }

    /// Writes the signed head of every book the caller reads into `dir`, each replacing
    /// the book's file at once (written beside it, then renamed). Each book's outcome is
    /// returned: one broken chain does not stop the others.
    pub async fn write_signed_heads(
        &self,
        dir: &Path,
        signer: &HeadSigner,
    ) -> Result<Vec<(String, Result<PathBuf, AppError>)>, AppError> {
        let mut written = Vec::new();
        for organisation in self.organisations().await? {
            let outcome = match self.sign_book(&organisation, signer).await {
                Ok(signed) => write_atomically(
                    &signed_head_file(dir, &organisation.code),
                    signed.to_json().as_bytes(),
                ),
                Err(error) => Err(error),
            };
            written.push((organisation.code, outcome));
        }
        Ok(written)
    }

    /// Checks the stored chains against a signed head of book `code` whose signature was
    /// checked: `Some` says how history differs from what was signed.
    pub async fn check_signed_head(
        &self,
        code: &str,
        signed: &SignedHead,
    ) -> Result<Option<String>, AppError> {
        let organisation = self.book(code).await?;
        let s = &signed.statement;
        if s.book != organisation.code || s.org_id != organisation.org_id {
            return Ok(Some(format!(
                "the signed head is of book {} ({}), not of {code} ({})",
                s.book, s.org_id, organisation.org_id
            )));
        }
        let signed_at = s.signed_at.format("%Y-%m-%dT%H:%M:%SZ");
        let stored = self
            .db
            .entry_hash_at(organisation.org_id, s.entry_sequence)
            .await?;
        if stored != Some(s.entry_hash) {
            return Ok(Some(differs("entry", s.entry_sequence, stored, &signed_at)));
        }
        let stored = self
            .db
            .audit_hash_at(organisation.org_id, s.audit_sequence)
            .await?;
        if stored != Some(s.audit_hash) {
            return Ok(Some(differs(
                "audit event",
                s.audit_sequence,
                stored,
                &signed_at,
            )));
        }
        Ok(None)
    }
}

fn differs(
    what: &str,
    sequence: u64,
    stored: Option<[u8; 32]>,
    signed_at: &impl std::fmt::Display,
) -> String {
    match stored {
        None => format!(
            "{what} {sequence}, signed at {signed_at}, is gone: history was rewritten since"
        ),
        Some(hash) => format!(
            "{what} {sequence} has hash {} but was signed at {signed_at} with another: history up to it was rewritten since",
            hex(&hash)
        ),
    }
}

/// Writes `bytes` to a temporary file beside `path`, flushed, then renames it over `path`,
/// so a reader finds the old file or the new one, never half of one.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<PathBuf, AppError> {
    use std::io::Write;
    let io = |error| AppError::Io {
        path: path.display().to_string(),
        error,
    };
    let dir = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut file = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    file.write_all(bytes).map_err(io)?;
    file.as_file().sync_all().map_err(io)?;
    file.persist(path).map_err(|e| io(e.error))?;
    Ok(path.to_owned())
}
