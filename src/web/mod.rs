//! The officers' web console, served by `baocao run` beside the bot. Every page checks the session
//! and the member's role again, every form carries the session's CSRF token, and every action
//! calls the same use case as the chat (`actions`). Pages are rendered on the server (maud escapes
//! every value); the one script and the one stylesheet are served from the binary.

mod board;
mod documents;
mod form;
mod health;
mod join;
mod layout;
pub(crate) mod limits;
mod login;
mod manage;
mod open;
mod people;
mod periods;
mod report;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, FromRequestParts, Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use crate::actions::{App, Officer};
use crate::config::WebConfig;
use crate::domain::Member;
use crate::error::Error;
use crate::i18n::{t, Lang};

/// What every handler works with.
pub(crate) struct Web {
    pub app: App,
    pub config: WebConfig,
    /// The bot's @username, for the invitation links the console prints.
    pub username: String,
    /// What one address may ask of the site.
    pub limits: limits::Limits,
    /// Files being received at once (each up to 20 MB in memory): the others wait their turn.
    pub uploads: tokio::sync::Semaphore,
}

impl Web {
    /// Whether the site sends e-mail (a sign-in link may be asked for).
    pub fn mail(&self) -> bool {
        self.app.config().mail.is_some()
    }
}

type Shared = Arc<Web>;

/// The session cookie's name.
const COOKIE: &str = "baocao_session";
/// Largest request body accepted (forms are small; nothing is uploaded here).
const BODY_LIMIT: usize = 64 * 1024;
/// Files received at once, on the console and the form together.
const UPLOADS_AT_ONCE: usize = 4;

/// The console's routes.
pub fn router(app: App, config: WebConfig, username: String) -> Router {
    let metrics = app.config().metrics;
    let uploads = tokio::sync::Semaphore::new(UPLOADS_AT_ONCE);
    let web = Arc::new(Web { app, config, username, limits: limits::Limits::default(), uploads });
    // For the machines that watch the bot: not signed in (README, Operations and security).
    let watched = Router::new().route("/healthz", get(health::healthz));
    let watched = if metrics { watched.route("/metrics", get(health::metrics)) } else { watched };
    watched
        .route("/", get(periods::periods))
        .route("/login", get(login::confirm).post(login::sign_in))
        .route("/login/send", post(login::send_link))
        .route("/join", get(join::page).post(join::join))
        .route("/logout", post(login::sign_out))
        .route("/periods/new", get(open::form))
        .route("/periods", post(open::create).layer(DefaultBodyLimit::max(open::OPEN_BODY_LIMIT)))
        .route("/periods/{id}", get(board::board))
        .route("/periods/{id}/version", get(board::board_version))
        .route("/periods/{id}/nudge", post(board::nudge))
        .route("/periods/{id}/extend", post(manage::extend))
        .route("/periods/{id}/close", post(manage::close))
        .route("/periods/{id}/reopen", post(manage::reopen))
        .route("/members", get(people::members))
        .route("/members/add", post(people::add_member))
        .route("/members/{id}/sign-out", post(people::sign_out_member))
        .route("/members/{id}/remove", post(people::remove_member))
        .route("/units", get(people::units))
        .route("/invites", post(people::invites))
        .route("/lang", post(manage::set_lang))
        .route("/periods/{id}/units/{unit}", get(report::report))
        .route("/periods/{id}/units/{unit}/file/{question}", get(report::file))
        .route("/periods/{id}/export/{format}", get(documents::export))
        .route("/reports/{id}/decide", post(report::decide))
        .route("/stats", get(documents::stats))
        .route("/reports/{id}", get(report::by_id))
        .merge(form::routes())
        .route("/static/app.css", get(css))
        .route("/static/app.js", get(js))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(web.clone(), same_site_posts))
        .layer(middleware::from_fn_with_state(web.clone(), console_networks))
        .layer(middleware::from_fn_with_state(web.clone(), limit_requests))
        .layer(middleware::from_fn(security_headers))
        .with_state(web)
}

/// Serves the console on `listener` until `stop` resolves.
pub async fn serve(
    (app, config, username): (App, WebConfig, String),
    listener: tokio::net::TcpListener,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) {
    let routes = router(app, config, username).into_make_service_with_connect_info::<SocketAddr>();
    if let Err(e) = axum::serve(listener, routes).with_graceful_shutdown(stop).await {
        tracing::error!(error = %e, "the web console stopped");
    }
}

/// Headers every answer carries: no script but ours, no framing, no sniffing, no referrer (a
/// login link's code must not leave in one), and nothing cached.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = |headers: &mut HeaderMap, name, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(
        headers,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::REFERRER_POLICY, "no-referrer");
    if !headers.contains_key(header::CACHE_CONTROL) {
        set(headers, header::CACHE_CONTROL, "no-store");
    }
    response
}

