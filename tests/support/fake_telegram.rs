//! A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests.
//!
//! It serves the methods the bot uses, records every request, lets a test inject what a person
//! types or taps, waits for the bot's replies, and can be told to fail (429, 403, 502).

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::{Json, Router};
use serde_json::{json, Value};
use tokio::sync::watch;

/// The bot's identity as the fake reports it.
pub const BOT_ID: i64 = 7_000_000_001;
pub const BOT_USERNAME: &str = "baocao_test_bot";
/// How long a test waits for the bot before failing.
pub const WAIT: Duration = Duration::from_secs(15);

/// One request the bot made.
#[derive(Clone, Debug)]
pub struct Call {
    /// Method name, lower-cased (`sendmessage`).
    pub method: String,
    pub params: Value,
}

/// A fault to answer instead of serving a method.
#[derive(Clone, Debug)]
pub enum Fault {
    /// 429 Too Many Requests with `retry_after` seconds.
    TooManyRequests(u32),
    /// 403 "bot was blocked by the user".
    Blocked,
    /// 502 Bad Gateway (teloxide waits 10 s before reading it).
    BadGateway,
    /// The connection breaks before the answer is complete (the request was received).
    Dropped,
    /// 400 Bad Request: Telegram refuses the message itself (too long, bad markup…).
    Refused,
}

#[derive(Default)]
struct Inner {
    next_update_id: i64,
    next_message_id: i64,
    next_callback_id: i64,
    updates: VecDeque<(i64, Value)>,
    calls: Vec<Call>,
    /// Messages as they stand now, by (chat, message id).
    messages: HashMap<(i64, i64), Value>,
    /// Message ids the bot sent, per chat, in order.
    sent: HashMap<i64, Vec<i64>>,
    /// Faults to answer, per lower-cased method, consumed in order.
    faults: HashMap<String, VecDeque<Fault>>,
    /// Chats whose user blocked the bot: every send to them answers 403.
    blocked: std::collections::HashSet<i64>,
    files: HashMap<String, (String, Vec<u8>)>,
    get_updates_calls: u64,
    /// Chats whose new messages are pushed to a channel (the benchmark's chairs).
    subscribers: HashMap<i64, tokio::sync::mpsc::UnboundedSender<(i64, std::time::Instant)>>,
    /// Telegram-like limits: (overall per second, per chat per second), with their windows.
    limits: Option<(usize, usize)>,
    sends_overall: VecDeque<std::time::Instant>,
    sends_per_chat: HashMap<i64, VecDeque<std::time::Instant>>,
    too_many: u64,
    /// Unreachable: every request's connection breaks, `getUpdates` included.
    down: bool,
}

/// The running fake server.
#[derive(Clone)]
pub struct FakeTelegram {
    addr: SocketAddr,
    inner: Arc<Mutex<Inner>>,
    changed: watch::Sender<u64>,
}

impl FakeTelegram {
    /// Starts a server on a free port of 127.0.0.1.
    pub async fn start() -> FakeTelegram {
        FakeTelegram::start_on(0).await
    }

    /// Starts a server on `port` of 127.0.0.1 (0: any free port).
    pub async fn start_on(port: u16) -> FakeTelegram {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (changed, _) = watch::channel(0);
        let inner = Inner { next_update_id: 1, next_message_id: 1, ..Inner::default() };
        let fake = FakeTelegram { addr, inner: Arc::new(Mutex::new(inner)), changed };
        let app = Router::new()
            .route("/file/{token}/{*path}", any(download))
            .route("/{token}/{method}", any(serve))
            .with_state(fake.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        fake
    }

    /// Base URL to give the bot (`TELOXIDE_API_URL`).
    pub fn api_url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    fn bump(&self) {
        self.changed.send_modify(|n| *n += 1);
    }

    /// Waits until `check` returns something, or fails the test after [`WAIT`].
    pub async fn wait_for<T>(
        &self,
        what: &str,
        mut check: impl FnMut(&FakeTelegram) -> Option<T>,
    ) -> T {
        let mut rx = self.changed.subscribe();
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            if let Some(found) = check(self) {
                return found;
            }
            match tokio::time::timeout_at(deadline, rx.changed()).await {
                Ok(Ok(())) => {}
                _ => panic!(
                    "timed out waiting for {what}; calls so far: {:#?}",
                    self.calls_summary()
                ),
            }
        }
    }

