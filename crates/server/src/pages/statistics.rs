//! A region's statistics page, `/regions/{code}/statistics`: the roll-up of
//! `artel report statistics` over the region and every region below it for a period
//! against another (quarter against the quarter before, by default the quarter of the
//! region's latest change), each region just below it as bars and a table, the quarters of
//! the year as a trend, and the same rows as a workbook. For federation and government
//! officers and administrators over the region; a cooperative's entries are never shown.

use artel_app::{Figure, PartStatistics, RegionStatistics, ReportPeriod};
use artel_reports_out::chart::{Series, category_bars, category_lines};
use artel_reports_out::{StatisticsSheet, statistics_xlsx};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use serde::Deserialize;

use super::year::{EMPTY, indicator_label};
use super::{Chrome, FieldErrors, Locale, Page, PageError};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The statistics that are an indicator's figures summed, labelled as the indicators are.
const INDICATORS: [&str; 9] = [
    "output_value",
    "contract_value",
    "defect_rate",
    "plan_fulfilment",
    "output_quantity",
    "first_grade_share",
    "credit_sales_share",
    "private_buyer_share",
    "unit_cost",
];

/// The columns of the table of the regions below.
const PART_COLUMNS: [&str; 8] = [
    "cooperatives",
    "teams",
    "new_cooperatives",
    "new_teams",
    "members",
    "output_value",
    "contract_value",
    "defect_rate",
];

#[derive(Debug, Deserialize)]
pub struct StatisticsQuery {
    period: Option<String>,
    compare: Option<String>,
}

/// A statistic as shown.
struct Row {
    label: String,
    value: String,
    compare: String,
    change_pct: String,
}

/// A region below, as a row of the table.
struct PartRow {
    name: String,
    cells: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "statistics.html")]
struct StatisticsPage {
    c: Chrome,
    code: String,
    name: String,
    period: String,
    compare: String,
    errors: FieldErrors,
    currency: String,
    rows: Vec<Row>,
    part_headings: Vec<String>,
    parts: Vec<PartRow>,
    district_chart: Option<String>,
    count_chart: Option<String>,
    trend_chart: Option<String>,
    defect_chart: Option<String>,
    xlsx: String,
}

/// The label of a statistic: an indicator's, or `statistic-NAME`; a detail row
/// `NAME.PART` as "whole: part".
fn statistic_label(c: &Chrome, name: &str) -> String {
    let whole = |name: &str| {
        if INDICATORS.contains(&name) {
            indicator_label(c, name)
        } else {
            c.t(&format!("statistic-{}", name.replace('_', "-")))
        }
    };
    let Some((base, part)) = name.split_once('.') else {
        return whole(name);
    };
    let part = match base {
        "contract_value" => c.t(&format!("counterparty-type-{part}")),
        "organisations" => c.t(&format!("org-kind-{part}")),
        "cooperatives" | "teams" => c.t(&format!("org-status-{part}")),
        _ => c.t(&format!("statistic-{part}")),
    };
    c.locale.t_with(
        "statistic-part",
        &[
            ("whole", super::Arg::Text(whole(base))),
            ("part", super::Arg::Text(part)),
        ],
    )
}

/// A figure as the reader reads it: grouped digits, its own places.
fn shown(locale: Locale, figure: Option<Figure>) -> String {
    match figure {
        Some(f) => match i64::try_from(f.units) {
            Ok(units) => locale.amount(units, u32::from(f.scale)),
            Err(_) => f.to_string(),
        },
        None => EMPTY.into(),
    }
}

/// A region's name in the reader's language, when it is written "中文 English".
fn short_name(locale: Locale, name: &str) -> String {
    match name.split_once(' ') {
        Some((chinese, english)) if !chinese.is_ascii() => match locale {
            Locale::ZhCn => chinese.to_owned(),
            Locale::En => english.to_owned(),
        },
        _ => name.to_owned(),
    }
}