/// Counts every request against its address's limit (a flood gets "too many" before anything is
/// read), and hands the handlers the address it counted.
async fn limit_requests(State(web): State<Shared>, mut request: Request, next: Next) -> Response {
    let peer = request.extensions().get::<axum::extract::ConnectInfo<SocketAddr>>();
    let client = limits::client(peer, request.headers());
    if !web.limits.request(client) {
        return too_many(browser_lang(request.headers()));
    }
    request.extensions_mut().insert(client);
    next.run(request).await
}

/// The routes meant for the internet: the chairs' form, joining by invitation, signing in (and
/// what their pages load). Everything else is the console's.
fn public(path: &str) -> bool {
    let under = |prefix: &str| path == prefix || path.starts_with(&format!("{prefix}/"));
    under("/f") || under("/static") || matches!(path, "/join" | "/login" | "/login/send")
}

/// Keeps the console (and `/healthz`, `/metrics`) to the networks of `BAOCAO_CONSOLE_FROM`; the
/// public routes answer everyone.
async fn console_networks(State(web): State<Shared>, request: Request, next: Next) -> Response {
    let client = request.extensions().get::<limits::Client>().copied();
    let from = client.map_or(std::net::IpAddr::from([0, 0, 0, 0]), |c| c.0);
    if !public(request.uri().path()) && !web.config.console_answers(from) {
        let lang = browser_lang(request.headers());
        return problem(StatusCode::FORBIDDEN, lang, &t(lang, "web-console-elsewhere"));
    }
    next.run(request).await
}

/// "Too many tries from here: wait a little", with the time to wait.
pub(crate) fn too_many(lang: Lang) -> Response {
    let mut page = problem(StatusCode::TOO_MANY_REQUESTS, lang, &t(lang, "web-too-many"));
    page.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("120"));
    page
}

/// Refuses a POST that a browser says comes from another site (`Sec-Fetch-Site`) or another
/// origin (`Origin`), before anything reads it: no other site may sign an officer's browser in
/// (login CSRF) or post a form for them. A request with neither header comes from no browser.
async fn same_site_posts(State(web): State<Shared>, request: Request, next: Next) -> Response {
    if request.method() == axum::http::Method::POST && !same_site(&web.config, request.headers()) {
        let lang = browser_lang(request.headers());
        tracing::warn!("a form posted from another site was refused");
        return problem(StatusCode::FORBIDDEN, lang, &t(lang, "web-cross-site"));
    }
    next.run(request).await
}

/// Whether a request's own headers place it on this site. Browsers of today say where a request
/// comes from in `Sec-Fetch-Site` (the page's `no-referrer` policy makes their `Origin` "null"):
/// only "same-origin" (a form of this site) and "none" (typed or bookmarked) pass. Without it,
/// an `Origin` other than "null" must be this site's.
fn same_site(config: &WebConfig, headers: &HeaderMap) -> bool {
    let header = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    if let Some(site) = header("sec-fetch-site") {
        return matches!(site, "same-origin" | "none");
    }
    match header(header::ORIGIN.as_str()) {
        None | Some("null") => true,
        Some(origin) => {
            let ours = config.url.origin().ascii_serialization();
            let host = header(header::HOST.as_str()).map(|h| format!("http://{h}"));
            origin == ours || host.is_some_and(|h| h == origin)
        }
    }
}

async fn css() -> Response {
    asset("text/css; charset=utf-8", include_str!("../../assets/app.css"))
}

async fn js() -> Response {
    asset("text/javascript; charset=utf-8", include_str!("../../assets/app.js"))
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    let headers = [(header::CONTENT_TYPE, kind), (header::CACHE_CONTROL, "max-age=3600")];
    (headers, body).into_response()
}

/// A file to download: `attachment`, its name as ASCII and as UTF-8 (RFC 6266), so a browser
/// saves it under its Vietnamese name and never shows it in the page.
pub(crate) fn download(kind: &str, name: &str, bytes: Vec<u8>) -> Response {
    let ascii: String = name.chars().filter(|c| c.is_ascii_graphic() && *c != '"').collect();
    let utf8: String = url::form_urlencoded::byte_serialize(name.as_bytes()).collect();
    let disposition =
        format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{}", utf8.replace('+', "%20"));
    let headers =
        [(header::CONTENT_TYPE, kind.to_owned()), (header::CONTENT_DISPOSITION, disposition)];
    (headers, bytes).into_response()
}

