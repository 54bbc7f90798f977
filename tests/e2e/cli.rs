//! The real binary: configuration errors, unit import, invites, members, backup, `run`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use baocao::i18n::{t, Lang, Msg};

use crate::support::bot::TOKEN;
use crate::support::{FakeTelegram, Person, TestBot};

const BIN: &str = env!("CARGO_BIN_EXE_baocao");
const EXAMPLE_CSV: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/tuan-giao-units.csv");
/// The site as the people invited open it (the tests' console itself listens on 127.0.0.1).
const SITE: &str = "https://baocao.snv.example.vn/";

/// The binary with a clean environment (nothing from the developer's shell leaks in).
fn baocao(db: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_clear().env("BAOCAO_DATABASE", db).env("RUST_LOG", "warn").env("BAOCAO_LANG", "vi");
    // Tests run side by side: each console on a free port.
    cmd.env("BAOCAO_WEB_ADDR", "127.0.0.1:0");
    cmd
}

fn run(cmd: &mut Command) -> (i32, String, String) {
    let Output { status, stdout, stderr } = cmd.output().unwrap();
    (
        status.code().unwrap_or(-1),
        String::from_utf8_lossy(&stdout).into_owned(),
        String::from_utf8_lossy(&stderr).into_owned(),
    )
}

fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("baocao.db");
    (dir, db)
}

#[test]
fn importing_the_tuan_giao_list_reports_nineteen_units_and_a_second_run_changes_nothing() {
    let (_dir, db) = temp_db();
    let (code, out, err) = run(baocao(&db).args(["unit", "import", EXAMPLE_CSV]));
    assert_eq!(code, 0, "{err}");
    let first = Msg::new("cli-imported")
        .arg("total", 19_i64)
        .arg("added", 19_i64)
        .arg("updated", 0_i64)
        .arg("unchanged", 0_i64);
    assert_eq!(out.trim(), first.render(Lang::Vi));
    let (_, out, _) = run(baocao(&db).args(["unit", "import", EXAMPLE_CSV]));
    let second = Msg::new("cli-imported")
        .arg("total", 19_i64)
        .arg("added", 0_i64)
        .arg("updated", 0_i64)
        .arg("unchanged", 19_i64);
    assert_eq!(out.trim(), second.render(Lang::Vi));
    let (_, out, _) = run(baocao(&db).args(["unit", "list"]));
    assert!(out.lines().next().unwrap().contains("Thị trấn Tuần Giáo"));
    assert!(out.contains("X-TOATINH") && out.contains("Xã Tỏa Tình"));
    assert!(out
        .trim_end()
        .ends_with(&Msg::new("cli-unit-count").arg("count", 19_i64).render(Lang::Vi)));
}

#[test]
fn a_file_with_one_bad_line_is_rejected_whole_naming_the_line() {
    let (dir, db) = temp_db();
    let csv = dir.path().join("bad.csv");
    std::fs::write(
        &csv,
        "code,name,kind,cluster\nX-A,Xã A,commune,\nX-B,Xã B,huyện,\nX-C,Xã C,commune,\n",
    )
    .unwrap();
    let (code, out, err) = run(baocao(&db).args(["unit", "import"]).arg(&csv));
    assert_eq!(code, 1);
    assert!(out.is_empty());
    let reason = Msg::new("err-unit-kind").arg("kind", "huyện").render(Lang::Vi);
    assert!(
        err.contains(
            &Msg::new("cli-import-line").arg("line", "3").arg("reason", reason).render(Lang::Vi)
        ),
        "{err}"
    );
    let (_, out, _) = run(baocao(&db).args(["unit", "list"]));
    assert_eq!(out.trim(), Msg::new("cli-unit-count").arg("count", 0_i64).render(Lang::Vi));
}

/// Without a token the bot runs with its console (`no_telegram.rs`); with the console off too
/// there is nothing to serve, and it says so in one line.
#[test]
fn run_with_neither_telegram_nor_the_console_stops_with_one_clear_line() {
    let (_dir, db) = temp_db();
    let (code, out, err) = run(baocao(&db).env("BAOCAO_WEB_ADDR", "off"));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(lines[0].contains("TELOXIDE_TOKEN") && lines[0].contains("BAOCAO_WEB_ADDR"), "{err}");
}

