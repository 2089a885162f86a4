//! The bilingual chart of accounts a cooperative's books open with. It is a template: the
//! accounts are created when the books are opened and can be edited or added to afterwards.

use crate::account::{Account, AccountName, AccountNameError, AccountType};

/// One line of the template: name, type, English label, Chinese label, production cost.
type TemplateLine = (&'static str, AccountType, &'static str, &'static str, bool);

use AccountType::{Asset, Equity, Expense, Income, Liability};

const COOPERATIVE: &[TemplateLine] = &[
    ("Assets:Cash", Asset, "Cash", "现金", false),
    ("Assets:Bank", Asset, "Bank deposits", "银行存款", false),
    (
        "Assets:Receivables",
        Asset,
        "Accounts receivable",
        "应收账款",
        false,
    ),
    (
        "Assets:Advances to Suppliers",
        Asset,
        "Advances to suppliers",
        "预付账款",
        false,
    ),
    (
        "Assets:Inventory:Materials",
        Asset,
        "Materials inventory",
        "原材料",
        false,
    ),
    (
        "Assets:Inventory:Products",
        Asset,
        "Products inventory",
        "产成品",
        false,
    ),
    (
        "Assets:Fixed Assets",
        Asset,
        "Tools and equipment",
        "固定资产",
        false,
    ),
    (
        "Liabilities:Payables",
        Liability,
        "Accounts payable",
        "应付账款",
        false,
    ),
    (
        "Liabilities:Advances from Buyers",
        Liability,
        "Advances from buyers",
        "预收账款",
        false,
    ),
    (
        "Liabilities:Wages Payable",
        Liability,
        "Wages payable",
        "应付工资",
        false,
    ),
    (
        "Liabilities:Taxes Payable",
        Liability,
        "Taxes payable",
        "应交税金",
        false,
    ),
    ("Liabilities:Loans", Liability, "Loans", "借款", false),
    (
        "Liabilities:Share Refunds Payable",
        Liability,
        "Share refunds payable",
        "应退股金",
        false,
    ),
    (
        "Liabilities:Dividends Payable",
        Liability,
        "Dividends payable to members",
        "应付社员分红",
        false,
    ),
    (
        "Liabilities:Levies Payable",
        Liability,
        "Levies payable (education, federation dues)",
        "应付提留款",
        false,
    ),
    (
        "Equity:Share Capital",
        Equity,
        "Share capital",
        "股金",
        false,
    ),
    (
        "Equity:Public Accumulation Fund",
        Equity,
        "Public accumulation fund",
        "公积金",
        false,
    ),
    (
        "Equity:Public Welfare Fund",
        Equity,
        "Public welfare fund",
        "公益金",
        false,
    ),
    (
        "Equity:Current Year Surplus",
        Equity,
        "Current-year surplus",
        "本年盈余",
        false,
    ),
    (
        "Equity:Undistributed Surplus",
        Equity,
        "Undistributed surplus (losses carried forward)",
        "未分配盈余",
        false,
    ),
    (
        "Equity:Opening Balances",
        Equity,
        "Opening balances",
        "期初余额",
        false,
    ),
    ("Income:Sales", Income, "Sales", "销售收入", false),
    ("Income:Other", Income, "Other income", "其他收入", false),
    (
        "Expenses:Cost of Sales",
        Expense,
        "Cost of sales",
        "销售成本",
        false,
    ),
    (
        "Expenses:Production:Materials",
        Expense,
        "Materials used",
        "原材料消耗",
        true,
    ),
    (
        "Expenses:Production:Wages",
        Expense,
        "Production wages",
        "生产工资",
        true,
    ),
    (
        "Expenses:Production:Overheads",
        Expense,
        "Production overheads",
        "制造费用",
        true,
    ),
    (
        "Expenses:Inventory:Change in Products",
        Expense,
        "Change in products inventory",
        "产成品存货变动",
        false,
    ),
    (
        "Expenses:Inventory:Count Differences",
        Expense,
        "Stock count differences",
        "存货盘盈盘亏",
        false,
    ),
    (
        "Expenses:Administration",
        Expense,
        "Administration",
        "管理费用",
        false,
    ),
    ("Expenses:Taxes", Expense, "Taxes", "税金", false),
    ("Expenses:Interest", Expense, "Interest", "利息支出", false),
    (
        "Expenses:Bad Debts",
        Expense,
        "Bad debts written off",
        "坏账损失",
        false,
    ),
];

/// The accounts a cooperative's books open with.
pub fn cooperative_chart() -> Result<Vec<Account>, AccountNameError> {
    COOPERATIVE
        .iter()
        .map(
            |&(name, account_type, label_en, label_zh, production_cost)| {
                Ok(Account {
                    name: AccountName::parse(name)?,
                    account_type,
                    label_en: label_en.to_owned(),
                    label_zh: label_zh.to_owned(),
                    production_cost,
                })
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_consistent() {
        let chart = cooperative_chart().unwrap();
        assert_eq!(chart.len(), COOPERATIVE.len());
        for account in &chart {
            assert_eq!(
                AccountType::from_top_level(account.name.as_str()),
                Some(account.account_type),
                "{}",
                account.name
            );
            assert!(!account.label_en.is_empty() && !account.label_zh.is_empty());
        }
        let mut names: Vec<_> = chart.iter().map(|a| a.name.as_str()).collect();
        names.dedup();
        assert_eq!(names.len(), chart.len());
        assert!(chart.iter().any(|a| a.production_cost));
    }
}
