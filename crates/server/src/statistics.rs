//! Statistics over a region subtree over HTTP: the roll-up of `artel report statistics`
//! for a period, against another when asked, with each region just below it. For
//! federation and government officers and administrators over the region; none of it
//! shows an organisation's entries.

use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Signed;
use crate::error::{ApiError, ErrorBody};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatisticsQuery {
    /// `YYYY`, `YYYY-Qn` or `YYYY-MM`.
    pub period: String,
    /// Another period to compare with.
    pub compare: Option<String>,
}

/// One statistic: an exact decimal, a count or a rate with one decimal, or null when there
/// was nothing to divide by.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatisticBody {
    /// `cooperatives`, `new_teams`, `output_value`, … then `NAME.PART` detail rows.
    pub indicator: String,
    pub value: Option<String>,
    /// The compared period's value (only with `compare`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compare: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change_pct: Option<String>,
}

/// A region just below the one asked for, with its statistics.
#[derive(Debug, Serialize, ToSchema)]
pub struct PartBody {
    pub region: String,
    pub name: String,
    pub rows: Vec<StatisticBody>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StatisticsBody {
    pub region: String,
    pub period: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compare: Option<String>,
    /// The currency of every amount (old yuan for the 1954 demo: never 万元 here).
    pub currency: String,
    pub rows: Vec<StatisticBody>,
    /// Each region just below, by code.
    pub parts: Vec<PartBody>,
}

/// The statistics over the region and every region below it for a period: organisations
/// by kind and status, new ones, members, output value, sales, contracts by counterparty
/// type, defect rate and plan fulfilment; with `compare`, the other period's values and
/// the change.
#[utoipa::path(get, path = "/regions/{code}/statistics", tag = "organisations",
    params(("code" = String, Path, description = "The region's code"), StatisticsQuery),
    responses((status = 200, body = StatisticsBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn region_statistics(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    query: Result<Query<StatisticsQuery>, QueryRejection>,
) -> Result<Json<StatisticsBody>, ApiError> {
    let (Path(code), Query(query)) = (code?, query?);
    let statistics = artel
        .statistics(&code, &query.period, query.compare.as_deref())
        .await?;
    let compared = statistics.compare.is_some();
    let text = |figure: Option<artel_app::Figure>| figure.map(|f| f.to_string());
    Ok(Json(StatisticsBody {
        region: statistics.region.code,
        period: statistics.period.to_string(),
        compare: statistics.compare.map(|p| p.to_string()),
        currency: statistics.currency,
        rows: statistics
            .rows
            .into_iter()
            .map(|r| StatisticBody {
                indicator: r.statistic,
                value: text(r.value),
                compare: if compared { text(r.compare) } else { None },
                change_pct: if compared { text(r.change_pct) } else { None },
            })
            .collect(),
        parts: statistics
            .parts
            .into_iter()
            .map(|part| PartBody {
                region: part.region.code,
                name: part.region.name,
                rows: part
                    .rows
                    .into_iter()
                    .map(|(indicator, value)| StatisticBody {
                        indicator,
                        value: text(value),
                        compare: None,
                        change_pct: None,
                    })
                    .collect(),
            })
            .collect(),
    }))
}
