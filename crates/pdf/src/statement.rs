//! [`Statement`] and [`Section`]: a statement exactly as it is printed, and the limits it
//! must keep before it is typeset.
//!
//! The limits bound the work one render can cause (a web server renders what its users
//! ask for): a statement longer than these is a report to download as a spreadsheet, not
//! a page to print.

use crate::PdfError;

/// The most sections one statement prints.
pub const SECTIONS_MAX: usize = 100;
/// The most columns one section's table has; more do not fit across an A4 page.
pub const COLUMNS_MAX: usize = 16;
/// The most rows, over all sections, one statement prints (about 200 pages).
pub const ROWS_MAX: usize = 10_000;
/// The most bytes of text, over every field, one statement holds.
pub const TEXT_BYTES_MAX: usize = 4 * 1024 * 1024;

/// A statement as it is printed: every text already in the reader's language, every
/// amount already formatted as exact decimal text by the caller.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Statement {
    /// Printed large and bold at the top of the first page.
    pub title: String,
    /// Printed under the title, for example the member and the period; may be empty.
    pub subtitle: String,
    /// The tables, in order.
    pub sections: Vec<Section>,
    /// Printed small at the bottom of every page, beside the page number; may be empty.
    pub footer: String,
    /// The reader's language: `"en"` or `"zh"` (simplified Chinese). It chooses the
    /// rules for breaking lines; the font is the same for both.
    pub lang: String,
}

/// One table of a statement under its heading.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    /// Printed bold above the table.
    pub heading: String,
    /// The header row, printed bold. The first column is left-aligned and takes the
    /// remaining width; every other column is right-aligned, for amounts.
    pub columns: Vec<String>,
    /// The body, each row with exactly as many cells as there are columns.
    pub rows: Vec<Vec<String>>,
    /// The total row, printed bold under a rule, with as many cells as there are columns.
    pub total: Option<Vec<String>>,
}

/// The languages a statement may be printed in.
const LANGUAGES: [&str; 2] = ["en", "zh"];

impl Statement {
    /// Checks the statement against the language list, the table shapes and the limits,
    /// and returns the first thing that is wrong.
    pub fn check(&self) -> Result<(), PdfError> {
        if !LANGUAGES.contains(&self.lang.as_str()) {
            return Err(PdfError::UnknownLanguage(self.lang.clone()));
        }
        if self.sections.len() > SECTIONS_MAX {
            return Err(PdfError::TooManySections {
                count: self.sections.len(),
                max: SECTIONS_MAX,
            });
        }
        for (index, section) in self.sections.iter().enumerate() {
            section.check(index + 1)?;
        }
        let rows: usize = self.sections.iter().map(|section| section.rows.len()).sum();
        if rows > ROWS_MAX {
            return Err(PdfError::TooManyRows {
                count: rows,
                max: ROWS_MAX,
            });
        }
        let bytes = self.text_bytes();
        if bytes > TEXT_BYTES_MAX {
            return Err(PdfError::TooMuchText {
                bytes,
                max: TEXT_BYTES_MAX,
            });
        }
        Ok(())
    }

    /// The bytes of text the statement holds over all its fields.
    fn text_bytes(&self) -> usize {
        let sections: usize = self.sections.iter().map(Section::text_bytes).sum();
        self.title.len() + self.subtitle.len() + self.footer.len() + sections
    }
}

impl Section {
    /// Checks that the section has a usable number of columns and that every row and the
    /// total fill them exactly; `number` counts sections from 1, as a reader would.
    fn check(&self, number: usize) -> Result<(), PdfError> {
        let columns = self.columns.len();
        if columns == 0 || columns > COLUMNS_MAX {
            return Err(PdfError::ColumnCount {
                section: number,
                heading: self.heading.clone(),
                count: columns,
                max: COLUMNS_MAX,
            });
        }
        if let Some((index, row)) = self
            .rows
            .iter()
            .enumerate()
            .find(|(_, row)| row.len() != columns)
        {
            return Err(PdfError::RowWidth {
                section: number,
                heading: self.heading.clone(),
                row: index + 1,
                cells: row.len(),
                columns,
            });
        }
        match &self.total {
            Some(total) if total.len() != columns => Err(PdfError::TotalWidth {
                section: number,
                heading: self.heading.clone(),
                cells: total.len(),
                columns,
            }),
            _ => Ok(()),
        }
    }

    /// The bytes of text the section holds.
    fn text_bytes(&self) -> usize {
        let cells = |cells: &[String]| cells.iter().map(String::len).sum::<usize>();
        let rows: usize = self.rows.iter().map(|row| cells(row)).sum();
        let total = self.total.as_deref().map_or(0, cells);
        self.heading.len() + cells(&self.columns) + rows + total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(columns: usize, rows: Vec<Vec<&str>>) -> Section {
        Section {
            heading: "Shares".to_owned(),
            columns: (0..columns).map(|index| format!("c{index}")).collect(),
            rows: rows
                .into_iter()
                .map(|row| row.into_iter().map(str::to_owned).collect())
                .collect(),
            total: None,
        }
    }

    fn statement(lang: &str, sections: Vec<Section>) -> Statement {
        Statement {
            title: "Statement".to_owned(),
            lang: lang.to_owned(),
            sections,
            ..Statement::default()
        }
    }

    #[test]
    fn a_well_formed_statement_passes() {
        let sections = vec![section(2, vec![vec!["a", "1.00"], vec!["b", "2.00"]])];
        assert!(statement("en", sections.clone()).check().is_ok());
        assert!(statement("zh", sections).check().is_ok());
    }

    #[test]
    fn only_english_and_chinese_are_printed() {
        let error = statement("fr", vec![]).check().unwrap_err();
        assert_eq!(
            error.to_string(),
            r#"the statement's language is "fr"; it must be "en" or "zh""#
        );
    }

    #[test]
    fn a_row_must_fill_the_columns_exactly() {
        let sections = vec![section(2, vec![vec!["a", "1.00"], vec!["b"]])];
        let error = statement("en", sections).check().unwrap_err();
        assert_eq!(
            error.to_string(),
            r#"row 2 of section 1 ("Shares") has 1 cells for 2 columns"#
        );
    }

    #[test]
    fn the_total_must_fill_the_columns_exactly() {
        let mut shares = section(3, vec![]);
        shares.total = Some(vec!["Total".to_owned()]);
        let error = statement("en", vec![shares]).check().unwrap_err();
        assert!(matches!(
            error,
            PdfError::TotalWidth {
                cells: 1,
                columns: 3,
                ..
            }
        ));
    }

    #[test]
    fn a_section_has_one_to_the_most_columns() {
        for columns in [0, COLUMNS_MAX + 1] {
            let error = statement("en", vec![section(columns, vec![])])
                .check()
                .unwrap_err();
            assert!(matches!(error, PdfError::ColumnCount { count, .. } if count == columns));
        }
    }

    #[test]
    fn the_rows_over_all_sections_are_limited() {
        let half = section(1, vec![vec!["x"]; ROWS_MAX / 2 + 1]);
        let error = statement("en", vec![half.clone(), half])
            .check()
            .unwrap_err();
        assert!(matches!(error, PdfError::TooManyRows { .. }));
    }

    #[test]
    fn the_text_is_limited() {
        let mut long = statement("en", vec![]);
        long.footer = "x".repeat(TEXT_BYTES_MAX + 1);
        assert!(matches!(
            long.check().unwrap_err(),
            PdfError::TooMuchText { .. }
        ));
    }
}
