//! Charters as documents: the JSON a charter is stored as and exchanged in (amounts as
//! decimal strings in the book's currency, fractions as `"2/3"`, shares of the surplus in
//! thousandths), and the charter in effect for an organisation on a date — the latest one
//! its general assembly adopted to take effect by then, or the default a new cooperative
//! starts with.

use std::collections::BTreeMap;

use artel_coop::{
    CapExcess, Charter, CreditLimits, DecisionKind, DistributionShares, LabourBasis, LossRule,
    Majority, MajorityBase, Ratio, Reserve, VoteRule, WithdrawalRules, YearEndRules,
};
use artel_ledger::Currency;
use artel_store::Organisation;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{Action, AppError, Artel};

/// A rule for one kind of decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDocument {
    /// The share of eligible members that must be present: `"1/2"`.
    pub quorum: String,
    /// The share of the base that must vote yes.
    pub majority: String,
    /// `true`: more than the share; `false`: at least the share.
    pub strictly_more: bool,
    /// `votes-cast`, `present` or `eligible`.
    pub base: String,
}

/// A charter as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CharterDocument {
    pub share_value: String,
    pub minimum_shares: u32,
    pub entrance_fee: String,
    pub notice_days: u32,
    pub waiting_days: u32,
    pub instalments: u32,
    pub instalment_interval_days: u32,
    pub deduct_debts: bool,
    /// By kind of decision (`admission`, `charter-change`, …).
    pub decisions: BTreeMap<String, RuleDocument>,
    pub by_resolution: Vec<String>,
    /// Thousandths of the distributable surplus.
    pub accumulation_fund: u32,
    pub welfare_fund: u32,
    pub other_levies: u32,
    pub labour_dividend: u32,
    pub share_dividend: u32,
    pub share_dividend_cap: u32,
    /// What the labour dividend goes by: `days`, `pieces` or `wages`.
    #[serde(default = "default_labour_basis")]
    pub labour_basis: String,
    /// `carry-forward` or `accumulation-fund`.
    #[serde(default = "default_loss")]
    pub loss: String,
    /// Where the share dividend beyond its cap goes: `accumulation-fund` or `labour-dividend`.
    #[serde(default = "default_cap_excess")]
    pub cap_excess: String,
    /// The reserves never paid out to members (`accumulation-fund`, `welfare-fund`).
    #[serde(default = "default_indivisible")]
    pub indivisible: Vec<String>,
    pub credit_sales_share: u32,
    pub credit_term_days: u32,
    pub buyer_exposure_share: u32,
}

// Charters stored before the year-end rules existed read as the default charter's rules.
fn default_year_end() -> artel_coop::YearEndRules {
    Charter::default_for_scale(2).year_end
}

fn default_labour_basis() -> String {
    default_year_end().labour_basis.to_string()
}

fn default_loss() -> String {
    default_year_end().loss.to_string()
}

fn default_cap_excess() -> String {
    default_year_end().cap_excess.to_string()
}

