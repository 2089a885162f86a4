//! How often each kind of operation was accepted and refused in a run: a run that never
//! accepted a kind, or never refused one that can be refused, would test little of it.

use std::collections::BTreeMap;

use crate::rules::Kind;

#[derive(Debug, Default)]
pub struct Tally(BTreeMap<Kind, (u32, u32)>);

impl Tally {
    pub fn count(&mut self, kind: Kind, accepted: bool) {
        let (yes, no) = self.0.entry(kind).or_default();
        if accepted {
            *yes += 1;
        } else {
            *no += 1;
        }
    }

    /// Whether `kind` was accepted at least once.
    pub fn accepted(&self, kind: Kind) -> bool {
        self.0.get(&kind).is_some_and(|(accepted, _)| *accepted > 0)
    }

    /// The first kind never accepted, or never refused where it can be.
    pub fn lacking(&self) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| {
            let (accepted, refused) = self.0.get(kind).copied().unwrap_or_default();
            accepted == 0 || (refused == 0 && kind.refusable())
        })
    }

    /// How often `kind` was accepted and refused, described.
    pub fn describe(&self, kind: Kind) -> String {
        let (accepted, refused) = self.0.get(&kind).copied().unwrap_or_default();
        format!("{kind:?} accepted {accepted} and refused {refused} times")
    }
}
