//! Counts "as of" a date: the organisations the caller may see, each with its kind and
//! status on that date, and the counts over a region subtree — organisations by kind and
//! status, affiliated bodies by kind, members affiliated by body kind — for federation
//! and government officers and administrators over the region.

use std::collections::BTreeMap;

use artel_coop::{
    BodyCounts, BodyKind, BodyRecord, History, OrgCounts, OrgKind, OrgStatus, Standing,
    count_as_of, count_bodies,
};
use artel_store::{Organisation, Region, StoredOrgEvent};
use chrono::NaiveDate;
use uuid::Uuid;

use crate::history::history_of;
use crate::{Action, AppError, Artel};

/// An organisation with where it stood on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationAsOf {
    pub organisation: Organisation,
    pub standing: Standing,
    pub founded: NaiveDate,
}

/// The counts over a region subtree on one date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionCounts {
    pub region: Region,
    pub as_of: NaiveDate,
    pub organisations: OrgCounts,
    pub bodies: BodyCounts,
}

impl RegionCounts {
    /// The counts as `(indicator, value)` rows, every one always present: `organisations`,
    /// `organisations.KIND`, `organisations.KIND.STATUS`, `bodies`, `bodies.KIND`,
    /// `affiliated_members.KIND`.
    pub fn rows(&self) -> Vec<(String, u64)> {
        let mut rows = vec![("organisations".to_owned(), self.organisations.total())];
        for kind in OrgKind::ALL {
            rows.push((
                format!("organisations.{kind}"),
                self.organisations.of_kind(*kind),
            ));
            for status in OrgStatus::ALL {
                rows.push((
                    format!("organisations.{kind}.{status}"),
                    self.organisations.get(*kind, *status),
                ));
            }
        }
        rows.push(("bodies".to_owned(), self.bodies.bodies_total()));
        for kind in BodyKind::ALL {
            rows.push((format!("bodies.{kind}"), self.bodies.bodies(*kind)));
        }
        for kind in BodyKind::ALL {
            rows.push((
                format!("affiliated_members.{kind}"),
                self.bodies.members(*kind),
            ));
        }
        rows
    }
}

/// Each organisation's history, from events ordered by organisation.
pub(crate) fn histories(events: Vec<StoredOrgEvent>) -> Result<BTreeMap<Uuid, History>, AppError> {
    let mut by_org: BTreeMap<Uuid, Vec<StoredOrgEvent>> = BTreeMap::new();
    for event in events {
        by_org.entry(event.org_id).or_default().push(event);
    }
    by_org
        .into_iter()
        .map(|(org_id, events)| Ok((org_id, history_of(&events)?)))
        .collect()
}

impl Artel {
    async fn region_named(&self, code: &str, place: &str) -> Result<Region, AppError> {
        self.db
            .region_by_code(code)
            .await?
            .ok_or_else(|| AppError::NotFound {
                place: place.into(),
                message: format!("region '{code}' does not exist"),
            })
    }

    /// The organisations the caller may see — all, or those in the region subtree of
    /// `region` — that existed on `as_of`, by code, each with its kind and status then.
    pub async fn organisations_as_of(
        &self,
        region: Option<&str>,
        as_of: NaiveDate,
    ) -> Result<Vec<OrganisationAsOf>, AppError> {
        let path = match region {
            Some(code) => Some(self.region_named(code, "--region").await?.path),
            None => None,
        };
        let histories = histories(match &path {
            Some(path) => self.db.org_events_in_region(path).await?,
            None => self.db.all_org_events().await?,
        })?;
        let visible = self.organisations().await?;
        Ok(visible
            .into_iter()
            .filter_map(|organisation| {
                let history = histories.get(&organisation.org_id)?;
                Some(OrganisationAsOf {
                    standing: history.as_of(as_of)?,
                    founded: history.founding_date(),
                    organisation,
                })
            })
            .collect())
    }

    /// The region `code` (`place` names the field), when the caller has a role over it or
    /// a region above it that reads counts and statistics; a refusal is recorded as a
    /// security event and names `what` was asked.
    pub(crate) async fn readable_region(
        &self,
        code: &str,
        place: &str,
        what: &str,
    ) -> Result<Region, AppError> {
        let region = self.region_named(code, place).await?;
        if self
            .caller
            .may_over_region(&region.path, Action::ReadRegionCounts)
        {
            return Ok(region);
        }
        let detail = format!("ReadRegionCounts on region '{code}'");
        self.db
            .record_security_event(&self.actor, "access.refused", &detail, Some(&region.path))
            .await?;
        Err(AppError::Forbidden(format!(
            "reading {what} over '{code}' needs a federation or government officer or an administrator over the region"
        )))
    }

    /// Counts over the region subtree of `code` on `as_of`; for callers with a role over
    /// the whole region that allows reading them.
    pub async fn region_counts(
        &self,
        code: &str,
        as_of: NaiveDate,
    ) -> Result<RegionCounts, AppError> {
        let region = self.readable_region(code, "CODE", "counts").await?;
        let histories = histories(self.db.org_events_in_region(&region.path).await?)?;
        let organisations = count_as_of(histories.values(), as_of);
        let stored = self.db.bodies_in_region(&region.path).await?;
        let mut records = Vec::with_capacity(stored.len());
        for body in stored {
            records.push(BodyRecord {
                kind: BodyKind::parse(&body.kind).map_err(AppError::Failed)?,
                founded: body.founded,
                affiliations: body
                    .affiliations
                    .into_iter()
                    .map(|(member, since)| ((body.org_id, member), since))
                    .collect(),
            });
        }
        let bodies = count_bodies(&records, as_of);
        Ok(RegionCounts {
            region,
            as_of,
            organisations,
            bodies,
        })
    }
}
