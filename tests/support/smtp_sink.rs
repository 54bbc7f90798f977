//! A mail server for tests, in this process, on 127.0.0.1 (a random port, no TLS): it speaks
//! enough ESMTP for lettre (EHLO/HELO, AUTH PLAIN and LOGIN — any password is taken —, MAIL,
//! RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT), keeps every letter it accepts (envelope and
//! raw data, with the time it arrived), and can refuse an address for good or once.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

/// A letter as the server took it.
#[derive(Clone, Debug)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent (headers and body, CRLF line ends, dots unstuffed).
    pub data: Vec<u8>,
    pub at: Instant,
}

impl Received {
    /// The letter, parsed as a mail client would.
    pub fn parsed(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default().parse(&self.data).expect("a parsable letter")
    }
}

#[derive(Default)]
struct State {
    received: Vec<Received>,
    /// Addresses refused at RCPT with this reply, every time.
    refused: HashMap<String, String>,
    /// Addresses refused at RCPT with this reply, the next time only.
    refused_once: HashMap<String, String>,
    /// Every RCPT TO, in order (accepted or not).
    tried: Vec<String>,
    /// The user names and passwords given with AUTH.
    logins: Vec<(String, String)>,
    /// After this many letters, the next one (that one only) is taken but never answered (a
    /// connection lost before the "250"), until `resume`.
    stall_after: Option<usize>,
}

/// The running server.
#[derive(Clone)]
pub struct SmtpSink {
    pub addr: std::net::SocketAddr,
    state: Arc<Mutex<State>>,
    arrived: Arc<Notify>,
    resumed: Arc<Notify>,
}

