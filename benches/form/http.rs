//! The chairs' form through HTTP: reporters, each with a web session of the form made through the
//! use cases (a sign-in link printed at the machine, then opened), save answers to the release
//! binary as the page's script does — `POST /f/p/{period}/q/{i}` with `X-Requested-With: fetch`,
//! answered `200` with the saved answer as text — each on their own phone (an address of its own
//! behind a proxy on the machine, so the per-address limit counts each phone), all at once.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use baocao::actions::{web, App, Operator};
use baocao::domain::{Member, MemberId, PeriodId};
use baocao::store::Store;
use futures::StreamExt;
use reqwest::StatusCode;

use super::fake_telegram::FakeTelegram;
use super::{
    context_switches, cpu_seconds, percentile, sorted, start_bot, wait_ready, write_config,
};
use super::{mb, prepare, proc_field, seed, Args, KillOnDrop};

/// What the form measured.
#[derive(Default)]
pub struct FormMeasured {
    pub answers_per_s: f64,
    pub cpu_per_answer: f64,
    pub switches_per_answer: f64,
    /// p50 and p99 of one save, from the request sent to the answer read.
    pub latency: (f64, f64),
    pub peak_mb: f64,
}

/// The answers a chair saves, in turn: the question's index and the form's fields (the 2021
/// template: a text, a fraction, two numbers).
const ANSWERS: [(usize, &str); 4] = [
    (0, "value=Ho%C3%A0n+th%C3%A0nh+c%C3%A1c+ch%E1%BB%89+ti%C3%AAu"),
    (1, "num=12&den=15"),
    (2, "value=3"),
    (3, "value=5"),
];

/// One chair's browser: its session cookie, the page's CSRF token and its phone's address.
#[derive(Clone)]
struct Phone {
    cookie: String,
    csrf: String,
    address: String,
}

/// The form at saturation: `a.form_chairs` chairs × `a.form_saves` answers, no think time.
pub async fn form(a: &Args, dir: &Path) -> FormMeasured {
    let db = dir.join("form.db");
    let _ = std::fs::remove_file(&db);
    let (store, codes) = prepare(&db, a.form_chairs).await;
    let members = seed::register(&store, &codes, 900_000).await;
    let period = store.list_periods(false).await.unwrap()[0].id;
    let cookies = sessions(&store, &members).await;
    store.close().await;

    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");
    let config = write_config(dir, "");
    let tg = FakeTelegram::start().await;
    let mut child = start_bot(&db, &config, &tg, "", &format!("127.0.0.1:{port}"));
    let pid = child.id();
    let _guard = KillOnDrop(pid);
    wait_ready(&tg).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .pool_max_idle_per_host(a.form_chairs)
        .build()
        .unwrap();
    let page = format!("{base}/f/p/{}", period.0);
    let phones: Vec<Phone> = futures::stream::iter(cookies.into_iter().enumerate())
        .map(|(i, cookie)| opened(&client, &page, cookie, i))
        .buffered(16)
        .collect()
        .await;

    let cpu_before = cpu_seconds(pid);
    let switches_before = context_switches(pid);
    let start = Instant::now();
    let chairs: Vec<_> = phones
        .into_iter()
        .map(|phone| tokio::spawn(chair(client.clone(), base.clone(), period, phone, a.form_saves)))
        .collect();
    let mut latencies = Vec::with_capacity(a.form_chairs * a.form_saves);
    for c in chairs {
        latencies.extend(c.await.unwrap());
    }
    let elapsed = start.elapsed().as_secs_f64();
    let saved = latencies.len() as f64;
    let cpu = cpu_seconds(pid) - cpu_before;
    let latencies = sorted(latencies);
    let m = FormMeasured {
        answers_per_s: saved / elapsed,
        cpu_per_answer: cpu * 1000.0 / saved,
        switches_per_answer: (context_switches(pid) - switches_before) as f64 / saved,
        latency: (percentile(&latencies, 0.50), percentile(&latencies, 0.99)),
        peak_mb: mb(proc_field(pid, "VmHWM:")),
    };
    println!(
        "## baocao — the chairs' form through HTTP ({} chairs × {} answers saved, no think time)",
        a.form_chairs, a.form_saves
    );
    println!(
        "answers saved:          {saved} in {elapsed:.2} s = {:.0} answers/s",
        m.answers_per_s
    );
    println!("CPU per saved answer:   {:.3} ms (user+sys {cpu:.2} s)", m.cpu_per_answer);
    println!("context switches:       {:.1} per answer", m.switches_per_answer);
    println!("p50 / p99 of a save:    {:.1} / {:.1} ms", m.latency.0, m.latency.1);
    println!("peak RSS:               {:.1} MB", m.peak_mb);
    child.kill().unwrap();
    child.wait().unwrap();
    m
}

/// A form session for each member, made as the person at the machine makes one (`baocao web link
/// --member`) and opened as a browser opens the link: the cookie each browser then holds.
async fn sessions(store: &Store, members: &[Member]) -> Vec<String> {
    let config = baocao::config::Config::load(&Default::default()).unwrap();
    let clock: Arc<dyn baocao::domain::Clock> = Arc::new(baocao::domain::SystemClock);
    let app = App::new(store.clone(), Arc::new(config), clock, None);
    let operator = Operator::at_the_machine();
    let one = |member: MemberId| {
        let (app, operator) = (&app, &operator);
        async move {
            let link = web::login_link_for(app, operator, member).await.unwrap();
            let code = link.split("code=").nth(1).unwrap().to_owned();
            let opened = web::open_session(app, &code).await.unwrap().unwrap();
            format!("baocao_form={}", opened.token)
        }
    };
    // Many at once: the writer commits them together.
    futures::stream::iter(members.iter().map(|m| m.id)).map(one).buffered(64).collect().await
}

/// The chair opens the report page (its form's CSRF token is in it); the first tries wait for
/// the bot's listener.
async fn opened(client: &reqwest::Client, page: &str, cookie: String, i: usize) -> Phone {
    let address = format!("10.{}.{}.{}", i / 65536 % 256, i / 256 % 256, i % 256);
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let request =
            client.get(page).header("cookie", &cookie).header("x-forwarded-for", &address);
        if let Ok(response) = request.send().await {
            assert_eq!(response.status(), StatusCode::OK, "the report page");
            let body = response.text().await.unwrap();
            let at = body.find("name=\"csrf\" value=\"").unwrap() + "name=\"csrf\" value=\"".len();
            let csrf = body[at..].split('"').next().unwrap().to_owned();
            return Phone { cookie, csrf, address };
        }
        assert!(Instant::now() < deadline, "the form did not answer");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// One chair saving `saves` answers in turn, each once the last is answered; each save's latency.
async fn chair(
    client: reqwest::Client,
    base: String,
    period: PeriodId,
    phone: Phone,
    saves: usize,
) -> Vec<f64> {
    let mut latencies = Vec::with_capacity(saves);
    for n in 0..saves {
        let (index, fields) = ANSWERS[n % ANSWERS.len()];
        let url = format!("{base}/f/p/{}/q/{index}", period.0);
        let body = format!("csrf={}&{fields}", phone.csrf);
        let asked = Instant::now();
        let response = client
            .post(url)
            .header("cookie", &phone.cookie)
            .header("x-forwarded-for", &phone.address)
            .header("x-requested-with", "fetch")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        assert_eq!(status, StatusCode::OK, "{text}");
        assert!(text.starts_with("Đã lưu"), "{text}");
        latencies.push(asked.elapsed().as_secs_f64() * 1000.0);
    }
    latencies
}
