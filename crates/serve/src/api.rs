//! The routes: the JSON API under `/api/`, the embedded page elsewhere,
//! and the middleware every request goes through (limits, `Host` check,
//! security headers).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, Request, State as Shared};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use depeche_store::{filter, Browse, EntityMatch, EventFilter, Stop};
use serde::Serialize;
use serde_json::json;
use tokio::sync::OwnedSemaphorePermit;

use crate::{assets, NameKeys, State};

/// The page's Content-Security-Policy: everything from this server, no
/// inline script or style, no frames, no plugins.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; \
     connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

const OPENAPI: &str = include_str!("openapi.json");

/// Most rows one list request returns.
const MAX_LIMIT: u64 = 1000;

/// The application: API routes, the embedded page, the middleware.
pub fn router(state: Arc<State>) -> Router {
    let api = Router::new()
        .route("/api/articles", get(articles))
        .route("/api/articles/{id}", get(article))
        .route("/api/entities", get(entities))
        .route("/api/entities/{key}", get(entity))
        .route("/api/events", get(events))
        .route("/api/stories", get(stories))
        .route("/api/stories/{id}", get(story))
        .route("/api/timeline/{name}", get(timeline))
        .route("/api/network/{key}", get(network))
        .route("/api/search", get(search))
        .route("/api/openapi.json", get(openapi));
    api.fallback(fallback)
        .layer(middleware::from_fn_with_state(state.clone(), guard))
        .with_state(state)
}

/// An API error: a status and a JSON `{"error": ...}` body.
pub struct ApiError(StatusCode, String);

impl ApiError {
    fn bad(message: impl Into<String>) -> ApiError {
        ApiError(StatusCode::BAD_REQUEST, message.into())
    }