impl SmtpSink {
    /// Starts a server on a free port of 127.0.0.1.
    pub async fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let sink = SmtpSink {
            addr: listener.local_addr().unwrap(),
            state: Arc::default(),
            arrived: Arc::new(Notify::new()),
            resumed: Arc::new(Notify::new()),
        };
        let server = sink.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let server = server.clone();
                tokio::spawn(async move {
                    let _ = server.serve(stream).await;
                });
            }
        });
        sink
    }

    /// `BAOCAO_SMTP_URL` for this server (no TLS: it is this machine).
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}?tls=none", self.addr.port())
    }

    /// Answers `reply` (e.g. "550 5.1.1 mailbox unavailable") to every RCPT TO `address`.
    pub fn refuse(&self, address: &str, reply: &str) {
        self.state.lock().unwrap().refused.insert(address.to_owned(), reply.to_owned());
    }

    /// Answers `reply` (e.g. "451 4.7.1 slow down") to the next RCPT TO `address` only.
    pub fn refuse_once(&self, address: &str, reply: &str) {
        self.state.lock().unwrap().refused_once.insert(address.to_owned(), reply.to_owned());
    }

    /// Takes `n` letters, then takes the next without answering it (the others are answered),
    /// until [`SmtpSink::resume`].
    pub fn stall_after(&self, n: usize) {
        self.state.lock().unwrap().stall_after = Some(n);
    }

    /// Answers again (the letter held is not answered: its client is expected gone).
    pub fn resume(&self) {
        self.state.lock().unwrap().stall_after = None;
        self.resumed.notify_waiters();
    }

    /// The letters taken so far.
    pub fn received(&self) -> Vec<Received> {
        self.state.lock().unwrap().received.clone()
    }

    /// How many times a letter to `address` was tried (RCPT TO), taken or not.
    pub fn tries(&self, address: &str) -> usize {
        self.state.lock().unwrap().tried.iter().filter(|a| *a == address).count()
    }

    /// The logins given (user, password).
    pub fn logins(&self) -> Vec<(String, String)> {
        self.state.lock().unwrap().logins.clone()
    }

    /// Waits (10 s at most) until `n` letters were taken, and returns them.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            let arrived = self.arrived.notified();
            tokio::pin!(arrived);
            arrived.as_mut().enable();
            let received = self.received();
            if received.len() >= n {
                return received;
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                panic!("waited for {n} letters, {} arrived", self.received().len());
            }
        }
    }

    async fn serve(&self, stream: TcpStream) -> std::io::Result<()> {
        let (read, mut write) = stream.into_split();
        let mut lines = BufReader::new(read);
        write.write_all(b"220 127.0.0.1 ESMTP test sink\r\n").await?;
        let (mut from, mut to) = (String::new(), Vec::new());
        loop {
            let line = read_line(&mut lines).await?;
            let upper = line.to_ascii_uppercase();
            let reply = if upper.starts_with("EHLO") {
                "250-127.0.0.1\r\n250-AUTH PLAIN LOGIN\r\n250 SIZE 52428800".to_owned()
            } else if upper.starts_with("HELO") || upper == "NOOP" {
                "250 OK".to_owned()
            } else if upper.starts_with("AUTH ") {
                self.login(&line, &mut lines, &mut write).await?
            } else if upper.starts_with("MAIL FROM:") {
                (from, to) = (path(&line), Vec::new());
                "250 OK".to_owned()
            } else if upper.starts_with("RCPT TO:") {
                let address = path(&line);
                let refusal = self.refusal(&address);
                if refusal.is_none() {
                    to.push(address);
                }
                refusal.unwrap_or_else(|| "250 OK".to_owned())
            } else if upper == "DATA" && !to.is_empty() {
                write.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await?;
                let data = read_data(&mut lines).await?;
                let letter =
                    Received { from: from.clone(), to: to.clone(), data, at: Instant::now() };
                let stalled = {
                    let mut state = self.state.lock().unwrap();
                    state.received.push(letter);
                    state.stall_after.is_some_and(|n| state.received.len() == n + 1)
                };
                self.arrived.notify_waiters();
                if stalled {
                    self.resumed.notified().await;
                    return Ok(());
                }
                "250 OK queued".to_owned()
            } else if upper == "DATA" {
                "503 5.5.1 No valid recipients".to_owned()
            } else if upper == "RSET" {
                (from, to) = (String::new(), Vec::new());
                "250 OK".to_owned()
            } else if upper == "QUIT" {
                write.write_all(b"221 Bye\r\n").await?;
                return Ok(());
            } else {
                "502 5.5.2 Command not implemented".to_owned()
            };
            write.write_all(format!("{reply}\r\n").as_bytes()).await?;
        }
    }

    /// The reply to RCPT TO `address` when it is refused (and notes the try).
    fn refusal(&self, address: &str) -> Option<String> {
        let mut state = self.state.lock().unwrap();
        state.tried.push(address.to_owned());
        let once = state.refused_once.remove(address);
        once.or_else(|| state.refused.get(address).cloned())
    }

    /// AUTH PLAIN (with the credentials on the line or asked for) or AUTH LOGIN.
    async fn login(
        &self,
        line: &str,
        lines: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
        write: &mut tokio::net::tcp::OwnedWriteHalf,
    ) -> std::io::Result<String> {
        let words: Vec<&str> = line.split_whitespace().collect();
        let decode = |s: &str| {
            let bytes =
                base64::engine::general_purpose::STANDARD.decode(s.trim()).unwrap_or_default();
            String::from_utf8_lossy(&bytes).into_owned()
        };
        let (user, password) = match (words.get(1).map(|m| m.to_ascii_uppercase()), words.get(2)) {
            (Some(m), given) if m == "PLAIN" => {
                let given = match given {
                    Some(given) => given.to_string(),
                    None => {
                        write.write_all(b"334 \r\n").await?;
                        read_line(lines).await?
                    }
                };
                let plain = decode(&given);
                let mut fields = plain.split('\0').skip(1);
                (fields.next().unwrap_or("").to_owned(), fields.next().unwrap_or("").to_owned())
            }
            (Some(m), _) if m == "LOGIN" => {
                write.write_all(b"334 VXNlcm5hbWU6\r\n").await?;
                let user = decode(&read_line(lines).await?);
                write.write_all(b"334 UGFzc3dvcmQ6\r\n").await?;
                (user, decode(&read_line(lines).await?))
            }
            _ => return Ok("504 5.5.4 Unrecognized authentication type".to_owned()),
        };
        self.state.lock().unwrap().logins.push((user, password));
        Ok("235 2.7.0 Authentication successful".to_owned())
    }
}

/// One command line, without its CRLF; an error when the client has gone.
async fn read_line(
    lines: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
) -> std::io::Result<String> {
    let mut line = Vec::new();
    if lines.read_until(b'\n', &mut line).await? == 0 {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    let line = String::from_utf8_lossy(&line);
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// The message after DATA, up to the line with a single dot; a line starting with a dot loses
/// the one the client added (RFC 5321, 4.5.2).
async fn read_data(
    lines: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
) -> std::io::Result<Vec<u8>> {
    let mut data = Vec::new();
    loop {
        let mut line = Vec::new();
        if lines.read_until(b'\n', &mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        if line == b".\r\n" {
            return Ok(data);
        }
        let unstuffed = if line.starts_with(b".") { &line[1..] } else { &line[..] };
        data.extend_from_slice(unstuffed);
    }
}

/// The address of `MAIL FROM:<a@b>` or `RCPT TO:<a@b> …`.
fn path(line: &str) -> String {
    let after = line.split_once(':').map_or("", |(_, rest)| rest).trim();
    let inner = after.strip_prefix('<').and_then(|rest| rest.split_once('>')).map(|(a, _)| a);
    inner.unwrap_or(after).to_owned()
}
