//! The cooperative domain, pure: regions and organisations so far. Later: members and
//! share capital, governance, production, contracts, distribution, campaigns and
//! statistics — decisions over values, depending on the ledger core only.

pub mod organisation;

pub use organisation::{Code, CodeError, OrgKind, OrgStatus, RegionLevel, Role};
