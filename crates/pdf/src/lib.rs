//! Print-ready PDF statements typeset with typst, in English and Chinese.
//!
//! The caller hands over a [`Statement`] that is already exactly what is printed — every
//! text in the reader's language, every amount formatted as exact decimal text — and gets
//! the bytes of an A4 PDF back. Nothing here knows the books or the cooperative: pure data
//! in, bytes out.
//!
//! - `statement`: the [`Statement`] and its [`Section`]s, with the limits a statement
//!   must keep ([`Statement::check`]).
//! - `fonts`: [`Fonts`], the two Noto Sans CJK SC faces and the typst engine built over
//!   them, loaded once and shared by every render.
//! - `render`: [`render`](render()), one statement to PDF bytes.
//! - `statement.typ`: the fixed typst template. The statement reaches it as data through
//!   typst's `sys.inputs`, never spliced into markup, so text such as
//!   `#set page(width: 1cm)` or `*bold*` prints literally.

mod error;
mod fonts;
mod render;
mod statement;

pub use error::PdfError;
pub use fonts::Fonts;
pub use render::render;
pub use statement::{COLUMNS_MAX, ROWS_MAX, SECTIONS_MAX, Section, Statement, TEXT_BYTES_MAX};
