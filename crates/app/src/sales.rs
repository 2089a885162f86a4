//! Contracts and sales: `artel import contracts` and `artel import sales` (all or nothing,
//! every bad line named with its file and line, a counterparty's type and a contract's
//! holder checked against what is stored), each invoice posted to the books — cash, or a
//! receivable due after its credit term — and the sales part of the indicators.

use std::collections::HashMap;
use std::path::Path;

use artel_coop::{
    ContractKind, ContractLine, CounterpartyType, LineError, ReportPeriod, SaleLine, Terms, Totals,
    add_sales, read_contracts, read_sales,
};
use artel_ledger::{JournalEntry, Posting};
use artel_store::{NewContract, NewInvoice, Organisation};

use crate::production::{read, refused};
use crate::{Action, AppError, Artel};

fn line_error(line: u64, column: &str, message: String) -> LineError {
    LineError {
        line,
        column: Some(column.to_owned()),
        message,
    }
}

/// Checks each line's counterparty type against the type already known — stored, or given
/// by an earlier line of the file.
fn check_types<'a>(
    known: &mut HashMap<String, String>,
    lines: impl Iterator<Item = (u64, &'a str, CounterpartyType)>,
) -> Vec<LineError> {
    let mut errors = Vec::new();
    for (line, name, kind) in lines {
        match known.get(name) {
            Some(stored) if stored != kind.as_str() => errors.push(line_error(
                line,
                "counterparty_type",
                format!("'{name}' is a {stored}"),
            )),
            Some(_) => {}
            None => {
                known.insert(name.to_owned(), kind.as_str().to_owned());
            }
        }
    }
    errors
}

fn invoice_entry(sale: &SaleLine, source: &str) -> Result<JournalEntry, AppError> {
    let postings = sale
        .postings()
        .map_err(AppError::Failed)?
        .into_iter()
        .map(|(account, amount)| Posting { account, amount })
        .collect();
    let memo = format!(
        "invoice: {} {} to {} ({})",
        sale.quantity, sale.product, sale.counterparty, sale.terms
    );
    JournalEntry::new(sale.date, memo, Some(source.to_owned()), postings)
        .map_err(|e| AppError::Failed(e.to_string()))
}

impl Artel {
    async fn known_counterparties(
        &self,
        organisation: &Organisation,
    ) -> Result<HashMap<String, String>, AppError> {
        Ok(self
            .db
            .counterparties(organisation.org_id)
            .await?
            .into_iter()
            .map(|c| (c.name, c.counterparty_type))
            .collect())
    }

    /// Every contract of `organisation`, by number.
    async fn contracts_by_number(
        &self,
        organisation: &Organisation,
    ) -> Result<HashMap<String, NewContract>, AppError> {
        // Days both engines store and compare alike, as text or as dates.
        let (first, last) = match (
            chrono::NaiveDate::from_ymd_opt(1000, 1, 1),
            chrono::NaiveDate::from_ymd_opt(9999, 12, 31),
        ) {
            (Some(first), Some(last)) => (first, last),
            _ => return Err(AppError::Failed("the bounds of all days".into())),
        };
        Ok(self
            .db
            .contracts(organisation.org_id, first, last)
            .await?
            .into_iter()
            .map(|c| (c.number.clone(), c))
            .collect())
    }

    /// Imports contracts into `code`: every line or none. How many.
    pub async fn import_contracts(&self, code: &str, path: &Path) -> Result<usize, AppError> {
        let organisation = self.book_for(code, Action::RecordSales).await?;
        let (file, text) = read(path)?;
        let lines = read_contracts(&text, &organisation.currency)
            .map_err(|errors| refused(&file, errors))?;
        let mut known = self.known_counterparties(&organisation).await?;
        let mut errors = check_types(
            &mut known,
            lines
                .iter()
                .map(|l| (l.line, l.counterparty.as_str(), l.counterparty_type)),
        );
        let stored = self.contracts_by_number(&organisation).await?;
        errors.extend(
            lines
                .iter()
                .filter(|l| stored.contains_key(&l.number))
                .map(|l| {
                    line_error(
                        l.line,
                        "number",
                        format!("contract '{}' already exists", l.number),
                    )
                }),
        );
        if !errors.is_empty() {
            errors.sort_by_key(|e| e.line);
            return Err(refused(&file, errors));
        }
        let contracts: Vec<NewContract> = lines
            .into_iter()
            .map(|l| NewContract {
                source: format!("{file}:{}", l.line),
                number: l.number,
                counterparty: l.counterparty,
                counterparty_type: l.counterparty_type.as_str().to_owned(),
                kind: l.kind.as_str().to_owned(),
                signed: l.signed,
                value: l.value,
                credit_days: l.credit_days,
            })
            .collect();
        Ok(self
            .db
            .import_contracts(organisation.org_id, &contracts, &self.actor)
            .await?)
    }

    /// Imports invoiced sales into `code`, each posted to the books: every line or none.
    /// How many.
    pub async fn import_sales(&self, code: &str, path: &Path) -> Result<usize, AppError> {
        let organisation = self.book_for(code, Action::RecordSales).await?;
        let (file, text) = read(path)?;
        let lines =
            read_sales(&text, &organisation.currency).map_err(|errors| refused(&file, errors))?;
        let sequences = self
            .post_sales(
                &organisation,
                &lines,
                |sale| format!("{file}:{}", sale.line),
                |errors| refused(&file, errors),
            )
            .await?;
        Ok(sequences.len())
    }

