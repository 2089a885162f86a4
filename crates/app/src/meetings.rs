//! Meetings and resolutions: a meeting of a body (the general assembly, a committee, a
//! conference) with its agenda, attendance and minutes; the motions put to it, one member
//! one vote, decided by the rule the charter in effect on the meeting's day sets for that
//! kind of decision. An adopted motion is a resolution, and what it decides — an admission,
//! an expulsion, a withdrawal's settlement, a new charter — is written with it, linked to it.

use artel_coop::{
    Ballot, Body, DecisionKind, MemberEvent, MemberStatus, Outcome, Tally, decide, standing_after,
};
use artel_ledger::Money;
use artel_store::{
    MotionEffect, NewMeeting, NewMotion, Organisation, StoredMeeting, StoredMotion, StoredSeat,
};
use chrono::NaiveDate;

use crate::charter::CharterDocument;
use crate::member_changes::MemberAction;
use crate::{Action, AppError, Artel, Problem};

/// A meeting as asked to record it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRequest {
    pub body: String,
    pub held_on: NaiveDate,
    pub title: String,
    pub agenda: String,
    pub minutes: String,
    /// Those entitled to vote: for a general assembly, counted from the register (members
    /// who may vote on the day); for other bodies, as given.
    pub eligible: Option<u32>,
    pub present: u32,
}

/// A motion as put to a meeting, with its count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MotionRequest {
    pub kind: String,
    pub text: String,
    pub ballot: String,
    /// The member an admission, an expulsion or a settlement concerns, by number.
    pub member: Option<u64>,
    pub yes: u32,
    pub no: u32,
    pub abstain: u32,
    /// What a withdrawing member owes, deducted from the refund.
    pub debts: Money,
    /// The charter a charter change adopts, and the day it takes effect (the meeting's day
    /// when not given).
    pub charter: Option<CharterDocument>,
    pub effective: Option<NaiveDate>,
    /// An election: the committee, the members elected to it by number, and the day their
    /// term ends.
    pub committee: Option<String>,
    pub elected: Vec<u64>,
    pub term_ends: Option<NaiveDate>,
}

/// What a motion decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MotionDecided {
    pub number: u64,
    pub outcome: Outcome,
    /// The entry its resolution posted, if any.
    pub sequence: Option<u64>,
}

pub(crate) fn outcome_word(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Adopted => "adopted",
        Outcome::Rejected => "rejected",
        Outcome::NoQuorum { .. } => "no-quorum",
    }
}

fn problem(place: &str, message: impl Into<String>) -> Problem {
    Problem {
        place: place.into(),
        message: message.into(),
    }
}

impl Artel {
    /// Members who may vote at the end of `date`, counted from their histories.
    pub(crate) async fn voters_on(
        &self,
        organisation: &Organisation,
        date: NaiveDate,
    ) -> Result<(u64, u64), AppError> {
        let events = self
            .db
            .member_events_until(organisation.org_id, date)
            .await?;
        let (mut members, mut voters) = (0, 0);
        for chunk in events.chunk_by(|a, b| a.0 == b.0) {
            let standing = standing_after(chunk.iter().map(|(_, e)| e.as_str()))
                .map_err(|e| AppError::Failed(format!("a member's history is not valid: {e}")))?;
            if let Some(status) = standing {
                members += u64::from(status.is_member());
                voters += u64::from(status.may_vote());
            }
        }
        Ok((members, voters))
    }

    /// Records a meeting of the organisation `code`; its number.
    pub async fn record_meeting(
        &self,
        code: &str,
        request: &MeetingRequest,
    ) -> Result<u64, AppError> {
        let organisation = self.book_for(code, Action::RecordDecisions).await?;
        let mut problems = Vec::new();
        let body = Body::parse(&request.body).map_err(|e| AppError::rejected("body", e))?;
        if request.title.trim().is_empty() {
            problems.push(problem("title", "a meeting needs a title"));
        }
        let eligible = match (body, request.eligible) {
            (Body::GeneralAssembly, _) => {
                let (_, voters) = self.voters_on(&organisation, request.held_on).await?;
                u32::try_from(voters).map_err(|_| AppError::Failed("too many members".into()))?
            }
            (_, Some(eligible)) => eligible,
            (_, None) => {
                problems.push(problem("eligible", "say how many may attend and vote"));
                0
            }
        };
        if request.present > eligible {
            problems.push(problem(
                "present",
                format!(
                    "{} present, but only {eligible} may attend",
                    request.present
                ),
            ));
        }
        if !problems.is_empty() {
            return Err(AppError::Rejected(problems));
        }
        let meeting = NewMeeting {
            body: body.to_string(),
            held_on: request.held_on,
            title: request.title.trim().to_owned(),
            agenda: request.agenda.trim().to_owned(),
            minutes: request.minutes.trim().to_owned(),
            eligible,
            present: request.present,
        };
        Ok(self
            .db
            .add_meeting(organisation.org_id, &meeting, &self.actor)
            .await?)
    }

