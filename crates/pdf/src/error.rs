//! [`PdfError`]: every way loading the fonts or rendering a statement can fail, each with
//! a message that says what to do about it.

use std::path::PathBuf;

/// Why the fonts could not be loaded or a statement could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error(
        "the font {file} was not found in {}; install Debian's package fonts-noto-cjk or set ARTEL_FONT_DIR to the directory that holds it",
        dir.display()
    )]
    FontMissing { file: &'static str, dir: PathBuf },

    #[error("the font {} could not be read: {source}", path.display())]
    FontUnreadable {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error(
        "the font {} holds no face of the family Noto Sans CJK SC; use the file of Debian's package fonts-noto-cjk",
        path.display()
    )]
    FontFamilyMissing { path: PathBuf },

    #[error("the statement's language is {0:?}; it must be \"en\" or \"zh\"")]
    UnknownLanguage(String),

    #[error("the statement has {count} sections; at most {max} can be printed")]
    TooManySections { count: usize, max: usize },

    #[error(
        "section {section} ({heading:?}) has {count} columns; a section has from 1 to {max} columns"
    )]
    ColumnCount {
        section: usize,
        heading: String,
        count: usize,
        max: usize,
    },

    #[error("row {row} of section {section} ({heading:?}) has {cells} cells for {columns} columns")]
    RowWidth {
        section: usize,
        heading: String,
        row: usize,
        cells: usize,
        columns: usize,
    },

    #[error("the total of section {section} ({heading:?}) has {cells} cells for {columns} columns")]
    TotalWidth {
        section: usize,
        heading: String,
        cells: usize,
        columns: usize,
    },

    #[error("the statement has {count} rows; at most {max} can be printed")]
    TooManyRows { count: usize, max: usize },

    #[error("the statement's text is {bytes} bytes long; at most {max} can be printed")]
    TooMuchText { bytes: usize, max: usize },

    #[error("typst could not lay out the statement: {0}")]
    Layout(String),

    #[error("typst could not write the PDF: {0}")]
    Export(String),
}