#[test]
fn a_bad_setting_is_named_and_the_token_is_masked() {
    let (_dir, db) = temp_db();
    let (code, _, err) =
        run(baocao(&db).env("TELOXIDE_TOKEN", TOKEN).env("BAOCAO_ADMINS", "12,mười"));
    assert_eq!(code, 2);
    assert!(err.contains("BAOCAO_ADMINS") && err.contains("mười"), "{err}");
    let (code, out, _) = run(baocao(&db).env("TELOXIDE_TOKEN", TOKEN).args(["config", "check"]));
    assert_eq!(code, 0);
    assert!(out.contains("token = 123456:****"), "{out}");
    assert!(!out.contains("TEST-token"));
    assert!(out.contains("timezone = Asia/Ho_Chi_Minh"));
}

#[tokio::test]
async fn an_invite_printed_by_the_cli_lets_a_chair_join() {
    let (_dir, db) = temp_db();
    run(baocao(&db).args(["unit", "import", EXAMPLE_CSV]));
    let (code, out, err) = run(baocao(&db).env("BAOCAO_BOT_USERNAME", "baocao_test_bot").args([
        "invite",
        "create",
        "--unit",
        "X-MUONGMUN",
        "--expires",
        "3d",
    ]));
    assert_eq!(code, 0, "{err}");
    let start = out.find("?start=").unwrap() + "?start=".len();
    let code_text: String = out[start..].chars().take_while(char::is_ascii_alphanumeric).collect();
    let (_, listed, _) = run(baocao(&db).args(["invite", "list"]));
    assert!(
        listed.contains("X-MUONGMUN") && !listed.contains(&code_text),
        "codes are not stored: {listed}"
    );

    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).database(&db).without_units().start().await;
    let mut chair = Person::new(&tg, 5005, "Chủ tịch Mường Mùn", Some("vi"));
    chair.send(&format!("/start {code_text}"));
    let welcome = crate::support::district(Msg::new("welcome-reporter"))
        .arg("name", "Chủ tịch Mường Mùn")
        .arg("unit", "xã Mường Mùn");
    assert_eq!(
        chair.next_text().await,
        crate::support::asking_name(welcome.render(Lang::Vi), Lang::Vi)
    );
    drop(bot);

    let (_, members, _) = run(baocao(&db).args(["member", "list"]));
    assert!(
        members.contains("Chủ tịch Mường Mùn") && members.contains("Xã Mường Mùn"),
        "{members}"
    );
}

#[test]
fn invite_errors_are_clear() {
    let (_dir, db) = temp_db();
    run(baocao(&db).args(["unit", "import", EXAMPLE_CSV]));
    let with_name = |cmd: &mut Command| -> (i32, String, String) {
        run(cmd.env("BAOCAO_BOT_USERNAME", "baocao_test_bot"))
    };
    let (code, _, err) = with_name(baocao(&db).args(["invite", "create", "--unit", "X-NOWHERE"]));
    assert_eq!(code, 1);
    assert_eq!(err.trim(), Msg::new("err-unit-unknown").arg("code", "X-NOWHERE").render(Lang::Vi));
    let (code, _, err) = with_name(baocao(&db).args(["invite", "create"]));
    assert_eq!(code, 1);
    assert_eq!(err.trim(), Msg::new("err-invite-needs-unit").render(Lang::Vi));
    let (code, _, err) = with_name(baocao(&db).args([
        "invite",
        "create",
        "--unit",
        "X-TAMA",
        "--expires",
        "mãi mãi",
    ]));
    assert_eq!(code, 1);
    assert!(err.contains("mãi mãi"));
    let (code, out, _) = with_name(baocao(&db).args(["invite", "create", "--role", "officer"]));
    assert_eq!(code, 0);
    assert!(out.contains("https://t.me/baocao_test_bot?start="));
}

