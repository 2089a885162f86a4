//! Who may do what: the one table of permissions. A role is granted over one organisation
//! or over every organisation of a region subtree; an action on an organisation's data is
//! allowed when one of the caller's roles over that organisation allows it.

use artel_coop::Role;
use artel_store::{Organisation, RoleGrant};
use uuid::Uuid;

/// Everything a caller may ask to do with an organisation's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// See the organisation exists, with its name and kind.
    SeeOrganisation,
    /// Read the books: accounts, reports, verify, and the records behind them.
    ReadBooks,
    /// Read the book's individual journal entries: the entries, one entry, an account's
    /// general ledger, the exported journal. Federation and government officers read a
    /// cooperative's reports and figures but not its entries, unless granted a role that
    /// allows this.
    ReadEntries,
    /// Post and reverse entries, import journals.
    PostEntries,
    /// Add accounts and change their labels.
    EditChart,
    /// Close an accounting period.
    ClosePeriods,
    /// Reopen a closed period (an audited decision).
    ReopenPeriods,
    /// Read the organisation's audit trail.
    ReadAudit,
    /// Admit members and record their shares (the register).
    ManageMembers,
    /// Read meetings, resolutions and the charter: every member may.
    ReadDecisions,
    /// Record meetings and the motions put to them, with their votes.
    RecordDecisions,
    /// Record production reports and plans, set the products' standard prices, and record
    /// movements of stock.
    RecordProduction,
    /// Record contracts and invoiced sales, which post to the books.
    RecordSales,
    /// Record members' labour days, pieces and wages, the labour dividend's basis.
    RecordLabour,
    /// Carry out a distribution of the year's surplus that a motion adopted.
    Distribute,
    /// Change the organisation's status, upgrade a team, join or leave a parent
    /// organisation, add affiliated bodies and record members' affiliations.
    ManageOrganisation,
    /// Read counts over a region subtree (organisations, bodies, affiliated members);
    /// granted over a region, not an organisation.
    ReadRegionCounts,
    /// Record and run rectification campaigns and exhibitions: choose focus cooperatives,
    /// record stages, findings and corrective actions, move a campaign's phase. Allowed by a
    /// role over the organisation that runs them or over the campaign's region.
    ManageCampaigns,
    /// Read campaigns, their reports and exhibitions, by a role over the organisation that
    /// runs them or over their region.
    ReadCampaigns,
    /// Read one's own cooperative's part of a campaign that focuses on it: its stages,
    /// findings, actions and report.
    ReadOwnRectification,
}

use Action::*;
use Role::*;

/// The permission table: for each action, the roles that may take it.
const PERMISSIONS: &[(Action, &[Role])] = &[
    (SeeOrganisation, Role::ALL),
    (
        ReadBooks,
        &[
            Accountant,
            Director,
            Supervisor,
            FederationOfficer,
            GovernmentOfficer,
            Administrator,
        ],
    ),
    (
        ReadEntries,
        &[Accountant, Director, Supervisor, Administrator],
    ),
    (PostEntries, &[Accountant, Administrator]),
    (EditChart, &[Accountant, Administrator]),
    (ClosePeriods, &[Accountant, Director, Administrator]),
    (ReopenPeriods, &[Director, Administrator]),
    (ReadAudit, &[Supervisor, Administrator]),
    (ManageMembers, &[Director, Administrator]),
    // Every member reads the meetings, the resolutions and the charter.
    (ReadDecisions, Role::ALL),
    (RecordDecisions, &[Director, Administrator]),
    (RecordProduction, &[Accountant, Director, Administrator]),
    (RecordSales, &[Accountant, Director, Administrator]),
    (RecordLabour, &[Accountant, Director, Administrator]),
    (Distribute, &[Accountant, Director, Administrator]),
    (ManageOrganisation, &[Director, Administrator]),
    (
        ReadRegionCounts,
        &[FederationOfficer, GovernmentOfficer, Administrator],
    ),
    (
        ManageCampaigns,
        &[
            Director,
            FederationOfficer,
            GovernmentOfficer,
            Administrator,
        ],
    ),
    (
        ReadCampaigns,
        &[
            Director,
            Supervisor,
            FederationOfficer,
            GovernmentOfficer,
            Administrator,
        ],
    ),
    (ReadOwnRectification, &[Director, Supervisor, Administrator]),
];

