//! Loans from a bank, the federation or another lender: a loan recorded with the entry
//! that posts its drawdown, its repayment schedule from `artel_coop::loans`, and the next
//! unpaid instalment repaid as scheduled and posted — principal off `Liabilities:Loans`,
//! interest to `Expenses:Interest` — those two accounts opened when a chart lacks them.

use artel_coop::loans::{self, INTEREST, LOANS, LoanRefusal};
use artel_coop::{LenderKind, LoanInstalment, LoanTerms};
use artel_ledger::{AccountName, JournalEntry, Money, Posting};
use artel_store::{NewLoan, NewRepayment, Organisation, StoredLoan};
use chrono::NaiveDate;

use crate::books::template_accounts;
use crate::{Action, AppError, Artel, Problem};

/// A loan as asked: by a form, the API or the command line. Amounts and the rate are text
/// as typed (`"1000.00"`, `"6.5"`), read in the book's currency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanRequest {
    pub lender: String,
    /// `bank`, `federation` or `other`.
    pub lender_kind: String,
    pub principal: String,
    /// The annual interest rate in percent, up to two decimals.
    pub rate: String,
    pub drawn: NaiveDate,
    pub instalments: u32,
    /// Months between instalments: 1, 3, 6 or 12.
    pub months: u32,
    /// The account the money is paid into (default `Assets:Cash`).
    pub into: Option<String>,
}

/// A loan as recorded: its number in the organisation and the entry of its drawdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoanAdded {
    pub number: u64,
    pub sequence: u64,
}

/// A repayment of an instalment: when and by which entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repaid {
    pub date: NaiveDate,
    pub sequence: u64,
}

/// One instalment of a loan's schedule, and its repayment once paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScheduledInstalment {
    pub instalment: LoanInstalment,
    pub repaid: Option<Repaid>,
}

/// A loan: its terms, the entry of its drawdown, its schedule with what is paid, and the
/// principal still outstanding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loan {
    pub number: u64,
    pub terms: LoanTerms,
    pub sequence: u64,
    pub schedule: Vec<ScheduledInstalment>,
    pub outstanding: Money,
}

impl Loan {
    /// The first instalment not yet repaid, if any is left.
    pub fn next_unpaid(&self) -> Option<&ScheduledInstalment> {
        self.schedule.iter().find(|s| s.repaid.is_none())
    }
}

/// What a repayment paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RepaymentRecorded {
    pub instalment: LoanInstalment,
    pub sequence: u64,
    /// The principal still outstanding after it.
    pub outstanding: Money,
}

fn refused(refusals: Vec<LoanRefusal>) -> AppError {
    AppError::Rejected(
        refusals
            .into_iter()
            .map(|r| Problem {
                place: r.field.to_owned(),
                message: r.message,
            })
            .collect(),
    )
}

/// The accounts loans post to, as the cooperative chart opens them.
fn loan_accounts() -> Result<Vec<artel_ledger::Account>, AppError> {
    template_accounts(&[LOANS, INTEREST])
}

/// An account the caller named (`into`, `from`), or the default when none.
fn named_account(field: &'static str, text: Option<&str>) -> Result<Option<AccountName>, AppError> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => AccountName::parse(text)
            .map(Some)
            .map_err(|e| AppError::rejected(field, e.to_string())),
        None => Ok(None),
    }
}

/// The entry that posts `lines` on `date`.
fn entry(
    date: NaiveDate,
    memo: String,
    source: &str,
    lines: Result<Vec<(AccountName, Money)>, LoanRefusal>,
) -> Result<JournalEntry, AppError> {
    let postings = lines
        .map_err(|r| refused(vec![r]))?
        .into_iter()
        .map(|(account, amount)| Posting { account, amount })
        .collect();
    JournalEntry::new(date, memo, Some(source.to_owned()), postings)
        .map_err(|e| AppError::Failed(e.to_string()))
}

