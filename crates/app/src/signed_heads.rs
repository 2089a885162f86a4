//! Signed chain heads: a statement, signed with ed25519, that a book's entry chain had a
//! given hash at a given sequence number and its organisation's audit chain another. A
//! federation or an auditor who holds one can later prove that history up to those points
//! was not rewritten, even by someone able to recompute every hash and head in the
//! database: the rewritten chain no longer has the signed hash at the signed sequence.
//!
//! The statement is a JSON document (`SignedHead::to_json`); the signature is RFC 8032
//! Ed25519 over its canonical bytes, in order:
//!
//! - the tag `artel-signed-head-v1` and a zero byte;
//! - the book's code, as its length in bytes (8 bytes big-endian) and its UTF-8 bytes;
//! - the organisation's id, its 16 bytes;
//! - the entry sequence (8 bytes big-endian) and the entry chain's hash there (32 bytes);
//! - the audit sequence (8 bytes big-endian) and the audit chain's hash there (32 bytes);
//! - when it was signed, seconds since 1970-01-01T00:00:00Z (8 bytes big-endian signed);
//! - the public key (32 bytes).
//!
//! A signing key is kept in a file of its own: 64 hexadecimal digits (the 32-byte Ed25519
//! secret seed) and a newline, readable by its owner only.

use std::io::Write;
use std::path::Path;

use artel_ledger::chain::ChainHash;
use chrono::{DateTime, SubsecRound, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

/// The statement's format and the tag its canonical bytes start with.
pub const SIGNED_HEAD_FORMAT: &str = "artel-signed-head-v1";

/// A key that signs chain heads.
#[derive(Clone)]
pub struct HeadSigner {
    key: SigningKey,
}

impl std::fmt::Debug for HeadSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HeadSigner({})", self.public_key_hex())
    }
}

impl HeadSigner {
    /// A new random key.
    pub fn generate() -> Result<HeadSigner, AppError> {
        let mut seed = [0u8; 32];
        getrandom::fill(&mut seed)
            .map_err(|e| AppError::Failed(format!("no randomness for a new key: {e}")))?;
        Ok(HeadSigner {
            key: SigningKey::from_bytes(&seed),
        })
    }

    /// Reads a key file written by [`HeadSigner::create`].
    pub fn read(path: &Path) -> Result<HeadSigner, AppError> {
        let place = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|error| AppError::Io {
            path: place.clone(),
            error,
        })?;
        let seed = hex_bytes::<32>(text.trim()).ok_or_else(|| {
            AppError::rejected(place, "not a signing key: expected 64 hexadecimal digits")
        })?;
        Ok(HeadSigner {
            key: SigningKey::from_bytes(&seed),
        })
    }

    /// Writes a new key to `path`, which must not exist, readable by its owner only.
    pub fn create(path: &Path) -> Result<HeadSigner, AppError> {
        let signer = HeadSigner::generate()?;
        let place = path.display().to_string();
        let io = |error| AppError::Io {
            path: place.clone(),
            error,
        };
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(path).map_err(|error| {
            if error.kind() == std::io::ErrorKind::AlreadyExists {
                AppError::rejected(place.clone(), "the file exists; a key is never overwritten")
            } else {
                io(error)
            }
        })?;
        writeln!(file, "{}", hex(signer.key.as_bytes())).map_err(io)?;
        file.sync_all().map_err(io)?;
        Ok(signer)
    }

    pub fn public_key(&self) -> [u8; 32] {
        self.key.verifying_key().to_bytes()
    }

    pub fn public_key_hex(&self) -> String {
        hex(&self.public_key())
    }
}

/// What a signed statement says: the two chains' heads of one book at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadStatement {
    pub book: String,
    pub org_id: Uuid,
    pub entry_sequence: u64,
    pub entry_hash: ChainHash,
    pub audit_sequence: u64,
    pub audit_hash: ChainHash,
    /// To the second.
    pub signed_at: DateTime<Utc>,
}

impl HeadStatement {
    /// The canonical bytes of the module's documentation, for `public_key`.
    pub fn canonical_bytes(&self, public_key: &[u8; 32]) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(200 + self.book.len());
        bytes.extend_from_slice(SIGNED_HEAD_FORMAT.as_bytes());
        bytes.push(0);
        bytes.extend_from_slice(&(self.book.len() as u64).to_be_bytes());
        bytes.extend_from_slice(self.book.as_bytes());
        bytes.extend_from_slice(self.org_id.as_bytes());
        bytes.extend_from_slice(&self.entry_sequence.to_be_bytes());
        bytes.extend_from_slice(&self.entry_hash);
        bytes.extend_from_slice(&self.audit_sequence.to_be_bytes());
        bytes.extend_from_slice(&self.audit_hash);
        bytes.extend_from_slice(&self.signed_at.timestamp().to_be_bytes());
        bytes.extend_from_slice(public_key);
        bytes
    }

    /// The statement signed by `signer`.
    pub fn sign(mut self, signer: &HeadSigner) -> SignedHead {
        self.signed_at = self.signed_at.trunc_subsecs(0);
        let public_key = signer.public_key();
        let signature = signer.key.sign(&self.canonical_bytes(&public_key));
        SignedHead {
            statement: self,
            public_key,
            signature: signature.to_bytes(),
        }
    }
}

/// A statement with its public key and signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedHead {
    pub statement: HeadStatement,
    pub public_key: [u8; 32],
    pub signature: [u8; 64],
}