    /// Every request so far.
    pub fn calls(&self) -> Vec<Call> {
        self.inner.lock().unwrap().calls.clone()
    }

    /// Requests of one method (case-insensitive).
    pub fn calls_of(&self, method: &str) -> Vec<Call> {
        let method = method.to_ascii_lowercase();
        self.calls().into_iter().filter(|c| c.method == method).collect()
    }

    fn calls_summary(&self) -> Vec<String> {
        self.calls()
            .iter()
            .filter(|c| c.method != "getupdates")
            .map(|c| format!("{} {}", c.method, c.params))
            .collect()
    }

    /// How many times the bot has polled for updates.
    pub fn polls(&self) -> u64 {
        self.inner.lock().unwrap().get_updates_calls
    }

    /// Queues a fault for the next requests of `method`.
    pub fn fail_next(&self, method: &str, fault: Fault, times: usize) {
        let mut inner = self.inner.lock().unwrap();
        let queue = inner.faults.entry(method.to_ascii_lowercase()).or_default();
        queue.extend(std::iter::repeat_n(fault, times));
    }

    /// Every new message the bot sends to `chat` is also pushed to the returned channel,
    /// with the instant it arrived.
    pub fn subscribe(
        &self,
        chat: i64,
    ) -> tokio::sync::mpsc::UnboundedReceiver<(i64, std::time::Instant)> {
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        self.inner.lock().unwrap().subscribers.insert(chat, tx);
        rx
    }

    /// Enforces Telegram-like limits on sends: at most `overall` per second, `per_chat` per chat
    /// per second; beyond them the fake answers 429 with `retry_after` 1.
    pub fn limit_rate(&self, overall: usize, per_chat: usize) {
        self.inner.lock().unwrap().limits = Some((overall, per_chat));
    }

    /// How many sends were refused with 429 by the limits.
    /// Makes the whole API unreachable (every connection breaks) or reachable again.
    pub fn set_down(&self, down: bool) {
        self.inner.lock().unwrap().down = down;
    }

    pub fn too_many_requests(&self) -> u64 {
        self.inner.lock().unwrap().too_many
    }

    /// From now on, every send to `chat` answers 403 (the user blocked the bot).
    pub fn block(&self, chat: i64) {
        self.inner.lock().unwrap().blocked.insert(chat);
    }

    /// The user of `chat` unblocked the bot.
    pub fn unblock(&self, chat: i64) {
        self.inner.lock().unwrap().blocked.remove(&chat);
    }

    /// Ids of the messages the bot sent to `chat`, in order.
    pub fn sent_ids(&self, chat: i64) -> Vec<i64> {
        self.inner.lock().unwrap().sent.get(&chat).cloned().unwrap_or_default()
    }

    /// A message as it stands now (after edits).
    pub fn message(&self, chat: i64, id: i64) -> Value {
        self.inner.lock().unwrap().messages.get(&(chat, id)).cloned().unwrap_or(Value::Null)
    }

    /// Queues an update and wakes the bot's long poll.
    pub fn push_update(&self, kind: &str, payload: Value) -> i64 {
        let id = {
            let mut inner = self.inner.lock().unwrap();
            let id = inner.next_update_id;
            inner.next_update_id += 1;
            let mut update = json!({ "update_id": id });
            update[kind] = payload;
            inner.updates.push_back((id, update));
            id
        };
        self.bump();
        id
    }

    /// A new message id for an incoming message.
    pub fn new_message_id(&self) -> i64 {
        let mut inner = self.inner.lock().unwrap();
        inner.next_message_id += 1;
        inner.next_message_id
    }

    /// A new callback query id.
    pub fn new_callback_id(&self) -> String {
        let mut inner = self.inner.lock().unwrap();
        inner.next_callback_id += 1;
        format!("cq{}", inner.next_callback_id)
    }

    /// Stores a file that a user uploads, returning its `file_id`.
    pub fn add_file(&self, name: &str, bytes: Vec<u8>) -> String {
        let mut inner = self.inner.lock().unwrap();
        let id = format!("file{}", inner.files.len() + 1);
        inner.files.insert(id.clone(), (name.to_owned(), bytes));
        id
    }