    fn not_found(message: impl Into<String>) -> ApiError {
        ApiError(StatusCode::NOT_FOUND, message.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = (self.0, Json(json!({ "error": self.1 }))).into_response();
        r.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        r
    }
}

impl From<depeche_store::Error> for ApiError {
    fn from(e: depeche_store::Error) -> Self {
        match e {
            depeche_store::Error::Query(q) => ApiError::bad(format!("bad search query: {q}")),
            depeche_store::Error::Interrupted => ApiError(
                StatusCode::SERVICE_UNAVAILABLE,
                "the request took too long".into(),
            ),
            other => {
                eprintln!("depeche serve: {other}");
                ApiError(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the store could not answer".into(),
                )
            }
        }
    }
}

type ApiResult = Result<Response, ApiError>;

/// Runs a store query on a blocking thread with a pooled connection and
/// answers its value as JSON.
async fn query<T, F>(state: &Arc<State>, f: F) -> ApiResult
where
    T: Serialize + Send + 'static,
    F: FnOnce(&dyn Browse) -> Result<T, ApiError> + Send + 'static,
{
    query_holding(state, None, f).await
}

/// Sets its flag when dropped: when the request's future is dropped (timed
/// out, or its client gone), the query it started stops.
struct Abandoned(Arc<AtomicBool>);

impl Drop for Abandoned {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// [`query`], holding `permit` (a search's turn) until the query has
/// really ended, not merely been answered. The query stops when its
/// request is abandoned (the request timeout drops it), so a query that
/// would outlive its 503 does not keep its connection.
async fn query_holding<T, F>(
    state: &Arc<State>,
    permit: Option<OwnedSemaphorePermit>,
    f: F,
) -> ApiResult
where
    T: Serialize + Send + 'static,
    F: FnOnce(&dyn Browse) -> Result<T, ApiError> + Send + 'static,
{
    let state = state.clone();
    let abandoned = Abandoned(Arc::new(AtomicBool::new(false)));
    let flag = abandoned.0.clone();
    let stop: Stop = Box::new(move || flag.load(Ordering::Relaxed));
    let value = tokio::task::spawn_blocking(move || {
        let _turn = permit;
        state.pool.with(stop, f)
    })
    .await
    .map_err(|_| ApiError(StatusCode::INTERNAL_SERVER_ERROR, "the query failed".into()))??;
    drop(abandoned);
    let mut r = Json(value).into_response();
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

/// Query parameters, as text; numbers and dates are checked by hand so
/// that every error is JSON.
type Params = Result<Query<HashMap<String, String>>, QueryRejection>;

fn params(p: Params) -> Result<HashMap<String, String>, ApiError> {
    p.map(|Query(m)| m)
        .map_err(|e| ApiError::bad(format!("bad query string: {e}")))
}

/// A non-empty trimmed parameter.
fn text(p: &HashMap<String, String>, name: &str) -> Option<String> {
    p.get(name)
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// A whole-number parameter, `default` when absent, at most `max`.
fn number(
    p: &HashMap<String, String>,
    name: &str,
    default: u64,
    max: u64,
) -> Result<u64, ApiError> {
    match text(p, name) {
        None => Ok(default),
        Some(v) => v
            .parse::<u64>()
            .map(|n| n.min(max))
            .map_err(|_| ApiError::bad(format!("{name} must be a whole number, not {v:?}"))),
    }
}

/// A date parameter: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn date(p: &HashMap<String, String>, name: &str) -> Result<Option<String>, ApiError> {
    text(p, name)
        .map(|v| filter::date_bound(&v).map_err(|e| ApiError::bad(format!("{name}: {e}"))))
        .transpose()
}

/// The entities a name or key stands for, most named first: by spelling,
/// else by the keys its spelling gives in any language.
fn resolve_all(
    store: &dyn Browse,
    name: &str,
    keys: NameKeys,
) -> Result<Vec<EntityMatch>, ApiError> {
    Ok(store.resolve_any(name, &keys)?)
}

/// The entity a name or key stands for: the most named match.
fn resolve_one(
    store: &dyn Browse,
    name: &str,
    keys: NameKeys,
) -> Result<Option<EntityMatch>, ApiError> {
    Ok(resolve_all(store, name, keys)?.into_iter().next())
}

/// "no entity called X", with the closest names the store holds.
fn no_entity(store: &dyn Browse, name: &str) -> Result<ApiError, ApiError> {
    let close: Vec<String> = store
        .suggest(name, 5)?
        .into_iter()
        .map(|m| format!("{} ({})", m.name, m.key))
        .collect();
    let hint = if close.is_empty() {
        String::new()
    } else {
        format!("; close names: {}", close.join(", "))
    };
    Ok(ApiError::not_found(format!(
        "no entity called {name:?}{hint}"
    )))
}

async fn articles(Shared(state): Shared<Arc<State>>, p: Params) -> ApiResult {
    let p = params(p)?;
    let offset = number(&p, "offset", 0, u64::MAX >> 2)?;
    let limit = number(&p, "limit", 50, MAX_LIMIT)?;
    query(&state, move |s| {
        Ok(json!({
            "total": s.article_count()?,
            "offset": offset,
            "limit": limit,
            "items": s.articles(offset, limit)?,
        }))
    })
    .await
}

async fn article(Shared(state): Shared<Arc<State>>, Path(id): Path<String>) -> ApiResult {
    query(&state, move |s| {
        s.article(&id)?
            .ok_or_else(|| ApiError::not_found(format!("no article {id:?}")))
    })
    .await
}

async fn entities(Shared(state): Shared<Arc<State>>, p: Params) -> ApiResult {
    let p = params(p)?;
    let q = text(&p, "q").ok_or_else(|| ApiError::bad("give a name: /api/entities?q=NAME"))?;
    let limit = number(&p, "limit", 50, MAX_LIMIT)? as usize;
    let keys = state.name_keys;
    query(&state, move |s| {
        let mut found = resolve_all(s, &q, keys)?;
        found.truncate(limit);
        Ok(found)
    })
    .await
}

async fn entity(Shared(state): Shared<Arc<State>>, Path(key): Path<String>) -> ApiResult {
    query(&state, move |s| {
        s.entity(&key)?
            .ok_or_else(|| ApiError::not_found(format!("no entity with key {key:?}")))
    })
    .await
}

async fn events(Shared(state): Shared<Arc<State>>, p: Params) -> ApiResult {
    let p = params(p)?;
    let from = date(&p, "from")?;
    let to = date(&p, "to")?;
    let limit = number(&p, "limit", 200, MAX_LIMIT)? as usize;
    let ty = text(&p, "type")
        .map(|t| filter::event_type(&t).map_err(ApiError::bad))
        .transpose()?;
    let actor = text(&p, "actor");
    let place = text(&p, "place");
    let keys = state.name_keys;
    query(&state, move |s| {
        // A name that matches nothing matches no event.
        let key = |name: Option<String>| -> Result<Result<Option<String>, ()>, ApiError> {
            match name {
                None => Ok(Ok(None)),
                Some(n) => Ok(resolve_one(s, &n, keys)?.map(|m| Some(m.key)).ok_or(())),
            }
        };
        let (Ok(actor), Ok(place)) = (key(actor)?, key(place)?) else {
            return Ok(Vec::new());
        };
        Ok(s.events(&EventFilter {
            ty,
            actor,
            place,
            from,
            to,
            limit: Some(limit),
        })?)
    })
    .await
}

async fn stories(Shared(state): Shared<Arc<State>>, p: Params) -> ApiResult {
    let p = params(p)?;
    let min = number(&p, "min_articles", 1, u64::MAX >> 2)?;
    let limit = number(&p, "limit", 100, MAX_LIMIT)? as usize;
    query(&state, move |s| Ok(s.stories(min, Some(limit))?)).await
}

async fn story(Shared(state): Shared<Arc<State>>, Path(id): Path<String>) -> ApiResult {
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::bad(format!("a story id is a number, not {id:?}")))?;
    query(&state, move |s| {
        s.story(id)?
            .ok_or_else(|| ApiError::not_found(format!("no story {id}")))
    })
    .await
}

async fn timeline(Shared(state): Shared<Arc<State>>, Path(name): Path<String>) -> ApiResult {
    let keys = state.name_keys;
    query(&state, move |s| {
        let Some(entity) = resolve_one(s, &name, keys)? else {
            return Err(no_entity(s, &name)?);
        };
        let stories = s.timeline(&entity.key)?;
        Ok(json!({ "entity": entity, "stories": stories }))
    })
    .await
}

async fn network(
    Shared(state): Shared<Arc<State>>,
    Path(key): Path<String>,
    p: Params,
) -> ApiResult {
    let p = params(p)?;
    let limit = number(&p, "limit", 30, 200)? as usize;
    query(&state, move |s| {
        s.network(&key, limit)?
            .ok_or_else(|| ApiError::not_found(format!("no entity with key {key:?}")))
    })
    .await
}

async fn search(Shared(state): Shared<Arc<State>>, p: Params) -> ApiResult {
    let p = params(p)?;
    let q =
        text(&p, "q").ok_or_else(|| ApiError::bad("give words to search: /api/search?q=WORDS"))?;
    let raw = matches!(text(&p, "raw").as_deref(), Some("1" | "true" | "yes"));
    let limit = number(&p, "limit", 50, depeche_store::MAX_SEARCH_HITS as u64)? as usize;
    depeche_store::check_search(&q)?;
    // Waiting for a turn counts against the request's time.
    let turn = state.searches.clone().acquire_owned().await.map_err(|_| {
        ApiError(
            StatusCode::SERVICE_UNAVAILABLE,
            "the server is stopping".into(),
        )
    })?;
    query_holding(&state, Some(turn), move |s| Ok(s.search(&q, raw, limit)?)).await
}

async fn openapi() -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        OPENAPI,
    )
        .into_response()
}

