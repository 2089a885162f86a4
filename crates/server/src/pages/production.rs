//! The production page: a year's indicators, its charts month by month and product by
//! product ([`super::production_charts`]), the comparison of two periods
//! ([`super::production_compare`]), and the form that records a production report — the
//! rates computed from the records, never typed in.

use artel_app::NewProduction;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Datelike;
use serde::Deserialize;

use super::book_nav::BookNav;
use super::form::{optional_count, refusal, required_count, required_date};
use super::production_charts::{ProductRow, product_rows, year_charts};
use super::production_compare::{Comparison, comparison};
use super::year::{indicator_rows, shown_year};
use super::{Chrome, FieldErrors, Page, PageError};

#[derive(Template, WebTemplate)]
#[template(path = "production.html")]
struct ProductionPage {
    c: Chrome,
    nav: BookNav,
    year: i32,
    /// The year's indicators: label and value, in the documented order.
    rows: Vec<(String, String)>,
    defect_chart: String,
    output_chart: String,
    plan_chart: String,
    products: Vec<ProductRow>,
    product_defect_chart: Option<String>,
    compared: Comparison,
    form: ReportForm,
    errors: FieldErrors,
    recorded: bool,
}

/// The production report form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ReportForm {
    date: String,
    product: String,
    quantity: String,
    defective: String,
    first_grade: String,
    made_by: String,
    materials: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct ProductionQuery {
    year: Option<i32>,
    recorded: Option<String>,
    /// The period compared and the one it is compared with.
    period: Option<String>,
    compare: Option<String>,
}

/// The indicators shown, in the order of INTERFACE.md's production rows.
pub const SHOWN: [&str; 6] = [
    "defect_rate",
    "output_quantity",
    "output_value",
    "first_grade_share",
    "plan_fulfilment",
    "unit_cost",
];

pub async fn production(
    page: Page,
    Path(code): Path<String>,
    Query(query): Query<ProductionQuery>,
) -> Result<Response, PageError> {
    let today = chrono::Utc::now().date_naive();
    let form = ReportForm {
        date: today.to_string(),
        defective: "0".into(),
        ..ReportForm::default()
    };
    let year = shown_year(&page.artel, &code, query.year).await?;
    let asked = (query.period.as_deref(), query.compare.as_deref());
    let shown = production_page(page, &code, year, form, FieldErrors::default(), asked).await?;
    let status = if shown.compared.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((
        status,
        ProductionPage {
            recorded: query.recorded.is_some(),
            ..shown
        },
    )
        .into_response())
}

/// The page of `year`, with the report form as typed and its errors, and the comparison
/// of the periods `asked` (`period`, `compare`).
async fn production_page(
    page: Page,
    code: &str,
    year: i32,
    form: ReportForm,
    errors: FieldErrors,
    asked: (Option<&str>, Option<&str>),
) -> Result<ProductionPage, PageError> {
    let (nav, _) = BookNav::load(&page.artel, code, "production").await?;
    let c = page.c;
    let yearly = page.artel.indicators(code, &year.to_string(), None).await?;
    let rows = indicator_rows(&c, &yearly, &SHOWN);
    let production = page.artel.production_year(code, year).await?;
    let charts = year_charts(&c, year, &production)?;
    let compared = comparison(&page.artel, &c, code, year, asked, &SHOWN).await?;
    Ok(ProductionPage {
        c,
        nav,
        year,
        rows,
        defect_chart: charts.defect,
        output_chart: charts.output,
        plan_chart: charts.plan,
        products: product_rows(&production),
        product_defect_chart: charts.product_defect,
        compared,
        form,
        errors,
        recorded: false,
    })
}

/// Records the report and shows the page of its year; a refused one comes back with its
/// messages next to the fields.
pub async fn record(
    page: Page,
    Path(code): Path<String>,
    Form(form): Form<ReportForm>,
) -> Result<Response, PageError> {
    let c = &page.c;
    let mut errors = FieldErrors::default();
    let date = required_date(c, &mut errors, "date", &form.date);
    if form.product.trim().is_empty() {
        errors.add("product", c.t("field-required"));
    }
    let quantity = required_count(c, &mut errors, "quantity", &form.quantity);
    let defective = required_count(c, &mut errors, "defective", &form.defective);
    let first_grade = optional_count(c, &mut errors, "first_grade", &form.first_grade);
    if let (Some(date), Some(quantity), Some(defective)) = (date, quantity, defective)
        && errors.is_empty()
    {
        let report = NewProduction {
            date,
            product: form.product.clone(),
            quantity,
            defective,
            first_grade,
            made_by: form.made_by.clone(),
            materials: form.materials.clone(),
            source: "web".into(),
        };
        match page.artel.record_production(&code, &report).await {
            Ok(_) => {
                let year = date.year();
                return Ok(Redirect::to(&format!(
                    "/books/{code}/production?year={year}&recorded=1"
                ))
                .into_response());
            }
            Err(error) => {
                errors = refusal(
                    c,
                    error,
                    &[
                        ("product", "product", "field-required"),
                        ("quantity", "quantity", "production-quantity-refused"),
                        ("defective", "defective", "production-defective-refused"),
                        (
                            "first_grade",
                            "first_grade",
                            "production-first-grade-refused",
                        ),
                        ("materials", "materials", "production-materials-refused"),
                    ],
                    "product",
                )?;
            }
        }
    }
    let year = date.map_or_else(|| chrono::Utc::now().year(), |d| d.year());
    let shown = production_page(page, &code, year, form, errors, (None, None)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
}
