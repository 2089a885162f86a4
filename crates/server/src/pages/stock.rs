//! The stock page: what is on hand — the cooperative's own stock at cost, each buyer's
//! supplied materials apart — the year's movements with the entries they posted, and the
//! form that records a movement.

use artel_app::{StockKind, StockMove};
use artel_ledger::AccountName;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Datelike;
use serde::Deserialize;

use super::book_nav::BookNav;
use super::form::{refusal, required_date};
use super::year::{shown_year, year_days};
use super::{Chrome, FieldErrors, Page, PageError};

/// A row of stock on hand, formatted.
struct OnHandRow {
    item: String,
    kind: String,
    owner: String,
    quantity: i64,
    value: String,
}

/// A movement, formatted.
struct MovementRow {
    date: String,
    kind: String,
    item: String,
    owner: String,
    quantity: i64,
    value: String,
    sequence: Option<u64>,
    note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "stock.html")]
struct StockPage {
    c: Chrome,
    nav: BookNav,
    year: i32,
    own: Vec<OnHandRow>,
    buyers: Vec<OnHandRow>,
    movements: Vec<MovementRow>,
    /// The kinds of movement: value and label.
    kinds: Vec<(&'static str, String)>,
    form: MovementForm,
    errors: FieldErrors,
    recorded: bool,
}

/// The movement form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MovementForm {
    date: String,
    kind: String,
    item: String,
    quantity: String,
    value: String,
    owner: String,
    paid_from: String,
    note: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct StockQuery {
    year: Option<i32>,
    recorded: Option<String>,
}

pub async fn stock(
    page: Page,
    Path(code): Path<String>,
    Query(query): Query<StockQuery>,
) -> Result<Response, PageError> {
    let today = chrono::Utc::now().date_naive();
    let year = shown_year(&page.artel, &code, query.year).await?;
    let form = MovementForm {
        date: today.to_string(),
        kind: StockKind::Purchase.as_str().into(),
        ..MovementForm::default()
    };
    let shown = stock_page(page, &code, year, form, FieldErrors::default()).await?;
    Ok(StockPage {
        recorded: query.recorded.is_some(),
        ..shown
    }
    .into_response())
}

async fn stock_page(
    page: Page,
    code: &str,
    year: i32,
    form: MovementForm,
    errors: FieldErrors,
) -> Result<StockPage, PageError> {
    let (nav, organisation) = BookNav::load(&page.artel, code, "stock").await?;
    let c = page.c;
    let currency = organisation.currency;
    let kind_label = |kind: &str| c.t(&format!("stock-kind-{kind}"));
    let (own, buyers): (Vec<OnHandRow>, Vec<OnHandRow>) = page
        .artel
        .stock_on_hand(code)
        .await?
        .into_iter()
        .map(|s| OnHandRow {
            kind: c.t(&format!("stock-item-{}", s.item_kind)),
            value: currency.format(s.on_hand.value),
            item: s.item,
            owner: s.owner,
            quantity: s.on_hand.quantity,
        })
        .partition(|row| row.owner.is_empty());
    let (first, last) = year_days(year)?;
    let movements = page
        .artel
        .stock_movements(code, first, last)
        .await?
        .into_iter()
        .rev()
        .map(|m| MovementRow {
            date: m.date.to_string(),
            kind: kind_label(&m.kind),
            item: m.item,
            owner: m.owner,
            quantity: m.change.quantity,
            value: currency.format(m.change.value),
            sequence: m.sequence,
            note: m.note,
        })
        .collect();
    let kinds = StockKind::ALL
        .iter()
        .map(|k| (k.as_str(), kind_label(k.as_str())))
        .collect();
    Ok(StockPage {
        c,
        nav,
        year,
        own,
        buyers,
        movements,
        kinds,
        form,
        errors,
        recorded: false,
    })
}

/// Reads the form into a movement; what cannot be read gets a message next to its field.
fn read_form(
    c: &Chrome,
    currency: &artel_ledger::Currency,
    form: &MovementForm,
    errors: &mut FieldErrors,
) -> Option<StockMove> {
    let date = required_date(c, errors, "date", &form.date);
    let kind = StockKind::parse(&form.kind)
        .map_err(|_| errors.add("kind", c.t("field-required")))
        .ok();
    if form.item.trim().is_empty() {
        errors.add("item", c.t("field-required"));
    }
    let quantity = form
        .quantity
        .trim()
        .parse::<i64>()
        .map_err(|_| errors.add("quantity", c.t("stock-quantity-invalid")))
        .ok();
    let value = match form.value.trim() {
        "" => None,
        text => currency
            .parse(text)
            .map_err(|_| {
                errors.add(
                    "value",
                    c.tn(
                        "form-amount-invalid",
                        "decimals",
                        i64::from(currency.scale()),
                    ),
                )
            })
            .ok(),
    };
    let paid_from = match form.paid_from.trim() {
        "" => None,
        text => AccountName::parse(text)
            .map_err(|_| errors.add("paid_from", c.t("stock-paid-from-refused")))
            .ok(),
    };
    match (date, kind, quantity) {
        (Some(date), Some(kind), Some(quantity)) if errors.is_empty() => Some(StockMove {
            line: 0,
            date,
            kind,
            item: form.item.clone(),
            quantity,
            value,
            owner: Some(form.owner.clone()),
            paid_from,
            note: form.note.trim().to_owned(),
        }),
        _ => None,
    }
}

/// Records the movement and shows the page of its year; a refused one comes back with its
/// messages next to the fields.
pub async fn record(
    page: Page,
    Path(code): Path<String>,
    Form(form): Form<MovementForm>,
) -> Result<Response, PageError> {
    let c = &page.c;
    let currency = page.artel.book(&code).await?.currency;
    let mut errors = FieldErrors::default();
    if let Some(movement) = read_form(c, &currency, &form, &mut errors) {
        match page.artel.record_stock(&code, &movement, "web").await {
            Ok(_) => {
                let year = movement.date.year();
                return Ok(
                    Redirect::to(&format!("/books/{code}/stock?year={year}&recorded=1"))
                        .into_response(),
                );
            }
            Err(error) => {
                errors = refusal(
                    c,
                    error,
                    &[
                        ("item", "item", "stock-item-refused"),
                        ("quantity", "quantity", "stock-quantity-refused"),
                        ("value", "value", "stock-value-refused"),
                        ("owner", "owner", "stock-owner-refused"),
                        ("account", "paid_from", "stock-paid-from-refused"),
                        ("date", "date", "stock-date-refused"),
                    ],
                    "item",
                )?;
            }
        }
    }
    let year = chrono::NaiveDate::parse_from_str(form.date.trim(), "%Y-%m-%d")
        .map_or_else(|_| chrono::Utc::now().year(), |d| d.year());
    let shown = stock_page(page, &code, year, form, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
}
