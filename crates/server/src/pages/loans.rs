//! The loans page: each loan with the principal still outstanding and its repayment
//! schedule, repaid instalments linked to the entries that posted them; the form that
//! records a loan and, on each loan not yet repaid, the form that pays its next instalment.

use artel_app::{LenderKind, Loan, LoanRequest, format_rate};
use artel_ledger::{Currency, Money};
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::book_nav::BookNav;
use super::form::{refusal, required_date};
use super::{Chrome, FieldErrors, Page, PageError};

/// The periods a loan's instalments may be apart, in months, with their labels' keys.
const EVERY: [(u32, &str); 4] = [
    (1, "loans-every-1"),
    (3, "loans-every-3"),
    (6, "loans-every-6"),
    (12, "loans-every-12"),
];

/// An instalment of a schedule, formatted.
struct InstalmentRow {
    number: u32,
    due: String,
    principal: String,
    interest: String,
    total: String,
    /// The day it was repaid and the entry that posted it.
    paid: Option<(String, u64)>,
}

/// A loan, formatted.
struct LoanRow {
    number: u64,
    lender: String,
    kind: String,
    principal: String,
    rate: String,
    drawn: String,
    instalments: u32,
    every: String,
    outstanding: String,
    sequence: u64,
    schedule: Vec<InstalmentRow>,
    /// The next instalment to pay, by number, with what it costs.
    next: Option<(u32, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "loans.html")]
struct LoansPage {
    c: Chrome,
    nav: BookNav,
    loans: Vec<LoanRow>,
    outstanding_total: String,
    kinds: Vec<(&'static str, String)>,
    every: Vec<(String, String)>,
    form: LoanForm,
    errors: FieldErrors,
    /// The loan whose repayment form comes back refused, with what was typed.
    repay_loan: Option<u64>,
    repay: RepayForm,
    repay_errors: FieldErrors,
    /// The loan just recorded, for the notice.
    added: Option<u64>,
    /// The loan whose instalment was just repaid, for the notice.
    repaid: Option<u64>,
}

impl LoansPage {
    /// What was typed in loan `number`'s repayment form when it came back refused.
    fn repay_date(&self, number: &u64) -> &str {
        match self.repay_loan {
            Some(refused) if refused == *number => &self.repay.date,
            _ => "",
        }
    }

    fn repay_from(&self, number: &u64) -> &str {
        match self.repay_loan {
            Some(refused) if refused == *number => &self.repay.from,
            _ => "",
        }
    }

    /// The message next to `field` of loan `number`'s repayment form.
    fn repay_error(&self, number: &u64, field: &str) -> Option<&String> {
        match self.repay_loan {
            Some(refused) if refused == *number => self.repay_errors.get(field),
            _ => None,
        }
    }
}

/// The loan form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct LoanForm {
    lender: String,
    lender_kind: String,
    principal: String,
    rate: String,
    drawn: String,
    instalments: String,
    months: String,
    into: String,
}

/// The repayment form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RepayForm {
    date: String,
    from: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct LoansQuery {
    added: Option<u64>,
    repaid: Option<u64>,
}

fn loan_row(c: &Chrome, currency: &Currency, loan: Loan) -> LoanRow {
    let terms = &loan.terms;
    let months = terms.months();
    let every = EVERY
        .iter()
        .find(|(m, _)| *m == months)
        .map_or_else(|| months.to_string(), |(_, key)| c.t(key));
    let next = loan
        .next_unpaid()
        .map(|s| (s.instalment.number, currency.format(s.instalment.total())));
    LoanRow {
        number: loan.number,
        lender: terms.lender().to_owned(),
        kind: c.t(&format!("loans-kind-{}", terms.lender_kind())),
        principal: currency.format(terms.principal()),
        rate: format_rate(terms.rate_bp()),
        drawn: terms.drawn().to_string(),
        instalments: terms.instalments(),
        every,
        outstanding: currency.format(loan.outstanding),
        sequence: loan.sequence,
        schedule: loan
            .schedule
            .iter()
            .map(|s| InstalmentRow {
                number: s.instalment.number,
                due: s.instalment.due.to_string(),
                principal: currency.format(s.instalment.principal),
                interest: currency.format(s.instalment.interest),
                total: currency.format(s.instalment.total()),
                paid: s.repaid.map(|r| (r.date.to_string(), r.sequence)),
            })
            .collect(),
        next,
    }
}

async fn loans_page(
    page: Page,
    code: &str,
    form: LoanForm,
    errors: FieldErrors,
) -> Result<LoansPage, PageError> {
    let (nav, organisation) = BookNav::load(&page.artel, code, "loans").await?;
    let c = page.c;
    let currency = organisation.currency;
    let loans = page.artel.loans(code).await?;
    let outstanding: i64 = loans.iter().map(|l| l.outstanding.minor()).sum();
    let loans = loans
        .into_iter()
        .map(|loan| loan_row(&c, &currency, loan))
        .collect();
    let kinds = LenderKind::ALL
        .iter()
        .map(|k| (k.as_str(), c.t(&format!("loans-kind-{k}"))))
        .collect();
    let every = EVERY
        .iter()
        .map(|(months, key)| (months.to_string(), c.t(key)))
        .collect();
    Ok(LoansPage {
        outstanding_total: currency.format(Money::from_minor(outstanding)),
        c,
        nav,
        loans,
        kinds,
        every,
        form,
        errors,
        repay_loan: None,
        repay: RepayForm::default(),
        repay_errors: FieldErrors::default(),
        added: None,
        repaid: None,
    })
}

