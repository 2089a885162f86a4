//! The sales page: a year's sales indicators and its sales by kind of buyer month by month,
//! the receivables aged on a day by bucket and per buyer ([`super::sales_charts`]), the
//! charter's credit limits crossed that day, the invoices still open, the year's invoices
//! linked to the entries that posted them and its contracts; and the forms that record an
//! invoiced sale and a buyer's payment, for those who may sell.

use std::collections::BTreeSet;

use artel_app::{
    Artel, ContractStanding, ContractStatus, CounterpartyType, PaymentRequest, SaleRequest, Terms,
    per_mille_as_percent,
};
use artel_ledger::Money;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::book_nav::BookNav;
use super::books::credit_warning;
use super::form::{optional_date, positive_amount, refusal, required_count, required_date};
use super::i18n::Arg;
use super::sales_charts::{
    AgingRow, aging_chart, aging_rows, bucket_labels, fulfilment_chart, sales_chart, type_label,
};
use super::year::{indicator_rows, shown_year, year_days};
use super::{Choice, Chrome, FieldErrors, Page, PageError};

/// The indicators shown, in the order of INTERFACE.md's sales rows.
const SHOWN: [&str; 3] = [
    "credit_sales_share",
    "private_buyer_share",
    "contract_value",
];

/// The terms a sale is offered on: cash, or credit for a number of days.
const TERMS: [&str; 2] = ["cash", "credit"];

/// An invoice, formatted.
struct InvoiceRow {
    date: String,
    counterparty: String,
    kind: String,
    product: String,
    quantity: u32,
    amount: String,
    terms: String,
    due: String,
    contract: String,
    sequence: u64,
}

/// An invoice with something still owed on it, formatted.
struct OpenRow {
    date: String,
    counterparty: String,
    due: String,
    amount: String,
    open: String,
    sequence: u64,
    /// How the payment form offers it.
    choice: String,
}

/// A contract, formatted, with how far it is fulfilled on the day of the aging.
struct ContractRow {
    number: String,
    counterparty: String,
    kind: String,
    signed: String,
    value: String,
    credit_days: String,
    delivered: String,
    fulfilled_pct: String,
    status: String,
    /// `overdue` gets a mark the reader sees.
    overdue: bool,
}

/// The sale form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SaleForm {
    date: String,
    counterparty: String,
    counterparty_type: String,
    product: String,
    quantity: String,
    amount: String,
    /// `cash` or `credit`.
    terms: String,
    /// The credit term in days, for a sale on credit.
    days: String,
    contract: String,
}

/// The payment form as typed; its fields are named apart from the sale form's, as both
/// are on one page.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PaymentForm {
    payment_counterparty: String,
    payment_amount: String,
    payment_date: String,
    payment_into: String,
    /// The invoice to pay first, by its entry's number; empty for the oldest first.
    payment_invoice: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct SalesQuery {
    year: Option<i32>,
    /// The day the receivables are aged on.
    as_of: Option<String>,
    /// The entry a sale or a payment just posted, for the notice.
    sale: Option<u64>,
    payment: Option<u64>,
}

/// The forms as typed and what was refused in them.
struct Forms {
    sale: SaleForm,
    payment: PaymentForm,
    /// Messages by field, the sale's and the payment's (named apart) and the day's.
    errors: FieldErrors,
    sale_refused: bool,
    payment_refused: bool,
}

