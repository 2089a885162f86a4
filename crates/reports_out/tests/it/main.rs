//! Tests of the downloads and charts: workbooks read back with calamine, CSV and SVG
//! compared with golden snapshots, SVG parsed as XML.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod chart;
mod csv;
mod fixtures;
mod xlsx;