    /// A file Telegram holds under the id `id` (as a file a person sent earlier).
    pub fn put_file(&self, id: &str, name: &str, bytes: Vec<u8>) {
        self.inner.lock().unwrap().files.insert(id.to_owned(), (name.to_owned(), bytes));
    }

    /// Whether every queued update was handed to the bot and confirmed by a later poll.
    pub fn all_updates_confirmed(&self) -> bool {
        self.inner.lock().unwrap().updates.is_empty()
    }
}

/// Counts a send against the limits (sliding one-second windows); true when it must be refused.
fn over_limit(inner: &mut Inner, chat: i64) -> bool {
    let Some((overall, per_chat)) = inner.limits else { return false };
    let now = std::time::Instant::now();
    let second = Duration::from_secs(1);
    while inner.sends_overall.front().is_some_and(|t| now.duration_since(*t) >= second) {
        inner.sends_overall.pop_front();
    }
    let window = inner.sends_per_chat.entry(chat).or_default();
    while window.front().is_some_and(|t| now.duration_since(*t) >= second) {
        window.pop_front();
    }
    if inner.sends_overall.len() >= overall || window.len() >= per_chat {
        return true;
    }
    window.push_back(now);
    inner.sends_overall.push_back(now);
    false
}

fn ok(result: Value) -> Response {
    Json(json!({ "ok": true, "result": result })).into_response()
}

fn fault_response(fault: &Fault) -> Response {
    match fault {
        Fault::TooManyRequests(secs) => (
            StatusCode::TOO_MANY_REQUESTS,
            Json(json!({
                "ok": false, "error_code": 429,
                "description": format!("Too Many Requests: retry after {secs}"),
                "parameters": { "retry_after": secs }
            })),
        )
            .into_response(),
        Fault::Refused => (
            StatusCode::BAD_REQUEST,
            Json(json!({ "ok": false, "error_code": 400, "description": "Bad Request: message is too long" })),
        )
            .into_response(),
        Fault::Blocked => (
            StatusCode::FORBIDDEN,
            Json(json!({ "ok": false, "error_code": 403, "description": "Forbidden: bot was blocked by the user" })),
        )
            .into_response(),
        Fault::BadGateway => (StatusCode::BAD_GATEWAY, "Bad Gateway").into_response(),
        // The body fails half-way: the server aborts the connection mid-answer and the client
        // sees it break.
        Fault::Dropped => {
            let parts: Vec<Result<&'static str, std::io::Error>> = vec![
                Ok("{\"ok\":"),
                Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "dropped")),
            ];
            axum::body::Body::from_stream(futures::stream::iter(parts)).into_response()
        }
    }
}

async fn read_params(req: Request) -> Value {
    let is_multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if is_multipart {
        let mut form = Multipart::from_request(req, &()).await.unwrap();
        let mut params = serde_json::Map::new();
        while let Ok(Some(field)) = form.next_field().await {
            let name = field.name().unwrap_or_default().to_owned();
            let file_name = field.file_name().map(str::to_owned);
            let bytes = field.bytes().await.unwrap_or_default();
            let value = match file_name {
                Some(file_name) => {
                    json!({ "file_name": file_name, "size": bytes.len(), "bytes": bytes.to_vec() })
                }
                None => {
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    serde_json::from_str(&text).unwrap_or(Value::String(text))
                }
            };
            params.insert(name, value);
        }
        // Uploaded files travel as parts named at random, referenced as "attach://<part>".
        let attached: Vec<(String, String)> = params
            .iter()
            .filter_map(|(k, v)| {
                v.as_str()
                    .and_then(|s| s.strip_prefix("attach://"))
                    .map(|part| (k.clone(), part.to_owned()))
            })
            .collect();
        for (field, part) in attached {
            if let Some(file) = params.remove(&part) {
                params.insert(field, file);
            }
        }
        return Value::Object(params);
    }
    let bytes: Bytes = axum::body::to_bytes(req.into_body(), 64 << 20).await.unwrap_or_default();
    serde_json::from_slice(&bytes).unwrap_or(json!({}))
}