#[test]
fn deactivating_a_unit_keeps_it_listed_as_inactive() {
    let (_dir, db) = temp_db();
    run(baocao(&db).args(["unit", "import", EXAMPLE_CSV]));
    let (code, out, _) = run(baocao(&db).args(["unit", "deactivate", "x-nasay"]));
    assert_eq!(code, 0);
    assert_eq!(
        out.trim(),
        Msg::new("cli-unit-deactivated").arg("code", "X-NASAY").render(Lang::Vi)
    );
    let (_, out, _) = run(baocao(&db).args(["unit", "list"]));
    assert!(!out.contains("X-NASAY"));
    let (_, out, _) = run(baocao(&db).args(["unit", "list", "--all"]));
    assert!(out.contains("X-NASAY"));
    let (code, _, err) = run(baocao(&db).args(["unit", "deactivate", "X-NOWHERE"]));
    assert_eq!(code, 1);
    assert!(err.contains("X-NOWHERE"));
}

#[test]
fn backup_writes_a_copy_and_never_overwrites() {
    let (dir, db) = temp_db();
    run(baocao(&db).args(["unit", "import", EXAMPLE_CSV]));
    let copy = dir.path().join("copy.db");
    let (code, _, err) = run(baocao(&db).arg("backup").arg(&copy));
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = run(baocao(&copy).args(["unit", "list"]));
    assert!(out.contains("X-TAMA"));
    let (code, _, _) = run(baocao(&db).arg("backup").arg(&copy));
    assert_eq!(code, 1);
}

#[tokio::test]
async fn the_binary_runs_against_a_local_bot_api_and_stops_on_sigterm() {
    let (_dir, db) = temp_db();
    let tg = FakeTelegram::start().await;
    let mut child = baocao(&db)
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", tg.api_url())
        .arg("run")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut guest = Person::new(&tg, 777, "Khách", Some("vi"));
    guest.send("/start");
    // No office configured: today's default, a Sở Nội vụ.
    let expected =
        Msg::new("welcome-unknown").arg("office", "Sở Nội vụ").arg("id", "777").render(Lang::Vi);
    assert_eq!(guest.next_text().await, expected);

    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    // It must stop within seconds; a hang fails the test instead of stalling the suite.
    let started = std::time::Instant::now();
    let exit = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("the bot did not stop within 20 s of SIGTERM");
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    assert!(exit.success(), "{exit:?}");
}