/// Whether `role` allows `action`, by the table.
pub fn allows(role: Role, action: Action) -> bool {
    PERMISSIONS
        .iter()
        .any(|(listed, roles)| *listed == action && roles.contains(&role))
}

/// Who is asking: the command line (the machine's operator, who may do everything) or a
/// signed-in user with their role grants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    Operator {
        name: String,
    },
    User {
        user_id: Uuid,
        name: String,
        grants: Vec<RoleGrant>,
    },
}

/// Whether the caller may take an action on an organisation, and if not, how to refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Allowed,
    /// The caller has a role there, but none that allows the action.
    Forbidden,
    /// The caller has no role there: the organisation must look as if it did not exist.
    Hidden,
}

impl Caller {
    /// The name written into the audit trail.
    pub fn name(&self) -> &str {
        match self {
            Caller::Operator { name } | Caller::User { name, .. } => name,
        }
    }

    /// The caller's roles over `organisation`: grants over it, or over a region that
    /// contains its region.
    pub fn roles_over(&self, organisation: &Organisation) -> Vec<Role> {
        let Caller::User { grants, .. } = self else {
            return Role::ALL.to_vec();
        };
        grants
            .iter()
            .filter(
                |grant| match (&grant.org_id, &grant.region_path, &organisation.region_path) {
                    (Some(org_id), _, _) => *org_id == organisation.org_id,
                    (None, Some(granted), Some(path)) => path.starts_with(granted.as_str()),
                    _ => false,
                },
            )
            .filter_map(|grant| Role::parse(&grant.role).ok())
            .collect()
    }

    /// Whether the caller may take `action` over the whole region subtree at `path`: a
    /// grant over that region or one containing it, with a role that allows the action.
    pub fn may_over_region(&self, path: &str, action: Action) -> bool {
        let Caller::User { grants, .. } = self else {
            return true;
        };
        grants.iter().any(|grant| {
            grant
                .region_path
                .as_deref()
                .is_some_and(|granted| path.starts_with(granted))
                && Role::parse(&grant.role).is_ok_and(|role| allows(role, action))
        })
    }

    pub fn access(&self, organisation: &Organisation, action: Action) -> Access {
        if matches!(self, Caller::Operator { .. }) {
            return Access::Allowed;
        }
        let roles = self.roles_over(organisation);
        if roles.is_empty() {
            Access::Hidden
        } else if roles.iter().any(|role| allows(*role, action)) {
            Access::Allowed
        } else {
            Access::Forbidden
        }
    }
}

