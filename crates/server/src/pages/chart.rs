//! The chart of accounts: every account with its type and its label in the reader's
//! language, each linked to its general ledger; and, for those who may edit the chart,
//! the form that adds an account.

use artel_ledger::AccountType;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::book_nav::BookNav;
use super::form::refusal;
use super::i18n::Locale;
use super::{Choice, Chrome, FieldErrors, Page, PageError, encode};

struct AccountRow {
    name: String,
    /// The name for a query value (general ledger link).
    query: String,
    kind: String,
    label: String,
    production_cost: bool,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AccountForm {
    name: String,
    /// Empty: told from the name's top level.
    account_type: String,
    label_en: String,
    label_zh: String,
    production_cost: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "chart.html")]
struct ChartPage {
    c: Chrome,
    nav: BookNav,
    rows: Vec<AccountRow>,
    /// The account types, for the form's choice.
    types: Vec<Choice>,
    form: AccountForm,
    errors: FieldErrors,
    /// The account just added.
    added: Option<String>,
}

async fn chart_page(
    page: Page,
    code: &str,
    form: AccountForm,
    errors: FieldErrors,
    added: Option<String>,
) -> Result<ChartPage, PageError> {
    let (nav, _) = BookNav::load(&page.artel, code, "accounts").await?;
    let accounts = page.artel.accounts(code).await?;
    let c = page.c;
    let rows = accounts
        .into_iter()
        .map(|account| {
            let (own, other) = match c.locale {
                Locale::En => (account.label_en, account.label_zh),
                Locale::ZhCn => (account.label_zh, account.label_en),
            };
            let name = account.name.to_string();
            AccountRow {
                query: encode(&name),
                kind: c.t(&format!("account-type-{}", account.account_type.as_str())),
                label: if own.is_empty() { other } else { own },
                production_cost: account.production_cost,
                name,
            }
        })
        .collect();
    let types = AccountType::ALL
        .into_iter()
        .map(|t| Choice {
            value: t.as_str().to_owned(),
            label: c.t(&format!("account-type-{}", t.as_str())),
            selected: form.account_type == t.as_str(),
        })
        .collect();
    Ok(ChartPage {
        c,
        nav,
        rows,
        types,
        form,
        errors,
        added,
    })
}

#[derive(Debug, Deserialize)]
pub struct ChartQuery {
    added: Option<String>,
}

pub async fn chart(
    page: Page,
    Path(code): Path<String>,
    axum::extract::Query(query): axum::extract::Query<ChartQuery>,
) -> Result<Response, PageError> {
    Ok(chart_page(
        page,
        &code,
        AccountForm::default(),
        FieldErrors::default(),
        query.added,
    )
    .await?
    .into_response())
}

/// Adds the account and shows the chart with it; a refusal comes back next to its field.
pub async fn add_account(
    page: Page,
    Path(code): Path<String>,
    Form(form): Form<AccountForm>,
) -> Result<Response, PageError> {
    let c = &page.c;
    let mut errors = FieldErrors::default();
    let name = form.name.trim();
    if name.is_empty() {
        errors.add("name", c.t("field-required"));
    }
    if errors.is_empty() {
        let account_type = Some(form.account_type.as_str()).filter(|t| !t.is_empty());
        match page
            .artel
            .add_account(
                &code,
                name,
                account_type,
                form.label_en.trim(),
                form.label_zh.trim(),
                form.production_cost.is_some(),
            )
            .await
        {
            Ok(()) => {
                return Ok(
                    Redirect::to(&format!("/books/{code}/accounts?added={}", encode(name)))
                        .into_response(),
                );
            }
            Err(error) => {
                errors = refusal(
                    c,
                    error,
                    &[
                        ("NAME", "name", "chart-name-invalid"),
                        ("account", "name", "chart-name-taken"),
                        ("--type", "account_type", "chart-type-needed"),
                    ],
                    "name",
                )?;
            }
        }
    }
    let chart_page = chart_page(page, &code, form, errors, None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, chart_page).into_response())
}
