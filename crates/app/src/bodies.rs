//! Bodies affiliated to an organisation — a trade-union, youth-league or party branch, a
//! women's committee — and its members' affiliations to them. Counted over a region, they
//! are how "developing Party and League organisations" is measured.

use artel_coop::BodyKind;
use artel_store::StoredBody;
use chrono::{NaiveDate, Utc};

use crate::{Action, AppError, Artel, Problem};

/// A body with the number of members affiliated to it so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodySummary {
    pub kind: String,
    pub name: String,
    pub founded: NaiveDate,
    pub members: u64,
}

impl From<StoredBody> for BodySummary {
    fn from(body: StoredBody) -> BodySummary {
        BodySummary {
            members: body.affiliations.len() as u64,
            kind: body.kind,
            name: body.name,
            founded: body.founded,
        }
    }
}

impl Artel {
    /// Adds a body affiliated to the organisation `code`, founded on `founded` (today when
    /// not given); every field that is wrong is named.
    pub async fn add_body(
        &self,
        code: &str,
        kind: &str,
        name: &str,
        founded: Option<NaiveDate>,
    ) -> Result<BodySummary, AppError> {
        let organisation = self.book_for(code, Action::ManageOrganisation).await?;
        let mut problems = Vec::new();
        let kind = BodyKind::parse(kind).map_err(|message| {
            problems.push(Problem {
                place: "--kind".into(),
                message,
            })
        });
        let name = name.trim();
        if name.is_empty() {
            problems.push(Problem {
                place: "--name".into(),
                message: "the name is empty".into(),
            });
        }
        let Ok(kind) = kind else {
            return Err(AppError::Rejected(problems));
        };
        if !problems.is_empty() {
            return Err(AppError::Rejected(problems));
        }
        let founded = founded.unwrap_or_else(|| Utc::now().date_naive());
        self.db
            .add_body(
                organisation.org_id,
                kind.as_str(),
                name,
                founded,
                &self.actor,
            )
            .await
            .map_err(|error| match AppError::from(error) {
                AppError::Rejected(_) => AppError::rejected(
                    "--name",
                    format!("'{code}' already has a body named '{name}'"),
                ),
                other => other,
            })?;
        Ok(BodySummary {
            kind: kind.to_string(),
            name: name.to_owned(),
            founded,
            members: 0,
        })
    }

    /// The organisation's affiliated bodies by name, each with its number of members.
    pub async fn bodies(&self, code: &str) -> Result<Vec<BodySummary>, AppError> {
        let organisation = self.book_for(code, Action::SeeOrganisation).await?;
        let bodies = self.db.bodies(organisation.org_id).await?;
        Ok(bodies.into_iter().map(BodySummary::from).collect())
    }

    /// Records that member number `member` of `code` belongs to its body `body` since
    /// `since`.
    pub async fn affiliate_member(
        &self,
        code: &str,
        body: &str,
        member: u64,
        since: NaiveDate,
    ) -> Result<(), AppError> {
        let organisation = self.book_for(code, Action::ManageOrganisation).await?;
        let bodies = self.db.bodies(organisation.org_id).await?;
        let body = bodies
            .into_iter()
            .find(|b| b.name == body.trim())
            .ok_or_else(|| {
                AppError::rejected("--body", format!("'{code}' has no body named '{body}'"))
            })?;
        let member = self
            .db
            .member(organisation.org_id, member)
            .await?
            .ok_or_else(|| {
                AppError::rejected(
                    "--member",
                    format!("'{code}' has no member number {member}"),
                )
            })?;
        if since < body.founded {
            return Err(AppError::rejected(
                "--since",
                format!(
                    "{since} is before '{}' was founded, on {}",
                    body.name, body.founded
                ),
            ));
        }
        if since < member.joined {
            return Err(AppError::rejected(
                "--since",
                format!(
                    "{since} is before {} joined, on {}",
                    member.name, member.joined
                ),
            ));
        }
        if body
            .affiliations
            .iter()
            .any(|(id, _)| *id == member.member_id)
        {
            return Err(AppError::rejected(
                "--member",
                format!("{} already belongs to '{}'", member.name, body.name),
            ));
        }
        self.db
            .affiliate_member(
                organisation.org_id,
                &body,
                member.member_id,
                &member.name,
                since,
                &self.actor,
            )
            .await?;
        Ok(())
    }
}
