//! The words of a downloaded report, in the reader's language.

use chrono::NaiveDate;

/// Titles, column headings and row labels of the spreadsheets. Build one from the
/// caller's translations, or start from [`Labels::english`] or [`Labels::chinese`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    /// Report titles, also the names of the sheets (at most 31 characters, none of
    /// `[]:*?/\`).
    pub trial_balance: String,
    pub balance_sheet: String,
    pub income_statement: String,
    pub general_ledger: String,
    /// Column headings.
    pub account: String,
    pub balance: String,
    pub amount: String,
    pub date: String,
    pub sequence: String,
    pub memo: String,
    /// Row labels.
    pub total_debits: String,
    pub total_credits: String,
    pub assets: String,
    pub liabilities: String,
    pub equity: String,
    pub income: String,
    pub expenses: String,
    pub total_assets: String,
    pub total_liabilities: String,
    pub total_equity: String,
    pub total_income: String,
    pub total_expenses: String,
    pub undistributed_surplus: String,
    pub surplus: String,
    pub opening_balance: String,
    pub closing_balance: String,
    /// The date range under the title: "From 1954-01-01 to 1954-06-30", "Up to …",
    /// "As of …", or every date.
    pub from: String,
    pub to: String,
    pub up_to: String,
    pub as_of: String,
    pub all_dates: String,
}

impl Labels {
    pub fn english() -> Labels {
        Labels {
            trial_balance: "Trial balance".into(),
            balance_sheet: "Balance sheet".into(),
            income_statement: "Income statement".into(),
            general_ledger: "General ledger".into(),
            account: "Account".into(),
            balance: "Balance".into(),
            amount: "Amount".into(),
            date: "Date".into(),
            sequence: "No.".into(),
            memo: "Memo".into(),
            total_debits: "Total debits".into(),
            total_credits: "Total credits".into(),
            assets: "Assets".into(),
            liabilities: "Liabilities".into(),
            equity: "Equity".into(),
            income: "Income".into(),
            expenses: "Expenses".into(),
            total_assets: "Total assets".into(),
            total_liabilities: "Total liabilities".into(),
            total_equity: "Total equity".into(),
            total_income: "Total income".into(),
            total_expenses: "Total expenses".into(),
            undistributed_surplus: "Undistributed surplus".into(),
            surplus: "Surplus".into(),
            opening_balance: "Opening balance".into(),
            closing_balance: "Closing balance".into(),
            from: "From".into(),
            to: "to".into(),
            up_to: "Up to".into(),
            as_of: "As of".into(),
            all_dates: "All dates".into(),
        }
    }

    pub fn chinese() -> Labels {
        Labels {
            trial_balance: "试算平衡表".into(),
            balance_sheet: "资产负债表".into(),
            income_statement: "收支表".into(),
            general_ledger: "总分类账".into(),
            account: "科目".into(),
            balance: "余额".into(),
            amount: "金额".into(),
            date: "日期".into(),
            sequence: "凭证号".into(),
            memo: "摘要".into(),
            total_debits: "借方合计".into(),
            total_credits: "贷方合计".into(),
            assets: "资产".into(),
            liabilities: "负债".into(),
            equity: "所有者权益".into(),
            income: "收入".into(),
            expenses: "支出".into(),
            total_assets: "资产合计".into(),
            total_liabilities: "负债合计".into(),
            total_equity: "所有者权益合计".into(),
            total_income: "收入合计".into(),
            total_expenses: "支出合计".into(),
            undistributed_surplus: "未分配盈余".into(),
            surplus: "盈余".into(),
            opening_balance: "期初余额".into(),
            closing_balance: "期末余额".into(),
            from: "自".into(),
            to: "至".into(),
            up_to: "截至".into(),
            as_of: "截至".into(),
            all_dates: "全部日期".into(),
        }
    }

    /// "From 1954-01-01 to 1954-06-30", "From 1954-01-01", "Up to 1954-06-30" or
    /// "All dates".
    pub fn range(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> String {
        match (from, to) {
            (Some(from), Some(to)) => format!("{} {from} {} {to}", self.from, self.to),
            (Some(from), None) => format!("{} {from}", self.from),
            (None, Some(to)) => format!("{} {to}", self.up_to),
            (None, None) => self.all_dates.clone(),
        }
    }

    /// "As of 1954-06-30", or "All dates" without a date.
    pub fn as_of_date(&self, as_of: Option<NaiveDate>) -> String {
        match as_of {
            Some(day) => format!("{} {day}", self.as_of),
            None => self.all_dates.clone(),
        }
    }
}

/// The words of the member register's workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterLabels {
    /// The title, also the sheet's name.
    pub member_register: String,
    pub number: String,
    pub name: String,
    pub trade: String,
    pub joined: String,
    pub status: String,
    pub shares_subscribed: String,
    pub shares_paid: String,
    pub paid_in: String,
    pub total: String,
}