/// The quarter `date` falls in, and the one before it.
fn quarter_and_before(date: chrono::NaiveDate) -> (String, String) {
    let quarter = (date.month() - 1) / 3 + 1;
    let before = if quarter == 1 {
        format!("{}-Q4", date.year() - 1)
    } else {
        format!("{}-Q{}", date.year(), quarter - 1)
    };
    (format!("{}-Q{quarter}", date.year()), before)
}

fn value_of(rows: &[(String, Option<Figure>)], name: &str) -> Option<Figure> {
    rows.iter().find(|(n, _)| n == name).and_then(|(_, v)| *v)
}

/// Minor units of a figure for a chart (0 when empty or too large for one).
fn units(figure: Option<Figure>) -> i64 {
    figure
        .and_then(|f| i64::try_from(f.units).ok())
        .unwrap_or(0)
}

fn charts_by_region(
    c: &Chrome,
    parts: &[PartStatistics],
    scale: u8,
) -> (Option<String>, Option<String>) {
    if parts.is_empty() {
        return (None, None);
    }
    let names: Vec<String> = parts
        .iter()
        .map(|p| short_name(c.locale, &p.region.name))
        .collect();
    let series = |name: &str| Series {
        name: statistic_label(c, name),
        values: parts
            .iter()
            .map(|p| units(value_of(&p.rows, name)))
            .collect(),
    };
    let output = category_bars(
        &c.t("statistics-chart-output"),
        &[series("output_value"), series("contract_value")],
        &names,
        scale,
    );
    let counts = category_bars(
        &c.t("statistics-chart-counts"),
        &[series("cooperatives"), series("teams")],
        &names,
        0,
    );
    (Some(output), Some(counts))
}

/// The trend over the quarters of the period's year as lines: output value and sales,
/// and the defect rate with the plan's fulfilment.
async fn trend_charts(
    page: &Page,
    code: &str,
    year: i32,
    scale: u8,
) -> Result<(Option<String>, Option<String>), PageError> {
    let c = &page.c;
    let quarters = page.artel.statistics_by_quarter(code, year).await?;
    let names: Vec<String> = quarters
        .iter()
        .map(|(period, _)| period.to_string())
        .collect();
    let series = |name: &str| Series {
        name: statistic_label(c, name),
        values: quarters
            .iter()
            .map(|(_, rows)| units(value_of(rows, name)))
            .collect(),
    };
    let output = category_lines(
        &c.t1("statistics-trend-output", "year", &year.to_string()),
        &[series("output_value"), series("sales")],
        &names,
        scale,
    );
    let defects = category_lines(
        &c.t1("statistics-trend-defects", "year", &year.to_string()),
        &[series("defect_rate"), series("plan_fulfilment")],
        &names,
        1,
    );
    Ok((Some(output), Some(defects)))
}

/// The periods asked for, or the quarter of the region's latest change against the one
/// before it.
async fn periods(
    page: &Page,
    code: &str,
    query: &StatisticsQuery,
) -> Result<(String, String), PageError> {
    if let Some(period) = &query.period {
        return Ok((
            period.trim().to_owned(),
            query.compare.clone().unwrap_or_default().trim().to_owned(),
        ));
    }
    let latest = page
        .artel
        .latest_change_in_region(code)
        .await?
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    Ok(quarter_and_before(latest))
}

fn read_period(c: &Chrome, errors: &mut FieldErrors, field: &'static str, text: &str) {
    if ReportPeriod::parse(text).is_err() {
        errors.add(field, c.t1("production-period-invalid", "text", text));
    }
}

