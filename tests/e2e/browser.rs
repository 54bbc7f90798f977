//! The officer's main path in a real browser: Debian's headless Chromium, driven through
//! ChromeDriver (the W3C WebDriver protocol, spoken here over HTTP on 127.0.0.1).
//!
//! Needs `/usr/bin/chromium` and `/usr/bin/chromedriver` (`apt-get install chromium
//! chromium-driver`; `.ci/run` installs them). Without them the test says so and passes.
//! `BAOCAO_SCREENSHOTS=DIR` keeps the screenshots (the README's come from here).

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};

use crate::officer::{period_in_every_state, submit};
use crate::support::fake_telegram::FakeTelegram;
use crate::web::{web_link, Browser};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A ChromeDriver process and one browser session in it; both end when dropped.
pub(crate) struct Chrome {
    driver: Child,
    http: reqwest::Client,
    base: String,
    session: String,
    _profile: tempfile::TempDir,
    pub downloads: PathBuf,
}

impl Drop for Chrome {
    /// Ends ChromeDriver and the browser it started: they share a process group of their own (killing
    /// ChromeDriver alone left a Chromium running after every test).
    fn drop(&mut self) {
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).stderr(Stdio::null()).status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Chrome {
    /// Starts the browser, or `None` (with a note) when it is not installed.
    pub(crate) async fn start() -> Option<Chrome> {
        if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
            eprintln!(
                "skipped: the browser test needs {CHROMIUM} and {CHROMEDRIVER} \
                 (apt-get install chromium chromium-driver)"
            );
            return None;
        }
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .process_group(0)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let http = reqwest::Client::builder().no_proxy().build().unwrap();
        let base = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while http.get(format!("{base}/status")).send().await.is_err() {
            assert!(started.elapsed() < Duration::from_secs(20), "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = tempfile::tempdir().unwrap();
        let downloads = profile.path().join("downloads");
        std::fs::create_dir_all(&downloads).unwrap();
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1366,768",
                    format!("--user-data-dir={}", profile.path().join("profile").display()),
                ],
                "prefs": {
                    "download.default_directory": downloads.display().to_string(),
                    "download.prompt_for_download": false,
                },
            },
        } } });
        let created: Value = http
            .post(format!("{base}/session"))
            .json(&caps)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let session = created["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no browser session: {created}"))
            .to_owned();
        Some(Chrome { driver, http, base, session, _profile: profile, downloads })
    }

    pub(crate) async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Value {
        let url = format!("{}/session/{}{path}", self.base, self.session);
        let mut request = self.http.request(method, url);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let answer: Value = request.send().await.unwrap().json().await.unwrap();
        if answer["value"].get("error").is_some() {
            panic!("webdriver {path}: {answer}");
        }
        answer["value"].clone()
    }

    pub(crate) async fn open(&self, url: &str) {
        self.call(reqwest::Method::POST, "/url", Some(json!({ "url": url }))).await;
    }

    pub(crate) async fn source(&self) -> String {
        self.call(reqwest::Method::GET, "/source", None)
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub(crate) async fn url(&self) -> String {
        self.call(reqwest::Method::GET, "/url", None).await.as_str().unwrap_or_default().to_owned()
    }

    /// The element a CSS selector finds (waiting for it up to 10 s).
    pub(crate) async fn find(&self, css: &str) -> String {
        let started = Instant::now();
        loop {
            let url = format!("{}/session/{}/element", self.base, self.session);
            let body = json!({ "using": "css selector", "value": css });
            let answer: Value =
                self.http.post(url).json(&body).send().await.unwrap().json().await.unwrap();
            if let Some(id) = answer["value"][ELEMENT].as_str() {
                return id.to_owned();
            }
            assert!(started.elapsed() < Duration::from_secs(10), "no element {css:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub(crate) async fn click(&self, css: &str) {
        let id = self.find(css).await;
        self.call(reqwest::Method::POST, &format!("/element/{id}/click"), Some(json!({}))).await;
    }

    pub(crate) async fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{id}/value"),
            Some(json!({ "text": text })),
        )
        .await;
    }

    /// Waits until the page's source contains `text`.
    pub(crate) async fn wait_for_text(&self, text: &str) -> String {
        let started = Instant::now();
        loop {
            let source = self.source().await;
            if source.contains(text) {
                return source;
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "the page never showed {text:?}: {source}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// A PNG of the window; kept in `BAOCAO_SCREENSHOTS` when set.
    pub(crate) async fn screenshot(&self, name: &str) -> Vec<u8> {
        let b64 = self.call(reqwest::Method::GET, "/screenshot", None).await;
        let png = base64::engine::general_purpose::STANDARD.decode(b64.as_str().unwrap()).unwrap();
        if let Ok(dir) = std::env::var("BAOCAO_SCREENSHOTS") {
            std::fs::write(Path::new(&dir).join(name), &png).unwrap();
        }
        png
    }

    /// What a script run in the page returns.
    pub(crate) async fn script(&self, source: &str) -> Value {
        let body = json!({ "script": source, "args": [] });
        self.call(reqwest::Method::POST, "/execute/sync", Some(body)).await
    }

    pub(crate) async fn resize(&self, width: u32, height: u32) {
        let rect = json!({ "width": width, "height": height });
        self.call(reqwest::Method::POST, "/window/rect", Some(rect)).await;
    }
}

#[tokio::test]
async fn an_officer_follows_a_period_to_the_end_in_a_real_browser() {
    let Some(chrome) = Chrome::start().await else { return };
    let tg = FakeTelegram::start().await;
    let (bot, period, mut admin) = period_in_every_state(&tg).await;
    let base = Browser::new(&bot).base;

    // From /web in Telegram to the board in the browser.
    let link = web_link(&mut admin).await;
    chrome.open(&link).await;
    chrome.click("form[action='/login'] button").await;
    chrome.wait_for_text("Các kỳ báo cáo").await;
    chrome.click(&format!("a[href='/periods/{}']", period.0)).await;
    let board = chrome.wait_for_text("Nhắc các đơn vị chưa gửi").await;
    for unit in ["Ta Ma", "Pú Xi", "Nà Sáy", "Quài Cang"] {
        assert!(board.contains(unit), "the board lists {unit}");
    }
    // Latest sent first, as the README's picture shows it.
    chrome.open(&format!("{base}/periods/{}?sort=sent", period.0)).await;
    chrome.wait_for_text("Nhắc các đơn vị chưa gửi").await;
    let png = chrome.screenshot("console-board.png").await;
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "a real picture of the board");

    // The board updates by itself when a report arrives (its script polls every 10 s).
    chrome.open(&format!("{base}/periods/{}", period.0)).await;
    chrome.wait_for_text("Đã gửi 3/19").await;
    submit(&bot, period, 1003, 2, (9, 10), false).await;
    chrome.wait_for_text("Đã gửi 4/19").await;

    // Filter: those not sent.
    chrome.open(&format!("{base}/periods/{}?status=missing", period.0)).await;
    let missing = chrome.wait_for_text("Chưa gửi").await;
    assert!(!missing.contains(">xã Ta Ma</a>") && !missing.contains(">Xã Ta Ma</a>"));

    // A report, returned with a reason; the chair hears it in Telegram.
    let tama = crate::officer::unit(&bot, "X-TAMA").await;
    chrome.open(&format!("{base}/periods/{}", period.0)).await;
    chrome.click(&format!("#board a[href='/periods/{}/units/{}']", period.0, tama.0)).await;
    chrome.wait_for_text("Xử lý báo cáo").await;
    chrome.screenshot("console-report.png").await;
    let report_url = chrome.url().await;
    chrome.type_into("#reason", "Đề nghị bổ sung số liệu chỉ tiêu").await;
    chrome.click("button[value='return']").await;
    chrome.wait_for_text("Đã trả lại báo cáo").await;
    tg.wait_for("the chair to hear the reason", |tg| {
        tg.calls_of("sendMessage").into_iter().find(|c| {
            c.params["text"].as_str().unwrap_or_default().contains("bổ sung số liệu chỉ tiêu")
        })
    })
    .await;

    // The chair sends a new revision; the officer accepts it.
    submit(&bot, period, 1001, 4, (13, 15), false).await;
    chrome.open(&report_url).await;
    chrome.wait_for_text("lần 2").await;
    chrome.click("button[value='accept']").await;
    chrome.wait_for_text("Đã tiếp nhận báo cáo").await;
    tg.wait_for("the chair to hear it was accepted", |tg| {
        tg.calls_of("sendMessage").into_iter().find(|c| {
            c.params["chat_id"] == 1001
                && c.params["text"].as_str().unwrap_or_default().contains("tiếp nhận")
        })
    })
    .await;

    // The Decree 30 report, one click.
    chrome.open(&format!("{base}/periods/{}", period.0)).await;
    chrome.click(&format!("a[href='/periods/{}/export/docx']", period.0)).await;
    let started = Instant::now();
    let docx = loop {
        let found = std::fs::read_dir(&chrome.downloads)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "docx"));
        if let Some(path) = found {
            break std::fs::read(path).unwrap();
        }
        assert!(started.elapsed() < Duration::from_secs(20), "the .docx was not downloaded");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert!(docx.starts_with(b"PK"));

    // The statistics, and a phone's width.
    chrome.open(&format!("{base}/stats?year=2021")).await;
    chrome.wait_for_text("<svg").await;
    chrome.resize(390, 844).await;
    chrome.open(&format!("{base}/periods/{}", period.0)).await;
    chrome.wait_for_text("Nhắc các đơn vị chưa gửi").await;
    chrome.screenshot("console-board-phone.png").await;
}
