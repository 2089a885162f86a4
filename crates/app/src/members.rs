//! Members: the register imported from CSV (`artel import members`), each member's paid
//! shares posted to the books — cash against share capital — at the charter's share value,
//! all in one transaction with the register. Until a cooperative adopts its own charter,
//! the default charter applies.

use std::path::Path;

use std::collections::BTreeSet;

use artel_coop::{Charter, DecisionKind, LineError, RegisterLine, check_shares, read_register};
use artel_ledger::{AccountName, JournalEntry, Money, Period, Posting};
use artel_store::{NewMember, Organisation, StoredMember};
use chrono::NaiveDate;

use crate::{Action, AppError, Artel, Problem};

/// The accounts a share payment posts to.
pub(crate) const CASH: &str = "Assets:Cash";
pub(crate) const SHARE_CAPITAL: &str = "Equity:Share Capital";

/// What an import of members did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembersImported {
    pub members: usize,
    pub shares_paid: u64,
    pub paid_in: Money,
}

fn line_problem(file: &str, error: LineError) -> Problem {
    Problem {
        place: format!("{file}:{}", error.line),
        message: match error.column {
            Some(column) => format!("{column}: {}", error.message),
            None => error.message,
        },
    }
}

pub(crate) fn account(name: &str) -> Result<AccountName, AppError> {
    AccountName::parse(name).map_err(|e| AppError::Failed(e.to_string()))
}

/// A member as a form or a client asks to admit them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRequest {
    pub name: String,
    pub trade: String,
    pub joined: chrono::NaiveDate,
    pub shares_subscribed: u32,
    pub shares_paid: u32,
}

/// What admitting members into one book needs: the charter, the accounts a share payment
/// posts to, and the closed months it may not post into.
struct Admission {
    charter: Charter,
    cash: AccountName,
    capital: AccountName,
    closed: BTreeSet<Period>,
}

impl Admission {
    /// The member to record and what their paid shares are worth, or the problem by column.
    fn member(&self, line: RegisterLine) -> Result<(NewMember, Money), (&'static str, String)> {
        let paid = |message: String| ("shares_paid", message);
        let (payment, amount) = if line.shares_paid == 0 || line.applicant {
            (None, Money::ZERO)
        } else {
            let period = Period::of(line.joined);
            if self.closed.contains(&period) {
                return Err(paid(format!(
                    "the period {period} of the payment is closed"
                )));
            }
            let amount = self
                .charter
                .shares_value(line.shares_paid)
                .map_err(|e| paid(e.to_string()))?;
            let postings = vec![
                Posting {
                    account: self.cash.clone(),
                    amount,
                },
                Posting {
                    account: self.capital.clone(),
                    amount: amount.checked_neg().map_err(|e| paid(e.to_string()))?,
                },
            ];
            let entry = JournalEntry::new(
                line.joined,
                format!("Shares paid by {}", line.name),
                (line.line > 0).then(|| format!("members:{}", line.line)),
                postings,
            )
            .map_err(|e| paid(e.to_string()))?;
            (Some((line.shares_paid, entry)), amount)
        };
        let member = NewMember {
            name: line.name,
            trade: line.trade,
            joined: line.joined,
            status: if line.applicant {
                "applicant"
            } else {
                "member"
            },
            shares_subscribed: line.shares_subscribed,
            payment,
            shares_on_admission: if line.applicant { line.shares_paid } else { 0 },
        };
        Ok((member, amount))
    }
}

impl Artel {
    /// What admitting members into `organisation`'s book needs; refused when its chart
    /// lacks the accounts a share payment posts to.
    async fn admission(
        &self,
        organisation: &Organisation,
        date: NaiveDate,
    ) -> Result<Admission, AppError> {
        let (cash, capital) = (account(CASH)?, account(SHARE_CAPITAL)?);
        let chart = self.db.accounts(organisation.org_id).await?;
        for needed in [&cash, &capital] {
            if !chart.iter().any(|a| &a.account.name == needed) {
                return Err(AppError::rejected(
                    "account",
                    format!(
                        "the book of '{}' has no account '{needed}' for share payments",
                        organisation.code
                    ),
                ));
            }
        }
        Ok(Admission {
            charter: self.charter_on(organisation, date).await?.charter,
            cash,
            capital,
            closed: self.db.closed_periods(organisation.org_id).await?,
        })
    }