impl RegisterLabels {
    pub fn english() -> RegisterLabels {
        RegisterLabels {
            member_register: "Member register".into(),
            number: "No.".into(),
            name: "Name".into(),
            trade: "Trade".into(),
            joined: "Joined".into(),
            status: "Standing".into(),
            shares_subscribed: "Shares subscribed".into(),
            shares_paid: "Shares paid".into(),
            paid_in: "Paid in".into(),
            total: "Total".into(),
        }
    }

    pub fn chinese() -> RegisterLabels {
        RegisterLabels {
            member_register: "社员名册".into(),
            number: "编号".into(),
            name: "姓名".into(),
            trade: "行业".into(),
            joined: "入社日期".into(),
            status: "状态".into(),
            shares_subscribed: "认购股数".into(),
            shares_paid: "已缴股数".into(),
            paid_in: "已缴股金".into(),
            total: "合计".into(),
        }
    }
}

/// The headings of the members' year-end statements workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLabels {
    /// The title, also the sheet's name.
    pub statements: String,
    pub number: String,
    pub name: String,
    pub share_capital: String,
    pub days: String,
    pub pieces: String,
    pub wages: String,
    pub labour_dividend: String,
    pub share_dividend: String,
    pub dividends: String,
    pub total: String,
    pub share_capital_at_end: String,
    /// The printed statement's title, with `{year}`.
    pub title: String,
    pub section_shares: String,
    pub section_labour: String,
    pub section_dividends: String,
    pub item: String,
    pub amount: String,
    /// The footer of a distributed year, with `{motion}`, `{date}` and `{entry}`.
    pub distributed_by: String,
    pub not_distributed: String,
    /// The currency note, with `{currency}`.
    pub currency: String,
    /// `en` or `zh`, for the PDF's language.
    pub lang: String,
}

impl StatementLabels {
    pub fn english() -> StatementLabels {
        StatementLabels {
            statements: "Members' year-end statements".into(),
            number: "No.".into(),
            name: "Name".into(),
            share_capital: "Share capital".into(),
            share_capital_at_end: "Paid-in share capital at the year's end".into(),
            days: "Labour days".into(),
            pieces: "Pieces".into(),
            wages: "Wages".into(),
            labour_dividend: "Dividend on labour".into(),
            share_dividend: "Dividend on shares".into(),
            dividends: "Dividends".into(),
            total: "Total".into(),
            title: "Member's year-end statement {year}".into(),
            section_shares: "Share capital".into(),
            section_labour: "Labour".into(),
            section_dividends: "Dividends".into(),
            item: "Item".into(),
            amount: "Amount".into(),
            distributed_by: "Distributed by motion {motion} on {date}, posted as entry {entry}."
                .into(),
            not_distributed: "The year's surplus is not distributed yet.".into(),
            currency: "Amounts in {currency}.".into(),
            lang: "en".into(),
        }
    }

    pub fn chinese() -> StatementLabels {
        StatementLabels {
            statements: "社员年终分配结算表".into(),
            number: "编号".into(),
            name: "姓名".into(),
            share_capital: "股金".into(),
            share_capital_at_end: "年末实缴股金".into(),
            days: "劳动日".into(),
            pieces: "计件数".into(),
            wages: "工资".into(),
            labour_dividend: "劳动分红".into(),
            share_dividend: "股金分红".into(),
            dividends: "分红合计".into(),
            total: "合计".into(),
            title: "{year}年社员年终分配结算单".into(),
            section_shares: "股金".into(),
            section_labour: "劳动".into(),
            section_dividends: "分红".into(),
            item: "项目".into(),
            amount: "金额".into(),
            distributed_by: "依据第{motion}号决议于{date}分配，记账凭证第{entry}号。".into(),
            not_distributed: "本年盈余尚未分配。".into(),
            currency: "金额单位：{currency}。".into(),
            lang: "zh".into(),
        }
    }
}
