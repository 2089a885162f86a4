//! Every CSV import, picked by the first byte and fed the rest as the file's text: no
//! panic, and every line a reader names is a line of the file (see
//! `artel_fuzz::csv_imports`).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| artel_fuzz::csv_imports::exercise(data));