fn default_indivisible() -> Vec<String> {
    default_year_end()
        .indivisible
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn ratio_text(ratio: Ratio) -> String {
    format!("{}/{}", ratio.numerator, ratio.denominator)
}

fn parse_ratio(text: &str, place: &str) -> Result<Ratio, AppError> {
    let refuse = || AppError::rejected(place, format!("'{text}' is not a fraction like 2/3"));
    let (n, d) = text.split_once('/').ok_or_else(refuse)?;
    let (n, d) = (
        n.trim().parse().map_err(|_| refuse())?,
        d.trim().parse().map_err(|_| refuse())?,
    );
    Ok(Ratio::new(n, d))
}

impl CharterDocument {
    pub fn from_charter(charter: &Charter, currency: &Currency) -> CharterDocument {
        let w = charter.withdrawal;
        let d = charter.distribution;
        let c = charter.credit;
        CharterDocument {
            share_value: currency.format(charter.share_value),
            minimum_shares: charter.minimum_shares,
            entrance_fee: currency.format(charter.entrance_fee),
            notice_days: w.notice_days,
            waiting_days: w.waiting_days,
            instalments: w.instalments,
            instalment_interval_days: w.instalment_interval_days,
            deduct_debts: w.deduct_debts,
            decisions: charter
                .decisions
                .iter()
                .map(|(kind, rule)| {
                    let document = RuleDocument {
                        quorum: ratio_text(rule.quorum),
                        majority: ratio_text(rule.majority.share),
                        strictly_more: rule.majority.strictly_more,
                        base: rule.majority.base.to_string(),
                    };
                    (kind.to_string(), document)
                })
                .collect(),
            by_resolution: charter
                .by_resolution
                .iter()
                .map(ToString::to_string)
                .collect(),
            accumulation_fund: d.accumulation_fund,
            welfare_fund: d.welfare_fund,
            other_levies: d.other_levies,
            labour_dividend: d.labour_dividend,
            share_dividend: d.share_dividend,
            share_dividend_cap: d.share_dividend_cap,
            labour_basis: charter.year_end.labour_basis.to_string(),
            loss: charter.year_end.loss.to_string(),
            cap_excess: charter.year_end.cap_excess.to_string(),
            indivisible: charter
                .year_end
                .indivisible
                .iter()
                .map(ToString::to_string)
                .collect(),
            credit_sales_share: c.credit_sales_share,
            credit_term_days: c.credit_term_days,
            buyer_exposure_share: c.buyer_exposure_share,
        }
    }

    /// The charter this document describes, checked; a problem names its field.
    pub fn to_charter(&self, currency: &Currency) -> Result<Charter, AppError> {
        let money = |text: &str, place: &str| {
            currency
                .parse(text)
                .map_err(|e| AppError::rejected(place, e.to_string()))
        };
        let mut decisions = Vec::new();
        for (kind, rule) in &self.decisions {
            let place = format!("decisions.{kind}");
            let kind = DecisionKind::parse(kind).map_err(|e| AppError::rejected(&place, e))?;
            let base =
                MajorityBase::parse(&rule.base).map_err(|e| AppError::rejected(&place, e))?;
            decisions.push((
                kind,
                VoteRule {
                    quorum: parse_ratio(&rule.quorum, &place)?,
                    majority: Majority {
                        share: parse_ratio(&rule.majority, &place)?,
                        strictly_more: rule.strictly_more,
                        base,
                    },
                },
            ));
        }
        decisions.sort_by_key(|(kind, _)| DecisionKind::ALL.iter().position(|k| k == kind));
        let by_resolution = self
            .by_resolution
            .iter()
            .map(|kind| {
                DecisionKind::parse(kind).map_err(|e| AppError::rejected("by_resolution", e))
            })
            .collect::<Result<_, _>>()?;
        let word = |place: &str, e: String| AppError::rejected(place, e);
        let year_end = YearEndRules {
            labour_basis: LabourBasis::parse(&self.labour_basis)
                .map_err(|e| word("labour_basis", e))?,
            loss: LossRule::parse(&self.loss).map_err(|e| word("loss", e))?,
            cap_excess: CapExcess::parse(&self.cap_excess).map_err(|e| word("cap_excess", e))?,
            indivisible: self
                .indivisible
                .iter()
                .map(|r| Reserve::parse(r).map_err(|e| word("indivisible", e)))
                .collect::<Result<_, _>>()?,
        };
        let charter = Charter {
            share_value: money(&self.share_value, "share_value")?,
            minimum_shares: self.minimum_shares,
            entrance_fee: money(&self.entrance_fee, "entrance_fee")?,
            withdrawal: WithdrawalRules {
                notice_days: self.notice_days,
                waiting_days: self.waiting_days,
                instalments: self.instalments,
                instalment_interval_days: self.instalment_interval_days,
                deduct_debts: self.deduct_debts,
            },
            decisions,
            by_resolution,
            distribution: DistributionShares {
                accumulation_fund: self.accumulation_fund,
                welfare_fund: self.welfare_fund,
                other_levies: self.other_levies,
                labour_dividend: self.labour_dividend,
                share_dividend: self.share_dividend,
                share_dividend_cap: self.share_dividend_cap,
            },
            year_end,
            credit: CreditLimits {
                credit_sales_share: self.credit_sales_share,
                credit_term_days: self.credit_term_days,
                buyer_exposure_share: self.buyer_exposure_share,
            },
        };
        charter.check().map_err(|error| {
            let text = error.to_string();
            let (place, message) = text.split_once(": ").unwrap_or(("charter", &text));
            AppError::rejected(place, message)
        })?;
        Ok(charter)
    }
}

/// A charter as adopted: the date it took effect and the motion that adopted it (none for
/// the default).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharterInEffect {
    pub effective: Option<NaiveDate>,
    pub motion: Option<u64>,
    pub charter: Charter,
}

