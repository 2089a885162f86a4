//! [`render`]: one [`Statement`] to the bytes of a PDF, through the template
//! `statement.typ`.
//!
//! The statement is handed to the template as typst values in `sys.inputs` — strings,
//! arrays of strings, `none` — which the template only ever places as text. No part of
//! the caller's text becomes typst source, so it cannot change the layout.

use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Dict, IntoValue, Value};
use typst_as_lib::TypstAsLibError;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::{Fonts, PdfError, Section, Statement};

/// Renders `statement` as an A4 PDF with `fonts`; checks it first (see
/// [`Statement::check`]).
pub fn render(statement: &Statement, fonts: &Fonts) -> Result<Vec<u8>, PdfError> {
    let (document, _warnings) = lay_out(statement, fonts)?;
    typst_pdf::pdf(&document, &PdfOptions::default())
        .map_err(|diagnostics| PdfError::Export(describe(&diagnostics)))
}

/// Lays the statement out in pages, with typst's warnings in words (the tests require
/// there are none: a warning such as an unknown font would otherwise go unseen).
pub(crate) fn lay_out(
    statement: &Statement,
    fonts: &Fonts,
) -> Result<(PagedDocument, Vec<String>), PdfError> {
    statement.check()?;
    let Warned { output, warnings } = fonts
        .engine
        .compile_with_input::<_, PagedDocument>(inputs(statement));
    let document = output.map_err(|error| PdfError::Layout(describe_error(error)))?;
    Ok((document, warnings.iter().map(describe_one).collect()))
}

/// The statement as the template reads it from `sys.inputs`.
fn inputs(statement: &Statement) -> Dict {
    let mut inputs = Dict::new();
    inputs.insert("title".into(), statement.title.as_str().into_value());
    inputs.insert("subtitle".into(), statement.subtitle.as_str().into_value());
    inputs.insert("footer".into(), statement.footer.as_str().into_value());
    inputs.insert("lang".into(), statement.lang.as_str().into_value());
    let sections: Vec<Value> = statement.sections.iter().map(section_value).collect();
    inputs.insert("sections".into(), sections.into_value());
    inputs
}

/// One section as a typst dictionary: `heading`, `columns`, `rows` and `total` (`none`
/// when there is no total row).
fn section_value(section: &Section) -> Value {
    let mut value = Dict::new();
    value.insert("heading".into(), section.heading.as_str().into_value());
    value.insert("columns".into(), strings(&section.columns));
    let rows: Vec<Value> = section.rows.iter().map(|row| strings(row)).collect();
    value.insert("rows".into(), rows.into_value());
    let total = section.total.as_deref().map_or(Value::None, strings);
    value.insert("total".into(), total);
    Value::Dict(value)
}

/// Cells as a typst array of strings.
fn strings(cells: &[String]) -> Value {
    let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
    cells.into_value()
}

/// typst-as-lib's error in words.
fn describe_error(error: TypstAsLibError) -> String {
    match error {
        TypstAsLibError::TypstSource(diagnostics) => describe(&diagnostics),
        other => other.to_string(),
    }
}

/// typst's diagnostics in words, one after another.
fn describe(diagnostics: &[SourceDiagnostic]) -> String {
    let described: Vec<String> = diagnostics.iter().map(describe_one).collect();
    described.join("; ")
}

/// One diagnostic and its hints in words.
fn describe_one(diagnostic: &SourceDiagnostic) -> String {
    let mut text = diagnostic.message.to_string();
    for hint in &diagnostic.hints {
        text.push_str(" (hint: ");
        text.push_str(&hint.v);
        text.push(')');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(lang: &str, title: &str) -> Statement {
        Statement {
            title: title.to_owned(),
            subtitle: String::new(),
            sections: vec![Section {
                heading: title.to_owned(),
                columns: vec![title.to_owned(), "1".to_owned()],
                rows: vec![vec![title.to_owned(), "1234.56".to_owned()]],
                total: Some(vec![title.to_owned(), "1234.56".to_owned()]),
            }],
            footer: title.to_owned(),
            lang: lang.to_owned(),
        }
    }

    #[test]
    fn the_template_lays_out_without_warnings_in_both_languages() {
        let fonts = Fonts::load(None).unwrap();
        for (lang, title) in [("en", "Statement"), ("zh", "结算单")] {
            let (document, warnings) = lay_out(&statement(lang, title), &fonts).unwrap();
            assert_eq!(warnings, Vec::<String>::new(), "{lang}");
            assert_eq!(document.pages().len(), 1);
        }
    }

    #[test]
    fn a_statement_without_sections_or_subtitle_still_prints() {
        let fonts = Fonts::load(None).unwrap();
        let mut bare = statement("en", "Statement");
        bare.sections.clear();
        bare.footer.clear();
        let (_, warnings) = lay_out(&bare, &fonts).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
    }
}
