//! Kinds and statuses of organisations, levels of regions, and the codes people and
//! scripts use to name both (`shashi-weaving`, `hubei`).

use std::fmt;

word_enum! {
    /// What an organisation is.
    OrgKind {
        Cooperative = "cooperative",
        Team = "team",
        SupplyMarketing = "supply-marketing",
        Federation = "federation",
        Association = "association",
        Government = "government",
    }
}

word_enum! {
    /// Where an organisation stands in its life.
    OrgStatus {
        Preparatory = "preparatory",
        Active = "active",
        UnderRectification = "under-rectification",
        Merged = "merged",
        Dissolved = "dissolved",
    }
}

word_enum! {
    /// The level of a region in the tree province → special district → county/city → district.
    RegionLevel {
        Province = "province",
        District = "district",
        County = "county",
        City = "city",
        Subdistrict = "subdistrict",
    }
}

word_enum! {
    /// What a person may do over an organisation or a region, as granted.
    Role {
        Member = "member",
        Accountant = "accountant",
        Director = "director",
        Supervisor = "supervisor",
        FederationOfficer = "federation-officer",
        GovernmentOfficer = "government-officer",
        Administrator = "administrator",
    }
}

impl OrgKind {
    /// Whether the organisation's book opens with the cooperative chart of accounts.
    /// Production teams keep the same books as cooperatives; the other bodies start empty
    /// and gain accounts as they use them.
    pub fn opens_with_cooperative_chart(self) -> bool {
        matches!(self, OrgKind::Cooperative | OrgKind::Team)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "code '{0}' is not valid: use 1 to 64 lower-case letters, digits and '-', starting with a letter or digit"
)]
pub struct CodeError(pub String);

/// A short, stable identifier of a region or an organisation (`shashi-weaving`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code(String);

impl Code {
    pub fn parse(text: &str) -> Result<Code, CodeError> {
        let valid = (1..=64).contains(&text.len())
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !text.starts_with('-');
        if valid {
            Ok(Code(text.to_owned()))
        } else {
            Err(CodeError(text.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_and_errors_list_the_choices() {
        for kind in OrgKind::ALL {
            assert_eq!(OrgKind::parse(kind.as_str()), Ok(*kind));
        }
        let error = OrgKind::parse("coop").unwrap_err();
        assert!(
            error.contains("cooperative, team, supply-marketing"),
            "{error}"
        );
        assert_eq!(
            RegionLevel::parse("subdistrict"),
            Ok(RegionLevel::Subdistrict)
        );
        assert_eq!(
            OrgStatus::parse("under-rectification"),
            Ok(OrgStatus::UnderRectification)
        );
    }

    #[test]
    fn codes() {
        assert!(Code::parse("shashi-weaving").is_ok());
        assert!(Code::parse("demo-coop").is_ok());
        for bad in ["", "Shashi", "-x", "a b", "沙市", &"a".repeat(65)] {
            assert!(Code::parse(bad).is_err(), "{bad}");
        }
        assert!(OrgKind::Team.opens_with_cooperative_chart());
        assert!(!OrgKind::Federation.opens_with_cooperative_chart());
    }
}
