//! The new-entry form: a date, a memo and lines of account, debit and credit. It works
//! from the keyboard alone (fields in reading order, accounts completed from the chart,
//! Ctrl+Enter to post) and checks the balance as one types (`static/entry-form.js`); the
//! server checks everything again and sends the form back with each message next to its
//! field and the input kept. A hidden idempotency key makes a double submit post once.

use std::collections::HashMap;

use artel_app::NewPosting;
use artel_ledger::{Currency, Money};
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use uuid::Uuid;

use super::book_nav::BookNav;
use super::entries::show_posted;
use super::form::{positive_amount, refusal, required_date};
use super::{Chrome, FieldErrors, Page, PageError};

/// Lines on a new form; "add a line" adds more.
const LINES_AT_FIRST: usize = 4;
/// No form has more lines than this.
const LINES_MAX: usize = 200;

/// One line as typed.
#[derive(Debug, Clone, Default)]
pub struct Line {
    pub account: String,
    pub debit: String,
    pub credit: String,
}

impl Line {
    fn is_blank(&self) -> bool {
        self.account.trim().is_empty()
            && self.debit.trim().is_empty()
            && self.credit.trim().is_empty()
    }
}

/// The form as typed: its fields by name, lines numbered from 0 (`account_0`, `debit_0`,
/// `credit_0`, …).
#[derive(Debug, Clone, Default)]
pub struct EntryForm {
    pub date: String,
    pub memo: String,
    pub key: String,
    pub lines: Vec<Line>,
}

impl EntryForm {
    fn blank(date: String) -> EntryForm {
        EntryForm {
            date,
            memo: String::new(),
            key: Uuid::now_v7().to_string(),
            lines: vec![Line::default(); LINES_AT_FIRST],
        }
    }

    /// Reads the posted fields; unknown names are ignored, line numbers past
    /// [`LINES_MAX`] refused as a bad request.
    fn read(fields: Vec<(String, String)>) -> Result<EntryForm, PageError> {
        let mut form = EntryForm::default();
        let mut lines: HashMap<usize, Line> = HashMap::new();
        for (name, value) in fields {
            match name.as_str() {
                "date" => form.date = value,
                "memo" => form.memo = value,
                "key" => form.key = value,
                _ => {
                    let Some((part, number)) = name.rsplit_once('_') else {
                        continue;
                    };
                    let Ok(number) = number.parse::<usize>() else {
                        continue;
                    };
                    if number >= LINES_MAX {
                        return Err(PageError::bad_request());
                    }
                    let line = lines.entry(number).or_default();
                    match part {
                        "account" => line.account = value,
                        "debit" => line.debit = value,
                        "credit" => line.credit = value,
                        _ => {}
                    }
                }
            }
        }
        let count = lines.keys().max().map_or(0, |last| last + 1);
        form.lines = (0..count)
            .map(|n| lines.remove(&n).unwrap_or_default())
            .collect();
        if form.key.trim().is_empty() {
            form.key = Uuid::now_v7().to_string();
        }
        Ok(form)
    }

    /// The postings the form asks for, or the messages for its fields: an account from
    /// the chart and one positive amount on each line that is not blank, at least two
    /// lines, debits equal to credits.
    fn postings(
        &self,
        c: &Chrome,
        currency: &Currency,
        chart: &[String],
        errors: &mut FieldErrors,
    ) -> Vec<NewPosting> {
        let mut postings = Vec::new();
        let mut sum = Money::ZERO;
        for (n, line) in self.lines.iter().enumerate() {
            if line.is_blank() {
                continue;
            }
            let account = line.account.trim();
            if account.is_empty() {
                errors.add(field(n, "account"), c.t("field-required"));
            } else if !chart.iter().any(|known| known == account) {
                errors.add(
                    field(n, "account"),
                    c.t1("entry-account-unknown", "account", account),
                );
            }
            let (debit, credit) = (line.debit.trim(), line.credit.trim());
            let amount = match (debit.is_empty(), credit.is_empty()) {
                (true, true) => {
                    errors.add(field(n, "debit"), c.t("entry-amount-missing"));
                    None
                }
                (false, false) => {
                    errors.add(field(n, "credit"), c.t("entry-amount-both"));
                    None
                }
                (false, true) => positive_amount(c, currency, debit)
                    .map_err(|message| errors.add(field(n, "debit"), message))
                    .ok(),
                (true, false) => positive_amount(c, currency, credit)
                    .map_err(|message| errors.add(field(n, "credit"), message))
                    .ok()
                    .and_then(|amount| amount.checked_neg().ok()),
            };
            if let Some(amount) = amount {
                match sum.checked_add(amount) {
                    Ok(total) => sum = total,
                    Err(_) => errors.add(field(n, "debit"), c.t("entry-amounts-too-large")),
                }
                postings.push(NewPosting {
                    account: account.to_owned(),
                    amount: currency.format(amount),
                });
            }
        }
        if errors.is_empty() {
            if postings.len() < 2 {
                errors.add("lines", c.t("entry-lines-too-few"));
            } else if sum != Money::ZERO {
                let difference = c
                    .locale
                    .amount(sum.minor().saturating_abs(), u32::from(currency.scale()));
                errors.add("lines", c.t1("entry-unbalanced", "difference", &difference));
            }
        }
        postings
    }
}

