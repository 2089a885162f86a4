//! A member's year-end statement as the PDF prints it: share capital at the year's end,
//! labour (days, pieces, wages) and the dividends on labour and on shares, with the
//! distribution that decided them — every text in the reader's language, every amount as
//! exact decimal text.

use artel_app::{MemberStatement, StoredDistribution, days_text};
use artel_ledger::{Currency, Money, MoneyError};
use artel_pdf::{Section, Statement};

use crate::StatementLabels;

/// Where the statement comes from: the organisation, the year and how it was distributed.
#[derive(Debug, Clone, Copy)]
pub struct StatementSource<'a> {
    pub organisation: &'a str,
    pub currency: &'a Currency,
    pub year: i32,
    /// The year's distribution, once adopted.
    pub distribution: Option<&'a StoredDistribution>,
}

fn pair(label: &str, value: String) -> Vec<String> {
    vec![label.to_owned(), value]
}

/// `statement` laid out for printing with `labels`.
pub fn member_statement(
    source: StatementSource<'_>,
    statement: &MemberStatement,
    labels: &StatementLabels,
) -> Result<Statement, MoneyError> {
    let money = |amount: Money| source.currency.format(amount);
    let columns = vec![labels.item.clone(), labels.amount.clone()];
    let dividends = statement
        .labour_dividend
        .checked_add(statement.share_dividend)?;
    let footer = match source.distribution {
        Some(d) => labels
            .distributed_by
            .replace("{motion}", &d.motion.to_string())
            .replace("{date}", &d.date.to_string())
            .replace("{entry}", &d.sequence.to_string()),
        None => labels.not_distributed.clone(),
    };
    Ok(Statement {
        title: labels.title.replace("{year}", &source.year.to_string()),
        subtitle: format!(
            "{} · {} {} · {}",
            source.organisation, labels.number, statement.number, statement.name
        ),
        sections: vec![
            Section {
                heading: labels.section_shares.clone(),
                columns: columns.clone(),
                rows: vec![pair(
                    &labels.share_capital_at_end,
                    money(statement.share_capital),
                )],
                total: None,
            },
            Section {
                heading: labels.section_labour.clone(),
                columns: columns.clone(),
                rows: vec![
                    pair(&labels.days, days_text(statement.labour.days_tenths)),
                    pair(&labels.pieces, statement.labour.pieces.to_string()),
                    pair(&labels.wages, money(statement.labour.wages)),
                ],
                total: None,
            },
            Section {
                heading: labels.section_dividends.clone(),
                columns,
                rows: vec![
                    pair(&labels.labour_dividend, money(statement.labour_dividend)),
                    pair(&labels.share_dividend, money(statement.share_dividend)),
                ],
                total: Some(pair(&labels.dividends, money(dividends))),
            },
        ],
        footer: format!(
            "{footer} {}",
            labels
                .currency
                .replace("{currency}", source.currency.symbol())
        ),
        lang: labels.lang.clone(),
    })
}