pub async fn loans(
    page: Page,
    Path(code): Path<String>,
    Query(query): Query<LoansQuery>,
) -> Result<Response, PageError> {
    let form = LoanForm {
        lender_kind: LenderKind::Bank.as_str().into(),
        months: "1".into(),
        ..LoanForm::default()
    };
    let shown = loans_page(page, &code, form, FieldErrors::default()).await?;
    Ok(LoansPage {
        added: query.added,
        repaid: query.repaid,
        ..shown
    }
    .into_response())
}

/// Reads the loan form; what cannot be read gets a message next to its field.
fn read_form(c: &Chrome, form: &LoanForm, errors: &mut FieldErrors) -> Option<LoanRequest> {
    let drawn = required_date(c, errors, "drawn", &form.drawn);
    let instalments = match form.instalments.trim().parse::<u32>() {
        Ok(n) if n > 0 => Some(n),
        _ => {
            errors.add("instalments", c.t("loans-instalments-refused"));
            None
        }
    };
    let months = match form.months.trim().parse::<u32>() {
        Ok(months) if EVERY.iter().any(|(m, _)| *m == months) => Some(months),
        _ => {
            errors.add("months", c.t("loans-months-refused"));
            None
        }
    };
    match (drawn, instalments, months) {
        (Some(drawn), Some(instalments), Some(months)) if errors.is_empty() => Some(LoanRequest {
            lender: form.lender.clone(),
            lender_kind: form.lender_kind.clone(),
            principal: form.principal.clone(),
            rate: form.rate.clone(),
            drawn,
            instalments,
            months,
            into: Some(form.into.clone()),
        }),
        _ => None,
    }
}

/// Records the loan and shows the page; a refused one comes back with its messages next
/// to the fields.
pub async fn add(
    page: Page,
    Path(code): Path<String>,
    Form(form): Form<LoanForm>,
) -> Result<Response, PageError> {
    let c = &page.c;
    let mut errors = FieldErrors::default();
    if let Some(request) = read_form(c, &form, &mut errors) {
        match page.artel.add_loan(&code, &request, "web").await {
            Ok(added) => {
                return Ok(Redirect::to(&format!(
                    "/books/{code}/loans?added={}#loan-{}",
                    added.number, added.number
                ))
                .into_response());
            }
            Err(error) => {
                errors = refusal(
                    c,
                    error,
                    &[
                        ("lender", "lender", "loans-lender-refused"),
                        ("lender_kind", "lender_kind", "loans-kind-refused"),
                        ("principal", "principal", "loans-principal-refused"),
                        ("rate", "rate", "loans-rate-refused"),
                        ("drawn", "drawn", "loans-drawn-refused"),
                        ("date", "drawn", "loans-date-refused"),
                        ("instalments", "instalments", "loans-instalments-refused"),
                        ("months", "months", "loans-months-refused"),
                        ("into", "into", "loans-account-refused"),
                    ],
                    "lender",
                )?;
            }
        }
    }
    let shown = loans_page(page, &code, form, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
}

/// Pays loan `number`'s next instalment as scheduled; a refusal comes back next to the
/// loan's form.
pub async fn repay(
    page: Page,
    Path((code, number)): Path<(String, u64)>,
    Form(form): Form<RepayForm>,
) -> Result<Response, PageError> {
    let c = &page.c;
    let mut errors = FieldErrors::default();
    if let Some(date) = required_date(c, &mut errors, "repay_date", &form.date) {
        let from = Some(form.from.as_str());
        match page
            .artel
            .repay_loan(&code, number, date, from, "web")
            .await
        {
            Ok(_) => {
                return Ok(Redirect::to(&format!(
                    "/books/{code}/loans?repaid={number}#loan-{number}"
                ))
                .into_response());
            }
            Err(error) => {
                errors = refusal(
                    c,
                    error,
                    &[
                        ("loan", "repay_date", "loans-repaid-in-full"),
                        ("instalment", "repay_date", "loans-repay-changed"),
                        ("date", "repay_date", "loans-repay-date-refused"),
                        ("from", "repay_from", "loans-account-refused"),
                    ],
                    "repay_date",
                )?;
            }
        }
    }
    let blank = LoanForm {
        lender_kind: LenderKind::Bank.as_str().into(),
        months: "1".into(),
        ..LoanForm::default()
    };
    let shown = loans_page(page, &code, blank, FieldErrors::default()).await?;
    let shown = LoansPage {
        repay_loan: Some(number),
        repay: form,
        repay_errors: errors,
        ..shown
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
}