    /// Checks invoiced sales against what is stored — each counterparty's type, each
    /// contract and its holder — and posts them, all or none; `refuse` turns the lines'
    /// problems into the error. The sequence of each invoice's entry.
    pub(crate) async fn post_sales(
        &self,
        organisation: &Organisation,
        lines: &[SaleLine],
        source: impl Fn(&SaleLine) -> String,
        refuse: impl FnOnce(Vec<LineError>) -> AppError,
    ) -> Result<Vec<u64>, AppError> {
        let mut known = self.known_counterparties(organisation).await?;
        let mut errors = check_types(
            &mut known,
            lines
                .iter()
                .map(|l| (l.line, l.counterparty.as_str(), l.counterparty_type)),
        );
        let contracts = self.contracts_by_number(organisation).await?;
        for sale in lines {
            let Some(number) = &sale.contract else {
                continue;
            };
            match contracts.get(number) {
                None => errors.push(line_error(
                    sale.line,
                    "contract",
                    format!("contract '{number}' does not exist"),
                )),
                Some(contract) if contract.counterparty != sale.counterparty => {
                    errors.push(line_error(
                        sale.line,
                        "contract",
                        format!(
                            "contract '{number}' is with '{}', not '{}'",
                            contract.counterparty, sale.counterparty
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
        if !errors.is_empty() {
            errors.sort_by_key(|e| e.line);
            return Err(refuse(errors));
        }
        let invoices = lines
            .iter()
            .map(|sale| {
                let source = source(sale);
                Ok(NewInvoice {
                    entry: invoice_entry(sale, &source)?,
                    date: sale.date,
                    counterparty: sale.counterparty.clone(),
                    counterparty_type: sale.counterparty_type.as_str().to_owned(),
                    product: sale.product.clone(),
                    quantity: sale.quantity,
                    amount: sale.amount,
                    terms: sale.terms.to_string(),
                    due: sale.terms.due(sale.date),
                    contract: sale.contract.clone(),
                    source,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        Ok(self
            .db
            .import_sales(organisation.org_id, &invoices, &self.actor)
            .await?)
    }

    /// The contracts of `code` signed between two days, both included.
    pub async fn contracts(
        &self,
        code: &str,
        first: chrono::NaiveDate,
        last: chrono::NaiveDate,
    ) -> Result<Vec<NewContract>, AppError> {
        let organisation = self.book(code).await?;
        Ok(self.db.contracts(organisation.org_id, first, last).await?)
    }

    /// The invoices of `code` dated between two days, both included.
    pub async fn invoices(
        &self,
        code: &str,
        first: chrono::NaiveDate,
        last: chrono::NaiveDate,
    ) -> Result<Vec<artel_store::StoredInvoice>, AppError> {
        let organisation = self.book(code).await?;
        Ok(self.db.invoices(organisation.org_id, first, last).await?)
    }

    /// The invoices of `organisation` dated between two days, as the pure core reads them.
    pub(crate) async fn sale_lines(
        &self,
        organisation: &Organisation,
        first: chrono::NaiveDate,
        last: chrono::NaiveDate,
    ) -> Result<Vec<SaleLine>, AppError> {
        let corrupt = |what: &str, e: String| AppError::Failed(format!("a stored {what}: {e}"));
        self.db
            .invoices(organisation.org_id, first, last)
            .await?
            .into_iter()
            .map(|i| {
                Ok(SaleLine {
                    line: 0,
                    date: i.date,
                    counterparty_type: CounterpartyType::parse(&i.counterparty_type)
                        .map_err(|e| corrupt("counterparty type", e))?,
                    counterparty: i.counterparty,
                    product: i.product,
                    quantity: i.quantity,
                    amount: i.amount,
                    terms: Terms::parse(&i.terms).map_err(|e| corrupt("invoice's terms", e))?,
                    contract: i.contract,
                })
            })
            .collect()
    }

    /// Adds what the invoices and contracts of `period` come to.
    pub(crate) async fn add_sales_totals(
        &self,
        organisation: &Organisation,
        period: ReportPeriod,
        totals: &mut Totals,
    ) -> Result<(), AppError> {
        let corrupt = |what: &str, e: String| AppError::Failed(format!("a stored {what}: {e}"));
        let sales = self
            .sale_lines(organisation, period.first, period.last)
            .await?;
        let contracts = self
            .db
            .contracts(organisation.org_id, period.first, period.last)
            .await?
            .into_iter()
            .map(|c| {
                Ok(ContractLine {
                    line: 0,
                    counterparty_type: CounterpartyType::parse(&c.counterparty_type)
                        .map_err(|e| corrupt("counterparty type", e))?,
                    kind: ContractKind::parse(&c.kind).map_err(|e| corrupt("contract kind", e))?,
                    number: c.number,
                    counterparty: c.counterparty,
                    signed: c.signed,
                    value: c.value,
                    credit_days: c.credit_days,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        add_sales(totals, period, &sales, &contracts).map_err(|e| AppError::Failed(e.to_string()))
    }
}
