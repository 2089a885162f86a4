//! What the fuzz targets check, as plain functions: each target in `fuzz_targets/` hands
//! libFuzzer's bytes to one of them. A broken property is a panic, which libFuzzer records
//! as a crash with the input that caused it.
//!
//! The properties: no input makes a reader panic or hang, and every problem a reader
//! reports names a line of the input (1 up to the number of lines).

// A property is checked with `assert!`, whose failure is the finding.
#![allow(clippy::panic)]

pub mod csv_imports;
pub mod import_passes;
pub mod journal;
pub mod lines;
