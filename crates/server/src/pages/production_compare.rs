//! The production page's comparison of two periods: the production indicators of a period
//! (`1954`, `1954-Q2`, `1954-04`) next to another's and their change in percent, as
//! `artel report indicators --compare` reports them. A period that cannot be read is
//! refused next to its field.

use artel_app::{Artel, ReportPeriod};

use super::year::{EMPTY, indicator_label};
use super::{Chrome, FieldErrors, PageError};

/// The two periods as typed.
#[derive(Debug, Clone, Default)]
pub struct CompareForm {
    pub period: String,
    pub compare: String,
}

/// One indicator of both periods, as shown.
#[derive(Debug, Clone)]
pub struct ComparedRow {
    pub label: String,
    pub value: String,
    pub compare: String,
    pub change_pct: String,
}

/// What the comparison shows: the form, its errors, and the rows when both periods were
/// read.
#[derive(Default)]
pub struct Comparison {
    pub form: CompareForm,
    pub errors: FieldErrors,
    pub rows: Vec<ComparedRow>,
}

/// A period field: filled in, and a period.
fn read_period(c: &Chrome, errors: &mut FieldErrors, field: &'static str, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        errors.add(field, c.t("field-required"));
    } else if ReportPeriod::parse(text).is_err() {
        errors.add(field, c.t1("production-period-invalid", "text", text));
    }
}

/// The comparison asked for (`period` and `compare` from the query), or, when neither was,
/// the form offering `year` against the year before.
pub async fn comparison(
    artel: &Artel,
    c: &Chrome,
    code: &str,
    year: i32,
    asked: (Option<&str>, Option<&str>),
    shown: &[&str],
) -> Result<Comparison, PageError> {
    let (period, compare) = match asked {
        (None, None) => {
            let form = CompareForm {
                period: year.to_string(),
                compare: (year - 1).to_string(),
            };
            return Ok(Comparison {
                form,
                ..Comparison::default()
            });
        }
        (period, compare) => (period.unwrap_or_default(), compare.unwrap_or_default()),
    };
    let form = CompareForm {
        period: period.to_owned(),
        compare: compare.to_owned(),
    };
    let mut errors = FieldErrors::default();
    read_period(c, &mut errors, "period", period);
    read_period(c, &mut errors, "compare", compare);
    if !errors.is_empty() {
        return Ok(Comparison {
            form,
            errors,
            rows: Vec::new(),
        });
    }
    // Both periods were read above, so the use case refuses nothing the reader could fix.
    let rows = artel
        .indicators(code, period.trim(), Some(compare.trim()))
        .await?;
    let text = |value: &Option<String>| value.clone().unwrap_or_else(|| EMPTY.into());
    let rows = rows
        .iter()
        .filter(|row| shown.contains(&row.indicator))
        .map(|row| ComparedRow {
            label: indicator_label(c, row.indicator),
            value: text(&row.value),
            compare: text(&row.compare),
            change_pct: text(&row.change_pct),
        })
        .collect();
    Ok(Comparison { form, errors, rows })
}
