//! Production over HTTP: one production report at a time, the reports of a date range, and
//! the products with their standard prices.

use artel_app::{
    AppError, MaterialUse, NewProduction, ProductDetails, read_materials, write_materials,
};
use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Signed;
use crate::error::{ApiError, ErrorBody};

/// A production report: what was made of one product on a day.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ProductionBody {
    #[schema(value_type = String, format = Date, example = "1954-04-05")]
    pub date: NaiveDate,
    pub product: String,
    /// All pieces made, defective ones included.
    pub quantity: u32,
    pub defective: u32,
    /// First-grade pieces among the good ones, when graded.
    pub first_grade: Option<u32>,
    /// The member (`"12"`) or team who made them.
    #[serde(default)]
    pub made_by: String,
    /// The materials used, issued from stock.
    #[serde(default)]
    pub materials: Vec<MaterialBody>,
}

/// How much of an item of stock a report used.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MaterialBody {
    pub item: String,
    pub quantity: u32,
    /// The buyer whose supplied materials these were; absent for own stock.
    pub owner: Option<String>,
}

fn materials_text(materials: &[MaterialBody]) -> String {
    let uses: Vec<MaterialUse> = materials
        .iter()
        .map(|m| MaterialUse {
            item: m.item.clone(),
            quantity: m.quantity,
            owner: m.owner.clone(),
        })
        .collect();
    write_materials(&uses)
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct DateRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProductBody {
    pub name: String,
    pub unit: String,
    pub name_zh: String,
    /// What one good piece is worth: `"10.00"`.
    pub standard_price: String,
}

/// Records one production report; a product not yet known is created.
#[utoipa::path(post, path = "/organisations/{code}/production", tag = "production",
    params(("code" = String, Path, description = "The organisation's code")),
    request_body = ProductionBody,
    responses((status = 201, body = ProductionBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn record_production(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    body: Result<Json<ProductionBody>, JsonRejection>,
) -> Result<(StatusCode, Json<ProductionBody>), ApiError> {
    let (Path(code), Json(body)) = (code?, body?);
    let report = NewProduction {
        date: body.date,
        product: body.product.clone(),
        quantity: body.quantity,
        defective: body.defective,
        first_grade: body.first_grade,
        made_by: body.made_by.clone(),
        materials: materials_text(&body.materials),
        source: "api".into(),
    };
    artel.record_production(&code, &report).await?;
    Ok((StatusCode::CREATED, Json(body)))
}

/// The production reports dated in a range, both ends included.
#[utoipa::path(get, path = "/organisations/{code}/production", tag = "production",
    params(("code" = String, Path, description = "The organisation's code"), DateRange),
    responses((status = 200, body = Vec<ProductionBody>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_production(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    query: Result<Query<DateRange>, QueryRejection>,
) -> Result<Json<Vec<ProductionBody>>, ApiError> {
    let (Path(code), Query(range)) = (code?, query?);
    let reports = artel
        .production_reports(&code, range.from, range.to)
        .await?;
    Ok(Json(
        reports
            .into_iter()
            .map(|r| {
                let materials = read_materials(&r.materials)
                    .map_err(|e| AppError::Failed(format!("a stored report's materials: {e}")))?
                    .into_iter()
                    .map(|m| MaterialBody {
                        item: m.item,
                        quantity: m.quantity,
                        owner: m.owner,
                    })
                    .collect();
                Ok(ProductionBody {
                    date: r.date,
                    product: r.product,
                    quantity: r.quantity,
                    defective: r.defective,
                    first_grade: r.first_grade,
                    made_by: r.made_by,
                    materials,
                })
            })
            .collect::<Result<_, AppError>>()?,
    ))
}

/// The organisation's products with their standard prices.
#[utoipa::path(get, path = "/organisations/{code}/products", tag = "production",
    params(("code" = String, Path, description = "The organisation's code")),
    responses((status = 200, body = Vec<ProductBody>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_products(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
) -> Result<Json<Vec<ProductBody>>, ApiError> {
    let Path(code) = code?;
    let products = artel.products(&code).await?;
    let currency = artel.book(&code).await?.currency;
    Ok(Json(
        products
            .into_iter()
            .map(|p| ProductBody {
                name: p.name,
                unit: p.unit,
                name_zh: p.name_zh,
                standard_price: currency.format(p.standard_price),
            })
            .collect(),
    ))
}

/// What to change of a product; an absent field stays as it is.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ProductChangeBody {
    /// `"10.00"` in the book's currency.
    pub standard_price: Option<String>,
    pub unit: Option<String>,
    pub name_zh: Option<String>,
}

/// Changes a product's standard price, unit or Chinese name, creating it when not known.
#[utoipa::path(patch, path = "/organisations/{code}/products/{name}", tag = "production",
    params(("code" = String, Path, description = "The organisation's code"),
        ("name" = String, Path, description = "The product's name")),
    request_body = ProductChangeBody,
    responses((status = 200, body = ProductBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn change_product(
    Signed(artel): Signed,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Result<Json<ProductChangeBody>, JsonRejection>,
) -> Result<Json<ProductBody>, ApiError> {
    let (Path((code, name)), Json(body)) = (path?, body?);
    let details = ProductDetails {
        standard_price: body.standard_price,
        unit: body.unit,
        name_zh: body.name_zh,
    };
    artel.set_product(&code, &name, &details).await?;
    let currency = artel.book(&code).await?.currency;
    let product = artel
        .products(&code)
        .await?
        .into_iter()
        .find(|p| p.name == name.trim())
        .ok_or_else(|| AppError::Failed(format!("product '{name}' was not stored")))?;
    Ok(Json(ProductBody {
        name: product.name,
        unit: product.unit,
        name_zh: product.name_zh,
        standard_price: currency.format(product.standard_price),
    }))
}
