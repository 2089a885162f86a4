//! Reading what people type into forms: dates that may be left empty, amounts in the
//! book's currency, and the messages for what cannot be read, next to its field.

use artel_app::{AppError, Problem};
use artel_ledger::{Currency, Money};
use chrono::NaiveDate;

use super::{Chrome, FieldErrors, PageError};

/// A date field: empty is none; anything else must be a date (`1954-04-30`, what
/// `<input type="date">` sends), or the field gets an error.
pub fn optional_date(
    c: &Chrome,
    errors: &mut FieldErrors,
    field: &'static str,
    text: Option<&str>,
) -> Option<NaiveDate> {
    let text = text.map(str::trim).unwrap_or_default();
    if text.is_empty() {
        return None;
    }
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(date) => Some(date),
        Err(_) => {
            errors.add(field, c.t1("form-date-invalid", "text", text));
            None
        }
    }
}

/// A count field: a whole number, 0 or more; empty is `None`, anything else an error.
pub fn optional_count(
    c: &Chrome,
    errors: &mut FieldErrors,
    field: &'static str,
    text: &str,
) -> Option<u32> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.parse() {
        Ok(count) => Some(count),
        Err(_) => {
            errors.add(field, c.t("form-count-invalid"));
            None
        }
    }
}

/// A count field that must be filled in.
pub fn required_count(
    c: &Chrome,
    errors: &mut FieldErrors,
    field: &'static str,
    text: &str,
) -> Option<u32> {
    if text.trim().is_empty() {
        errors.add(field, c.t("field-required"));
        return None;
    }
    optional_count(c, errors, field, text)
}

/// A date field that must be filled in.
pub fn required_date(
    c: &Chrome,
    errors: &mut FieldErrors,
    field: &'static str,
    text: &str,
) -> Option<NaiveDate> {
    if text.trim().is_empty() {
        errors.add(field, c.t("field-required"));
        return None;
    }
    optional_date(c, errors, field, Some(text))
}

/// A date range, its end not before its start.
pub fn date_range(
    c: &Chrome,
    errors: &mut FieldErrors,
    from: Option<&str>,
    to: Option<&str>,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let from_date = optional_date(c, errors, "from", from);
    let to_date = optional_date(c, errors, "to", to);
    if let (Some(start), Some(end)) = (from_date, to_date)
        && start > end
    {
        errors.add("to", c.t("form-range-reversed"));
    }
    (from_date, to_date)
}

/// A positive amount in the book's currency (`1,234.50`); the message when it is not.
pub fn positive_amount(c: &Chrome, currency: &Currency, text: &str) -> Result<Money, String> {
    match currency.parse(text) {
        Ok(amount) if amount > Money::ZERO => Ok(amount),
        Ok(_) => Err(c.t("form-amount-positive")),
        Err(_) => Err(c.tn(
            "form-amount-invalid",
            "decimals",
            i64::from(currency.scale()),
        )),
    }
}

/// A use case's refusal of a form, as messages next to its fields: `places` maps each
/// place the use case names to the form's field and the message's key. Anything else the
/// use case refuses goes to `fallback` with a general message; errors other than a refusal
/// are the error page's.
pub fn refusal(
    c: &Chrome,
    error: AppError,
    places: &[(&str, &'static str, &str)],
    fallback: &'static str,
) -> Result<FieldErrors, PageError> {
    let problems: Vec<Problem> = match error {
        AppError::Rejected(problems) => problems,
        other => return Err(PageError::from(other)),
    };
    let mut errors = FieldErrors::default();
    for problem in problems {
        match places.iter().find(|(place, _, _)| *place == problem.place) {
            Some((_, field, key)) => errors.add(*field, c.t(key)),
            None => {
                tracing::info!(place = %problem.place, message = %problem.message, "form refused");
                errors.add(fallback, c.t("form-refused"));
            }
        }
    }
    Ok(errors)
}