impl Forms {
    /// Empty forms dated `today`, selling for cash.
    fn new(today: NaiveDate, errors: FieldErrors) -> Forms {
        Forms {
            sale: SaleForm {
                date: today.to_string(),
                terms: TERMS[0].into(),
                ..SaleForm::default()
            },
            payment: PaymentForm {
                payment_date: today.to_string(),
                ..PaymentForm::default()
            },
            errors,
            sale_refused: false,
            payment_refused: false,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "sales.html")]
struct SalesPage {
    c: Chrome,
    nav: BookNav,
    year: i32,
    /// The day of the aging, as the form gives it back and as the reader reads it.
    as_of: String,
    as_of_shown: String,
    indicators: Vec<(String, String)>,
    /// None when nothing was invoiced in the year.
    sales_chart: Option<String>,
    aging_chart: String,
    /// None when no contract was signed in the year.
    fulfilment_chart: Option<String>,
    buckets: Vec<String>,
    aging: Vec<AgingRow>,
    aging_total: AgingRow,
    warnings: Vec<String>,
    open: Vec<OpenRow>,
    invoices: Vec<InvoiceRow>,
    contracts: Vec<ContractRow>,
    types: Vec<Choice>,
    terms: Vec<Choice>,
    /// Names offered while typing a buyer or a contract.
    counterparties: Vec<String>,
    contract_numbers: Vec<String>,
    sale: SaleForm,
    payment: PaymentForm,
    errors: FieldErrors,
    sale_refused: bool,
    payment_refused: bool,
    /// The notice of what was just recorded, and the entry that posted it.
    recorded: Option<(String, u64)>,
}

/// An invoice's terms as the reader reads them.
fn terms_label(c: &Chrome, terms: &str) -> String {
    match Terms::parse(terms) {
        Ok(Terms::Cash) => c.t("sales-terms-cash"),
        Ok(Terms::Credit { days }) => c.tn("sales-terms-credit-days", "days", days),
        Err(_) => terms.to_owned(),
    }
}

pub async fn sales(
    page: Page,
    Path(code): Path<String>,
    Query(query): Query<SalesQuery>,
) -> Result<Response, PageError> {
    let year = shown_year(&page.artel, &code, query.year).await?;
    let mut errors = FieldErrors::default();
    let as_of = optional_date(&page.c, &mut errors, "as_of", query.as_of.as_deref());
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let forms = Forms::new(chrono::Utc::now().date_naive(), errors);
    let recorded = match (query.sale, query.payment) {
        (Some(sequence), _) => Some((page.c.t("sales-sale-recorded"), sequence)),
        (None, Some(sequence)) => Some((page.c.t("sales-payment-recorded"), sequence)),
        (None, None) => None,
    };
    let shown = sales_page(page, &code, year, as_of, forms).await?;
    Ok((status, SalesPage { recorded, ..shown }).into_response())
}

/// The page of `year` with the receivables aged on `as_of` (by default the year's last
/// day, or today when that is still to come), and the forms as typed.
async fn sales_page(
    page: Page,
    code: &str,
    year: i32,
    as_of: Option<NaiveDate>,
    forms: Forms,
) -> Result<SalesPage, PageError> {
    let artel: &Artel = &page.artel;
    let (nav, organisation) = BookNav::load(artel, code, "sales").await?;
    let c = page.c;
    let (first, last) = year_days(year)?;
    let as_of = as_of.unwrap_or_else(|| last.min(chrono::Utc::now().date_naive()));
    let scale = organisation.currency.scale();
    let amount = |money: Money| c.locale.amount(money.minor(), u32::from(scale));
    let yearly = artel.indicators(code, &year.to_string(), None).await?;
    let invoices = artel.invoices(code, first, last).await?;
    let contracts: Vec<ContractStanding> = artel
        .contract_standings(code, as_of)
        .await?
        .into_iter()
        .filter(|s| first <= s.contract.signed && s.contract.signed <= last)
        .collect();
    let aging = artel.aging(code, as_of).await?;
    let open = artel.open_invoices(code, as_of).await?;
    let crossed = artel.credit_warnings_of(&organisation, as_of).await?;
    let as_of_shown = c.locale.date(as_of);
    let (aging_table, aging_total) = aging_rows(&c, &aging, scale)?;
    let mut counterparties: BTreeSet<String> = aging.counterparties.keys().cloned().collect();
    counterparties.extend(invoices.iter().map(|i| i.counterparty.clone()));
    counterparties.extend(contracts.iter().map(|k| k.contract.counterparty.clone()));
    let types = CounterpartyType::ALL
        .iter()
        .map(|kind| Choice {
            value: kind.as_str().to_owned(),
            label: type_label(&c, kind.as_str()),
            selected: forms.sale.counterparty_type == kind.as_str(),
        })
        .collect();
    let terms = TERMS
        .iter()
        .map(|terms| Choice {
            value: (*terms).to_owned(),
            label: c.t(&format!("sales-terms-{terms}")),
            selected: forms.sale.terms == *terms,
        })
        .collect();
    Ok(SalesPage {
        year,
        as_of: as_of.to_string(),
        indicators: indicator_rows(&c, &yearly, &SHOWN),
        sales_chart: sales_chart(&c, year, &invoices, scale)?,
        aging_chart: aging_chart(&c, &as_of_shown, &aging, scale),
        fulfilment_chart: fulfilment_chart(&c, &as_of_shown, &contracts, scale),
        buckets: bucket_labels(&c),
        aging: aging_table,
        aging_total,
        warnings: crossed.iter().map(|w| credit_warning(&c, w)).collect(),
        open: open
            .into_iter()
            .map(|i| OpenRow {
                date: c.locale.date(i.date),
                due: c.locale.date(i.due),
                amount: amount(i.amount),
                open: amount(i.open),
                choice: c.locale.t_with(
                    "sales-invoice-option",
                    &[
                        ("number", Arg::Text(i.sequence.to_string())),
                        ("buyer", Arg::Text(i.counterparty.clone())),
                        ("open", Arg::Text(amount(i.open))),
                    ],
                ),
                counterparty: i.counterparty,
                sequence: i.sequence,
            })
            .collect(),
        invoices: invoices
            .into_iter()
            .rev()
            .map(|i| InvoiceRow {
                date: c.locale.date(i.date),
                kind: type_label(&c, &i.counterparty_type),
                amount: amount(i.amount),
                terms: terms_label(&c, &i.terms),
                due: c.locale.date(i.due),
                contract: i.contract.unwrap_or_default(),
                counterparty: i.counterparty,
                product: i.product,
                quantity: i.quantity,
                sequence: i.sequence,
            })
            .collect(),
        contract_numbers: contracts
            .iter()
            .map(|k| k.contract.number.clone())
            .collect(),
        contracts: contracts
            .into_iter()
            .map(
                |ContractStanding {
                     contract: k,
                     fulfilment,
                 }| ContractRow {
                    kind: c.t(&format!("contract-kind-{}", k.kind)),
                    signed: c.locale.date(k.signed),
                    value: amount(k.value),
                    credit_days: k.credit_days.map(|d| d.to_string()).unwrap_or_default(),
                    delivered: amount(fulfilment.delivered),
                    fulfilled_pct: per_mille_as_percent(fulfilment.per_mille),
                    status: c.t(&format!("contract-status-{}", fulfilment.status)),
                    overdue: fulfilment.status == ContractStatus::Overdue,
                    number: k.number,
                    counterparty: k.counterparty,
                },
            )
            .collect(),
        counterparties: counterparties.into_iter().collect(),
        types,
        terms,
        as_of_shown,
        sale: forms.sale,
        payment: forms.payment,
        errors: forms.errors,
        sale_refused: forms.sale_refused,
        payment_refused: forms.payment_refused,
        recorded: None,
        nav,
        c,
    })
}

/// Reads the sale form into a request; what cannot be read gets a message next to its field.
fn read_sale(
    c: &Chrome,
    currency: &artel_ledger::Currency,
    form: &SaleForm,
    errors: &mut FieldErrors,
) -> Option<SaleRequest> {
    let date = required_date(c, errors, "date", &form.date);
    for (field, text) in [
        ("counterparty", &form.counterparty),
        ("product", &form.product),
    ] {
        if text.trim().is_empty() {
            errors.add(field, c.t("field-required"));
        }
    }
    if CounterpartyType::parse(&form.counterparty_type).is_err() {
        errors.add("counterparty_type", c.t("field-required"));
    }
    let quantity = required_count(c, errors, "quantity", &form.quantity);
    if let Err(message) = positive_amount(c, currency, form.amount.trim()) {
        errors.add("amount", message);
    }
    let terms = match form.terms.as_str() {
        "cash" => Some(Terms::Cash.to_string()),
        "credit" => required_count(c, errors, "days", &form.days)
            .map(|days| Terms::Credit { days }.to_string()),
        _ => {
            errors.add("terms", c.t("field-required"));
            None
        }
    };
    match (date, quantity, terms) {
        (Some(date), Some(quantity), Some(terms)) if errors.is_empty() => Some(SaleRequest {
            date,
            counterparty: form.counterparty.clone(),
            counterparty_type: form.counterparty_type.clone(),
            product: form.product.clone(),
            quantity,
            amount: form.amount.trim().to_owned(),
            terms,
            contract: Some(form.contract.clone()),
        }),
        _ => None,
    }
}

/// Records the sale and shows the page of its year with a notice; a refused one comes back
/// with its messages next to the fields.
pub async fn record_sale(
    page: Page,
    Path(code): Path<String>,
    Form(form): Form<SaleForm>,
) -> Result<Response, PageError> {
    let c = &page.c;
    let currency = page.artel.book(&code).await?.currency;
    let mut errors = FieldErrors::default();
    if let Some(request) = read_sale(c, &currency, &form, &mut errors) {
        match page.artel.record_sale(&code, &request).await {
            Ok(sequence) => {
                let year = request.date.year();
                return Ok(Redirect::to(&format!(
                    "/books/{code}/sales?year={year}&sale={sequence}"
                ))
                .into_response());
            }
            Err(error) => {
                errors = refusal(
                    c,
                    error,
                    &[
                        ("date", "date", "sales-date-refused"),
                        ("counterparty", "counterparty", "field-required"),
                        (
                            "counterparty_type",
                            "counterparty_type",
                            "sales-type-refused",
                        ),
                        ("product", "product", "field-required"),
                        ("quantity", "quantity", "sales-quantity-refused"),
                        ("amount", "amount", "form-amount-positive"),
                        ("terms", "days", "sales-days-refused"),
                        ("contract", "contract", "sales-contract-refused"),
                    ],
                    "counterparty",
                )?;
            }
        }
    }
    let year = NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d")
        .map_or_else(|_| chrono::Utc::now().year(), |d| d.year());
    let today = chrono::Utc::now().date_naive();
    let forms = Forms {
        sale: form,
        sale_refused: true,
        ..Forms::new(today, errors)
    };
    let shown = sales_page(page, &code, year, None, forms).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
}

/// Records a buyer's payment, applied to the invoice chosen first, if any, then to their
/// open invoices oldest first, and shows the
/// page of its year with a notice; a refused one comes back next to its fields.
pub async fn record_payment(
    page: Page,
    Path(code): Path<String>,
    Form(form): Form<PaymentForm>,
) -> Result<Response, PageError> {
    let c = &page.c;
    let currency = page.artel.book(&code).await?.currency;
    let mut errors = FieldErrors::default();
    let date = required_date(c, &mut errors, "payment_date", &form.payment_date);
    let counterparty = form.payment_counterparty.trim();
    if counterparty.is_empty() {
        errors.add("payment_counterparty", c.t("field-required"));
    }
    if let Err(message) = positive_amount(c, &currency, form.payment_amount.trim()) {
        errors.add("payment_amount", message);
    }
    let into = Some(form.payment_into.trim()).filter(|into| !into.is_empty());
    let invoice = match form.payment_invoice.trim() {
        "" => None,
        number => number.parse::<u64>().map_or_else(
            |_| {
                errors.add("payment_invoice", c.t("sales-invoice-refused"));
                None
            },
            Some,
        ),
    };
    if let Some(date) = date
        && errors.is_empty()
    {
        let request = PaymentRequest {
            counterparty,
            amount: form.payment_amount.trim(),
            date,
            into,
            invoice,
        };
        let paid = page.artel.record_payment(&code, &request).await;
        match paid {
            Ok(paid) => {
                let year = date.year();
                return Ok(Redirect::to(&format!(
                    "/books/{code}/sales?year={year}&payment={}",
                    paid.sequence
                ))
                .into_response());
            }
            Err(error) => {
                errors = refusal(
                    c,
                    error,
                    &[
                        ("date", "payment_date", "sales-date-refused"),
                        (
                            "counterparty",
                            "payment_counterparty",
                            "sales-payer-refused",
                        ),
                        ("amount", "payment_amount", "sales-payment-refused"),
                        ("into", "payment_into", "sales-into-refused"),
                        ("invoice", "payment_invoice", "sales-invoice-refused"),
                        ("account", "payment_into", "sales-into-refused"),
                    ],
                    "payment_counterparty",
                )?;
            }
        }
    }
    let year = date.map_or_else(|| chrono::Utc::now().year(), |d| d.year());
    let today = chrono::Utc::now().date_naive();
    let forms = Forms {
        payment: form,
        payment_refused: true,
        ..Forms::new(today, errors)
    };
    let shown = sales_page(page, &code, year, None, forms).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
}
