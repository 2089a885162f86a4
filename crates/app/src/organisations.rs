//! Adding regions and organisations. A cooperative's or team's book opens with the
//! bilingual cooperative chart of accounts.

use artel_coop::{Code, OrgKind, OrgStatus, RegionLevel};
use artel_ledger::Currency;
use artel_ledger::chart::cooperative_chart;
use artel_store::{NewOrganisation, NewRegion, Organisation, Region};
use chrono::NaiveDate;

use crate::{AppError, Artel, Caller};

/// What `org add` asks for, as typed.
#[derive(Debug, Clone)]
pub struct OrganisationRequest {
    pub code: String,
    pub kind: String,
    pub name: String,
    pub region: Option<String>,
    pub parent: Option<String>,
    pub currency: String,
    pub scale: u8,
    pub founded: Option<NaiveDate>,
    /// The status it starts with: `active` when not given, or `preparatory`.
    pub status: Option<String>,
}

impl Artel {
    pub async fn add_region(
        &self,
        code: &str,
        name: &str,
        parent: Option<&str>,
        level: Option<&str>,
    ) -> Result<Region, AppError> {
        let code = Code::parse(code).map_err(|e| AppError::rejected("CODE", e.to_string()))?;
        let level = match level {
            Some(level) => {
                RegionLevel::parse(level).map_err(|e| AppError::rejected("--level", e))?
            }
            None if parent.is_none() => RegionLevel::Province,
            None => RegionLevel::County,
        };
        if name.trim().is_empty() {
            return Err(AppError::rejected("--name", "the name is empty"));
        }
        self.require_region_administrator(parent, "--parent")
            .await?;
        let region = NewRegion {
            code: code.to_string(),
            name: name.to_owned(),
            level: level.to_string(),
            parent_code: parent.map(str::to_owned),
        };
        Ok(self.db.add_region(&region).await?)
    }

    pub async fn add_organisation(
        &self,
        request: &OrganisationRequest,
    ) -> Result<Organisation, AppError> {
        let code =
            Code::parse(&request.code).map_err(|e| AppError::rejected("CODE", e.to_string()))?;
        let kind = OrgKind::parse(&request.kind).map_err(|e| AppError::rejected("--kind", e))?;
        let currency = Currency::new(&request.currency, request.scale)
            .map_err(|e| AppError::rejected("--currency", e.to_string()))?;
        if request.name.trim().is_empty() {
            return Err(AppError::rejected("--name", "the name is empty"));
        }
        let status = match request.status.as_deref() {
            None => OrgStatus::Active,
            Some(text) => match OrgStatus::parse(text) {
                Ok(status @ (OrgStatus::Active | OrgStatus::Preparatory)) => status,
                Ok(status) => {
                    return Err(AppError::rejected(
                        "--status",
                        format!("an organisation starts active or preparatory, not {status}"),
                    ));
                }
                Err(e) => return Err(AppError::rejected("--status", e)),
            },
        };
        self.require_region_administrator(request.region.as_deref(), "--region")
            .await?;
        if let Some(parent) = &request.parent
            && let Some(parent) = self.db.organisation_by_code(parent).await?
            && let Ok(parent_kind) = OrgKind::parse(&parent.kind)
            && !kind.may_belong_to(parent_kind)
        {
            return Err(AppError::rejected(
                "--parent",
                format!("a {kind} cannot be a member of a {parent_kind}"),
            ));
        }
        let chart = if kind.opens_with_cooperative_chart() {
            cooperative_chart().map_err(|e| AppError::Failed(e.to_string()))?
        } else {
            Vec::new()
        };
        let organisation = NewOrganisation {
            code: code.to_string(),
            kind: kind.to_string(),
            name: request.name.clone(),
            region_code: request.region.clone(),
            parent_code: request.parent.clone(),
            status: status.to_string(),
            founded: request.founded,
            currency,
        };
        Ok(self
            .db
            .add_organisation(&organisation, &chart, &self.actor)
            .await?)
    }
}

impl Artel {
    /// Refuses a user who is not an administrator over `region` (or a region containing
    /// it). Regions and organisations outside every region are the operator's to add.
    async fn require_region_administrator(
        &self,
        region: Option<&str>,
        place: &str,
    ) -> Result<(), AppError> {
        let Caller::User { grants, .. } = &self.caller else {
            return Ok(());
        };
        let refused =
            || AppError::Forbidden("adding here needs an administrator over the region".into());
        let Some(code) = region else {
            return Err(refused());
        };
        let region =
            self.db.region_by_code(code).await?.ok_or_else(|| {
                AppError::rejected(place, format!("region '{code}' does not exist"))
            })?;
        let covered = grants.iter().any(|g| {
            g.role == artel_coop::Role::Administrator.as_str()
                && g.region_path
                    .as_deref()
                    .is_some_and(|p| region.path.starts_with(p))
        });
        if covered { Ok(()) } else { Err(refused()) }
    }

    /// Every region, parents before their children. Regions are public reference data.
    pub async fn regions(&self) -> Result<Vec<Region>, AppError> {
        Ok(self.db.regions().await?)
    }

    /// The organisations the caller has a role over, by code.
    pub async fn organisations(&self) -> Result<Vec<Organisation>, AppError> {
        let all = self.db.organisations().await?;
        Ok(all
            .into_iter()
            .filter(|o| {
                self.caller.access(o, crate::Action::SeeOrganisation) == crate::Access::Allowed
            })
            .collect())
    }

    /// One organisation, when the caller has a role over it.
    pub async fn organisation(&self, code: &str) -> Result<Organisation, AppError> {
        self.book_for(code, crate::Action::SeeOrganisation).await
    }
}
