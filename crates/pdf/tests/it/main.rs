//! Tests of the PDF statements: each is rendered with the real Noto Sans CJK fonts and
//! read back with poppler's tools (pdftotext, pdffonts, pdfinfo), which must be
//! installed (Debian's package poppler-utils); a missing tool fails the tests.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod fixtures;
mod fonts;
mod poppler;
mod statements;
