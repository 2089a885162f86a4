//! Production: `artel import production` and `artel import plans` (all or nothing, every bad
//! line named with its file and line), the products' standard prices, and the production
//! part of the indicators, computed from the stored reports and plans.

use std::collections::HashMap;
use std::path::Path;

use artel_coop::{
    LineError, PlanLine, ProductionLine, ReportPeriod, StockMove, Totals, add_production,
    check_report, issues_for, read_materials, read_plans, read_production, write_materials,
};
use artel_ledger::{Money, Period};
use artel_store::{
    NewPlan, NewProduction, Organisation, ProductChange, ProductionImported, StockWrite,
    StockWrites,
};

use crate::stock::stock_accounts;
use crate::{Action, AppError, Artel, Problem};

/// What to change of a product, as typed; `None` leaves it as it is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProductDetails {
    /// `"12.50"` in the book's currency.
    pub standard_price: Option<String>,
    pub unit: Option<String>,
    pub name_zh: Option<String>,
}

/// A period's production reports and plans, with the products' standard prices.
pub(crate) struct ProductionRecords {
    pub(crate) reports: Vec<ProductionLine>,
    pub(crate) plans: Vec<PlanLine>,
    pub(crate) prices: HashMap<String, Money>,
}

impl ProductionRecords {
    /// Adds the part of these records that falls in `period`.
    pub(crate) fn add_to(&self, totals: &mut Totals, period: ReportPeriod) -> Result<(), AppError> {
        add_production(totals, period, &self.reports, &self.plans, &self.prices)
            .map_err(|e| AppError::Failed(e.to_string()))
    }
}

/// A refusal of a report's materials, placed in its `materials` column.
fn in_materials(errors: Vec<LineError>) -> Vec<LineError> {
    errors
        .into_iter()
        .map(|e| LineError {
            column: Some("materials".into()),
            ..e
        })
        .collect()
}

pub(crate) fn read(path: &Path) -> Result<(String, String), AppError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|error| AppError::Io {
        path: file.clone(),
        error,
    })?;
    Ok((file, text))
}

pub(crate) fn refused(file: &str, errors: Vec<LineError>) -> AppError {
    AppError::Rejected(
        errors
            .into_iter()
            .map(|e| Problem {
                place: format!("{file}:{}", e.line),
                message: match e.column {
                    Some(column) => format!("{column}: {}", e.message),
                    None => e.message,
                },
            })
            .collect(),
    )
}

impl Artel {
    /// Imports production reports into `code`: every line or none, with the materials
    /// they used issued from stock.
    pub async fn import_production(
        &self,
        code: &str,
        path: &Path,
    ) -> Result<ProductionImported, AppError> {
        let organisation = self.book_for(code, Action::RecordProduction).await?;
        let (file, text) = read(path)?;
        let lines = read_production(&text).map_err(|errors| refused(&file, errors))?;
        let issues: Vec<StockMove> = lines
            .iter()
            .flat_map(|l| issues_for(l.line, l.date, &l.product, &l.materials))
            .collect();
        let writes = self
            .plan_stock(
                &organisation,
                &issues,
                |m| format!("{file}:{}", m.line),
                |errors| refused(&file, in_materials(errors)),
            )
            .await?;
        let lines: Vec<NewProduction> = lines
            .into_iter()
            .map(|l| NewProduction {
                source: format!("{file}:{}", l.line),
                date: l.date,
                product: l.product,
                quantity: l.quantity,
                defective: l.defective,
                first_grade: l.first_grade,
                made_by: l.made_by,
                materials: write_materials(&l.materials),
            })
            .collect();
        self.write_production(&organisation, &lines, &writes).await
    }

