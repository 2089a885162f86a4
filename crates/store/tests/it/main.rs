//! Integration tests of `artel-store`, one binary for the whole crate. Every storage test
//! runs on both engines, SQLite and PostgreSQL, each test on a database of its own.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod harness;

mod books;
mod campaigns;
mod concurrency;
mod decisions;
mod durability;
mod group_commit;
mod import;
mod listing;
mod loans;
mod members;
mod migrations;
mod org_history;
mod people;
mod pool;
mod posting;
mod reports;
mod schema;
mod stock;
mod tampering;
mod year_end;
