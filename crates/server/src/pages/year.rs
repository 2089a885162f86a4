//! The year a page of the books shows (production, stock, sales): the one asked for, else
//! the year of the books' last entry; its first and last days, its months' names, and the
//! indicators of the year labelled in the reader's language.

use artel_app::{AppError, Artel, IndicatorRow};
use chrono::NaiveDate;

use super::{Chrome, PageError};

/// How an empty figure is shown.
pub const EMPTY: &str = "—";

/// The year a page of the books opens on when none is asked for: the year of the books'
/// last entry, or this year when there is none.
pub async fn books_year(artel: &Artel, code: &str) -> Result<i32, PageError> {
    use chrono::Datelike;
    Ok(match artel.last_entry_date(code).await? {
        Some(date) => date.year(),
        None => chrono::Utc::now().year(),
    })
}

/// The year `asked`, else [`books_year`]; one that periods cannot name (they are written
/// with four-digit years) is a bad request.
pub async fn shown_year(artel: &Artel, code: &str, asked: Option<i32>) -> Result<i32, PageError> {
    let year = match asked {
        Some(year) => year,
        None => books_year(artel, code).await?,
    };
    if !(1000..=9999).contains(&year) {
        return Err(PageError::bad_request());
    }
    Ok(year)
}

/// The first and last days of `year`.
pub fn year_days(year: i32) -> Result<(NaiveDate, NaiveDate), PageError> {
    match (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) {
        (Some(first), Some(last)) => Ok((first, last)),
        _ => Err(PageError::bad_request()),
    }
}

/// The twelve months of `year` as the reader names them (`Apr 1954`, `1954年4月`).
pub fn month_names(c: &Chrome, year: i32) -> Result<Vec<String>, PageError> {
    (1..=12)
        .map(|month| {
            NaiveDate::from_ymd_opt(year, month, 1)
                .map(|first| c.locale.month(artel_ledger::Period::of(first)))
                .ok_or_else(|| PageError::from(AppError::Failed("a month".into())))
        })
        .collect()
}

/// An indicator's name (`defect_rate`) as the reader reads it.
pub fn indicator_label(c: &Chrome, indicator: &str) -> String {
    c.t(&format!("indicator-{}", indicator.replace('_', "-")))
}

/// The indicators of `rows` named in `shown`, in the documented order: label and value.
pub fn indicator_rows(c: &Chrome, rows: &[IndicatorRow], shown: &[&str]) -> Vec<(String, String)> {
    rows.iter()
        .filter(|row| shown.contains(&row.indicator))
        .map(|row| {
            let value = row.value.clone().unwrap_or_else(|| EMPTY.into());
            (indicator_label(c, row.indicator), value)
        })
        .collect()
}