#[test]
fn periods_are_created_listed_shown_and_closed_from_the_command_line() {
    let (_dir, db) = temp_db();
    run(baocao(&db).args(["unit", "import", EXAMPLE_CSV]));
    let create = [
        "period",
        "create",
        "--kind",
        "semiannual",
        "--half",
        "1",
        "--year",
        "2021",
        "--due",
        "16/06/2021 17:00",
        "--template",
        "thi-dua",
    ];
    let (code, out, err) = run(baocao(&db).args(create));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("15/12/2020 – 14/06/2021") && out.contains("16/06/2021 17:00"), "{out}");
    assert!(out.starts_with(
        &Msg::new("cli-period-created").arg("id", "1").arg("units", 19_i64).render(Lang::Vi)
    ));

    let (code, _, err) = run(baocao(&db).args([
        "period",
        "create",
        "--kind",
        "semiannual",
        "--half",
        "1",
        "--year",
        "2021",
        "--due",
        "14/06/2021 17:00",
    ]));
    assert_eq!(code, 1);
    assert_eq!(err.trim(), Msg::new("err-period-due-before-window").render(Lang::Vi));
    let (code, _, err) = run(baocao(&db).args([
        "period",
        "create",
        "--kind",
        "annual",
        "--year",
        "2021",
        "--due",
        "20/12/2021 17:00",
        "--template",
        "khong-co",
    ]));
    assert_eq!(code, 1);
    assert!(err.contains("khong-co") && err.contains("thi-dua"), "{err}");
    // A deadline on a Sunday is opened only when the operator insists, after being told why.
    let sunday = |extra: &[&str]| {
        let mut cmd = baocao(&db);
        cmd.args(["period", "create", "--kind", "ad-hoc", "--title", "Báo cáo ngày nghỉ"]);
        cmd.args(["--from", "01/06/2021", "--to", "15/06/2021", "--due", "20/06/2021 17:00"]);
        run(cmd.args(extra))
    };
    let (code, out, err) = sunday(&[]);
    assert_eq!((code, out.as_str()), (1, ""));
    let why = Msg::new("due-warning-day-off").arg("day", "20/06/2021").arg("weekday", 7_i64);
    assert!(err.contains(&why.render(Lang::Vi)), "{err}");
    assert!(err.contains(&t(Lang::Vi, "cli-due-anyway")), "{err}");
    let (code, out, _) = sunday(&["--anyway"]);
    assert_eq!(code, 0);
    assert!(out.contains("Báo cáo ngày nghỉ"));
    let (code, out, _) = run(baocao(&db).args([
        "period",
        "create",
        "--kind",
        "ad-hoc",
        "--title",
        "Báo cáo chuyên đề phòng chống lũ",
        "--from",
        "01/07/2021",
        "--to",
        "15/07/2021",
        "--due",
        "20/07/2021 17:00",
        "--units",
        "X-TAMA,X-PUXI",
    ]));
    assert_eq!(code, 0);
    assert!(
        out.contains("Báo cáo chuyên đề phòng chống lũ")
            && out.contains(
                &Msg::new("cli-period-created").arg("id", "3").arg("units", 2_i64).render(Lang::Vi)
            )
    );

    let long_title = "Báo cáo ".repeat(30);
    let (code, _, err) = run(baocao(&db).args([
        "period",
        "create",
        "--kind",
        "ad-hoc",
        "--title",
        &long_title,
        "--from",
        "01/07/2021",
        "--to",
        "15/07/2021",
        "--due",
        "20/07/2021 17:00",
    ]));
    assert_eq!(code, 1);
    assert_eq!(
        err.trim(),
        Msg::new("err-period-title-too-long").arg("max", 120_i64).render(Lang::Vi)
    );
    let (_, out, _) = run(baocao(&db).args(["period", "list"]));
    assert!(out.contains("#1") && out.contains("0/19") && out.contains("#2"), "{out}");
    let (code, out, _) = run(baocao(&db).args(["period", "close", "1"]));
    assert_eq!(
        (code, out.trim()),
        (0, Msg::new("cli-period-closed-now").arg("id", "1").render(Lang::Vi).as_str())
    );
    let (_, out, _) = run(baocao(&db).args(["period", "show", "1"]));
    assert!(out.contains(&Msg::new("cli-period-closed").render(Lang::Vi)));
    let (code, _, err) = run(baocao(&db).args(["period", "close", "99"]));
    assert_eq!(code, 1);
    assert_eq!(err.trim(), Msg::new("err-period-unknown").arg("id", "99").render(Lang::Vi));
}

#[test]
fn a_bad_cron_expression_stops_the_start_naming_it_and_schedule_prints_next_firings() {
    let (dir, db) = temp_db();
    let toml = dir.path().join("baocao.toml");
    std::fs::write(&toml, "[schedule]\nreminder_sweep = \"0 8 * * 1-5\"\n").unwrap();
    let (code, _, err) =
        run(baocao(&db).env("TELOXIDE_TOKEN", TOKEN).arg("--config").arg(&toml).arg("run"));
    assert_eq!(code, 2);
    assert!(err.contains("schedule.reminder_sweep") && err.contains("0 8 * * 1-5"), "{err}");

    std::fs::write(&toml, "[schedule]\nholidays = [\"2030-09-02\"]\n[[series]]\nkey = \"h1\"\ncron = \"0 0 7 1 6 *\"\nkind = \"semiannual\"\n").unwrap();
    let (code, out, err) =
        run(baocao(&db).arg("--config").arg(&toml).args(["schedule", "--count", "2"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("[0 0 8 * * Mon-Fri]")
            && out.contains("[0 30 16 * * Mon-Fri]")
            && out.contains("[0 0 7 1 6 *]"),
        "{out}"
    );
    assert!(out.contains(" 08:00") && out.contains(" 16:30") && out.contains("01/06/"), "{out}");
    assert_eq!(out.lines().filter(|l| l.starts_with("  ")).count(), 6);
}

#[test]
fn the_cli_exports_a_period_to_xlsx_and_csv() {
    let (dir, db) = temp_db();
    run(baocao(&db).args(["unit", "import", EXAMPLE_CSV]));
    run(baocao(&db).args([
        "period",
        "create",
        "--kind",
        "annual",
        "--year",
        "2021",
        "--due",
        "16/12/2021 17:00",
    ]));
    let xlsx = dir.path().join("ky-1.xlsx");
    let (code, out, err) = run(baocao(&db).args(["export", "--period", "1", "--out"]).arg(&xlsx));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("19"));
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    use calamine::Reader;
    assert_eq!(book.worksheet_range("Báo cáo").unwrap().height(), 20);
    let csv = dir.path().join("ky-1.csv");
    let (code, _, _) = run(baocao(&db).args(["export", "--period", "1", "--out"]).arg(&csv));
    assert_eq!(code, 0);
    assert!(std::fs::read(&csv).unwrap().starts_with(b"\xEF\xBB\xBF"));
    let docx = dir.path().join("bao-cao-tong-hop.docx");
    let (code, _, err) = run(baocao(&db).args(["export", "--period", "1", "--out"]).arg(&docx));
    assert_eq!(code, 0, "{err}");
    let file = std::fs::File::open(&docx).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && xml.contains("SỞ NỘI VỤ"));
    let (code, _, err) =
        run(baocao(&db).args(["export", "--period", "1", "--out"]).arg(dir.path().join("ky.pdf")));
    assert_eq!(code, 1);
    assert!(err.contains("ky.pdf"));
    let (code, _, err) = run(baocao(&db).args(["export", "--period", "9", "--out"]).arg(&csv));
    assert_eq!(code, 1);
    assert_eq!(err.trim(), Msg::new("err-period-unknown").arg("id", "9").render(Lang::Vi));
}

