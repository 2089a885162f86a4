//! Contracts and sales: `artel import contracts` and `artel import sales` (all or nothing,
//! every bad line named with its file and line, a counterparty's type and a contract's
//! holder checked against what is stored), each invoice posted to the books — cash, or a
//! receivable due after its credit term — and the sales part of the indicators.

use std::collections::HashMap;
use std::path::Path;

use artel_coop::{
    Contract, ContractItem, ContractKind, CounterpartyType, Delivery, Fulfilment, LineError,
    ReportPeriod, SaleLine, Terms, Totals, add_sales, advance_left, fulfilment, read_contracts,
    read_sales, stock_deliveries,
};
use artel_ledger::{JournalEntry, Money, Posting};
use artel_store::{NewContract, NewContractItem, NewInvoice, Organisation, StockWrites};
use chrono::NaiveDate;

use crate::production::{read, refused};
use crate::reports::{FIRST_DAY, LAST_DAY};
use crate::stock::{plan_against, stock_accounts};
use crate::{Action, AppError, Artel};

/// A contract as stored, with how far it is fulfilled on a day.
#[derive(Debug, Clone)]
pub struct ContractStanding {
    pub contract: NewContract,
    pub fulfilment: Fulfilment,
}

fn corrupt(what: &str, e: String) -> AppError {
    AppError::Failed(format!("a stored {what}: {e}"))
}

/// A stored contract as the pure core reads it.
fn contract_of(stored: &NewContract) -> Result<Contract, AppError> {
    Ok(Contract {
        line: 0,
        number: stored.number.clone(),
        counterparty: stored.counterparty.clone(),
        counterparty_type: CounterpartyType::parse(&stored.counterparty_type)
            .map_err(|e| corrupt("counterparty type", e))?,
        kind: ContractKind::parse(&stored.kind).map_err(|e| corrupt("contract kind", e))?,
        signed: stored.signed,
        value: stored.value,
        credit_days: stored.credit_days,
        items: stored
            .items
            .iter()
            .map(|i| ContractItem {
                product: i.product.clone(),
                quantity: i.quantity,
                price: i.price,
                deliver_by: i.deliver_by,
            })
            .collect(),
    })
}

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

fn invoice_entry(sale: &SaleLine, advance: Money, source: &str) -> Result<JournalEntry, AppError> {
    let postings = sale
        .postings(advance)
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
        Ok(self
            .db
            .contracts(organisation.org_id, FIRST_DAY, LAST_DAY)
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
                items: l
                    .items
                    .into_iter()
                    .map(|i| NewContractItem {
                        product: i.product,
                        quantity: i.quantity,
                        price: i.price,
                        deliver_by: i.deliver_by,
                    })
                    .collect(),
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
                Some(contract)
                    if !contract.items.is_empty()
                        && !contract.items.iter().any(|i| i.product == sale.product) =>
                {
                    errors.push(line_error(
                        sale.line,
                        "product",
                        format!("contract '{number}' has no item of '{}'", sale.product),
                    ));
                }
                Some(_) => {}
            }
        }
        let sources: HashMap<u64, String> = lines.iter().map(|l| (l.line, source(l))).collect();
        let source_of = |line: u64| sources.get(&line).cloned().unwrap_or_default();
        // The deliveries from stock are planned even when lines are wrong already, so that
        // one refusal names every problem.
        let stock = self.stock_of(organisation).await?;
        let deliveries = stock_deliveries(lines, &stock);
        let mut short = Vec::new();
        let planned = plan_against(
            stock,
            &deliveries,
            |m| source_of(m.line),
            |problems| {
                short = problems;
                AppError::Failed("too little in stock".into())
            },
        );
        errors.append(&mut short);
        if !errors.is_empty() {
            errors.sort_by_key(|e| e.line);
            return Err(refuse(errors));
        }
        let stock_writes = planned?;
        let advances = self.advances_taken(organisation, lines).await?;
        let invoices = lines
            .iter()
            .zip(advances)
            .map(|(sale, advance)| {
                let source = source_of(sale.line);
                Ok(NewInvoice {
                    entry: invoice_entry(sale, advance, &source)?,
                    advance,
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
        let accounts = stock_accounts()?;
        let stock = StockWrites {
            writes: &stock_writes,
            accounts: &accounts,
        };
        Ok(self
            .db
            .import_sales(organisation.org_id, &invoices, &stock, &self.actor)
            .await?)
    }

    /// What each of `lines`, in order, takes from its buyer's advances: as much of its
    /// amount as the advances paid by its day still cover.
    async fn advances_taken(
        &self,
        organisation: &Organisation,
        lines: &[SaleLine],
    ) -> Result<Vec<Money>, AppError> {
        let mut advances: HashMap<String, (Vec<(NaiveDate, Money)>, Money)> = self
            .db
            .advances(organisation.org_id)
            .await?
            .into_iter()
            .map(|a| (a.counterparty, (a.paid, a.applied)))
            .collect();
        let failed = |e: artel_ledger::MoneyError| AppError::Failed(e.to_string());
        lines
            .iter()
            .map(|sale| {
                let Some((paid, applied)) = advances.get_mut(&sale.counterparty) else {
                    return Ok(Money::ZERO);
                };
                let left = advance_left(paid, *applied, sale.date).map_err(failed)?;
                let taken = if left < sale.amount {
                    left
                } else {
                    sale.amount
                };
                *applied = applied.checked_add(taken).map_err(failed)?;
                Ok(taken)
            })
            .collect()
    }

    /// The contracts of `code` signed by `as_of`, each with how far the deliveries
    /// invoiced against it by that day fulfil it.
    pub async fn contract_standings(
        &self,
        code: &str,
        as_of: NaiveDate,
    ) -> Result<Vec<ContractStanding>, AppError> {
        let organisation = self.book(code).await?;
        let contracts = self
            .db
            .contracts(organisation.org_id, FIRST_DAY, as_of)
            .await?;
        let mut deliveries: HashMap<String, Vec<Delivery>> = HashMap::new();
        for invoice in self
            .db
            .invoices(organisation.org_id, FIRST_DAY, as_of)
            .await?
        {
            if let Some(number) = invoice.contract {
                deliveries.entry(number).or_default().push(Delivery {
                    date: invoice.date,
                    product: invoice.product,
                    quantity: invoice.quantity,
                    amount: invoice.amount,
                });
            }
        }
        contracts
            .into_iter()
            .map(|stored| {
                let delivered = deliveries.remove(&stored.number).unwrap_or_default();
                let fulfilment = fulfilment(&contract_of(&stored)?, &delivered, as_of)
                    .map_err(|e| AppError::Failed(e.to_string()))?;
                Ok(ContractStanding {
                    contract: stored,
                    fulfilment,
                })
            })
            .collect()
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
        let sales = self
            .sale_lines(organisation, period.first, period.last)
            .await?;
        let contracts = self
            .db
            .contracts(organisation.org_id, period.first, period.last)
            .await?
            .iter()
            .map(contract_of)
            .collect::<Result<Vec<_>, AppError>>()?;
        add_sales(totals, period, &sales, &contracts).map_err(|e| AppError::Failed(e.to_string()))
    }
}