pub async fn statistics(
    page: Page,
    Path(code): Path<String>,
    Query(query): Query<StatisticsQuery>,
) -> Result<Response, PageError> {
    let (period, compare) = periods(&page, &code, &query).await?;
    let c = &page.c;
    let mut errors = FieldErrors::default();
    if period.is_empty() {
        errors.add("period", c.t("field-required"));
    } else {
        read_period(c, &mut errors, "period", &period);
    }
    if !compare.is_empty() {
        read_period(c, &mut errors, "compare", &compare);
    }
    let compared = (!compare.is_empty()).then_some(compare.as_str());
    let asked = if errors.is_empty() {
        Some(page.artel.statistics(&code, &period, compared).await?)
    } else {
        None
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let name = match &asked {
        Some(statistics) => statistics.region.name.clone(),
        None => code.clone(),
    };
    let mut shown_page = StatisticsPage {
        xlsx: format!("/regions/{code}/statistics.xlsx?period={period}&compare={compare}"),
        c: page.c.clone(),
        name: short_name(page.c.locale, &name),
        code: code.clone(),
        period,
        compare,
        errors,
        currency: String::new(),
        rows: Vec::new(),
        part_headings: Vec::new(),
        parts: Vec::new(),
        district_chart: None,
        count_chart: None,
        trend_chart: None,
        defect_chart: None,
    };
    if let Some(statistics) = asked {
        fill(&page, &mut shown_page, statistics).await?;
    }
    Ok((status, shown_page).into_response())
}

async fn fill(
    page: &Page,
    shown_page: &mut StatisticsPage,
    statistics: RegionStatistics,
) -> Result<(), PageError> {
    let c = &page.c;
    let scale = statistics.scale;
    shown_page.currency = statistics.currency.clone();
    shown_page.rows = statistics
        .rows
        .iter()
        .map(|r| Row {
            label: statistic_label(c, &r.statistic),
            value: shown(c.locale, r.value),
            compare: shown(c.locale, r.compare),
            change_pct: shown(c.locale, r.change_pct),
        })
        .collect();
    shown_page.part_headings = PART_COLUMNS
        .iter()
        .map(|name| statistic_label(c, name))
        .collect();
    shown_page.parts = statistics
        .parts
        .iter()
        .map(|part| PartRow {
            name: short_name(c.locale, &part.region.name),
            cells: PART_COLUMNS
                .iter()
                .map(|name| shown(c.locale, value_of(&part.rows, name)))
                .collect(),
        })
        .collect();
    (shown_page.district_chart, shown_page.count_chart) =
        charts_by_region(c, &statistics.parts, scale);
    (shown_page.trend_chart, shown_page.defect_chart) = trend_charts(
        page,
        &shown_page.code,
        statistics.period.first.year(),
        scale,
    )
    .await?;
    Ok(())
}

/// The statistics as a workbook, in the reader's language.
pub async fn statistics_xlsx_download(
    page: Page,
    Path(code): Path<String>,
    Query(query): Query<StatisticsQuery>,
) -> Result<Response, PageError> {
    let (period, compare) = periods(&page, &code, &query).await?;
    let compared = (!compare.is_empty()).then_some(compare.as_str());
    let statistics = page.artel.statistics(&code, &period, compared).await?;
    let c = &page.c;
    let period_text = match statistics.compare {
        Some(other) => format!("{} / {other}", statistics.period),
        None => statistics.period.to_string(),
    };
    let sheet = StatisticsSheet {
        title: c.t("statistics-sheet"),
        region: short_name(c.locale, &statistics.region.name),
        period: period_text,
        headings: [
            c.t("statistics-statistic"),
            format!("{} ({})", statistics.period, statistics.currency),
            statistics
                .compare
                .map(|p| p.to_string())
                .unwrap_or_default(),
            c.t("statistics-change"),
        ],
    };
    let rows: Vec<_> = statistics
        .rows
        .iter()
        .map(|r| {
            (
                statistic_label(c, &r.statistic),
                [r.value, r.compare, r.change_pct],
            )
        })
        .collect();
    let bytes = statistics_xlsx(&sheet, &rows).map_err(super::year_end::failed)?;
    let file = format!("{code}-{}-statistics.xlsx", statistics.period);
    Ok((
        [
            (header::CONTENT_TYPE, XLSX.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
