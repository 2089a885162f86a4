//! A member's path after the register first holds them: an application and its decision,
//! suspension and reinstatement, a withdrawal request and its settlement by the charter
//! (the paid-in shares leave share capital, the refund becomes payable, the member's debts
//! are deducted), expulsion, death. Each change is planned here — checked against the
//! member's standing and the charter in effect — and written with its posting in one
//! transaction; a change the charter reserves to the general assembly is taken only by a
//! resolution (see `meetings`).

use artel_coop::{Charter, DecisionKind, MemberEvent, MemberStatus, PAY_SHARES, leaves_on, settle};
use artel_ledger::{AccountName, JournalEntry, Money, Posting};
use artel_store::{MemberChange, MemberHistory, Organisation, ShareMovement, StoredMember};
use chrono::NaiveDate;

use crate::members::{CASH, SHARE_CAPITAL, account};
use crate::{Action, AppError, Artel, MemberRequest};

/// Where a settled refund waits to be paid, and what a member's debts were owed to.
const REFUNDS_PAYABLE: &str = "Liabilities:Share Refunds Payable";
const RECEIVABLES: &str = "Assets:Receivables";

/// A change to a member's standing, as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberAction {
    pub event: MemberEvent,
    pub date: NaiveDate,
    pub note: String,
    /// What the member owes the cooperative, deducted at a withdrawal's settlement.
    pub debts: Money,
}

/// The kind of decision an event is, when it is one the charter rules on.
pub(crate) fn decision_kind(event: MemberEvent) -> Option<DecisionKind> {
    match event {
        MemberEvent::Admit | MemberEvent::Refuse => Some(DecisionKind::Admission),
        MemberEvent::Expel => Some(DecisionKind::Expulsion),
        MemberEvent::SettleWithdrawal => Some(DecisionKind::WithdrawalSettlement),
        _ => None,
    }
}

fn balanced(
    date: NaiveDate,
    memo: String,
    lines: Vec<(AccountName, Money)>,
) -> Result<JournalEntry, AppError> {
    let postings = lines
        .into_iter()
        .filter(|(_, amount)| *amount != Money::ZERO)
        .map(|(account, amount)| Posting { account, amount })
        .collect();
    JournalEntry::new(date, memo, None, postings).map_err(|e| AppError::Failed(e.to_string()))
}

/// Refused when `date` comes before the member's last event: history is told in order.
fn after_last_event(history: &MemberHistory, date: NaiveDate) -> Result<(), AppError> {
    match history.events.last() {
        Some(last) if date < last.date => Err(AppError::rejected(
            "date",
            format!("the member's last event was on {}", last.date),
        )),
        _ => Ok(()),
    }
}

fn negative(amount: Money) -> Result<Money, AppError> {
    amount
        .checked_neg()
        .map_err(|e| AppError::Failed(e.to_string()))
}

impl Artel {
    /// Records an application: the register holds the applicant, whose shares are paid when
    /// the admission is decided.
    pub async fn apply_member(
        &self,
        code: &str,
        request: MemberRequest,
    ) -> Result<StoredMember, AppError> {
        self.record_member(code, request, true).await
    }

    /// The member `number` of `code` and their history, for those who may read the register.
    pub async fn member(
        &self,
        code: &str,
        number: u64,
    ) -> Result<(StoredMember, MemberHistory), AppError> {
        let organisation = self.book(code).await?;
        self.member_of(&organisation, number).await
    }

    pub(crate) async fn member_of(
        &self,
        organisation: &Organisation,
        number: u64,
    ) -> Result<(StoredMember, MemberHistory), AppError> {
        let member = self
            .db
            .member(organisation.org_id, number)
            .await?
            .ok_or_else(|| AppError::NotFound {
                place: "member".into(),
                message: format!("member {number} does not exist"),
            })?;
        let history = self.db.member_history(organisation.org_id, number).await?;
        Ok((member, history))
    }