/// A province onboarded in one step: every commune without a reporter gets its links in the CSV
/// (the bot's, and the join page's when the site has a public address) and a page in the
/// printable PDF with a QR code of each; a chair joins from the CSV's Telegram link, another from
/// its web link in a browser; the next run leaves them out.
#[tokio::test]
async fn invite_create_all_writes_a_csv_and_a_printable_page_per_unit_and_the_links_work() {
    let (dir, db) = temp_db();
    run(baocao(&db).args(["unit", "import", EXAMPLE_CSV]));
    let out_base = dir.path().join("moi");
    let all = |extra: &[&str]| {
        let mut cmd = baocao(&db);
        cmd.env("BAOCAO_BOT_USERNAME", "baocao_test_bot").args(["invite", "create", "--all"]);
        cmd.env("BAOCAO_WEB_URL", SITE);
        run(cmd.args(extra).arg("--out").arg(&out_base))
    };
    let (code, out, err) = all(&["--kind", "xã", "--officers", "2"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("(18 đơn vị, 2 cán bộ theo dõi)"), "{out}");
    let csv = std::fs::read_to_string(out_base.with_extension("csv")).unwrap();
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    assert_eq!(lines.next(), Some("code,name,kind,cluster,link,expires,web_link"));
    let rows: Vec<Vec<&str>> = lines.map(|r| r.split(',').collect()).collect();
    assert_eq!(rows.len(), 20, "18 communes (no thị trấn) and 2 officers");
    assert!(rows.iter().all(|r| !r[0].starts_with("TT-")));
    let pdf = std::fs::read(out_base.with_extension("pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&pdf);
    assert_eq!(text.matches("/Type /Page\n").count() + text.matches("/Type /Page/").count(), 20);
    assert!(text.contains("/FontFile2"), "the font is embedded");
    // Each page opens its own two links, from its codes and from their text.
    for row in &rows {
        for link in [row[4], row[6]] {
            assert_eq!(text.matches(&format!("/URI ({link})")).count(), 2, "{link}");
        }
    }

    // One code in both links of a row: whichever is opened first uses it up.
    let code_of = |unit: &str| {
        let row = rows.iter().find(|r| r[0] == unit).unwrap();
        let code = row[4].strip_prefix("https://t.me/baocao_test_bot?start=").unwrap();
        assert_eq!(row[6], format!("{SITE}join?code={code}"));
        code.to_owned()
    };
    let tg = FakeTelegram::start().await;
    let mut bot = TestBot::builder(&tg).database(&db).without_units().start().await;
    let mut chair = Person::new(&tg, 5006, "Chủ tịch Ta Ma", Some("vi"));
    chair.send(&format!("/start {}", code_of("X-TAMA")));
    assert!(chair.next_text().await.contains("người báo cáo của xã Ta Ma"));
    let browser = crate::web::Browser::new(&bot);
    let join = browser.get(&format!("/join?code={}", code_of("X-PUXI"))).await;
    assert!(join.body.contains("người báo cáo của xã Pú Xi"), "{}", join.body);
    let form = [
        ("code", code_of("X-PUXI")),
        ("name", "Quàng Văn Pú".to_owned()),
        ("position", "Chủ tịch UBND xã".to_owned()),
        ("email", "pu@puxi.dienbien.gov.vn".to_owned()),
    ];
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let joined = browser.post("/join", &form).await;
    assert_eq!(joined.status, reqwest::StatusCode::SEE_OTHER, "{}", joined.body);
    bot.stop().await;

    // The files of the first run are never overwritten: they are moved away first.
    for ext in ["csv", "pdf"] {
        let kept = dir.path().join(format!("gui-ngay-1.{ext}"));
        std::fs::rename(out_base.with_extension(ext), kept).unwrap();
    }
    let (code, out, err) = all(&[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("(17 đơn vị, 0 cán bộ theo dõi)"), "Ta Ma and Pú Xi have theirs: {out}");
    let (code, _, err) = all(&["--kind", "huyện"]);
    assert_eq!(code, 1);
    assert!(err.contains("huyện"), "{err}");
}

/// Telegram off (no token, no bot username): the invitations are the join page's alone, in the
/// CSV's `web_link` with `link` empty, and from `invite create`; with no site another device can
/// open either (the default, 127.0.0.1), none is made and the error says what to set.
#[test]
fn without_telegram_the_invitations_are_the_join_pages_and_without_any_way_none_is_made() {
    let (dir, db) = temp_db();
    run(baocao(&db).args(["unit", "import", EXAMPLE_CSV]));
    let out = dir.path().join("moi");
    let all = || {
        let mut cmd = baocao(&db);
        cmd.args(["invite", "create", "--all", "--kind", "xã", "--out"]).arg(&out);
        cmd
    };
    let (code, _, err) = run(&mut all());
    assert_eq!((code, err.trim()), (1, Msg::new("err-invite-no-way").render(Lang::Vi).as_str()));
    assert!(!out.with_extension("csv").exists() && !out.with_extension("pdf").exists());
    let (_, listed, _) = run(baocao(&db).args(["invite", "list"]));
    assert!(!listed.contains("X-TAMA"), "nothing stored: {listed}");

    let (code, _, err) = run(all().env("BAOCAO_WEB_URL", SITE));
    assert_eq!(code, 0, "{err}");
    let csv = std::fs::read_to_string(out.with_extension("csv")).unwrap();
    let rows: Vec<Vec<&str>> = csv.lines().skip(1).map(|r| r.split(',').collect()).collect();
    assert_eq!(rows.len(), 18);
    for row in &rows {
        assert_eq!(row[4], "", "no bot's link: {row:?}");
        assert!(row[6].starts_with(&format!("{SITE}join?code=")), "{row:?}");
    }
    let pdf =
        String::from_utf8_lossy(&std::fs::read(out.with_extension("pdf")).unwrap()).into_owned();
    assert_eq!(pdf.matches(&format!("/URI ({SITE}join?code=")).count(), 2 * 18);
    assert!(!pdf.contains("t.me/"));

    let one = ["invite", "create", "--unit", "X-TAMA"];
    let (code, text, err) = run(baocao(&db).env("BAOCAO_WEB_URL", SITE).args(one));
    assert_eq!(code, 0, "{err}");
    assert!(text.contains(&format!("{SITE}join?code=")) && !text.contains("t.me/"), "{text}");
    let (code, _, err) = run(baocao(&db).args(one));
    assert_eq!((code, err.trim()), (1, Msg::new("err-invite-no-way").render(Lang::Vi).as_str()));
}

/// `period create --attach`: a missing, empty or too large file is refused, naming why, and no
/// period is opened.
#[test]
fn a_bad_attachment_is_refused_and_opens_nothing() {
    let (dir, db) = temp_db();
    run(baocao(&db).args(["unit", "import", EXAMPLE_CSV]));
    let create = |file: &Path| {
        let mut cmd = baocao(&db);
        cmd.args(["period", "create", "--kind", "semiannual", "--half", "1", "--year", "2021"]);
        run(cmd.args(["--due", "16/06/2021 17:00", "--attach"]).arg(file))
    };
    let (code, _, err) = create(&dir.path().join("khong-co.pdf"));
    assert_eq!(code, 1);
    assert!(err.contains("khong-co.pdf"), "{err}");
    let empty = dir.path().join("rong.pdf");
    std::fs::write(&empty, b"").unwrap();
    let too_big = dir.path().join("lon.pdf");
    std::fs::File::create(&too_big).unwrap().set_len(21 * 1024 * 1024).unwrap();
    let size = Msg::new("err-attachment-size").arg("max", 20_i64).render(Lang::Vi);
    for file in [&empty, &too_big] {
        let (code, _, err) = create(file);
        assert_eq!((code, err.trim()), (1, size.as_str()));
    }
    let (_, out, _) = run(baocao(&db).args(["period", "list", "--all"]));
    assert!(!out.contains("2021"), "nothing opened: {out}");
}

#[tokio::test]
async fn the_operator_prints_a_sign_in_link_for_an_officer_and_not_for_anyone_else() {
    let (_dir, db) = temp_db();
    run(baocao(&db).args(["unit", "import", EXAMPLE_CSV]));
    let tg = FakeTelegram::start().await;
    let bot = TestBot::builder(&tg).database(&db).without_units().admins(&[900]).start().await;
    let mut admin = Person::new(&tg, 900, "Trưởng phòng", Some("vi"));
    admin.send("/start");
    admin.next_message().await;
    drop(bot);
    let web = ["--web-url", "https://baocao.snv.example.vn/"];
    let (code, out, err) = run(baocao(&db).args(web).args(["web", "link", "--member", "1"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.trim().starts_with("https://baocao.snv.example.vn/login?code="), "{out}");
    let (code, out, err) = run(baocao(&db).args(web).args(["web", "link", "--member", "99"]));
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("số 99") && err.contains("member list"), "{err}");
    let (code, _, err) =
        run(baocao(&db).env("BAOCAO_WEB_ADDR", "off").args(["web", "link", "--member", "1"]));
    assert_eq!(code, 1);
    assert!(err.contains("chưa được bật"), "{err}");
}

/// The hole of the security read: the files of `invite create --all` were written over an
/// existing one, readable by everyone (0644), after the invites were stored (a failed write lost
/// them). Now: new files only, the owner's only, and both or neither.
#[test]
fn invite_files_are_new_and_private_and_stored_only_once_written() {
    let (dir, db) = temp_db();
    run(baocao(&db).args(["unit", "import", EXAMPLE_CSV]));
    let all = |out: &std::path::Path| {
        let mut cmd = baocao(&db);
        cmd.env("BAOCAO_BOT_USERNAME", "baocao_test_bot").args(["invite", "create", "--all"]);
        run(cmd.arg("--out").arg(out))
    };
    let stored = || {
        let (code, out, _) = run(baocao(&db).args(["invite", "list", "--all"]));
        assert_eq!(code, 0);
        out.lines().filter(|l| l.starts_with("reporter") || l.starts_with("officer")).count()
    };
    // A folder that does not exist: nothing can be written, so nothing is stored.
    let (code, _, err) = all(&dir.path().join("khong-co/moi"));
    assert_eq!(code, 1);
    assert!(err.contains("khong-co"), "{err}");
    assert_eq!(stored(), 0, "no invite whose code nobody will ever see");
    // An existing file is left as it was, and nothing is stored either.
    let out = dir.path().join("moi");
    std::fs::write(out.with_extension("csv"), "giữ nguyên").unwrap();
    let (code, _, err) = all(&out);
    assert_eq!(code, 1);
    assert_eq!(
        err.trim(),
        Msg::new("cli-file-exists")
            .arg("path", out.with_extension("csv").display().to_string())
            .render(Lang::Vi)
    );
    assert_eq!(std::fs::read_to_string(out.with_extension("csv")).unwrap(), "giữ nguyên");
    assert!(!out.with_extension("pdf").exists());
    assert_eq!(stored(), 0);
    // New files: written, then stored, readable by their owner only.
    let fresh = dir.path().join("moi-2");
    let (code, _, err) = all(&fresh);
    assert_eq!(code, 0, "{err}");
    assert_eq!(stored(), 19);
    #[cfg(unix)]
    for ext in ["csv", "pdf"] {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(fresh.with_extension(ext)).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{ext}");
    }
}

/// The running bot holds who is writing in memory (its read model). `baocao member remove`, typed
/// at the machine while it runs, is another process's write: the bot sees it within a second (it
/// watches `PRAGMA data_version`), and that member's next update is refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_removed_from_the_command_line_is_refused_within_a_second_while_the_bot_runs() {
    use crate::report::{join, open_first_half, reply, start_report};
    let tg = FakeTelegram::start().await;
    let bot = TestBot::start(&tg).await;
    open_first_half(&bot, baocao::domain::Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Chủ tịch", "X-TAMA", "vi").await;
    start_report(&mut chair).await;
    let resuming = t(Lang::Vi, "report-resuming");
    assert!(reply(&mut chair, "/baocao").await.text().starts_with(&resuming));

    let id = bot.store().member_by_tg_user(1001).await.unwrap().unwrap().id.0.to_string();
    let db = bot.db.clone();
    let remove = move || run(baocao(&db).args(["member", "remove", id.as_str()]));
    let (code, _, err) = tokio::task::spawn_blocking(remove).await.unwrap();
    assert_eq!(code, 0, "{err}");
    let deadline = std::time::Instant::now() + crate::support::ANOTHER_PROCESS_SEEN_WITHIN;
    loop {
        let answer = reply(&mut chair, "/baocao").await.text();
        // As to anyone the bot does not know.
        let guest = crate::support::district(Msg::new("welcome-unknown")).arg("id", "1001");
        if answer == guest.render(Lang::Vi) {
            break;
        }
        assert!(answer.starts_with(&resuming), "{answer}");
        assert!(
            std::time::Instant::now() < deadline,
            "still served as a member a second after `member remove`"
        );
    }
}

/// The bot holds its officers in memory too (whom a submission's notices go to). An officer added
/// with only an e-mail address by `baocao member add`, typed at the machine while the bot runs, is
/// among them within a second, and is told of the next report by letter.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_officer_added_from_the_command_line_is_told_of_the_next_report_by_letter() {
    use crate::report::{answer_everything, join, open_first_half, tap};
    const OFFICER: &str = "thidua@tuangiao.dienbien.gov.vn";
    let (tg, sink) =
        (FakeTelegram::start().await, crate::support::smtp_sink::SmtpSink::start().await);
    let bot = crate::email::bot_with_mail(&tg, &sink, 6000).await;
    open_first_half(&bot, baocao::domain::Audience::AllActive).await;
    let mut chair = join(&tg, &bot, 1001, "Lò Văn Minh", "X-TAMA", "vi").await;
    let has_officer = |officers: Vec<baocao::domain::Member>| {
        officers.iter().any(|o| o.contacts.iter().any(|c| c.address == OFFICER))
    };
    assert!(!has_officer(bot.store().officers().await.unwrap()), "held: nobody by e-mail yet");

    let db = bot.db.clone();
    let args =
        ["member", "add", "--role", "officer", "--name", "Quàng Thị Thu", "--email", OFFICER];
    let add = move || run(baocao(&db).args(args));
    let (code, _, err) = tokio::task::spawn_blocking(add).await.unwrap();
    assert_eq!(code, 0, "{err}");
    crate::support::until_seen("the officer added", || async {
        has_officer(bot.store().officers().await.unwrap())
    })
    .await;

    chair.send("/baocao");
    chair.next_message().await;
    chair.next_message().await;
    let review = answer_everything(&mut chair).await;
    tap(&mut chair, &review, &t(Lang::Vi, "report-button-submit")).await;
    let letter = crate::form::letter_saying(&sink, OFFICER, "Ta Ma").await;
    assert!(letter.contains("đã gửi"), "{letter}");
}