/// The smallest region holding all of `paths` (region paths such as `/hubei/wuhan/`): their
/// longest common prefix that ends a region. `None` when there are none or one is `None`
/// (a grant outside every region), or when they share no region.
pub fn smallest_common_region<'a>(
    mut paths: impl Iterator<Item = Option<&'a str>>,
) -> Option<String> {
    let mut common = paths.next()??;
    for path in paths {
        let path = path?;
        let shared = common
            .char_indices()
            .zip(path.chars())
            .find(|((_, a), b)| a != b)
            .map_or(common.len().min(path.len()), |((at, _), _)| at);
        common = &common[..shared];
    }
    let end = common.rfind('/')? + 1;
    (end > 1).then(|| common[..end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_smallest_common_region_ends_at_a_region() {
        let common = |paths: &[Option<&str>]| smallest_common_region(paths.iter().copied());
        assert_eq!(
            common(&[Some("/hubei/wuhan/")]),
            Some("/hubei/wuhan/".into())
        );
        assert_eq!(
            common(&[Some("/hubei/wuhan/"), Some("/hubei/wuchang/")]),
            Some("/hubei/".into())
        );
        assert_eq!(
            common(&[Some("/hubei/wuhan/"), Some("/hubei/wuhan/hankou/")]),
            Some("/hubei/wuhan/".into())
        );
        assert_eq!(common(&[Some("/hubei/"), Some("/hunan/")]), None);
        assert_eq!(common(&[Some("/hubei/"), None]), None);
        assert_eq!(common(&[]), None);
    }
    use artel_ledger::Currency;

    fn organisation(region_path: Option<&str>) -> Organisation {
        Organisation {
            org_id: Uuid::now_v7(),
            code: "shashi-weaving".into(),
            kind: "cooperative".into(),
            name: "Shashi Weaving".into(),
            region_id: None,
            region_path: region_path.map(str::to_owned),
            parent_org_id: None,
            status: "active".into(),
            founded: None,
            currency: Currency::new("CNY", 2).unwrap(),
        }
    }

    fn user(grants: Vec<RoleGrant>) -> Caller {
        Caller::User {
            user_id: Uuid::now_v7(),
            name: "wang".into(),
            grants,
        }
    }

    #[test]
    fn every_action_is_in_the_table_and_administrators_may_take_it() {
        for action in [
            SeeOrganisation,
            ReadBooks,
            ReadEntries,
            PostEntries,
            EditChart,
            ClosePeriods,
            ReopenPeriods,
            ReadAudit,
            ManageMembers,
            ManageOrganisation,
            ReadRegionCounts,
            ManageCampaigns,
            ReadCampaigns,
            ReadOwnRectification,
        ] {
            assert!(allows(Administrator, action), "{action:?}");
        }
        assert!(allows(Director, ManageOrganisation));
        assert!(!allows(Accountant, ManageOrganisation));
        assert!(!allows(Director, ReadRegionCounts));
        assert!(!allows(Member, PostEntries));
        assert!(!allows(Member, ReadBooks));
        for officer in [FederationOfficer, GovernmentOfficer] {
            assert!(allows(officer, ReadBooks), "{officer}: reports and figures");
            assert!(!allows(officer, ReadEntries), "{officer}: not the entries");
        }
        assert!(allows(Supervisor, ReadEntries));
        assert!(allows(Accountant, PostEntries));
        assert!(!allows(Accountant, ReopenPeriods));
        // Campaigns are run by officers and the running organisation's director; a
        // focus cooperative's accountant or member reads nothing of them.
        assert!(allows(GovernmentOfficer, ManageCampaigns));
        assert!(!allows(Supervisor, ManageCampaigns));
        assert!(allows(Supervisor, ReadCampaigns));
        assert!(!allows(Accountant, ReadCampaigns));
        assert!(!allows(Member, ReadOwnRectification));
        assert!(!allows(Accountant, ReadOwnRectification));
        assert!(allows(Director, ReadOwnRectification));
    }

    #[test]
    fn grants_reach_their_organisation_or_region_subtree_only() {
        let shashi = organisation(Some("/hubei/shashi/"));
        let elsewhere = organisation(Some("/hunan/"));
        let by_org = user(vec![RoleGrant {
            role: "accountant".into(),
            org_id: Some(shashi.org_id),
            region_path: None,
        }]);
        assert_eq!(by_org.access(&shashi, PostEntries), Access::Allowed);
        assert_eq!(by_org.access(&shashi, ReopenPeriods), Access::Forbidden);
        assert_eq!(by_org.access(&elsewhere, ReadBooks), Access::Hidden);
        let by_region = user(vec![RoleGrant {
            role: "government-officer".into(),
            org_id: None,
            region_path: Some("/hubei/".into()),
        }]);
        assert_eq!(by_region.access(&shashi, ReadBooks), Access::Allowed);
        assert_eq!(by_region.access(&shashi, PostEntries), Access::Forbidden);
        assert_eq!(
            by_region.access(&elsewhere, SeeOrganisation),
            Access::Hidden
        );
        // A region's code is a whole path segment: /hubei/ does not reach /hubei-north/.
        assert_eq!(
            by_region.access(&organisation(Some("/hubei-north/")), ReadBooks),
            Access::Hidden
        );
        assert_eq!(
            by_region.access(&organisation(None), ReadBooks),
            Access::Hidden
        );
        // Region counts need a region-wide grant; a grant over one organisation is not one.
        assert!(by_region.may_over_region("/hubei/shashi/", ReadRegionCounts));
        assert!(!by_region.may_over_region("/hunan/", ReadRegionCounts));
        assert!(!by_region.may_over_region("/hubei-north/", ReadRegionCounts));
        assert!(!by_org.may_over_region("/hubei/shashi/", ReadRegionCounts));
        let operator = Caller::Operator {
            name: "cli:root".into(),
        };
        assert!(operator.may_over_region("/hunan/", ReadRegionCounts));
        assert_eq!(operator.access(&elsewhere, ReopenPeriods), Access::Allowed);
    }
}