    /// Imports a member register into the organisation `code`: every member and every
    /// share payment, or nothing and every problem by line.
    pub async fn import_members(
        &self,
        code: &str,
        path: &Path,
    ) -> Result<MembersImported, AppError> {
        let organisation = self.book_for(code, Action::ManageMembers).await?;
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|error| AppError::Io {
            path: file.clone(),
            error,
        })?;
        let admission = self.admission(&organisation, NaiveDate::MAX).await?;
        let lines = read_register(&text, &admission.charter).map_err(|errors| {
            AppError::Rejected(errors.into_iter().map(|e| line_problem(&file, e)).collect())
        })?;
        let mut problems = Vec::new();
        let mut members = Vec::with_capacity(lines.len());
        let mut summary = MembersImported {
            members: lines.len(),
            shares_paid: 0,
            paid_in: Money::ZERO,
        };
        for line in lines {
            let (number, shares) = (line.line, line.shares_paid);
            match admission.member(line) {
                Ok((member, amount)) => {
                    summary.shares_paid += u64::from(shares);
                    summary.paid_in = summary
                        .paid_in
                        .checked_add(amount)
                        .map_err(|e| AppError::Failed(e.to_string()))?;
                    members.push(member);
                }
                Err((column, message)) => problems.push(line_problem(
                    &file,
                    LineError {
                        line: number,
                        column: Some(column.into()),
                        message,
                    },
                )),
            }
        }
        if !problems.is_empty() {
            return Err(AppError::Rejected(problems));
        }
        self.db
            .admit_members(organisation.org_id, &members, &self.actor)
            .await?;
        Ok(summary)
    }

    /// Admits one member into the organisation `code`, posting their paid shares; every
    /// field that is wrong is named. The member as the register now holds them. Refused
    /// when the charter reserves admissions to the general assembly.
    pub async fn admit_member(
        &self,
        code: &str,
        request: MemberRequest,
    ) -> Result<StoredMember, AppError> {
        self.record_member(code, request, false).await
    }

    /// Records a member, or an applicant whose shares are paid on admission.
    pub(crate) async fn record_member(
        &self,
        code: &str,
        request: MemberRequest,
        applicant: bool,
    ) -> Result<StoredMember, AppError> {
        let organisation = self.book_for(code, Action::ManageMembers).await?;
        let admission = self.admission(&organisation, request.joined).await?;
        if !applicant && admission.charter.needs_resolution(DecisionKind::Admission) {
            return Err(AppError::rejected(
                "event",
                "the charter reserves admission to a resolution of the general assembly: record an application",
            ));
        }
        let mut problems: Vec<Problem> = Vec::new();
        if request.name.trim().is_empty() {
            problems.push(Problem {
                place: "name".into(),
                message: "a member needs a name".into(),
            });
        }
        for (column, message) in check_shares(
            &admission.charter,
            request.shares_subscribed,
            request.shares_paid,
        ) {
            problems.push(Problem {
                place: column.into(),
                message,
            });
        }
        if !problems.is_empty() {
            return Err(AppError::Rejected(problems));
        }
        let line = RegisterLine {
            line: 0,
            name: request.name.trim().to_owned(),
            joined: request.joined,
            shares_subscribed: request.shares_subscribed,
            shares_paid: request.shares_paid,
            trade: request.trade.trim().to_owned(),
            applicant,
        };
        let (member, _) = admission
            .member(line)
            .map_err(|(column, message)| AppError::rejected(column, message))?;
        self.db
            .admit_members(organisation.org_id, &[member], &self.actor)
            .await?;
        self.db
            .members(organisation.org_id)
            .await?
            .pop()
            .ok_or_else(|| AppError::Failed("the member was not recorded".into()))
    }

    /// The member register of `code`, by number, with each member's paid-in capital.
    pub async fn members(&self, code: &str) -> Result<Vec<StoredMember>, AppError> {
        let organisation = self.book(code).await?;
        Ok(self.db.members(organisation.org_id).await?)
    }
}
