//! Loans from a bank, the federation or another lender, pure: a loan's terms, checked;
//! its repayment schedule of equal principal instalments with interest on what is still
//! outstanding; and what its drawdown and each repayment post.
//!
//! The schedule: the principal is divided equally among the instalments, the remainder
//! of the division going to the last one, so that the instalments add up to the principal
//! exactly. Each instalment's interest is the interest for its period on the principal
//! outstanding before it: `outstanding × rate_bp × months ÷ (10000 × 12)`, rounded half
//! away from zero to the minor unit, in integer arithmetic. Instalment *n* is due *n*
//! periods of `months` months after the day the loan was drawn (the 31st falls on the last
//! day of a shorter month).
//!
//! | event      | debit                                            | credit                               |
//! |------------|--------------------------------------------------|--------------------------------------|
//! | drawdown   | the account paid into (`Assets:Cash`)            | `Liabilities:Loans`                  |
//! | repayment  | `Liabilities:Loans` (principal), `Expenses:Interest` (interest) | the account paid from (`Assets:Cash`) |

use artel_ledger::{AccountName, Decimal, Money};
use chrono::{Months, NaiveDate};

/// What a loan owes.
pub const LOANS: &str = "Liabilities:Loans";
/// What its interest costs.
pub const INTEREST: &str = "Expenses:Interest";
/// What a loan is paid into and repaid from unless it says.
pub const CASH: &str = "Assets:Cash";

/// Largest principal, in minor units: the most a spreadsheet shows exactly. It keeps every
/// sum of principal and interest far from overflowing.
pub const PRINCIPAL_MINOR_MAX: i64 = 999_999_999_999_999;
/// Highest annual rate, in basis points: 100 %.
pub const RATE_BP_MAX: u32 = 10_000;
/// Most instalments a loan may have: fifty years of monthly ones.
pub const INSTALMENTS_MAX: u32 = 600;
/// The periods instalments may be apart, in months.
pub const MONTHS_ALLOWED: [u32; 4] = [1, 3, 6, 12];
/// Longest lender's name, in characters.
pub const LENDER_CHARS_MAX: usize = 200;

word_enum! {
    /// Who lent the money.
    LenderKind {
        /// A bank (the People's Bank, a credit cooperative).
        Bank = "bank",
        /// The federation of cooperatives the borrower belongs to.
        Federation = "federation",
        Other = "other",
    }
}

/// A loan refused: the field at fault and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct LoanRefusal {
    pub field: &'static str,
    pub message: String,
}

fn refuse(field: &'static str, message: impl Into<String>) -> LoanRefusal {
    LoanRefusal {
        field,
        message: message.into(),
    }
}

/// Reads an annual rate given as a percent with up to two decimals (`6.5`, `12.25`) as
/// basis points (`650`, `1225`).
pub fn parse_rate(text: &str) -> Result<u32, String> {
    let text = text.trim().trim_end_matches('%').trim_end();
    let decimal = Decimal::parse(text)
        .and_then(|d| d.rescale(2))
        .map_err(|_| format!("'{text}' is not a percent with at most two decimals"))?;
    match u32::try_from(decimal.mantissa) {
        Ok(bp) if bp <= RATE_BP_MAX => Ok(bp),
        _ => Err(format!("'{text}' is not between 0 and 100 %")),
    }
}

/// Basis points as a percent with two decimals: `650` is `6.50`.
pub fn format_rate(rate_bp: u32) -> String {
    Decimal {
        mantissa: i64::from(rate_bp),
        scale: 2,
    }
    .to_string()
}

/// A loan's terms, checked: a loan that exists has a lender, a principal above nothing, a
/// rate of 0 to 100 %, one to [`INSTALMENTS_MAX`] instalments a whole number of
/// [`MONTHS_ALLOWED`] apart, the last of them on a day the calendar has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanTerms {
    lender: String,
    lender_kind: LenderKind,
    principal: Money,
    rate_bp: u32,
    drawn: NaiveDate,
    instalments: u32,
    months: u32,
}

