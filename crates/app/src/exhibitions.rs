//! Exhibitions and material exchange meetings: an event recorded by the organisation that
//! held it — a government office, a federation or a supply and marketing cooperative —
//! with the organisations taking part, the products shown and the sales contracts signed
//! there, linked to their holders' contracts; the events the caller may read, each with
//! the contracts' total value added exactly.
//!
//! Who may: as for campaigns, `ManageCampaigns` to record one and `ReadCampaigns` to read
//! one, over the organiser or over the event's region. The organisations named must lie
//! in the organiser's region when it has one.

use std::collections::BTreeMap;

use artel_coop::exhibition::{self, total_value};
use artel_coop::{ExhibitionKind, ExhibitionTerms, ShownProduct};
use artel_ledger::{Currency, Money};
use artel_store::{NewExhibition, Organisation, StoredExhibition};
use chrono::NaiveDate;
use uuid::Uuid;

use crate::campaigns::refused;
use crate::{Action, AppError, Artel, Problem};

/// An event as asked. Participants are organisation codes; products are lines
/// `ORGANISATION: PRODUCT`; contracts are `ORGANISATION/NUMBER`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExhibitionRequest {
    /// The organisation that held it.
    pub owner: String,
    /// The region it served, if any.
    pub region: Option<String>,
    /// `exhibition` or `exchange-meeting`.
    pub kind: String,
    pub title: String,
    pub place: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub participants: Vec<String>,
    /// Visitors other than the participating organisations.
    pub visitors: u64,
    pub products: Vec<String>,
    pub contracts: Vec<String>,
}

/// A contract signed at an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExhibitionContract {
    pub organisation: String,
    pub number: String,
    pub signed: NaiveDate,
    pub value: Money,
}

/// An event as recorded, with its contracts' total value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exhibition {
    pub owner: String,
    pub owner_name: String,
    pub number: u64,
    pub kind: ExhibitionKind,
    pub title: String,
    pub place: String,
    pub region: Option<String>,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub participants: Vec<String>,
    pub visitors: u64,
    pub products: Vec<ShownProduct>,
    pub contracts: Vec<ExhibitionContract>,
    pub total_value: Money,
    /// The organiser's currency, in which the values are.
    pub currency: Currency,
}

/// Refuses, at `field`, an organisation code that names none in the organiser's region.
fn named<'a>(
    organisations: &'a BTreeMap<String, Organisation>,
    owner: &Organisation,
    field: &str,
    code: &str,
    problems: &mut Vec<Problem>,
) -> Option<&'a Organisation> {
    let found = organisations
        .get(code)
        .filter(|o| match &owner.region_path {
            Some(path) => o
                .region_path
                .as_deref()
                .is_some_and(|p| p.starts_with(path.as_str())),
            None => true,
        });
    if found.is_none() {
        problems.push(Problem {
            place: field.to_owned(),
            message: format!("no organisation '{code}' in the region of '{}'", owner.code),
        });
    }
    found
}