/// Everything that is not an API route: an embedded file, else 404.
async fn fallback(uri: Uri) -> Response {
    if uri.path().starts_with("/api/") || uri.path() == "/api" {
        return ApiError::not_found(format!("no such endpoint: {}", uri.path())).into_response();
    }
    match assets::get(uri.path()) {
        Some((ty, body)) => (
            [
                (header::CONTENT_TYPE, ty),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            body,
        )
            .into_response(),
        None => (
            StatusCode::NOT_FOUND,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "not found\n",
        )
            .into_response(),
    }
}

/// Whether `host` (a `Host` header) names this machine's loopback.
fn loopback_host(host: &str) -> bool {
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(h, _)| h)
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    name == "localhost"
        || name.ends_with(".localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

fn refuse(status: StatusCode, message: &str) -> Response {
    ApiError(status, message.into()).into_response()
}

/// Every request: limits, method, `Host`, time; every response: security
/// headers.
async fn guard(Shared(state): Shared<Arc<State>>, req: Request, next: Next) -> Response {
    let limits = state.limits;
    let mut response =
        check(&state, req.headers(), req.method(), req.uri()).map(|status| status.into_response());
    if response.is_none() {
        response = Some(
            match tokio::time::timeout(limits.timeout, next.run(req)).await {
                Ok(r) => r,
                Err(_) => refuse(StatusCode::SERVICE_UNAVAILABLE, "the request took too long"),
            },
        );
    }
    let mut r = response.unwrap_or_else(|| StatusCode::INTERNAL_SERVER_ERROR.into_response());
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        "cross-origin-resource-policy",
        HeaderValue::from_static("same-origin"),
    );
    r
}

/// A request refused before it reaches a route.
fn check(state: &State, headers: &HeaderMap, method: &Method, uri: &Uri) -> Option<Response> {
    let limits = state.limits;
    let length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().parse::<u64>().unwrap_or(u64::MAX));
    if length.is_some_and(|n| n > limits.max_body)
        || headers.contains_key(header::TRANSFER_ENCODING)
    {
        let mut r = refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "request bodies are not accepted",
        );
        r.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return Some(r);
    }
    let target = uri.path_and_query().map_or(0, |pq| pq.as_str().len());
    if target > limits.max_uri {
        return Some(refuse(StatusCode::URI_TOO_LONG, "the address is too long"));
    }
    if method != Method::GET && method != Method::HEAD {
        let mut r = refuse(
            StatusCode::METHOD_NOT_ALLOWED,
            "read-only: only GET and HEAD",
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return Some(r);
    }
    if state.loopback_only {
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
        if !host.is_some_and(loopback_host) {
            return Some(refuse(
                StatusCode::MISDIRECTED_REQUEST,
                "this server answers only to localhost",
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::loopback_host;

    #[test]
    fn loopback_hosts() {
        for h in [
            "localhost",
            "localhost:8080",
            "127.0.0.1:9",
            "127.1.2.3",
            "[::1]:80",
            "[::1]",
            "app.localhost:1",
        ] {
            assert!(loopback_host(h), "{h}");
        }
        for h in ["example.com", "evil.com:8080", "10.0.0.1:80", "[::2]:1", ""] {
            assert!(!loopback_host(h), "{h}");
        }
    }
}
