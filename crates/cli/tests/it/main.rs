//! Integration tests of the `artel` command: the real binary, run as a person or a script
//! would run it, against both database engines, compared with hledger and bean-check.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod backup;
mod browser;
mod browser_campaigns;
mod browser_decisions;
mod browser_production;
mod browser_sales;
mod browser_year_end;
mod campaigns;
mod contracts;
mod crash;
mod database;
mod decisions;
mod demo;
mod golden;
mod harness;
mod limits;
mod loans;
mod members;
mod oracle;
mod organisations;
mod periods;
mod production;
mod rejection;
mod round_trip;
mod sales;
mod served;
mod server;
mod signed_heads;
mod statistics;
mod stock;
mod verify;
mod year_end;
