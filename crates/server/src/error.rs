//! Errors as the API answers them: a status and a JSON body naming the problem and, for
//! rejected input, every field that is wrong. Internals never reach the client.

use artel_app::{AppError, SignInRefusal};
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// One thing wrong with the request, at one field.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemBody {
    /// The field (`postings[1].amount`), header or parameter at fault.
    pub field: String,
    pub message: String,
}

/// The body of every error response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub status: u16,
    pub message: String,
    pub problems: Vec<ProblemBody>,
}

#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
    problems: Vec<ProblemBody>,
    /// Seconds for a `Retry-After` header (429).
    retry_after: Option<u64>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            problems: Vec::new(),
            retry_after: None,
        }
    }

    /// Refuses a request with one problem at `field` (422).
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> ApiError {
        let message = message.into();
        ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            message: message.clone(),
            problems: vec![ProblemBody {
                field: field.into(),
                message,
            }],
            retry_after: None,
        }
    }

    pub fn unauthorized() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "a valid bearer token or session is required",
        )
    }

    pub fn status(&self) -> StatusCode {
        self.status
    }
}

/// Maps the `--flag` places of the command line to the API's field names.
fn field_name(place: &str) -> String {
    place.trim_start_matches("--").to_owned()
}

impl From<AppError> for ApiError {
    fn from(error: AppError) -> ApiError {
        match error {
            AppError::Rejected(problems) => ApiError {
                status: StatusCode::UNPROCESSABLE_ENTITY,
                message: problems
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
                problems: problems
                    .into_iter()
                    .map(|p| ProblemBody {
                        field: field_name(&p.place),
                        message: p.message,
                    })
                    .collect(),
                retry_after: None,
            },
            AppError::NotFound { place, message } => ApiError {
                status: StatusCode::NOT_FOUND,
                message: message.clone(),
                problems: vec![ProblemBody {
                    field: field_name(&place),
                    message,
                }],
                retry_after: None,
            },
            AppError::Forbidden(message) => ApiError::new(StatusCode::FORBIDDEN, message),
            AppError::SignInRefused(refusal) => {
                let status = match refusal {
                    SignInRefusal::Credentials | SignInRefusal::CodeRequired => {
                        StatusCode::UNAUTHORIZED
                    }
                    SignInRefusal::CodeSetupRequired => StatusCode::FORBIDDEN,
                    SignInRefusal::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
                };
                let mut error = ApiError::new(status, refusal.to_string());
                if refusal == SignInRefusal::CodeRequired {
                    error.problems.push(ProblemBody {
                        field: "totp".into(),
                        message: refusal.to_string(),
                    });
                }
                if let SignInRefusal::Throttled {
                    retry_after_seconds,
                } = refusal
                {
                    error.retry_after = Some(retry_after_seconds);
                }
                error
            }
            other => {
                tracing::error!(error = %other, "request failed");
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the request failed on the server; it has been logged",
                )
            }
        }
    }
}

impl From<axum::extract::rejection::JsonRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::JsonRejection) -> ApiError {
        use axum::extract::rejection::JsonRejection;
        let text = rejection.body_text();
        if let JsonRejection::MissingJsonContentType(_) = rejection {
            let mut error = ApiError::field("Content-Type", text);
            error.status = StatusCode::UNSUPPORTED_MEDIA_TYPE;
            return error;
        }
        // A body that does not fit the schema is reported as "…target type: PATH: error";
        // the path names the field (`postings[0].amount`).
        let field = match &rejection {
            JsonRejection::JsonDataError(_) => text
                .split_once("target type: ")
                .and_then(|(_, rest)| rest.split_once(": "))
                .map(|(path, _)| path.to_owned())
                .filter(|path| !path.contains(' '))
                .unwrap_or_else(|| "body".to_owned()),
            _ => "body".to_owned(),
        };
        ApiError::field(field, text)
    }
}

impl From<axum::extract::rejection::QueryRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::QueryRejection) -> ApiError {
        ApiError::field("query", rejection.body_text())
    }
}

impl From<axum::extract::rejection::PathRejection> for ApiError {
    fn from(rejection: axum::extract::rejection::PathRejection) -> ApiError {
        ApiError::field("path", rejection.body_text())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            status: self.status.as_u16(),
            message: self.message,
            problems: self.problems,
        };
        let mut response = (self.status, Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(seconds),
            );
        }
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}
