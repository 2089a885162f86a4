//! Choosing a campaign's focus cooperatives "n per district": from each district (a child
//! region of the campaign's region; a cooperative of the campaign's region itself is its own
//! district), the first `n` cooperatives by code among those working — active or under
//! rectification — on the campaign's start. The same candidates always give the same
//! choice.

use std::collections::BTreeMap;

/// A cooperative that may be chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub code: String,
    /// The district it lies in: the code of the campaign region's child region that
    /// contains it.
    pub district: String,
    /// Whether it was active or under rectification on the campaign's start.
    pub working: bool,
}

/// The chosen cooperatives' codes: up to `n` from each district, the working ones first by
/// code; districts in the order of their codes.
pub fn per_district(candidates: &[Candidate], n: usize) -> Vec<String> {
    let mut by_district: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for candidate in candidates.iter().filter(|c| c.working) {
        by_district
            .entry(&candidate.district)
            .or_default()
            .push(&candidate.code);
    }
    by_district
        .into_values()
        .flat_map(|mut codes| {
            codes.sort_unstable();
            codes.dedup();
            codes.into_iter().take(n).map(str::to_owned)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(code: &str, district: &str, working: bool) -> Candidate {
        Candidate {
            code: code.into(),
            district: district.into(),
            working,
        }
    }

    #[test]
    fn picks_the_first_working_ones_of_each_district_by_code() {
        let candidates = [
            candidate("shashi-weaving", "shashi", true),
            candidate("shashi-bamboo", "shashi", true),
            candidate("shashi-iron", "shashi", true),
            candidate("echeng-plow", "echeng", true),
            candidate("echeng-dissolved", "echeng", false),
            candidate("echeng-alpha", "echeng", false),
            candidate("xishui-none", "xishui", false),
        ];
        assert_eq!(
            per_district(&candidates, 2),
            ["echeng-plow", "shashi-bamboo", "shashi-iron"]
        );
        let mut reversed = candidates.to_vec();
        reversed.reverse();
        assert_eq!(per_district(&reversed, 2), per_district(&candidates, 2));
        assert_eq!(
            per_district(&candidates, 1),
            ["echeng-plow", "shashi-bamboo"]
        );
        assert!(per_district(&candidates, 0).is_empty());
    }
}