/// A posting refused for an account the chart lacks, named as the caller named it.
fn account_at(field: &'static str) -> impl FnOnce(AppError) -> AppError {
    move |error| match error {
        AppError::Rejected(mut problems) => {
            for problem in &mut problems {
                if problem.place == "account" {
                    problem.place = field.to_owned();
                }
            }
            AppError::Rejected(problems)
        }
        other => other,
    }
}

/// A stored loan with its schedule and what of it is paid.
fn loan_from(stored: StoredLoan) -> Result<Loan, AppError> {
    let corrupt = |detail: String| AppError::Failed(format!("loan {}: {detail}", stored.number));
    let kind = LenderKind::parse(&stored.lender_kind).map_err(corrupt)?;
    let terms = LoanTerms::new(
        &stored.lender,
        kind,
        stored.principal,
        stored.rate_bp,
        stored.drawn,
        stored.instalments,
        stored.months,
    )
    .map_err(|refusals| {
        corrupt(
            refusals
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    let schedule: Vec<ScheduledInstalment> = loans::schedule(&terms)
        .into_iter()
        .map(|instalment| ScheduledInstalment {
            repaid: stored
                .repayments
                .iter()
                .find(|r| r.instalment == instalment.number)
                .map(|r| Repaid {
                    date: r.date,
                    sequence: r.sequence,
                }),
            instalment,
        })
        .collect();
    let paid = schedule.iter().filter(|s| s.repaid.is_some()).count();
    let paid = u32::try_from(paid).unwrap_or(u32::MAX);
    let instalments: Vec<LoanInstalment> = schedule.iter().map(|s| s.instalment).collect();
    let outstanding = loans::outstanding(&terms, &instalments, paid);
    Ok(Loan {
        number: stored.number,
        terms,
        sequence: stored.sequence,
        schedule,
        outstanding,
    })
}

impl Artel {
    /// Records a loan to `code` and posts its drawdown; every field at fault is named
    /// (`principal`, `rate`, `instalments`, `months`, `into`, …).
    pub async fn add_loan(
        &self,
        code: &str,
        request: &LoanRequest,
        source: &str,
    ) -> Result<LoanAdded, AppError> {
        let organisation = self.book_for(code, Action::PostEntries).await?;
        let mut problems = Vec::new();
        let mut problem = |place: &str, message: String| {
            problems.push(Problem {
                place: place.to_owned(),
                message,
            });
        };
        let kind = LenderKind::parse(request.lender_kind.trim())
            .map_err(|e| problem("lender_kind", e))
            .ok();
        let principal = organisation
            .currency
            .parse(request.principal.trim())
            .map_err(|e| problem("principal", e.to_string()))
            .ok();
        let rate_bp = loans::parse_rate(&request.rate)
            .map_err(|e| problem("rate", e))
            .ok();
        let into = match request
            .into
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            Some(text) => AccountName::parse(text)
                .map_err(|e| problem("into", e.to_string()))
                .ok(),
            None => None,
        };
        let terms = match (kind, principal, rate_bp) {
            (Some(kind), Some(principal), Some(rate_bp)) => LoanTerms::new(
                &request.lender,
                kind,
                principal,
                rate_bp,
                request.drawn,
                request.instalments,
                request.months,
            )
            .map_err(|refusals| {
                for r in refusals {
                    problem(r.field, r.message);
                }
            })
            .ok(),
            _ => None,
        };
        let terms = match terms {
            Some(terms) if problems.is_empty() => terms,
            _ => return Err(AppError::Rejected(problems)),
        };
        let memo = format!(
            "loan from {} ({}): {} at {} %",
            terms.lender(),
            terms.lender_kind(),
            organisation.currency.format(terms.principal()),
            loans::format_rate(terms.rate_bp())
        );
        let entry = entry(
            terms.drawn(),
            memo,
            source,
            loans::drawdown_lines(&terms, into.as_ref()),
        )?;
        let loan = NewLoan {
            lender: terms.lender().to_owned(),
            lender_kind: terms.lender_kind().as_str(),
            principal: terms.principal(),
            rate_bp: terms.rate_bp(),
            drawn: terms.drawn(),
            instalments: terms.instalments(),
            months: terms.months(),
            source: source.to_owned(),
            entry,
        };
        let (number, sequence) = self
            .db
            .add_loan(organisation.org_id, &loan, &loan_accounts()?, &self.actor)
            .await
            .map_err(AppError::from)
            .map_err(account_at("into"))?;
        Ok(LoanAdded { number, sequence })
    }

    /// The loans of `code`, by number, each with its schedule and what is outstanding.
    pub async fn loans(&self, code: &str) -> Result<Vec<Loan>, AppError> {
        let organisation = self.book(code).await?;
        self.db
            .loans(organisation.org_id)
            .await?
            .into_iter()
            .map(loan_from)
            .collect()
    }

    /// The loan numbered `number` of `organisation`, or a refusal that names `loan`.
    async fn loan_of(&self, organisation: &Organisation, number: u64) -> Result<Loan, AppError> {
        match self.db.loan(organisation.org_id, number).await? {
            Some(stored) => loan_from(stored),
            None => Err(AppError::NotFound {
                place: "loan".into(),
                message: format!("loan {number} does not exist"),
            }),
        }
    }

    /// The loan numbered `number` of `code`: its terms, its schedule with each paid
    /// instalment's entry, and what is outstanding.
    pub async fn loan(&self, code: &str, number: u64) -> Result<Loan, AppError> {
        let organisation = self.book(code).await?;
        self.loan_of(&organisation, number).await
    }

    /// Repays the next unpaid instalment of loan `number` of `code` as scheduled, on
    /// `date`, from `from` (default `Assets:Cash`), and posts it. A loan repaid in full is
    /// refused, naming `loan`.
    pub async fn repay_loan(
        &self,
        code: &str,
        number: u64,
        date: NaiveDate,
        from: Option<&str>,
        source: &str,
    ) -> Result<RepaymentRecorded, AppError> {
        let organisation = self.book_for(code, Action::PostEntries).await?;
        let from = named_account("from", from)?;
        let loan = self.loan_of(&organisation, number).await?;
        let next = match loan.next_unpaid() {
            Some(next) => next.instalment,
            None => {
                return Err(AppError::rejected(
                    "loan",
                    format!(
                        "loan {number} is repaid in full: all its {} instalments are paid",
                        loan.terms.instalments()
                    ),
                ));
            }
        };
        if date < loan.terms.drawn() {
            return Err(AppError::rejected(
                "date",
                format!("loan {number} was drawn on {}", loan.terms.drawn()),
            ));
        }
        let currency = &organisation.currency;
        let memo = format!(
            "loan {number} from {}: instalment {} of {} ({} principal, {} interest)",
            loan.terms.lender(),
            next.number,
            loan.terms.instalments(),
            currency.format(next.principal),
            currency.format(next.interest)
        );
        let entry = entry(
            date,
            memo,
            source,
            loans::repayment_lines(&next, from.as_ref()),
        )?;
        let repayment = NewRepayment {
            loan: number,
            instalment: next.number,
            date,
            principal: next.principal,
            interest: next.interest,
            source: source.to_owned(),
            entry,
        };
        let sequence = self
            .db
            .repay_loan(
                organisation.org_id,
                &repayment,
                &loan_accounts()?,
                &self.actor,
            )
            .await
            .map_err(AppError::from)
            .map_err(account_at("from"))?;
        let outstanding = loan
            .outstanding
            .checked_sub(next.principal)
            .map_err(|e| AppError::Failed(e.to_string()))?;
        Ok(RepaymentRecorded {
            instalment: next,
            sequence,
            outstanding,
        })
    }
}