impl LoanTerms {
    /// Checks the terms; every field at fault is named.
    pub fn new(
        lender: &str,
        lender_kind: LenderKind,
        principal: Money,
        rate_bp: u32,
        drawn: NaiveDate,
        instalments: u32,
        months: u32,
    ) -> Result<LoanTerms, Vec<LoanRefusal>> {
        let mut refusals = Vec::new();
        let lender = lender.trim();
        if lender.is_empty() {
            refusals.push(refuse("lender", "is empty"));
        } else if lender.chars().count() > LENDER_CHARS_MAX {
            refusals.push(refuse(
                "lender",
                format!("is longer than {LENDER_CHARS_MAX} characters"),
            ));
        }
        if principal <= Money::ZERO {
            refusals.push(refuse("principal", "must be more than 0"));
        } else if principal.minor() > PRINCIPAL_MINOR_MAX {
            refusals.push(refuse("principal", "is larger than a loan can be"));
        }
        if rate_bp > RATE_BP_MAX {
            refusals.push(refuse("rate", "must be between 0 and 100 %"));
        }
        if instalments == 0 {
            refusals.push(refuse("instalments", "must be 1 or more"));
        } else if instalments > INSTALMENTS_MAX {
            refusals.push(refuse(
                "instalments",
                format!("must be at most {INSTALMENTS_MAX}"),
            ));
        }
        if !MONTHS_ALLOWED.contains(&months) {
            refusals.push(refuse("months", "must be 1, 3, 6 or 12"));
        } else if (1..=INSTALMENTS_MAX).contains(&instalments)
            && due_after(drawn, instalments, months).is_none()
        {
            refusals.push(refuse(
                "drawn",
                "the last instalment falls beyond the calendar",
            ));
        }
        if !refusals.is_empty() {
            return Err(refusals);
        }
        Ok(LoanTerms {
            lender: lender.to_owned(),
            lender_kind,
            principal,
            rate_bp,
            drawn,
            instalments,
            months,
        })
    }

    pub fn lender(&self) -> &str {
        &self.lender
    }

    pub fn lender_kind(&self) -> LenderKind {
        self.lender_kind
    }

    pub fn principal(&self) -> Money {
        self.principal
    }

    /// The annual rate in basis points (hundredths of a percent).
    pub fn rate_bp(&self) -> u32 {
        self.rate_bp
    }

    pub fn drawn(&self) -> NaiveDate {
        self.drawn
    }

    pub fn instalments(&self) -> u32 {
        self.instalments
    }

    /// Months between instalments.
    pub fn months(&self) -> u32 {
        self.months
    }
}

/// The day instalment `number` falls due.
fn due_after(drawn: NaiveDate, number: u32, months: u32) -> Option<NaiveDate> {
    drawn.checked_add_months(Months::new(number.checked_mul(months)?))
}

/// One instalment of a schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instalment {
    /// 1 for the first.
    pub number: u32,
    pub due: NaiveDate,
    pub principal: Money,
    pub interest: Money,
}

impl Instalment {
    /// What is paid: principal and interest.
    pub fn total(&self) -> Money {
        // Both are bounded by the principal (see `PRINCIPAL_MINOR_MAX`).
        Money::from_minor(self.principal.minor() + self.interest.minor())
    }
}

/// `numerator ÷ denominator` of positive numbers, rounded half away from zero.
fn rounded_quotient(numerator: i128, denominator: i128) -> i128 {
    (numerator * 2 + denominator) / (denominator * 2)
}

/// The repayment schedule of `terms`.
pub fn schedule(terms: &LoanTerms) -> Vec<Instalment> {
    let count = i128::from(terms.instalments);
    let principal = i128::from(terms.principal.minor());
    let equal = principal / count;
    let mut outstanding = principal;
    let mut instalments = Vec::with_capacity(terms.instalments as usize);
    for number in 1..=terms.instalments {
        let part = if number == terms.instalments {
            outstanding
        } else {
            equal
        };
        let interest = rounded_quotient(
            outstanding * i128::from(terms.rate_bp) * i128::from(terms.months),
            10_000 * 12,
        );
        // The terms were checked: every due day exists, and every amount is at most the
        // principal, so fits the minor units.
        let due = due_after(terms.drawn, number, terms.months).unwrap_or(terms.drawn);
        instalments.push(Instalment {
            number,
            due,
            principal: Money::from_minor(i64::try_from(part).unwrap_or(i64::MAX)),
            interest: Money::from_minor(i64::try_from(interest).unwrap_or(i64::MAX)),
        });
        outstanding -= part;
    }
    instalments
}

/// What is still owed after the instalments numbered up to `paid`, of `schedule`.
pub fn outstanding(terms: &LoanTerms, schedule: &[Instalment], paid: u32) -> Money {
    let repaid: i64 = schedule
        .iter()
        .filter(|i| i.number <= paid)
        .map(|i| i.principal.minor())
        .sum();
    Money::from_minor(terms.principal.minor() - repaid)
}

fn account(name: &str) -> Result<AccountName, LoanRefusal> {
    AccountName::parse(name).map_err(|e| refuse("account", e.to_string()))
}

/// What a drawdown posts: the principal into `into` (default [`CASH`]), owed to the lender.
pub fn drawdown_lines(
    terms: &LoanTerms,
    into: Option<&AccountName>,
) -> Result<Vec<(AccountName, Money)>, LoanRefusal> {
    let into = match into {
        Some(into) => into.clone(),
        None => account(CASH)?,
    };
    Ok(vec![
        (into, terms.principal),
        (account(LOANS)?, Money::from_minor(-terms.principal.minor())),
    ])
}