/// The name of line `n`'s field `part`: `debit_2`.
fn field(n: usize, part: &str) -> String {
    format!("{part}_{n}")
}

#[derive(Template, WebTemplate)]
#[template(path = "entry_form.html")]
struct EntryFormPage {
    c: Chrome,
    nav: BookNav,
    form: EntryForm,
    errors: FieldErrors,
    /// The chart's account names, for completion.
    accounts: Vec<String>,
    /// The currency's decimals, for the balance check as one types.
    scale: u8,
}

impl EntryFormPage {
    /// The field's own error, for `aria-describedby` and the message under it.
    fn line_error(&self, n: impl std::borrow::Borrow<usize>, part: &str) -> Option<&String> {
        self.errors.get(&field(*n.borrow(), part))
    }
}

async fn form_page(
    page: Page,
    code: &str,
    form: EntryForm,
    errors: FieldErrors,
) -> Result<EntryFormPage, PageError> {
    let (nav, organisation) = BookNav::load(&page.artel, code, "new-entry").await?;
    if !nav.may_post {
        return Err(PageError::from(artel_app::AppError::Forbidden(
            "posting needs a role that may post".into(),
        )));
    }
    let accounts = chart_names(&page, code).await?;
    Ok(EntryFormPage {
        c: page.c,
        nav,
        form,
        errors,
        accounts,
        scale: organisation.currency.scale(),
    })
}

async fn chart_names(page: &Page, code: &str) -> Result<Vec<String>, PageError> {
    Ok(page
        .artel
        .accounts(code)
        .await?
        .into_iter()
        .map(|account| account.name.to_string())
        .collect())
}

pub async fn new_entry(page: Page, Path(code): Path<String>) -> Result<Response, PageError> {
    let today = chrono::Utc::now().date_naive().to_string();
    Ok(
        form_page(page, &code, EntryForm::blank(today), FieldErrors::default())
            .await?
            .into_response(),
    )
}

/// Posts the entry and shows it, or sends the form back (422) with its messages. The
/// button "add a line" sends the form back with one more line and posts nothing.
pub async fn post_entry(
    page: Page,
    Path(code): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let add_line = fields.iter().any(|(name, _)| name == "add_line");
    let mut form = EntryForm::read(fields)?;
    if add_line {
        if form.lines.len() < LINES_MAX {
            form.lines.push(Line::default());
        }
        return Ok(form_page(page, &code, form, FieldErrors::default())
            .await?
            .into_response());
    }
    let organisation = page.artel.book(&code).await?;
    let chart = chart_names(&page, &code).await?;
    let c = &page.c;
    let mut errors = FieldErrors::default();
    let date = required_date(c, &mut errors, "date", &form.date);
    if form.memo.trim().is_empty() {
        errors.add("memo", c.t("field-required"));
    }
    let postings = form.postings(c, &organisation.currency, &chart, &mut errors);
    if let Some(date) = date
        && errors.is_empty()
    {
        match page
            .artel
            .post_entry(
                &code,
                date,
                form.memo.trim(),
                None,
                &postings,
                Some(&form.key),
            )
            .await
        {
            Ok(outcome) => return Ok(show_posted(&code, &outcome)),
            Err(error) => {
                errors = refusal(
                    c,
                    error,
                    &[
                        ("date", "date", "entry-period-closed"),
                        ("Idempotency-Key", "lines", "form-resubmitted"),
                    ],
                    "lines",
                )?;
            }
        }
    }
    let form_page = form_page(page, &code, form, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, form_page).into_response())
}
