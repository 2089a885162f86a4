//! The ledger journal reader, fed any bytes: `artel check ledger` and `artel import ledger` read
//! them every way they can and must agree, never panic, and name a line of the file in
//! every diagnostic (see `artel_fuzz::journal`).

#![no_main]

use artel_journal::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| artel_fuzz::journal::exercise(bytes, Format::Ledger));