async fn not_found(headers: HeaderMap) -> Response {
    let lang = browser_lang(&headers);
    problem(StatusCode::NOT_FOUND, lang, &t(lang, "web-not-found"))
}

/// An officer or admin with a valid session: every page that shows or changes anything takes
/// one, so nothing is shown without it, and the role is proved again on every request (the
/// proof the use cases take).
pub(crate) struct SignedIn {
    pub officer: Officer,
    pub csrf: String,
    pub token: String,
}

impl SignedIn {
    pub fn lang(&self) -> Lang {
        self.member().lang
    }

    pub fn member(&self) -> &Member {
        self.officer.member()
    }

    /// Refuses a form whose CSRF token is not this session's.
    pub fn check(&self, csrf: &str) -> Result<(), WebError> {
        if constant_time_eq(csrf.as_bytes(), self.csrf.as_bytes()) {
            Ok(())
        } else {
            Err(WebError::Forbidden(self.lang()))
        }
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0_u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The language of a page for someone not signed in: English when the browser prefers it,
/// otherwise Vietnamese.
pub(crate) fn browser_lang(headers: &HeaderMap) -> Lang {
    let first = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if first.starts_with("en") {
        Lang::En
    } else {
        Lang::Vi
    }
}

/// The value of the cookie `name` of a request.
pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.to_owned())
}

impl FromRequestParts<Shared> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, web: &Shared) -> Result<Self, Self::Rejection> {
        let lang = browser_lang(&parts.headers);
        let Some(token) = cookie(&parts.headers, COOKIE) else {
            return Err(login::signed_out(lang, web.mail(), "web-signed-out"));
        };
        match crate::actions::web::session(&web.app, &token).await {
            Ok(Some(session)) => {
                Ok(SignedIn { officer: session.officer, csrf: session.csrf, token })
            }
            Ok(None) => Err(login::signed_out(lang, web.mail(), "web-session-ended")),
            Err(e) => Err(WebError::Failed(lang, e).into_response()),
        }
    }
}

/// A path of this site to return to after a form, or the front page: visible ASCII only, one
/// leading `/`, no `//` and no backslash anywhere (a browser drops a tab and reads a backslash
/// as a slash, so `/<tab>/evil.example` and `/\evil.example` lead to another site).
pub(crate) fn local_path(back: &str) -> &str {
    let visible = back.bytes().all(|b| b.is_ascii_graphic());
    let one_slash = back.starts_with('/') && !back.contains("//") && !back.contains('\\');
    if visible && one_slash {
        back
    } else {
        "/"
    }
}

/// A form with nothing but the session's CSRF token (a button).
#[derive(serde::Deserialize)]
pub(crate) struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
}

/// Why a page could not be shown, as the officer sees it.
pub(crate) enum WebError {
    /// The person's own mistake or a refusal, said in their language.
    User(Lang, crate::i18n::Msg),
    /// A form without this session's token.
    Forbidden(Lang),
    /// No such thing.
    NotFound(Lang),
    /// No such thing, named (a period, a person).
    Unknown(Lang, crate::i18n::Msg),
    /// Something failed on our side: logged, and said politely.
    Failed(Lang, Error),
    /// A refusal already shaped for whoever asked (the chairs' form answers its script in text).
    Shown(Box<Response>),
}

impl WebError {
    pub fn from(lang: Lang) -> impl Fn(Error) -> WebError {
        move |e| match e {
            Error::User(msg) => WebError::User(lang, msg),
            Error::NotFound(msg) => WebError::Unknown(lang, msg),
            other => WebError::Failed(lang, other),
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        match self {
            WebError::User(lang, msg) => problem(StatusCode::BAD_REQUEST, lang, &msg.render(lang)),
            WebError::Forbidden(lang) => problem(StatusCode::FORBIDDEN, lang, &t(lang, "web-csrf")),
            WebError::NotFound(lang) => {
                problem(StatusCode::NOT_FOUND, lang, &t(lang, "web-not-found"))
            }
            WebError::Unknown(lang, msg) => problem(StatusCode::NOT_FOUND, lang, &msg.render(lang)),
            WebError::Failed(lang, e) => {
                tracing::error!(error = %e, "a page of the web console failed");
                problem(StatusCode::INTERNAL_SERVER_ERROR, lang, &t(lang, "err-internal"))
            }
            WebError::Shown(page) => *page,
        }
    }
}

/// A page that only says what went wrong, with a way back.
fn problem(status: StatusCode, lang: Lang, text: &str) -> Response {
    let body = maud::html! {
        div.problem { (text) }
        p { a href="/" { (t(lang, "web-back-home")) } }
    };
    (status, layout::bare(lang, &t(lang, "web-title"), body)).into_response()
}