    /// Changes a member's standing by a director's decision. A change the charter reserves
    /// to the general assembly is refused, naming the resolution it needs.
    pub async fn change_member(
        &self,
        code: &str,
        number: u64,
        action: &MemberAction,
    ) -> Result<Option<u64>, AppError> {
        let organisation = self.book_for(code, Action::ManageMembers).await?;
        let charter = self.charter_on(&organisation, action.date).await?.charter;
        if let Some(kind) = decision_kind(action.event)
            && charter.needs_resolution(kind)
        {
            return Err(AppError::rejected(
                "event",
                format!("the charter reserves {kind} to a resolution of the general assembly"),
            ));
        }
        let (member, history) = self.member_of(&organisation, number).await?;
        let change = self
            .plan_change(&organisation, &member, &history, action)
            .await?;
        Ok(self
            .db
            .change_member(organisation.org_id, &change, &self.actor)
            .await?)
    }

    /// Records a payment for `shares` more of the member's subscribed shares on `date`:
    /// cash against share capital at the charter's share value. Returns the entry posted.
    pub async fn pay_shares(
        &self,
        code: &str,
        number: u64,
        shares: u32,
        date: NaiveDate,
    ) -> Result<u64, AppError> {
        let organisation = self.book_for(code, Action::ManageMembers).await?;
        let (member, history) = self.member_of(&organisation, number).await?;
        let status = MemberStatus::parse(&member.status).map_err(AppError::Failed)?;
        if !matches!(status, MemberStatus::Member | MemberStatus::Suspended) {
            return Err(AppError::rejected(
                "status",
                format!("a member who is {status} pays no more shares"),
            ));
        }
        if shares == 0 {
            return Err(AppError::rejected("shares", "pay at least one share"));
        }
        if member.shares_paid + u64::from(shares) > member.shares_subscribed {
            return Err(AppError::rejected(
                "shares",
                format!(
                    "{} paid and {shares} more is more than the {} subscribed",
                    member.shares_paid, member.shares_subscribed
                ),
            ));
        }
        after_last_event(&history, date)?;
        let payment = self
            .share_payment(&organisation, &member, shares, date, "")
            .await?;
        self.in_open_period(&organisation, date).await?;
        let change = MemberChange {
            number,
            from_status: member.status.clone(),
            to_status: status.as_str(),
            event: PAY_SHARES,
            date,
            note: String::new(),
            movement: Some(payment),
        };
        self.db
            .change_member(organisation.org_id, &change, &self.actor)
            .await?
            .ok_or_else(|| AppError::Failed("the payment was not posted".into()))
    }

    /// What `action` does to `member`: their next standing, and the entry that moves their
    /// share capital, if any. Refused when their standing does not allow it.
    pub(crate) async fn plan_change(
        &self,
        organisation: &Organisation,
        member: &StoredMember,
        history: &MemberHistory,
        action: &MemberAction,
    ) -> Result<MemberChange, AppError> {
        let status = MemberStatus::parse(&member.status).map_err(AppError::Failed)?;
        let next = status
            .after(action.event)
            .map_err(|e| AppError::rejected("event", e.to_string()))?;
        after_last_event(history, action.date)?;
        let movement = match action.event {
            MemberEvent::Admit if member.shares_on_admission > 0 => {
                let shares = u32::try_from(member.shares_on_admission)
                    .map_err(|_| AppError::rejected("shares_paid", "too many shares"))?;
                let payment = self
                    .share_payment(organisation, member, shares, action.date, " on admission")
                    .await?;
                Some(payment)
            }
            MemberEvent::SettleWithdrawal => {
                // The notice holds for every member, those with nothing paid in too.
                let (charter, requested) = self.after_notice(organisation, history, action).await?;
                if member.paid_in == Money::ZERO {
                    None
                } else {
                    Some(self.settlement(organisation, member, &charter, requested, action)?)
                }
            }
            _ => None,
        };
        if movement.is_some() {
            self.in_open_period(organisation, action.date).await?;
        }
        Ok(MemberChange {
            number: member.number,
            from_status: member.status.clone(),
            to_status: next.as_str(),
            event: action.event.as_str(),
            date: action.date,
            note: action.note.trim().to_owned(),
            movement,
        })
    }