    /// Records one production report, checked as an imported line is, with the materials
    /// it used issued from stock; a problem names its field.
    pub async fn record_production(
        &self,
        code: &str,
        report: &NewProduction,
    ) -> Result<ProductionImported, AppError> {
        let organisation = self.book_for(code, Action::RecordProduction).await?;
        let mut problems: Vec<Problem> =
            check_report(report.quantity, report.defective, report.first_grade)
                .into_iter()
                .map(|(place, message)| Problem {
                    place: place.into(),
                    message,
                })
                .collect();
        if report.product.trim().is_empty() {
            problems.push(Problem {
                place: "product".into(),
                message: "the product's name is empty".into(),
            });
        }
        let materials = read_materials(&report.materials).unwrap_or_else(|message| {
            problems.push(Problem {
                place: "materials".into(),
                message,
            });
            Vec::new()
        });
        if !problems.is_empty() {
            return Err(AppError::Rejected(problems));
        }
        let product = report.product.trim().to_owned();
        let issues = issues_for(0, report.date, &product, &materials);
        let writes = self
            .plan_stock(
                &organisation,
                &issues,
                |_| report.source.clone(),
                |errors| {
                    AppError::Rejected(
                        errors
                            .into_iter()
                            .map(|e| Problem {
                                place: "materials".into(),
                                message: e.message,
                            })
                            .collect(),
                    )
                },
            )
            .await?;
        let report = NewProduction {
            product,
            made_by: report.made_by.trim().to_owned(),
            materials: write_materials(&materials),
            ..report.clone()
        };
        self.write_production(&organisation, &[report], &writes)
            .await
    }

    /// Writes production reports with the issues of their materials, all or none.
    async fn write_production(
        &self,
        organisation: &Organisation,
        reports: &[NewProduction],
        issues: &[StockWrite],
    ) -> Result<ProductionImported, AppError> {
        let accounts = stock_accounts()?;
        let issues = StockWrites {
            writes: issues,
            accounts: &accounts,
        };
        Ok(self
            .db
            .import_production(organisation.org_id, reports, &issues, &self.actor)
            .await?)
    }

    /// The production reports of `code` between two days, both included.
    pub async fn production_reports(
        &self,
        code: &str,
        first: chrono::NaiveDate,
        last: chrono::NaiveDate,
    ) -> Result<Vec<NewProduction>, AppError> {
        let organisation = self.book(code).await?;
        Ok(self
            .db
            .production_reports(organisation.org_id, first, last)
            .await?)
    }

    /// The products of `code` with their standard prices.
    pub async fn products(&self, code: &str) -> Result<Vec<artel_store::StoredProduct>, AppError> {
        let organisation = self.book(code).await?;
        Ok(self.db.products(organisation.org_id).await?)
    }

    /// Imports monthly plans into `code`: every line or none.
    pub async fn import_plans(
        &self,
        code: &str,
        path: &Path,
    ) -> Result<ProductionImported, AppError> {
        let organisation = self.book_for(code, Action::RecordProduction).await?;
        let (file, text) = read(path)?;
        let plans =
            read_plans(&text, &organisation.currency).map_err(|errors| refused(&file, errors))?;
        let plans: Vec<NewPlan> = plans
            .into_iter()
            .map(|p| NewPlan {
                month: p.month.to_string(),
                product: p.product,
                quantity: p.quantity,
                value: p.value,
            })
            .collect();
        Ok(self
            .db
            .import_plans(organisation.org_id, &plans, &self.actor)
            .await?)
    }

    /// Sets the standard price a product's good pieces are valued at (`"12.50"`).
    pub async fn set_product_price(
        &self,
        code: &str,
        product: &str,
        price: &str,
    ) -> Result<(), AppError> {
        let details = ProductDetails {
            standard_price: Some(price.to_owned()),
            ..ProductDetails::default()
        };
        self.set_product(code, product, &details).await
    }

