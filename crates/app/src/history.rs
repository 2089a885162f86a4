//! An organisation's history: changes of status (checked by the pure core: nothing after
//! merged or dissolved, dates never going back), a team's upgrade to a cooperative (the
//! same organisation and book, a cooperative from the upgrade's date), and memberships of
//! organisations in organisations (a team in a cooperative, a cooperative in a
//! federation), each joined and left on a date.

use artel_coop::{
    EventKind, History, HistoryError, HistoryEvent, Membership, OrgKind, OrgStatus, Standing,
};
use artel_store::{NewOrgEvent, Organisation, StoredMembership, StoredOrgEvent};
use chrono::NaiveDate;

use crate::{Access, Action, AppError, Artel};

fn corrupt(what: String) -> AppError {
    AppError::Failed(format!("the stored history is not valid: {what}"))
}

/// The pure history of stored events (all of one organisation, in order).
pub(crate) fn history_of(events: &[StoredOrgEvent]) -> Result<History, AppError> {
    let events = events
        .iter()
        .map(|e| {
            Ok(HistoryEvent {
                date: e.date,
                event: EventKind::parse(&e.event).map_err(corrupt)?,
                standing: Standing {
                    kind: OrgKind::parse(&e.kind).map_err(corrupt)?,
                    status: OrgStatus::parse(&e.status).map_err(corrupt)?,
                },
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    History::new(events).map_err(|e| corrupt(e.to_string()))
}

fn refused(error: HistoryError) -> AppError {
    AppError::rejected(format!("--{}", error.field()), error.to_string())
}

impl Artel {
    /// The organisation's events in the order recorded, when the caller has a role there.
    pub async fn org_history(&self, code: &str) -> Result<Vec<StoredOrgEvent>, AppError> {
        let organisation = self.book_for(code, Action::SeeOrganisation).await?;
        Ok(self.db.org_events(organisation.org_id).await?)
    }

    /// Appends the event the pure core decides on the organisation's current history.
    async fn record_event(
        &self,
        code: &str,
        note: &str,
        decide: impl FnOnce(&History) -> Result<HistoryEvent, HistoryError>,
    ) -> Result<StoredOrgEvent, AppError> {
        let organisation = self.book_for(code, Action::ManageOrganisation).await?;
        let stored = self.db.org_events(organisation.org_id).await?;
        let history = history_of(&stored)?;
        let event = decide(&history).map_err(refused)?;
        let new = NewOrgEvent {
            date: event.date,
            event: event.event.to_string(),
            kind: event.standing.kind.to_string(),
            status: event.standing.status.to_string(),
            note: note.trim().to_owned(),
        };
        let sequence = stored.len() as u64 + 1;
        self.db
            .append_org_event(organisation.org_id, sequence, &new, &self.actor)
            .await?;
        self.db
            .org_events(organisation.org_id)
            .await?
            .pop()
            .ok_or_else(|| AppError::Failed("the event was not recorded".into()))
    }

    /// Changes the organisation's status from `date` on, with a note saying why.
    pub async fn change_status(
        &self,
        code: &str,
        status: &str,
        date: NaiveDate,
        note: &str,
    ) -> Result<StoredOrgEvent, AppError> {
        let status = OrgStatus::parse(status).map_err(|e| AppError::rejected("--status", e))?;
        self.record_event(code, note, |history| history.change_status(date, status))
            .await
    }

    /// Upgrades a production team to a cooperative from `date` on: the same organisation,
    /// its book and history kept.
    pub async fn upgrade_team(
        &self,
        code: &str,
        date: NaiveDate,
        note: &str,
    ) -> Result<StoredOrgEvent, AppError> {
        self.record_event(code, note, |history| history.upgrade(date))
            .await
    }

    /// The organisation `code` names as the parent of a membership: the caller must
    /// manage it too, as both sides agree to a membership.
    async fn parent_for(&self, code: &str) -> Result<Organisation, AppError> {
        let hidden =
            || AppError::rejected("--parent", format!("organisation '{code}' does not exist"));
        let Some(parent) = self.db.organisation_by_code(code).await? else {
            return Err(hidden());
        };
        match self.caller.access(&parent, Action::ManageOrganisation) {
            Access::Allowed => Ok(parent),
            Access::Forbidden => Err(AppError::Forbidden(format!(
                "your roles over '{code}' do not allow this"
            ))),
            Access::Hidden => Err(hidden()),
        }
    }

    /// Records that the organisation `code` joined `parent` on `date`.
    pub async fn join_parent(
        &self,
        code: &str,
        parent: &str,
        date: NaiveDate,
    ) -> Result<(), AppError> {
        let organisation = self.book_for(code, Action::ManageOrganisation).await?;
        let parent = self.parent_for(parent).await?;
        let child = history_of(&self.db.org_events(organisation.org_id).await?)?;
        let host = history_of(&self.db.org_events(parent.org_id).await?)?;
        let (Some(child_then), Some(host_then)) = (child.as_of(date), host.as_of(date)) else {
            return Err(AppError::rejected(
                "--date",
                format!("{date} is before one of the two organisations was founded"),
            ));
        };
        if !child_then.kind.may_belong_to(host_then.kind) {
            return Err(AppError::rejected(
                "--parent",
                format!(
                    "a {} cannot be a member of a {}",
                    child_then.kind, host_then.kind
                ),
            ));
        }
        for (who, standing) in [(&organisation.code, child_then), (&parent.code, host_then)] {
            if standing.status.is_ended() {
                return Err(AppError::rejected(
                    "--date",
                    format!("'{who}' is {} on {date}", standing.status),
                ));
            }
        }
        let memberships = self.db.memberships(organisation.org_id).await?;
        if let Some(open) = memberships.iter().find(|m| {
            m.org_id == organisation.org_id && m.parent_org_id == parent.org_id && m.until.is_none()
        }) {
            return Err(AppError::rejected(
                "--parent",
                format!(
                    "'{code}' is a member of '{}' since {}",
                    parent.code, open.since
                ),
            ));
        }
        self.db
            .join_organisation(
                organisation.org_id,
                parent.org_id,
                &parent.code,
                date,
                &self.actor,
            )
            .await?;
        Ok(())
    }

    /// Records that the organisation `code` left `parent` on `date` (a member until the
    /// day before).
    pub async fn leave_parent(
        &self,
        code: &str,
        parent: &str,
        date: NaiveDate,
    ) -> Result<(), AppError> {
        let organisation = self.book_for(code, Action::ManageOrganisation).await?;
        let parent = self.parent_for(parent).await?;
        let memberships = self.db.memberships(organisation.org_id).await?;
        let Some(open) = memberships.iter().find(|m| {
            m.org_id == organisation.org_id && m.parent_org_id == parent.org_id && m.until.is_none()
        }) else {
            return Err(AppError::rejected(
                "--parent",
                format!("'{code}' is not a member of '{}'", parent.code),
            ));
        };
        if date <= open.since {
            return Err(AppError::rejected(
                "--date",
                format!(
                    "{date} is not after the membership began, on {}",
                    open.since
                ),
            ));
        }
        self.db
            .leave_organisation(
                organisation.org_id,
                parent.org_id,
                &parent.code,
                date,
                &self.actor,
            )
            .await?;
        Ok(())
    }

    /// The memberships the organisation holds or held, and those held in it.
    pub async fn memberships(&self, code: &str) -> Result<Vec<StoredMembership>, AppError> {
        let organisation = self.book_for(code, Action::SeeOrganisation).await?;
        Ok(self.db.memberships(organisation.org_id).await?)
    }
}

/// Whether a stored membership held at the end of `date`.
pub fn membership_holds_on(membership: &StoredMembership, date: NaiveDate) -> bool {
    Membership {
        since: membership.since,
        until: membership.until,
    }
    .holds_on(date)
}