impl Artel {
    /// Records an event; its number under its organiser. Every field at fault is named
    /// (`owner`, `region`, `kind`, `title`, `place`, `last_day`, `participants`,
    /// `products`, `contracts`); a contract its holder does not have refuses the event.
    pub async fn record_exhibition(&self, request: &ExhibitionRequest) -> Result<u64, AppError> {
        let owner = self.owner_named(&request.owner).await?;
        let region = match &request.region {
            Some(code) => Some(self.db.region_by_code(code).await?.ok_or_else(|| {
                AppError::rejected("region", format!("region '{code}' does not exist"))
            })?),
            None => None,
        };
        self.require_to_run(&owner, region.as_ref().map(|r| r.path.as_str()))?;
        let mut problems = Vec::new();
        let terms = ExhibitionTerms::new(
            &request.kind,
            &request.title,
            &request.place,
            request.first_day,
            request.last_day,
            request.visitors,
        )
        .map_err(|r| problems.extend(refused_problems(r)))
        .ok();
        let products = exhibition::read_products(&request.products)
            .map_err(|r| problems.extend(refused_problems(r)))
            .unwrap_or_default();
        let contracts = exhibition::read_contracts(&request.contracts)
            .map_err(|r| problems.extend(refused_problems(r)))
            .unwrap_or_default();
        let organisations: BTreeMap<String, Organisation> = self
            .db
            .organisations()
            .await?
            .into_iter()
            .map(|o| (o.code.clone(), o))
            .collect();
        let mut participants = Vec::new();
        for code in request
            .participants
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
        {
            if let Some(o) = named(&organisations, &owner, "participants", code, &mut problems) {
                participants.push(o.org_id);
            }
        }
        let mut shown = Vec::new();
        for product in &products {
            if let Some(o) = named(
                &organisations,
                &owner,
                "products",
                &product.organisation,
                &mut problems,
            ) {
                shown.push((o.org_id, product.product.clone()));
            }
        }
        let mut signed = Vec::new();
        for contract in &contracts {
            if let Some(o) = named(
                &organisations,
                &owner,
                "contracts",
                &contract.organisation,
                &mut problems,
            ) {
                if o.currency != owner.currency {
                    problems.push(Problem {
                        place: "contracts".into(),
                        message: format!(
                            "'{}' keeps its books in {}, not in the organiser's {}",
                            o.code,
                            o.currency.symbol(),
                            owner.currency.symbol()
                        ),
                    });
                }
                signed.push((o.org_id, contract.number.clone()));
            }
        }
        let (Some(terms), true) = (terms, problems.is_empty()) else {
            return Err(AppError::Rejected(problems));
        };
        let event = NewExhibition {
            kind: terms.kind.to_string(),
            title: terms.title,
            place: terms.place,
            region_id: region.map(|r| r.region_id),
            first_day: terms.first_day,
            last_day: terms.last_day,
            visitors: terms.visitors,
            participants,
            products: shown,
            contracts: signed,
        };
        self.db
            .add_exhibition(owner.org_id, &event, &self.actor)
            .await
            .map_err(|error| match AppError::from(error) {
                AppError::Rejected(mut problems) => {
                    for problem in &mut problems {
                        if problem.place == "contract" {
                            problem.place = "contracts".into();
                        }
                    }
                    AppError::Rejected(problems)
                }
                other => other,
            })
    }

    /// The events the caller may read — over their organiser or their region — by first
    /// day, each with its contracts' total value.
    pub async fn exhibitions(&self) -> Result<Vec<Exhibition>, AppError> {
        let organisations: BTreeMap<Uuid, Organisation> = self
            .db
            .organisations()
            .await?
            .into_iter()
            .map(|o| (o.org_id, o))
            .collect();
        let regions: BTreeMap<Uuid, artel_store::Region> = self
            .db
            .regions()
            .await?
            .into_iter()
            .map(|r| (r.region_id, r))
            .collect();
        let code_of = |id: &Uuid| {
            organisations
                .get(id)
                .map_or_else(|| id.to_string(), |o| o.code.clone())
        };
        let mut events = Vec::new();
        for stored in self.db.exhibitions().await? {
            let StoredExhibition {
                org_id, region_id, ..
            } = &stored;
            let Some(owner) = organisations.get(org_id) else {
                continue;
            };
            let region = region_id.and_then(|id| regions.get(&id));
            if !self.may_run(
                owner,
                region.map(|r| r.path.as_str()),
                Action::ReadCampaigns,
            ) {
                continue;
            }
            let kind = ExhibitionKind::parse(&stored.kind).map_err(AppError::Failed)?;
            let total = total_value(stored.contracts.iter().map(|c| c.value)).ok_or_else(|| {
                AppError::Failed(format!(
                    "event {}: the contracts' total overflows",
                    stored.number
                ))
            })?;
            events.push(Exhibition {
                owner: owner.code.clone(),
                owner_name: owner.name.clone(),
                number: stored.number,
                kind,
                title: stored.title.clone(),
                place: stored.place.clone(),
                region: region.map(|r| r.code.clone()),
                first_day: stored.first_day,
                last_day: stored.last_day,
                participants: stored.participants.iter().map(code_of).collect(),
                visitors: stored.visitors,
                products: stored
                    .products
                    .iter()
                    .map(|(id, product)| ShownProduct {
                        organisation: code_of(id),
                        product: product.clone(),
                    })
                    .collect(),
                contracts: stored
                    .contracts
                    .iter()
                    .map(|c| ExhibitionContract {
                        organisation: code_of(&c.holder),
                        number: c.number.clone(),
                        signed: c.signed,
                        value: c.value,
                    })
                    .collect(),
                total_value: total,
                currency: owner.currency.clone(),
            });
        }
        Ok(events)
    }
}

fn refused_problems(refusals: Vec<artel_coop::CampaignRefusal>) -> Vec<Problem> {
    match refused(refusals) {
        AppError::Rejected(problems) => problems,
        _ => Vec::new(),
    }
}
