//! `/healthz` and `/metrics`: for the machines that watch the bot (a load balancer, systemd,
//! Prometheus), not signed in. `/healthz` answers 200 with a small JSON body when the database
//! takes a write, Telegram answered lately and the outbox is not stuck, else 503 with the same
//! body saying which; `/metrics` is routed only when `BAOCAO_METRICS` is on.

use axum::extract::State;
use axum::http::header;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::actions::health;

use super::Shared;

/// `/healthz`.
pub async fn healthz(State(web): State<Shared>) -> Response {
    let health = health::health(&web.app).await;
    let status =
        if health.status == "ok" { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, axum::Json(health)).into_response()
}

/// `/metrics`: every series in the Prometheus text format.
pub async fn metrics(State(web): State<Shared>) -> Response {
    match health::metrics(&web.app).await {
        Ok(Some(text)) => {
            ([(header::CONTENT_TYPE, crate::metrics::CONTENT_TYPE)], text).into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "the metrics could not be read");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
