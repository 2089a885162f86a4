//! The cooperative domain, pure: regions and organisations, their history and the bodies
//! affiliated to them; a cooperative's charter as
//! data, votes decided by it, and withdrawal settlements. Later: members and
//! share capital, governance, production and stock, contracts, distribution, campaigns and
//! statistics — decisions over values, depending on the ledger core only.

/// Names one of a closed set of words, as written on the command line and stored.
macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the word; the error lists the words accepted.
            pub fn parse(text: &str) -> Result<$name, String> {
                $name::ALL.iter().copied().find(|v| v.as_str() == text).ok_or_else(|| {
                    let words: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                    format!("'{text}' is not one of {}", words.join(", "))
                })
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub mod affiliation;
pub mod campaign;
pub mod charter;
pub mod contracts;
pub mod credit;
pub mod csv_input;
pub mod decision;
pub mod distribution;
pub mod exhibition;
pub mod history;
pub mod indicators;
pub mod labour;
pub mod loans;
pub mod materials;
pub mod member;
pub mod organisation;
pub mod product_figures;
pub mod production;
pub mod receivables;
pub mod sales;
pub mod statistics;
pub mod stock;
pub mod withdrawal;

pub use affiliation::{BodyCounts, BodyKind, BodyRecord, Membership, count_bodies};
pub use campaign::{
    ActionStatus, CampaignProgress, CampaignRefusal, CampaignTerms, Candidate, FindingCategory,
    Phase, Stage, StageRecord, StageStatus,
};
pub use charter::{
    CapExcess, Charter, CharterError, CreditLimits, DecisionKind, DistributionShares, LabourBasis,
    LossRule, Majority, MajorityBase, Ratio, Reserve, VoteRule, WithdrawalRules, YearEndRules,
};
pub use contracts::{
    Contract, ContractItem, ContractStatus, Delivery, Fulfilment, ItemFulfilment, fulfilment,
    read_contracts,
};
pub use credit::{CreditWarning, credit_warnings, per_mille_as_percent};
pub use csv_input::{LineError, Row, read_rows};
pub use decision::{Ballot, Body, Outcome, Tally, TallyError, decide};
pub use distribution::{
    Distribution, DistributionError, Labour, MemberBasis, MemberDividend, YearResult, apportion,
    capital_days, distribute, year_bounds,
};
pub use exhibition::{ExhibitionKind, ExhibitionTerms, ShownProduct, SignedContract};
pub use history::{
    EventKind, History, HistoryError, HistoryEvent, OrgCounts, Standing, count_as_of,
};
pub use indicators::{Figure, INDICATORS, ReportPeriod, Totals, change_pct, indicators};
pub use labour::{
    LabourLine, check_pieces, days_text, labour_by_member, parse_days, parse_pieces, parse_wages,
    read_labour,
};
pub use loans::{
    Instalment as LoanInstalment, LenderKind, LoanRefusal, LoanTerms, format_rate, parse_rate,
    schedule,
};
pub use materials::{MaterialUse, issues_for, read_materials, write_materials};
pub use member::{
    MEMBERSHIP_CHANGES, MemberEvent, MemberStatus, PAY_SHARES, RegisterLine, TransitionError,
    check_shares, members_from_changes, read_register, standing_after,
};
pub use organisation::{Code, CodeError, OrgKind, OrgStatus, RegionLevel, Role};
pub use product_figures::{ProductFigures, by_product};
pub use production::{
    PlanLine, Produced, ProductionLine, add_produced, add_production, check_report, read_plans,
    read_production,
};
pub use receivables::{
    Aging, AgingBucket, Allocation, Buckets, OpenInvoice, advance_left, age, allocate,
};
pub use sales::{
    ContractKind, CounterpartyType, SaleLine, Terms, add_contracted, add_invoiced, add_sales,
    read_sales, stock_deliveries,
};
pub use statistics::{NewInPeriod, RegionFigures, STATISTICS, counted_kind};
pub use stock::{
    ItemKind, OnHand, Stock, StockChange, StockKind, StockMove, plan_movements, read_stock,
};
pub use withdrawal::{Instalment, Settlement, leaves_on, settle};