    /// Shares paid by `member` on `date`: cash against share capital at the value the
    /// charter in effect gives them.
    async fn share_payment(
        &self,
        organisation: &Organisation,
        member: &StoredMember,
        shares: u32,
        date: NaiveDate,
        why: &str,
    ) -> Result<(ShareMovement, JournalEntry), AppError> {
        let charter = self.charter_on(organisation, date).await?.charter;
        let amount = charter
            .shares_value(shares)
            .map_err(|e| AppError::rejected("shares", e.to_string()))?;
        let entry = balanced(
            date,
            format!("Shares paid by {}{why}", member.name),
            vec![
                (account(CASH)?, amount),
                (account(SHARE_CAPITAL)?, negative(amount)?),
            ],
        )?;
        let movement = ShareMovement {
            shares: i64::from(shares),
            amount: amount.minor(),
        };
        Ok((movement, entry))
    }

    /// Refused when `date` falls in a closed month of the organisation's books.
    async fn in_open_period(
        &self,
        organisation: &Organisation,
        date: NaiveDate,
    ) -> Result<(), AppError> {
        let period = artel_ledger::Period::of(date);
        if self
            .db
            .closed_periods(organisation.org_id)
            .await?
            .contains(&period)
        {
            return Err(AppError::rejected(
                "date",
                format!("the period {period} is closed"),
            ));
        }
        Ok(())
    }

    /// The charter in effect when the member asked to withdraw, and the day they asked;
    /// refused when the member has not asked, or before the charter's notice has run.
    async fn after_notice(
        &self,
        organisation: &Organisation,
        history: &MemberHistory,
        action: &MemberAction,
    ) -> Result<(Charter, NaiveDate), AppError> {
        let requested = history
            .events
            .iter()
            .rev()
            .find(|e| e.event == MemberEvent::RequestWithdrawal.as_str())
            .map(|e| e.date)
            .ok_or_else(|| AppError::rejected("event", "the member has not asked to withdraw"))?;
        let charter = self.charter_on(organisation, requested).await?.charter;
        let leaves = leaves_on(&charter, requested)
            .map_err(|e| AppError::rejected("date", e.to_string()))?;
        if action.date < leaves {
            return Err(AppError::rejected(
                "date",
                format!("the charter's notice runs until {leaves}: settle on or after it"),
            ));
        }
        Ok((charter, requested))
    }

    /// A withdrawal's settlement by `charter` of a request made on `requested`: share
    /// capital out, the refund payable, the member's debts deducted.
    fn settlement(
        &self,
        organisation: &Organisation,
        member: &StoredMember,
        charter: &Charter,
        requested: NaiveDate,
        action: &MemberAction,
    ) -> Result<(ShareMovement, JournalEntry), AppError> {
        let shares = u32::try_from(member.shares_paid)
            .map_err(|_| AppError::Failed("too many shares".into()))?;
        let settlement = settle(charter, shares, action.debts, requested)
            .map_err(|e| AppError::rejected("debts", e.to_string()))?;
        // The books hold what the member paid; refund that, less the deduction.
        let refund = member
            .paid_in
            .checked_sub(settlement.deducted.min(member.paid_in))
            .map_err(|e| AppError::Failed(e.to_string()))?;
        let deducted = member
            .paid_in
            .checked_sub(refund)
            .map_err(|e| AppError::Failed(e.to_string()))?;
        let mut memo = format!("Withdrawal of {} settled", member.name);
        if let Some(first) = settlement.instalments.first()
            && refund > Money::ZERO
        {
            memo.push_str(&format!(
                ": {} refundable in {} instalment(s) from {}",
                organisation.currency.format(refund),
                settlement.instalments.len(),
                first.due
            ));
        }
        let entry = balanced(
            action.date,
            memo,
            vec![
                (account(SHARE_CAPITAL)?, member.paid_in),
                (account(REFUNDS_PAYABLE)?, negative(refund)?),
                (account(RECEIVABLES)?, negative(deducted)?),
            ],
        )?;
        let movement = ShareMovement {
            shares: -i64::from(shares),
            amount: -member.paid_in.minor(),
        };
        Ok((movement, entry))
    }
}
