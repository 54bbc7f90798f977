//! The product without Telegram: no token set, `baocao run` serves the console and the chairs'
//! form, and `baocao web link --admin` lets the person at the machine in.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use baocao::i18n::{Lang, Msg};
use reqwest::header::{COOKIE, SET_COOKIE};
use reqwest::StatusCode;

const BIN: &str = env!("CARGO_BIN_EXE_baocao");

/// A port free a moment ago.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The binary with a clean environment and no token.
fn baocao(db: &std::path::Path, port: u16) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_clear().env("BAOCAO_DATABASE", db).env("RUST_LOG", "warn").env("BAOCAO_LANG", "vi");
    cmd.env("BAOCAO_WEB_ADDR", format!("127.0.0.1:{port}"));
    cmd
}

/// Killed when dropped, also when the test fails half-way.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn without_a_token_the_console_runs_and_the_machines_admin_signs_in() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("baocao.db");
    let port = free_port();
    let check = baocao(&db, port).args(["config", "check"]).output().unwrap();
    let out = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "{out}");
    assert!(out.contains("telegram = off"), "{out}");

    let mut child =
        baocao(&db, port).arg("run").stdout(Stdio::piped()).stderr(Stdio::null()).spawn().unwrap();
    let stdout = child.stdout.take().unwrap();
    let _running = Running(child);
    let mut first = String::new();
    BufReader::new(stdout).read_line(&mut first).unwrap();
    let said = Msg::new("cli-telegram-off").arg("addr", format!("http://127.0.0.1:{port}/"));
    assert_eq!(first.trim(), said.render(Lang::Vi));

    let link = baocao(&db, port).args(["web", "link", "--admin"]).output().unwrap();
    assert!(link.status.success(), "{}", String::from_utf8_lossy(&link.stderr));
    let link = String::from_utf8_lossy(&link.stdout).trim().to_owned();
    assert!(link.starts_with(&format!("http://127.0.0.1:{port}/login?code=")), "{link}");
    let client =
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).no_proxy().build();
    let client = client.unwrap();
    assert_eq!(client.get(&link).send().await.unwrap().status(), StatusCode::OK);
    let code = link.split("code=").nth(1).unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let signed = client.post(format!("{base}/login")).form(&[("code", code)]).send().await;
    let signed = signed.unwrap();
    assert_eq!(signed.status(), StatusCode::SEE_OTHER);
    let cookie = signed.headers().get(SET_COOKIE).unwrap().to_str().unwrap();
    let cookie = cookie.split(';').next().unwrap().to_owned();
    let page = client.get(format!("{base}/members")).header(COOKIE, &cookie).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let body = page.text().await.unwrap();
    let name = Msg::new("machine-admin-name").render(Lang::Vi);
    assert!(body.contains(&name), "the admin of the machine is listed: {body}");
    // The same person again: the same admin, not a second one.
    let again = baocao(&db, port).args(["web", "link", "--admin"]).output().unwrap();
    assert!(again.status.success());
    let members = baocao(&db, port).args(["member", "list"]).output().unwrap();
    let listed = String::from_utf8_lossy(&members.stdout);
    assert_eq!(listed.matches(&name).count(), 1, "{listed}");
}