    /// Changes what `details` gives of a product — its standard price, unit, Chinese name —
    /// creating the product when it is not known yet.
    pub async fn set_product(
        &self,
        code: &str,
        product: &str,
        details: &ProductDetails,
    ) -> Result<(), AppError> {
        let organisation = self.book_for(code, Action::RecordProduction).await?;
        if product.trim().is_empty() {
            return Err(AppError::rejected("product", "the product's name is empty"));
        }
        let standard_price = match details.standard_price.as_deref() {
            None => None,
            Some(text) => match organisation.currency.parse(text) {
                Ok(price) if price >= Money::ZERO => Some(price),
                Ok(_) => {
                    return Err(AppError::rejected(
                        "standard_price",
                        "a price cannot be negative",
                    ));
                }
                Err(e) => return Err(AppError::rejected("standard_price", e.to_string())),
            },
        };
        let trimmed = |text: &Option<String>| text.as_deref().map(|t| t.trim().to_owned());
        let change = ProductChange {
            standard_price,
            unit: trimmed(&details.unit),
            name_zh: trimmed(&details.name_zh),
        };
        Ok(self
            .db
            .set_product(organisation.org_id, product.trim(), &change, &self.actor)
            .await?)
    }

    /// The stored production reports and plans of `period`, and every product's price.
    pub(crate) async fn production_records(
        &self,
        organisation: &Organisation,
        period: ReportPeriod,
    ) -> Result<ProductionRecords, AppError> {
        let org_id = organisation.org_id;
        let reports = self
            .db
            .production_reports(org_id, period.first, period.last)
            .await?
            .into_iter()
            .map(|r| {
                let materials = read_materials(&r.materials)
                    .map_err(|e| AppError::Failed(format!("a stored report's materials: {e}")))?;
                Ok(ProductionLine {
                    line: 0,
                    date: r.date,
                    product: r.product,
                    quantity: r.quantity,
                    defective: r.defective,
                    first_grade: r.first_grade,
                    made_by: r.made_by,
                    materials,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let (first, last) = (Period::of(period.first), Period::of(period.last));
        let plans = self
            .db
            .production_plans(org_id, &first.to_string(), &last.to_string())
            .await?
            .into_iter()
            .map(|p| {
                let month = Period::parse(&p.month)
                    .map_err(|e| AppError::Failed(format!("a stored plan's month: {e}")))?;
                Ok(PlanLine {
                    line: 0,
                    month,
                    product: p.product,
                    quantity: p.quantity,
                    value: p.value,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        let prices = self
            .db
            .products(org_id)
            .await?
            .into_iter()
            .map(|p| (p.name, p.standard_price))
            .collect();
        Ok(ProductionRecords {
            reports,
            plans,
            prices,
        })
    }

    /// Adds what the stored production reports and plans of `period` come to, and the
    /// production cost it posted.
    pub(crate) async fn add_production_totals(
        &self,
        organisation: &Organisation,
        period: ReportPeriod,
        totals: &mut Totals,
    ) -> Result<(), AppError> {
        self.production_records(organisation, period)
            .await?
            .add_to(totals, period)?;
        totals.production_cost = self.production_cost(organisation, period).await?;
        Ok(())
    }

    /// What the period posted to the accounts the chart marks as production costs.
    async fn production_cost(
        &self,
        organisation: &Organisation,
        period: ReportPeriod,
    ) -> Result<Money, AppError> {
        let costs: Vec<_> = self
            .db
            .accounts(organisation.org_id)
            .await?
            .into_iter()
            .filter(|a| a.account.production_cost)
            .map(|a| a.account.name)
            .collect();
        let closings = self.db.closing_postings(organisation.org_id).await?;
        let balances = self
            .activity(
                organisation,
                &closings,
                Some(period.first),
                Some(period.last),
            )
            .await?;
        balances
            .rows
            .iter()
            .filter(|row| costs.contains(&row.account))
            .try_fold(Money::ZERO, |sum, row| sum.checked_add(row.balance))
            .map_err(|e| AppError::Failed(e.to_string()))
    }
}
