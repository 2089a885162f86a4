//! Integration tests of the HTTP server, in process (`Router::oneshot`), every case on
//! SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod api;
mod campaigns;
mod decisions;
mod harness;
mod history;
mod loans;
mod pages;
mod production;
mod sales;
mod sessions;
mod statistics;
mod stock;
mod tenancy;
mod year_end;