/// The signed head as a JSON document: hashes, key and signature in lowercase hex.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignedHeadDocument {
    pub format: String,
    pub book: String,
    pub org_id: Uuid,
    pub entry_sequence: u64,
    pub entry_hash: String,
    pub audit_sequence: u64,
    pub audit_hash: String,
    /// RFC 3339, in UTC, to the second.
    pub signed_at: String,
    pub public_key: String,
    pub signature: String,
}

impl SignedHead {
    pub fn document(&self) -> SignedHeadDocument {
        let s = &self.statement;
        SignedHeadDocument {
            format: SIGNED_HEAD_FORMAT.into(),
            book: s.book.clone(),
            org_id: s.org_id,
            entry_sequence: s.entry_sequence,
            entry_hash: hex(&s.entry_hash),
            audit_sequence: s.audit_sequence,
            audit_hash: hex(&s.audit_hash),
            signed_at: s.signed_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            public_key: hex(&self.public_key),
            signature: hex(&self.signature),
        }
    }

    /// The document as pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.document()).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Reads a document; a problem names `place` (the file) and the field.
    pub fn parse(place: &str, text: &str) -> Result<SignedHead, AppError> {
        let document: SignedHeadDocument = serde_json::from_str(text)
            .map_err(|e| AppError::rejected(place, format!("not a signed head: {e}")))?;
        let field = |name: &str, message: &str| {
            AppError::rejected(format!("{place}: {name}"), message.to_owned())
        };
        if document.format != SIGNED_HEAD_FORMAT {
            return Err(field("format", &format!("expected {SIGNED_HEAD_FORMAT}")));
        }
        let hash = |name: &str, value: &str| {
            hex_bytes::<32>(value).ok_or_else(|| field(name, "expected 64 hexadecimal digits"))
        };
        let signed_at = DateTime::parse_from_rfc3339(&document.signed_at)
            .map_err(|e| field("signed_at", &format!("not an RFC 3339 time: {e}")))?
            .with_timezone(&Utc);
        Ok(SignedHead {
            statement: HeadStatement {
                book: document.book,
                org_id: document.org_id,
                entry_sequence: document.entry_sequence,
                entry_hash: hash("entry_hash", &document.entry_hash)?,
                audit_sequence: document.audit_sequence,
                audit_hash: hash("audit_hash", &document.audit_hash)?,
                signed_at,
            },
            public_key: hash("public_key", &document.public_key)?,
            signature: hex_bytes::<64>(&document.signature)
                .ok_or_else(|| field("signature", "expected 128 hexadecimal digits"))?,
        })
    }

    /// Whether the signature is the statement's by the key it names and, when given, by
    /// `trusted` (what an auditor holds): `Err` says which check failed.
    pub fn check_signature(&self, trusted: Option<&[u8; 32]>) -> Result<(), String> {
        if let Some(trusted) = trusted
            && trusted != &self.public_key
        {
            return Err(format!(
                "signed by key {}, not by the key {} given",
                hex(&self.public_key),
                hex(trusted)
            ));
        }
        let key = VerifyingKey::from_bytes(&self.public_key)
            .map_err(|_| "its public key is not an Ed25519 key".to_owned())?;
        let signature = Signature::from_bytes(&self.signature);
        key.verify_strict(
            &self.statement.canonical_bytes(&self.public_key),
            &signature,
        )
        .map_err(|_| "its signature does not match the statement: it was altered or forged".into())
    }
}

/// Reads a public key given as 64 hexadecimal digits.
pub fn parse_public_key(text: &str) -> Option<[u8; 32]> {
    hex_bytes::<32>(text.trim())
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hex_bytes<const N: usize>(text: &str) -> Option<[u8; N]> {
    if text.len() != 2 * N || !text.is_ascii() {
        return None;
    }
    let mut bytes = [0u8; N];
    for (slot, pair) in bytes.iter_mut().zip(text.as_bytes().chunks(2)) {
        let pair = std::str::from_utf8(pair).ok()?;
        *slot = u8::from_str_radix(pair, 16).ok()?;
    }
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement() -> HeadStatement {
        HeadStatement {
            book: "echeng-plow".into(),
            org_id: Uuid::from_bytes([3; 16]),
            entry_sequence: 42,
            entry_hash: [1; 32],
            audit_sequence: 7,
            audit_hash: [2; 32],
            signed_at: DateTime::from_timestamp(1_700_000_000, 123).unwrap(),
        }
    }

    #[test]
    fn a_signed_head_survives_its_document_and_refuses_changes() {
        let signer = HeadSigner::generate().unwrap();
        let signed = statement().sign(&signer);
        let read = SignedHead::parse("head.json", &signed.to_json()).unwrap();
        assert_eq!(read, signed);
        assert_eq!(read.check_signature(Some(&signer.public_key())), Ok(()));

        let mut forged = read.clone();
        forged.statement.entry_sequence = 41;
        assert!(forged.check_signature(None).is_err());
        let other = HeadSigner::generate().unwrap();
        assert!(read.check_signature(Some(&other.public_key())).is_err());
        let mut resigned = statement().sign(&other);
        resigned.public_key = signer.public_key();
        assert!(resigned.check_signature(None).is_err());
    }

    #[test]
    fn a_bad_document_names_the_field() {
        let signer = HeadSigner::generate().unwrap();
        let json = statement().sign(&signer).to_json();
        let broken = json.replace(&hex(&[1; 32]), "zz");
        let error = SignedHead::parse("head.json", &broken).unwrap_err();
        assert!(
            error.to_string().contains("head.json: entry_hash"),
            "{error}"
        );
    }
}
