//! What every page of one organisation's books shows above its content: the
//! organisation's name and the links to the other pages of its books, only those the
//! caller's roles let them use.

use artel_app::{Action, Artel, Organisation};

use super::PageError;

/// The links of one organisation's books, and which of them is this page.
#[derive(Debug, Clone)]
pub struct BookNav {
    pub code: String,
    pub name: String,
    /// This page's link name (`entries`, `trial-balance`, …).
    pub current: &'static str,
    pub may_read_entries: bool,
    pub may_post: bool,
    pub may_edit_chart: bool,
    pub may_close: bool,
    pub may_reopen: bool,
    pub may_audit: bool,
    pub may_manage_members: bool,
    pub may_record_decisions: bool,
    pub may_record_production: bool,
    pub may_record_sales: bool,
}

impl BookNav {
    /// The navigation for the books of `code`, refused (404) when the caller may not read
    /// them; with the organisation, for its currency.
    pub async fn load(
        artel: &Artel,
        code: &str,
        current: &'static str,
    ) -> Result<(BookNav, Organisation), PageError> {
        let organisation = artel.book(code).await?;
        let nav = BookNav {
            code: organisation.code.clone(),
            name: organisation.name.clone(),
            current,
            may_read_entries: artel.may(&organisation, Action::ReadEntries),
            may_post: artel.may(&organisation, Action::PostEntries),
            may_edit_chart: artel.may(&organisation, Action::EditChart),
            may_close: artel.may(&organisation, Action::ClosePeriods),
            may_reopen: artel.may(&organisation, Action::ReopenPeriods),
            may_audit: artel.may(&organisation, Action::ReadAudit),
            may_manage_members: artel.may(&organisation, Action::ManageMembers),
            may_record_decisions: artel.may(&organisation, Action::RecordDecisions),
            may_record_production: artel.may(&organisation, Action::RecordProduction),
            may_record_sales: artel.may(&organisation, Action::RecordSales),
        };
        Ok((nav, organisation))
    }

    /// `aria-current="page"` on this page's own link.
    pub fn current_mark(&self, link: &str) -> &'static str {
        if self.current == link {
            "page"
        } else {
            "false"
        }
    }
}
