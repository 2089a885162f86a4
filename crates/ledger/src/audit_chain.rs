//! The audit trail's hash chain: each organisation's audit events are numbered 1, 2, … and
//! event *n* has the hash `SHA-256(hash of n−1 ‖ canonical bytes of event n)`, the first
//! following [`GENESIS`], exactly as the entries of a book are chained (`chain`).
//!
//! The canonical bytes of an event, in order:
//!
//! - the layout's tag `artel-audit-v1` and a zero byte;
//! - the sequence number, 8 bytes big-endian;
//! - the event's id, its 16 bytes;
//! - when it happened, microseconds since 1970-01-01T00:00:00Z, 8 bytes big-endian signed;
//! - the actor, the action and the detail, each as its length in bytes (8 bytes
//!   big-endian) and its UTF-8 bytes;
//! - the address, the state before and the state after, each absent (one byte 0) or
//!   present (one byte 1, then as text above).

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

pub use crate::chain::{ChainHash, GENESIS};

/// Marks the layout of the canonical bytes, so a later layout can coexist with this one.
const CANONICAL_VERSION: &[u8] = b"artel-audit-v1\0";

/// The fields of an audit event the chain covers, as recorded.
#[derive(Debug, Clone, Copy)]
pub struct AuditView<'a> {
    /// The event's id (a UUID) as its 16 bytes.
    pub event_id: [u8; 16],
    /// When it happened; the chain covers it to the microsecond.
    pub at: DateTime<Utc>,
    pub actor: &'a str,
    pub action: &'a str,
    pub detail: &'a str,
    pub address: Option<&'a str>,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
}

/// The hash of the audit event with number `sequence`, following `previous`.
pub fn audit_hash(previous: &ChainHash, sequence: u64, event: AuditView<'_>) -> ChainHash {
    let mut hasher = Sha256::new();
    hasher.update(previous);
    hasher.update(canonical_bytes(sequence, event));
    hasher.finalize().into()
}

/// The canonical bytes of the module's documentation.
pub fn canonical_bytes(sequence: u64, event: AuditView<'_>) -> Vec<u8> {
    let texts = event.actor.len() + event.action.len() + event.detail.len();
    let mut bytes = Vec::with_capacity(96 + texts);
    bytes.extend_from_slice(CANONICAL_VERSION);
    bytes.extend_from_slice(&sequence.to_be_bytes());
    bytes.extend_from_slice(&event.event_id);
    bytes.extend_from_slice(&event.at.timestamp_micros().to_be_bytes());
    push_text(&mut bytes, event.actor);
    push_text(&mut bytes, event.action);
    push_text(&mut bytes, event.detail);
    for optional in [event.address, event.before, event.after] {
        match optional {
            Some(text) => {
                bytes.push(1);
                push_text(&mut bytes, text);
            }
            None => bytes.push(0),
        }
    }
    bytes
}

fn push_text(bytes: &mut Vec<u8>, text: &str) {
    bytes.extend_from_slice(&(text.len() as u64).to_be_bytes());
    bytes.extend_from_slice(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event<'a>(detail: &'a str, address: Option<&'a str>) -> AuditView<'a> {
        AuditView {
            event_id: [7; 16],
            at: DateTime::from_timestamp_micros(-504_921_600_000_000).unwrap(),
            actor: "cli:clerk",
            action: "entry.post",
            detail,
            address,
            before: None,
            after: None,
        }
    }

    #[test]
    fn every_field_changes_the_hash() {
        let base = audit_hash(&GENESIS, 1, event("entries 1..=2", None));
        assert_eq!(base, audit_hash(&GENESIS, 1, event("entries 1..=2", None)));
        assert_ne!(base, audit_hash(&GENESIS, 2, event("entries 1..=2", None)));
        assert_ne!(base, audit_hash(&[1; 32], 1, event("entries 1..=2", None)));
        assert_ne!(base, audit_hash(&GENESIS, 1, event("entries 1..=3", None)));
        assert_ne!(
            base,
            audit_hash(&GENESIS, 1, event("entries 1..=2", Some("")))
        );
        let mut later = event("entries 1..=2", None);
        later.at += chrono::Duration::microseconds(1);
        assert_ne!(base, audit_hash(&GENESIS, 1, later));
    }

    #[test]
    fn text_boundaries_are_unambiguous() {
        let mut one = event("b", None);
        one.actor = "a";
        let mut other = event("", None);
        other.actor = "ab";
        assert_ne!(
            canonical_bytes(1, one),
            canonical_bytes(
                1,
                AuditView {
                    action: "entry.post",
                    ..other
                }
            )
        );
    }
}