    /// The meetings of `code`, the latest first.
    pub async fn meetings(&self, code: &str) -> Result<Vec<StoredMeeting>, AppError> {
        let organisation = self.book_for(code, Action::ReadDecisions).await?;
        Ok(self.db.meetings(organisation.org_id).await?)
    }

    /// One meeting of `code` and the motions put to it.
    pub async fn meeting(
        &self,
        code: &str,
        number: u64,
    ) -> Result<(StoredMeeting, Vec<StoredMotion>), AppError> {
        let organisation = self.book_for(code, Action::ReadDecisions).await?;
        self.meeting_of(&organisation, number).await
    }

    async fn meeting_of(
        &self,
        organisation: &Organisation,
        number: u64,
    ) -> Result<(StoredMeeting, Vec<StoredMotion>), AppError> {
        self.db
            .meeting(organisation.org_id, number)
            .await?
            .ok_or_else(|| AppError::NotFound {
                place: "meeting".into(),
                message: format!("meeting {number} does not exist"),
            })
    }

    /// Puts a motion to meeting `meeting` of `code`: the vote is decided by the charter's
    /// rule, and an adopted motion's effect is written with it.
    pub async fn put_motion(
        &self,
        code: &str,
        meeting: u64,
        request: &MotionRequest,
    ) -> Result<MotionDecided, AppError> {
        let organisation = self.book_for(code, Action::RecordDecisions).await?;
        let (held, _) = self.meeting_of(&organisation, meeting).await?;
        let kind = DecisionKind::parse(&request.kind).map_err(|e| AppError::rejected("kind", e))?;
        let ballot = Ballot::parse(&request.ballot).map_err(|e| AppError::rejected("ballot", e))?;
        if request.text.trim().is_empty() {
            return Err(AppError::rejected("text", "a motion needs its text"));
        }
        let charter = self.charter_on(&organisation, held.held_on).await?.charter;
        let rule = charter
            .rule(kind)
            .map_err(|e| AppError::rejected("kind", e.to_string()))?;
        let count = |n: u64| u32::try_from(n).map_err(|_| AppError::Failed("count".into()));
        let tally = Tally {
            eligible: count(held.eligible)?,
            present: count(held.present)?,
            yes: request.yes,
            no: request.no,
            abstain: request.abstain,
        };
        let outcome = decide(&rule, &tally).map_err(|e| {
            let text = e.to_string();
            let (place, message) = text.split_once(": ").unwrap_or(("votes", &text));
            AppError::rejected(place, message)
        })?;
        let effect = self
            .effect(&organisation, &held, kind, outcome, request)
            .await?;
        let motion = NewMotion {
            meeting,
            kind: kind.to_string(),
            text: request.text.trim().to_owned(),
            ballot: ballot.to_string(),
            member: request.member,
            yes: request.yes,
            no: request.no,
            abstain: request.abstain,
            outcome: outcome_word(outcome),
            effect,
        };
        let (number, sequence) = self
            .db
            .record_motion(organisation.org_id, &motion, &self.actor)
            .await?;
        Ok(MotionDecided {
            number,
            outcome,
            sequence,
        })
    }