impl Artel {
    /// The charter of `organisation` in effect on `date`.
    pub(crate) async fn charter_on(
        &self,
        organisation: &Organisation,
        date: NaiveDate,
    ) -> Result<CharterInEffect, AppError> {
        let adopted = self.db.charters(organisation.org_id).await?;
        let Some(stored) = adopted.into_iter().rev().find(|c| c.effective <= date) else {
            return Ok(CharterInEffect {
                effective: None,
                motion: None,
                charter: Charter::default_for_scale(organisation.currency.scale()),
            });
        };
        let document: CharterDocument = serde_json::from_str(&stored.charter)
            .map_err(|e| AppError::Failed(format!("the stored charter is not valid: {e}")))?;
        Ok(CharterInEffect {
            effective: Some(stored.effective),
            motion: stored.motion,
            charter: document.to_charter(&organisation.currency)?,
        })
    }

    /// The charter of the organisation `code` in effect on `date`, as a document.
    pub async fn charter(
        &self,
        code: &str,
        date: NaiveDate,
    ) -> Result<(CharterInEffect, CharterDocument), AppError> {
        let organisation = self.book_for(code, Action::ReadDecisions).await?;
        let in_effect = self.charter_on(&organisation, date).await?;
        let document = CharterDocument::from_charter(&in_effect.charter, &organisation.currency);
        Ok((in_effect, document))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_charter_survives_its_document_and_a_bad_field_is_named() {
        let currency = Currency::new("CNY", 2).unwrap();
        let charter = Charter::default_for_scale(2);
        let document = CharterDocument::from_charter(&charter, &currency);
        assert_eq!(document.share_value, "10.00");
        assert_eq!(document.decisions["charter-change"].quorum, "2/3");
        let json = serde_json::to_string(&document).unwrap();
        let read: CharterDocument = serde_json::from_str(&json).unwrap();
        assert_eq!(read.to_charter(&currency).unwrap(), charter);

        let mut wrong = document.clone();
        wrong.welfare_fund += 1;
        let error = wrong.to_charter(&currency).unwrap_err().to_string();
        assert!(error.starts_with("distribution: "), "{error}");
        let mut wrong = document.clone();
        wrong.decisions.get_mut("admission").unwrap().quorum = "half".into();
        let error = wrong.to_charter(&currency).unwrap_err().to_string();
        assert!(error.contains("decisions.admission"), "{error}");
        let mut wrong = document.clone();
        wrong.labour_basis = "hours".into();
        let error = wrong.to_charter(&currency).unwrap_err().to_string();
        assert!(
            error.starts_with("labour_basis: 'hours' is not one of days"),
            "{error}"
        );
        let mut wrong = document.clone();
        wrong.indivisible = vec!["welfare-fund".into()];
        let error = wrong.to_charter(&currency).unwrap_err().to_string();
        assert!(error.starts_with("indivisible: "), "{error}");

        // A charter stored before the year-end rules existed reads with the default ones.
        let mut older: serde_json::Value = serde_json::to_value(&document).unwrap();
        for field in ["labour_basis", "loss", "cap_excess", "indivisible"] {
            older.as_object_mut().unwrap().remove(field);
        }
        let read: CharterDocument = serde_json::from_value(older).unwrap();
        assert_eq!(read.to_charter(&currency).unwrap(), charter);
    }
}