async fn serve(
    State(fake): State<FakeTelegram>,
    Path((token, method)): Path<(String, String)>,
    req: Request,
) -> Response {
    if !token.starts_with("bot") {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    let method = method.to_ascii_lowercase();
    let params = read_params(req).await;
    let down = {
        let mut inner = fake.inner.lock().unwrap();
        if inner.down {
            inner.calls.push(Call { method: method.clone(), params: params.clone() });
        }
        inner.down
    };
    if down {
        fake.bump();
        return fault_response(&Fault::Dropped);
    }
    if method == "getupdates" {
        return get_updates(&fake, &params).await;
    }
    let fault = {
        let mut inner = fake.inner.lock().unwrap();
        inner.calls.push(Call { method: method.clone(), params: params.clone() });
        let chat = params.get("chat_id").and_then(Value::as_i64);
        let blocked =
            method.starts_with("send") && chat.is_some_and(|c| inner.blocked.contains(&c));
        if blocked {
            Some(Fault::Blocked)
        } else if method.starts_with("send") && over_limit(&mut inner, chat.unwrap_or_default()) {
            inner.too_many += 1;
            Some(Fault::TooManyRequests(1))
        } else {
            inner.faults.get_mut(&method).and_then(VecDeque::pop_front)
        }
    };
    let response = match fault {
        Some(fault) => fault_response(&fault),
        None => answer(&fake, &method, &params),
    };
    fake.bump();
    response
}

async fn get_updates(fake: &FakeTelegram, params: &Value) -> Response {
    let offset = params.get("offset").and_then(Value::as_i64).unwrap_or(0);
    let timeout = params.get("timeout").and_then(Value::as_u64).unwrap_or(0).min(30);
    let limit = params.get("limit").and_then(Value::as_u64).unwrap_or(100).clamp(1, 100) as usize;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(timeout);
    let mut rx = fake.changed.subscribe();
    {
        let mut inner = fake.inner.lock().unwrap();
        inner.get_updates_calls += 1;
        // Updates below the offset are confirmed: forget them, as Telegram does.
        inner.updates.retain(|(id, _)| *id >= offset);
    }
    fake.bump();
    loop {
        let batch: Vec<Value> = {
            let inner = fake.inner.lock().unwrap();
            inner
                .updates
                .iter()
                .filter(|(id, _)| *id >= offset)
                .take(limit)
                .map(|(_, u)| u.clone())
                .collect()
        };
        if !batch.is_empty() {
            return ok(Value::Array(batch));
        }
        if tokio::time::timeout_at(deadline, rx.changed()).await.is_err() {
            return ok(json!([]));
        }
    }
}

fn bot_user() -> Value {
    json!({ "id": BOT_ID, "is_bot": true, "first_name": "Báo cáo", "username": BOT_USERNAME })
}

fn chat_of(chat_id: i64) -> Value {
    if chat_id < 0 {
        json!({ "id": chat_id, "type": "group", "title": "Nhóm" })
    } else {
        json!({ "id": chat_id, "type": "private", "first_name": "Người dùng" })
    }
}

/// Telegram refuses a message text over 4096 UTF-16 units, as this fake does.
const TEXT_LIMIT: usize = 4096;

fn answer(fake: &FakeTelegram, method: &str, params: &Value) -> Response {
    let text_units =
        params.get("text").and_then(Value::as_str).map_or(0, |t| t.encode_utf16().count());
    if matches!(method, "sendmessage" | "editmessagetext") && text_units > TEXT_LIMIT {
        let refusal = json!({ "ok": false, "error_code": 400, "description": "Bad Request: message is too long" });
        return (StatusCode::BAD_REQUEST, Json(refusal)).into_response();
    }
    // A message argument the code forgot (Fluent writes it as `{$name}`) fails the test loudly.
    let text = params.get("text").or_else(|| params.get("caption")).and_then(Value::as_str);
    if let Some(text) = text.filter(|t| t.contains("{$")) {
        eprintln!("fake Telegram: a message with an unfilled argument: {text}");
        let refusal = json!({ "ok": false, "error_code": 400, "description": "Bad Request: unfilled message argument (test fake)" });
        return (StatusCode::BAD_REQUEST, Json(refusal)).into_response();
    }
    match method {
        "getme" => ok(json!({
            "id": BOT_ID, "is_bot": true, "first_name": "Báo cáo", "username": BOT_USERNAME,
            "can_join_groups": true, "can_read_all_group_messages": false,
            "supports_inline_queries": false, "can_connect_to_business": false, "has_main_web_app": false
        })),
        "getwebhookinfo" => {
            ok(json!({ "url": "", "has_custom_certificate": false, "pending_update_count": 0 }))
        }
        "sendmessage" | "senddocument" | "sendphoto" => ok(record_sent(fake, method, params)),
        "editmessagetext" | "editmessagereplymarkup" => edit(fake, params),
        "getfile" => {
            let file_id =
                params.get("file_id").and_then(Value::as_str).unwrap_or_default().to_owned();
            let inner = fake.inner.lock().unwrap();
            match inner.files.get(&file_id) {
                Some((name, bytes)) => ok(json!({
                    "file_id": file_id, "file_unique_id": format!("u-{file_id}"),
                    "file_size": bytes.len(), "file_path": format!("documents/{name}")
                })),
                None => (StatusCode::BAD_REQUEST, Json(json!({ "ok": false, "error_code": 400, "description": "Bad Request: invalid file_id" }))).into_response(),
            }
        }
        // setMyCommands, deleteWebhook, answerCallbackQuery, deleteMyCommands, …
        _ => ok(json!(true)),
    }
}

fn record_sent(fake: &FakeTelegram, method: &str, params: &Value) -> Value {
    let chat_id = params.get("chat_id").and_then(Value::as_i64).unwrap_or_default();
    let mut inner = fake.inner.lock().unwrap();
    inner.next_message_id += 1;
    let message_id = inner.next_message_id;
    let mut message = json!({
        "message_id": message_id,
        "date": 1_700_000_000,
        "chat": chat_of(chat_id),
        "from": bot_user(),
    });
    match method {
        "sendmessage" => message["text"] = params.get("text").cloned().unwrap_or(json!("")),
        "senddocument" => {
            let doc = params.get("document").cloned().unwrap_or(Value::Null);
            let file_id =
                doc.as_str().map(str::to_owned).unwrap_or_else(|| format!("sent-doc-{message_id}"));
            message["document"] = json!({
                "file_id": file_id, "file_unique_id": format!("u-{message_id}"),
                "file_name": doc.get("file_name").cloned().unwrap_or(Value::Null)
            });
            message["caption"] = params.get("caption").cloned().unwrap_or(Value::Null);
        }
        _ => {
            message["photo"] = json!([{ "file_id": format!("sent-photo-{message_id}"), "file_unique_id": format!("u-{message_id}"), "width": 800, "height": 600 }]);
            message["caption"] = params.get("caption").cloned().unwrap_or(Value::Null);
        }
    }
    if let Some(markup) = params.get("reply_markup") {
        message["reply_markup"] = markup.clone();
    }
    inner.messages.insert((chat_id, message_id), message.clone());
    inner.sent.entry(chat_id).or_default().push(message_id);
    if let Some(tx) = inner.subscribers.get(&chat_id) {
        let _ = tx.send((message_id, std::time::Instant::now()));
    }
    message
}

fn edit(fake: &FakeTelegram, params: &Value) -> Response {
    let chat_id = params.get("chat_id").and_then(Value::as_i64).unwrap_or_default();
    let message_id = params.get("message_id").and_then(Value::as_i64).unwrap_or_default();
    let mut inner = fake.inner.lock().unwrap();
    let Some(message) = inner.messages.get_mut(&(chat_id, message_id)) else {
        return (StatusCode::BAD_REQUEST, Json(json!({ "ok": false, "error_code": 400, "description": "Bad Request: message to edit not found" }))).into_response();
    };
    if let Some(text) = params.get("text") {
        message["text"] = text.clone();
    }
    match params.get("reply_markup") {
        Some(markup) => message["reply_markup"] = markup.clone(),
        None => {
            if let Some(obj) = message.as_object_mut() {
                obj.remove("reply_markup");
            }
        }
    }
    ok(message.clone())
}

async fn download(
    State(fake): State<FakeTelegram>,
    Path((_token, path)): Path<(String, String)>,
) -> Response {
    let name = path.rsplit('/').next().unwrap_or_default();
    let inner = fake.inner.lock().unwrap();
    match inner.files.values().find(|(n, _)| n == name) {
        Some((_, bytes)) => bytes.clone().into_response(),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}