    /// An election's seats: members who may vote on the day, elected to a committee for a
    /// term that ends after the meeting.
    async fn election(
        &self,
        organisation: &Organisation,
        held: &StoredMeeting,
        outcome: Outcome,
        request: &MotionRequest,
    ) -> Result<MotionEffect, AppError> {
        let body = request
            .committee
            .as_deref()
            .ok_or_else(|| AppError::rejected("committee", "an election names the committee"))?;
        let body = Body::parse(body).map_err(|e| AppError::rejected("committee", e))?;
        if !matches!(body, Body::ManagementCommittee | Body::SupervisoryCommittee) {
            return Err(AppError::rejected(
                "committee",
                "members are elected to the management or the supervisory committee",
            ));
        }
        if request.elected.is_empty() {
            return Err(AppError::rejected("elected", "an election elects someone"));
        }
        let ends_on = request
            .term_ends
            .filter(|ends| *ends > held.held_on)
            .ok_or_else(|| {
                AppError::rejected("term_ends", "a term ends after the meeting that elects")
            })?;
        for number in &request.elected {
            let (member, _) = self.member_of(organisation, *number).await?;
            let standing = MemberStatus::parse(&member.status).map_err(AppError::Failed)?;
            if !standing.may_vote() {
                return Err(AppError::rejected(
                    "elected",
                    format!("member {number} is {standing} and cannot be elected"),
                ));
            }
        }
        if outcome != Outcome::Adopted {
            return Ok(MotionEffect::Nothing);
        }
        Ok(MotionEffect::Election {
            body: body.to_string(),
            members: request.elected.clone(),
            seated_on: held.held_on,
            ends_on,
        })
    }

    /// The committees' members on `date`.
    pub async fn committees(
        &self,
        code: &str,
        date: NaiveDate,
    ) -> Result<Vec<StoredSeat>, AppError> {
        let organisation = self.book_for(code, Action::ReadDecisions).await?;
        Ok(self.db.committee_seats(organisation.org_id, date).await?)
    }

    /// What a motion of `kind` with `outcome` changes.
    async fn effect(
        &self,
        organisation: &Organisation,
        held: &StoredMeeting,
        kind: DecisionKind,
        outcome: Outcome,
        request: &MotionRequest,
    ) -> Result<MotionEffect, AppError> {
        let event = match (kind, outcome) {
            (DecisionKind::Admission, Outcome::Adopted) => Some(MemberEvent::Admit),
            (DecisionKind::Admission, Outcome::Rejected) => Some(MemberEvent::Refuse),
            (DecisionKind::Expulsion, Outcome::Adopted) => Some(MemberEvent::Expel),
            (DecisionKind::WithdrawalSettlement, Outcome::Adopted) => {
                Some(MemberEvent::SettleWithdrawal)
            }
            _ => None,
        };
        let concerns_member = matches!(
            kind,
            DecisionKind::Admission | DecisionKind::Expulsion | DecisionKind::WithdrawalSettlement
        );
        if concerns_member && request.member.is_none() {
            return Err(AppError::rejected(
                "member",
                format!("a motion on {kind} names the member it concerns"),
            ));
        }
        if let (Some(event), Some(number)) = (event, request.member) {
            let (member, history) = self.member_of(organisation, number).await?;
            let action = MemberAction {
                event,
                date: held.held_on,
                note: request.text.trim().to_owned(),
                debts: request.debts,
            };
            let change = self
                .plan_change(organisation, &member, &history, &action)
                .await?;
            return Ok(MotionEffect::Member(change));
        }
        if kind == DecisionKind::Election {
            return self.election(organisation, held, outcome, request).await;
        }
        if kind == DecisionKind::CharterChange {
            let document = request.charter.as_ref().ok_or_else(|| {
                AppError::rejected("charter", "a charter change carries the charter")
            })?;
            document.to_charter(&organisation.currency)?;
            let effective = request.effective.unwrap_or(held.held_on);
            if effective < held.held_on {
                return Err(AppError::rejected(
                    "effective",
                    "a charter cannot take effect before the meeting that adopts it",
                ));
            }
            let adopted = self.db.charters(organisation.org_id).await?;
            if adopted.iter().any(|c| c.effective == effective) {
                return Err(AppError::rejected(
                    "effective",
                    format!("a charter already takes effect on {effective}"),
                ));
            }
            if outcome == Outcome::Adopted {
                let charter =
                    serde_json::to_string(document).map_err(|e| AppError::Failed(e.to_string()))?;
                return Ok(MotionEffect::Charter { effective, charter });
            }
        }
        Ok(MotionEffect::Nothing)
    }
}