/// What repaying `instalment` posts: its principal off the loan and its interest as an
/// expense (no line when there is none), paid from `from` (default [`CASH`]).
pub fn repayment_lines(
    instalment: &Instalment,
    from: Option<&AccountName>,
) -> Result<Vec<(AccountName, Money)>, LoanRefusal> {
    let from = match from {
        Some(from) => from.clone(),
        None => account(CASH)?,
    };
    let mut lines = vec![(account(LOANS)?, instalment.principal)];
    if !instalment.interest.is_zero() {
        lines.push((account(INTEREST)?, instalment.interest));
    }
    lines.push((from, Money::from_minor(-instalment.total().minor())));
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn terms(principal: i64, rate_bp: u32, instalments: u32, months: u32) -> LoanTerms {
        LoanTerms::new(
            "People's Bank, Shashi branch",
            LenderKind::Bank,
            Money::from_minor(principal),
            rate_bp,
            day("1954-03-01"),
            instalments,
            months,
        )
        .unwrap()
    }

    /// `(number, principal, interest)` of each instalment, in minor units.
    fn amounts(schedule: &[Instalment]) -> Vec<(u32, i64, i64)> {
        schedule
            .iter()
            .map(|i| (i.number, i.principal.minor(), i.interest.minor()))
            .collect()
    }

    #[test]
    fn a_monthly_loan_by_hand() {
        // 1,000.00 at 6.5 % in 12 monthly instalments: 100000 ÷ 12 = 8333 rest 4, so the
        // last instalment is 83.37. Interest on the first: 100000 × 650 ÷ 120000 = 541.67
        // → 5.42; on the second 91667 × 650 ÷ 120000 = 496.53 → 4.97; on the tenth
        // 25003 × 650 ÷ 120000 = 135.43 → 1.35; on the last 8337 × 650 ÷ 120000 = 45.16 → 0.45.
        let schedule = schedule(&terms(100_000, 650, 12, 1));
        assert_eq!(
            amounts(&schedule),
            [
                (1, 8_333, 542),
                (2, 8_333, 497),
                (3, 8_333, 451),
                (4, 8_333, 406),
                (5, 8_333, 361),
                (6, 8_333, 316),
                (7, 8_333, 271),
                (8, 8_333, 226),
                (9, 8_333, 181),
                (10, 8_333, 135),
                (11, 8_333, 90),
                (12, 8_337, 45),
            ]
        );
        let principal: i64 = schedule.iter().map(|i| i.principal.minor()).sum();
        assert_eq!(principal, 100_000);
        assert_eq!(schedule[0].due, day("1954-04-01"));
        assert_eq!(schedule[11].due, day("1955-03-01"));
        assert_eq!(schedule[0].total(), Money::from_minor(8_875));
    }

    #[test]
    fn a_quarterly_loan_rounds_halves_away_from_zero() {
        // 3,000.00 at 5 % in 4 quarterly instalments of 750.00. Interest for a quarter:
        // 300000 × 500 × 3 ÷ 120000 = 3750; 225000 → 2812.5 → 2813; 150000 → 1875;
        // 75000 → 937.5 → 938.
        let schedule = schedule(&terms(300_000, 500, 4, 3));
        assert_eq!(
            amounts(&schedule),
            [
                (1, 75_000, 3_750),
                (2, 75_000, 2_813),
                (3, 75_000, 1_875),
                (4, 75_000, 938)
            ]
        );
        let due: Vec<NaiveDate> = schedule.iter().map(|i| i.due).collect();
        assert_eq!(
            due,
            [
                day("1954-06-01"),
                day("1954-09-01"),
                day("1954-12-01"),
                day("1955-03-01")
            ]
        );
    }

    #[test]
    fn the_last_instalment_takes_the_remainder_and_rounding_goes_both_ways() {
        // 100.00 at 10 % in 3 months: 3333, 3333, 3334. Interest 83.33 → 83, 55.56 → 56,
        // 27.78 → 28.
        let schedule = schedule(&terms(10_000, 1_000, 3, 1));
        assert_eq!(
            amounts(&schedule),
            [(1, 3_333, 83), (2, 3_333, 56), (3, 3_334, 28)]
        );
        // Half-yearly: 1,234.56 at 7.25 % in 6, 20576 each (rest 0); the first half-year's
        // interest is 123456 × 725 × 6 ÷ 120000 = 4475.28 → 44.75.
        let half_yearly = schedule_of(123_456, 725, 6, 6);
        assert_eq!(half_yearly[0].interest, Money::from_minor(4_475));
        assert_eq!(half_yearly[5].interest, Money::from_minor(746));
        assert_eq!(half_yearly[5].due, day("1957-03-01"));
    }

    fn schedule_of(principal: i64, rate_bp: u32, instalments: u32, months: u32) -> Vec<Instalment> {
        schedule(&terms(principal, rate_bp, instalments, months))
    }

    #[test]
    fn a_loan_without_interest_repays_the_principal_alone() {
        let schedule = schedule_of(50_000, 0, 2, 12);
        assert_eq!(amounts(&schedule), [(1, 25_000, 0), (2, 25_000, 0)]);
        let lines = repayment_lines(&schedule[0], None).unwrap();
        let names: Vec<&str> = lines.iter().map(|(a, _)| a.as_str()).collect();
        assert_eq!(names, [LOANS, CASH]);
    }

    #[test]
    fn due_days_fall_on_the_last_day_of_a_shorter_month() {
        let terms = LoanTerms::new(
            "Federation",
            LenderKind::Federation,
            Money::from_minor(300),
            0,
            day("1954-01-31"),
            3,
            1,
        )
        .unwrap();
        let due: Vec<NaiveDate> = schedule(&terms).iter().map(|i| i.due).collect();
        assert_eq!(
            due,
            [day("1954-02-28"), day("1954-03-31"), day("1954-04-30")]
        );
    }

    #[test]
    fn drawdown_and_repayment_post_balanced_lines() {
        let terms = terms(100_000, 650, 12, 1);
        let bank = AccountName::parse("Assets:Bank").unwrap();
        let lines = |lines: Vec<(AccountName, Money)>| -> Vec<(String, i64)> {
            lines
                .into_iter()
                .map(|(a, m)| (a.as_str().to_owned(), m.minor()))
                .collect()
        };
        assert_eq!(
            lines(drawdown_lines(&terms, Some(&bank)).unwrap()),
            [("Assets:Bank".into(), 100_000), (LOANS.into(), -100_000)]
        );
        let first = schedule(&terms)[0];
        assert_eq!(
            lines(repayment_lines(&first, None).unwrap()),
            [
                (LOANS.into(), 8_333),
                (INTEREST.into(), 542),
                (CASH.into(), -8_875)
            ]
        );
        let schedule = schedule(&terms);
        assert_eq!(
            outstanding(&terms, &schedule, 0),
            Money::from_minor(100_000)
        );
        assert_eq!(outstanding(&terms, &schedule, 2), Money::from_minor(83_334));
        assert_eq!(outstanding(&terms, &schedule, 12), Money::ZERO);
    }

    #[test]
    fn refusals_name_every_field_at_fault() {
        let refused = |principal: i64, instalments: u32, months: u32, rate_bp: u32| {
            LoanTerms::new(
                "Bank",
                LenderKind::Bank,
                Money::from_minor(principal),
                rate_bp,
                day("1954-03-01"),
                instalments,
                months,
            )
            .unwrap_err()
            .into_iter()
            .map(|r| r.field)
            .collect::<Vec<_>>()
        };
        assert_eq!(refused(0, 12, 1, 650), ["principal"]);
        assert_eq!(refused(-100, 12, 1, 650), ["principal"]);
        assert_eq!(refused(100, 0, 1, 650), ["instalments"]);
        assert_eq!(refused(100, 12, 2, 650), ["months"]);
        assert_eq!(refused(100, 12, 0, 650), ["months"]);
        assert_eq!(refused(100, 601, 1, 650), ["instalments"]);
        assert_eq!(refused(100, 12, 1, 10_001), ["rate"]);
        assert_eq!(
            refused(0, 0, 5, 650),
            ["principal", "instalments", "months"]
        );
        let unnamed = LoanTerms::new(
            "  ",
            LenderKind::Other,
            Money::from_minor(1),
            0,
            day("1954-03-01"),
            1,
            1,
        )
        .unwrap_err();
        assert_eq!(unnamed[0].field, "lender");
    }

    #[test]
    fn rates_are_read_as_basis_points() {
        assert_eq!(parse_rate("6.5"), Ok(650));
        assert_eq!(parse_rate("12.25"), Ok(1_225));
        assert_eq!(parse_rate("0"), Ok(0));
        assert_eq!(parse_rate("100"), Ok(10_000));
        assert_eq!(parse_rate("7.2 %"), Ok(720));
        assert!(parse_rate("6.125").is_err());
        assert!(parse_rate("-1").is_err());
        assert!(parse_rate("100.01").is_err());
        assert!(parse_rate("six").is_err());
        assert_eq!(format_rate(650), "6.50");
        assert_eq!(format_rate(5), "0.05");
        assert_eq!(LenderKind::parse("federation"), Ok(LenderKind::Federation));
        assert!(LenderKind::parse("uncle").is_err());
    }
}
