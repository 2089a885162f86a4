//! The campaigns the caller may read (`/campaigns`) and the exhibitions and material
//! exchange meetings (`/exhibitions`), each with its contracts' total value. A campaign's
//! own page, its dashboard, is `campaign`.

use artel_app::{Caller, Exhibition};
use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};

use super::{Chrome, Page, PageError};

/// A campaign in the list, formatted.
struct CampaignRow {
    code: String,
    title: String,
    owner: String,
    region: String,
    start: String,
    deadline: String,
    phase: String,
    focus: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "campaigns.html")]
struct CampaignsPage {
    c: Chrome,
    campaigns: Vec<CampaignRow>,
}

/// An event in the list, formatted.
struct ExhibitionRow {
    owner: String,
    number: u64,
    kind: String,
    title: String,
    place: String,
    days: String,
    participants: String,
    visitors: u64,
    products: Vec<String>,
    /// `(organisation, number, value)`.
    contracts: Vec<(String, String, String)>,
    total: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "exhibitions.html")]
struct ExhibitionsPage {
    c: Chrome,
    exhibitions: Vec<ExhibitionRow>,
}

/// Whether the caller has a role over a region, or is the operator: those who run and
/// read campaigns, to whom the home page offers them.
pub fn has_a_region_role(caller: &Caller) -> bool {
    match caller {
        Caller::Operator { .. } => true,
        Caller::User { grants, .. } => grants.iter().any(|g| g.region_path.is_some()),
    }
}

pub async fn campaigns(page: Page) -> Result<Response, PageError> {
    let c = page.c;
    let campaigns = page
        .artel
        .campaigns()
        .await?
        .into_iter()
        .map(|s| CampaignRow {
            phase: c.t(&format!("campaign-phase-{}", s.phase)),
            start: c.locale.date(s.start),
            deadline: c.locale.date(s.deadline),
            code: s.code,
            title: s.title,
            owner: s.owner,
            region: s.region,
            focus: s.focus,
        })
        .collect();
    Ok(CampaignsPage { c, campaigns }.into_response())
}

fn exhibition_row(c: &Chrome, e: Exhibition) -> ExhibitionRow {
    let scale = u32::from(e.currency.scale());
    let separator = c.t("list-separator");
    ExhibitionRow {
        kind: c.t(&format!("exhibition-kind-{}", e.kind)),
        days: if e.first_day == e.last_day {
            c.locale.date(e.first_day)
        } else {
            format!(
                "{} – {}",
                c.locale.date(e.first_day),
                c.locale.date(e.last_day)
            )
        },
        participants: e.participants.join(&separator),
        products: e
            .products
            .iter()
            .map(|p| format!("{}: {}", p.organisation, p.product))
            .collect(),
        contracts: e
            .contracts
            .iter()
            .map(|k| {
                (
                    k.organisation.clone(),
                    k.number.clone(),
                    c.locale.amount(k.value.minor(), scale),
                )
            })
            .collect(),
        total: c.locale.amount(e.total_value.minor(), scale),
        owner: e.owner_name,
        number: e.number,
        title: e.title,
        place: e.place,
        visitors: e.visitors,
    }
}

pub async fn exhibitions(page: Page) -> Result<Response, PageError> {
    let c = page.c;
    let exhibitions = page
        .artel
        .exhibitions()
        .await?
        .into_iter()
        .map(|e| exhibition_row(&c, e))
        .collect();
    Ok(ExhibitionsPage { c, exhibitions }.into_response())
}
