//! The html pages in a real browser: `kith report` and `kith digest` of the
//! `digest` fixture, loaded in headless Chromium at a desktop and a phone
//! width, checked over the Chrome DevTools Protocol (a websocket to
//! `--remote-debugging-port`) and screenshotted.
//!
//! Checked for every page and width: no console error (a CSP violation is
//! one), no request other than the page's own file, the chart's SVG is
//! there with bars, and the page is not wider than the viewport. The
//! DevTools `Runtime.evaluate` measures the page even though its CSP
//! forbids scripts; nothing is injected into it.
//!
//! Chromium is Debian's `chromium` (`.ci/run` installs it); without it the
//! tests say so and pass. Every Chromium runs in its own process group and
//! is killed after [`HARD_TIMEOUT`], so a test never hangs. Screenshots go
//! to a temporary folder, or to `KITH_SCREENSHOTS_DIR` when it is set.
//! `cargo test --test cli readme_screenshots -- --ignored` rewrites the
//! README's `docs/digest.png` and `docs/report.png` from `sample-notes/`.

use std::fs;
use std::io::ErrorKind;
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tempfile::TempDir;
use tungstenite::{Message, WebSocket};

use crate::harness::{TestVault, kith_process};

/// How long one Chromium may live before it is killed.
const HARD_TIMEOUT: Duration = Duration::from_secs(90);

/// The flags every Chromium gets (plus `--user-data-dir` and the
/// debugging port): headless, and nothing that talks to the network.
const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--hide-scrollbars",
    "--mute-audio",
];

/// A browser window size.
#[derive(Clone, Copy, Debug)]
struct Viewport {
    name: &'static str,
    width: u32,
    height: u32,
    /// Emulate a phone: the page's `<meta name="viewport">` applies.
    mobile: bool,
}

const DESKTOP: Viewport = Viewport {
    name: "desktop",
    width: 1280,
    height: 900,
    mobile: false,
};

const PHONE: Viewport = Viewport {
    name: "phone",
    width: 390,
    height: 844,
    mobile: true,
};

/// The day the fixture's pages are rendered for.
const TODAY: &str = "2026-11-27";

#[test]
fn report_and_digest_html_work_in_chromium() {
    let Some(binary) = chromium_or_skip() else {
        return;
    };
    let vault = TestVault::fixture("digest");
    let work = temp_dir("kith-browser");
    let pages = render(vault.path(), work.path());
    let shots = screenshot_dir(work.path());

    let mut browser = Chromium::launch(&binary);
    let mut problems = Vec::new();
    for (name, page) in &pages {
        for viewport in [DESKTOP, PHONE] {
            let visit = browser.visit(page, viewport, 6000);
            problems.extend(visit.problems(name, viewport));
            let shot = shots.join(format!("{name}-{}.png", viewport.name));
            fs::write(&shot, &visit.screenshot).expect("write a screenshot");
        }
    }
    assert!(
        problems.is_empty(),
        "the html fails in Chromium ({} problems; screenshots in {}):\n  {}",
        problems.len(),
        shots.display(),
        problems.join("\n  ")
    );
}

/// The checks are not vacuous: a page that loads something, runs a script
/// against its CSP, has no chart and is too wide fails each of them.
#[test]
fn the_browser_checks_catch_a_broken_page() {
    let Some(binary) = chromium_or_skip() else {
        return;
    };
    let work = temp_dir("kith-browser-bad");
    let page = work.path().join("bad.html");
    fs::write(
        &page,
        "<!doctype html><html><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         </head><body><script>document.title = 'ran';</script>\
         <img src=\"http://127.0.0.1:9/pixel.png\" alt=\"\">\
         <div style=\"width: 1000px\">too wide</div></body></html>",
    )
    .expect("write a page");

    let mut browser = Chromium::launch(&binary);
    let visit = browser.visit(&page, PHONE, 2000);
    let problems = visit.problems("bad", PHONE).join("\n");
    for expected in [
        "console error",
        "request leaves the file: http://127.0.0.1:9/pixel.png",
        "no chart",
        "wider than the phone viewport",
    ] {
        assert!(
            problems.contains(expected),
            "expected {expected:?} among:\n{problems}"
        );
    }
    assert_eq!(png_size(&visit.screenshot).0, PHONE.width);
}

/// Rewrites the README's screenshots: the digest and the report of
/// `sample-notes/` at desktop width, at most 1600 pixels tall.
#[test]
#[ignore = "rewrites docs/*.png: cargo test --test cli readme_screenshots -- --ignored"]
fn readme_screenshots() {
    let binary = find_chromium().expect("chromium is installed (apt-get install chromium)");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = temp_dir("kith-readme-shots");
    let pages = render(&root.join("sample-notes"), work.path());
    let docs = root.join("docs");
    fs::create_dir_all(&docs).expect("create docs/");

    let mut browser = Chromium::launch(&binary);
    for (name, page) in &pages {
        let visit = browser.visit(page, DESKTOP, 1600);
        let problems = visit.problems(name, DESKTOP);
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        assert!(
            visit.screenshot.len() < 400 * 1024,
            "{name}.png is {} bytes",
            visit.screenshot.len()
        );
        fs::write(docs.join(format!("{name}.png")), &visit.screenshot).expect("write a png");
    }
}

/// Chromium's path, or `None` after saying the test is skipped.
#[allow(clippy::print_stderr)]
fn chromium_or_skip() -> Option<PathBuf> {
    let found = find_chromium();
    if found.is_none() {
        eprintln!("skipped: chromium not installed (apt-get install chromium)");
    }
    found
}

/// The first `chromium` (Debian's name) or `chromium-browser` on `PATH`.
fn find_chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser"].iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|candidate| candidate.is_file())
    })
}

fn temp_dir(prefix: &str) -> TempDir {
    tempfile::Builder::new()
        .prefix(prefix)
        .tempdir()
        .expect("a temp dir")
}

/// Writes `report.html` and `digest.html` of `vault` into `dir`, with the
/// index in `dir` too.
fn render(vault: &Path, dir: &Path) -> Vec<(&'static str, PathBuf)> {
    let index = dir.join("index.sqlite");
    ["report", "digest"]
        .into_iter()
        .map(|command| {
            let page = dir.join(format!("{command}.html"));
            let output = kith_process()
                .arg(command)
                .arg(vault)
                .args(["--today", TODAY, "--format", "html"])
                .arg("--index")
                .arg(&index)
                .arg("--output")
                .arg(&page)
                .output()
                .expect("kith runs");
            assert!(
                output.status.success(),
                "kith {command} failed: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            (command, page)
        })
        .collect()
}

/// Where screenshots go: `KITH_SCREENSHOTS_DIR` if set, else `dir`.
fn screenshot_dir(dir: &Path) -> PathBuf {
    match std::env::var_os("KITH_SCREENSHOTS_DIR") {
        Some(kept) if !kept.is_empty() => {
            let kept = PathBuf::from(kept);
            fs::create_dir_all(&kept).expect("create KITH_SCREENSHOTS_DIR");
            kept
        }
        _ => dir.to_path_buf(),
    }
}

/// What one page load saw.
struct Visit {
    /// The `file://` URL loaded.
    url: String,
    /// Console errors, exceptions and errors the browser logged.
    console_errors: Vec<String>,
    /// Every URL the page requested.
    requests: Vec<String>,
    /// The measurements of [`MEASURE`].
    metrics: Value,
    /// A PNG of the page.
    screenshot: Vec<u8>,
}

/// Measured in the page by DevTools (it bypasses the page's CSP).
const MEASURE: &str = "(() => {
  const svg = document.querySelector('svg.chart');
  const box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
  const bars = svg ? Array.from(svg.querySelectorAll('rect')) : [];
  return {
    innerWidth: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    scrollHeight: document.documentElement.scrollHeight,
    svg: svg !== null,
    svgWidth: box.width,
    svgHeight: box.height,
    rects: bars.length,
    tallestBar: Math.max(0, ...bars.map((bar) => bar.getBoundingClientRect().height)),
  };
})()";

impl Visit {
    /// What is wrong with the page, one line each.
    fn problems(&self, name: &str, viewport: Viewport) -> Vec<String> {
        let at = format!("{name} at {} width", viewport.name);
        let mut problems = Vec::new();
        for error in &self.console_errors {
            problems.push(format!("{at}: console error: {error}"));
        }
        for url in self.requests.iter().filter(|url| **url != self.url) {
            problems.push(format!("{at}: a request leaves the file: {url}"));
        }
        let m = &self.metrics;
        let number = |key: &str| m[key].as_f64().unwrap_or(0.0);
        if m["svg"] != true {
            problems.push(format!("{at}: no chart (no <svg class=\"chart\">)"));
        } else if m["rects"].as_u64().unwrap_or(0) == 0 || number("tallestBar") <= 0.0 {
            problems.push(format!("{at}: the chart has no visible bar: {m}"));
        } else if number("svgWidth") <= 0.0 || number("svgHeight") <= 0.0 {
            problems.push(format!("{at}: the chart has no size: {m}"));
        }
        if number("scrollWidth") > f64::from(viewport.width) {
            problems.push(format!(
                "{at}: the page is {} pixels wide, wider than the {} viewport ({})",
                number("scrollWidth"),
                viewport.name,
                viewport.width
            ));
        } else if number("innerWidth") != f64::from(viewport.width) {
            // (A phone widens its layout viewport to a page too wide for
            // it, so this is only worth saying when the page fits.)
            problems.push(format!(
                "{at}: the viewport is not {} pixels wide: {m}",
                viewport.width
            ));
        }
        let (width, height) = png_size(&self.screenshot);
        if width != viewport.width || height == 0 {
            problems.push(format!("{at}: the screenshot is {width}x{height}"));
        }
        problems
    }
}

/// A headless Chromium and a DevTools connection to it.
struct Chromium {
    socket: WebSocket<TcpStream>,
    next_id: u64,
    /// Every event received so far.
    events: Vec<Value>,
    /// When the watchdog kills Chromium; calls give up then too.
    deadline: Instant,
    process: Process,
    /// The user data dir and Chromium's log; removed last.
    profile: TempDir,
}

/// A Chromium process in its own process group, killed (with everything
/// it started) when dropped or after [`HARD_TIMEOUT`].
struct Process {
    child: Child,
    /// Dropping it tells the watchdog to stand down.
    _watchdog: mpsc::Sender<()>,
}

impl Drop for Process {
    fn drop(&mut self) {
        kill_group(self.child.id());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// SIGKILL to the process group `pgid` (a process started with
/// `process_group(0)` leads a group with its own pid).
fn kill_group(pgid: u32) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{pgid}")])
        .stderr(Stdio::null())
        .status();
}

impl Chromium {
    /// Starts Chromium with a fresh profile and connects to it.
    fn launch(binary: &Path) -> Chromium {
        let started = Instant::now();
        let deadline = started + HARD_TIMEOUT;
        let profile = temp_dir("kith-chromium");
        let data = profile.path().join("data");
        let log = fs::File::create(profile.path().join("chromium.log")).expect("a log file");
        let child = Command::new(binary)
            .args(FLAGS)
            .arg(format!("--user-data-dir={}", data.display()))
            .arg("--remote-debugging-port=0")
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("a log file"))
            .stderr(log)
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
        let pid = child.id();
        let (stand_down, watchdog) = mpsc::channel::<()>();
        thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = watchdog.recv_timeout(HARD_TIMEOUT) {
                kill_group(pid);
            }
        });
        let mut process = Process {
            child,
            _watchdog: stand_down,
        };

        // Chromium writes the port it listens on, and the browser's
        // websocket path, to DevToolsActivePort in the user data dir.
        let port_file = data.join("DevToolsActivePort");
        let (port, path) = loop {
            if let Ok(text) = fs::read_to_string(&port_file)
                && let [port, path] = text.lines().collect::<Vec<_>>()[..]
                && let Ok(port) = port.parse::<u16>()
            {
                break (port, path.to_owned());
            }
            if let Ok(Some(status)) = process.child.try_wait() {
                panic!(
                    "chromium exited ({status}) before DevTools was ready:\n{}",
                    read_log(profile.path())
                );
            }
            assert!(
                Instant::now() < deadline,
                "chromium did not open DevTools within {HARD_TIMEOUT:?}:\n{}",
                read_log(profile.path())
            );
            thread::sleep(Duration::from_millis(25));
        };

        let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to DevTools");
        stream
            .set_read_timeout(Some(Duration::from_secs(5)))
            .expect("a read timeout");
        let (socket, _) = tungstenite::client(format!("ws://127.0.0.1:{port}{path}"), stream)
            .unwrap_or_else(|e| panic!("DevTools websocket handshake: {e}"));
        // Short reads from now on, so a call notices the deadline.
        socket
            .get_ref()
            .set_read_timeout(Some(Duration::from_millis(200)))
            .expect("a read timeout");
        Chromium {
            socket,
            next_id: 0,
            events: Vec::new(),
            deadline,
            process,
            profile,
        }
    }

    /// Loads `page` in a new tab at `viewport` and returns what it saw,
    /// with a screenshot at most `max_height` pixels tall.
    fn visit(&mut self, page: &Path, viewport: Viewport, max_height: u32) -> Visit {
        let url = file_url(page);
        let target = self.call(None, "Target.createTarget", json!({ "url": "about:blank" }));
        let target_id = target["targetId"].as_str().expect("a target id").to_owned();
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target_id, "flatten": true }),
        );
        let session = attached["sessionId"]
            .as_str()
            .expect("a session id")
            .to_owned();
        let s = Some(session.as_str());
        for domain in ["Page", "Runtime", "Log", "Network"] {
            self.call(s, &format!("{domain}.enable"), json!({}));
        }
        self.call(
            s,
            "Emulation.setDeviceMetricsOverride",
            json!({
                "width": viewport.width,
                "height": viewport.height,
                "deviceScaleFactor": 1,
                "mobile": viewport.mobile,
            }),
        );
        self.call(
            s,
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": "light" }] }),
        );
        let first_event = self.events.len();
        let navigated = self.call(s, "Page.navigate", json!({ "url": url }));
        assert!(
            navigated.get("errorText").is_none(),
            "cannot load {url}: {navigated}"
        );
        self.wait_for_event(&session, "Page.loadEventFired", first_event);

        let measured = self.call(
            s,
            "Runtime.evaluate",
            json!({ "expression": MEASURE, "returnByValue": true }),
        );
        assert!(
            measured.get("exceptionDetails").is_none(),
            "measuring {url} failed: {measured}"
        );
        let metrics = measured["result"]["value"].clone();
        let page_height = metrics["scrollHeight"].as_u64().unwrap_or(0) as u32;
        let height = page_height.clamp(1, max_height);
        let shot = self.call(
            s,
            "Page.captureScreenshot",
            json!({
                "format": "png",
                "captureBeyondViewport": true,
                "clip": { "x": 0, "y": 0, "width": viewport.width, "height": height, "scale": 1 },
            }),
        );
        let screenshot = base64_decode(shot["data"].as_str().expect("screenshot data"));

        let mut console_errors = Vec::new();
        let mut requests = Vec::new();
        for event in &self.events[first_event..] {
            if event["sessionId"] != session.as_str() {
                continue;
            }
            let params = &event["params"];
            match event["method"].as_str().unwrap_or("") {
                "Network.requestWillBeSent" => {
                    requests.push(params["request"]["url"].as_str().unwrap_or("").to_owned());
                }
                "Log.entryAdded" if params["entry"]["level"] == "error" => {
                    let entry = &params["entry"];
                    console_errors.push(format!(
                        "{} ({})",
                        entry["text"].as_str().unwrap_or(""),
                        entry["source"].as_str().unwrap_or("")
                    ));
                }
                "Runtime.consoleAPICalled"
                    if params["type"] == "error" || params["type"] == "assert" =>
                {
                    console_errors.push(format!("console.{}: {}", params["type"], params["args"]));
                }
                "Runtime.exceptionThrown" => {
                    let details = &params["exceptionDetails"];
                    console_errors.push(format!(
                        "{} {}",
                        details["text"].as_str().unwrap_or(""),
                        details["exception"]["description"].as_str().unwrap_or("")
                    ));
                }
                _ => {}
            }
        }
        self.call(None, "Target.closeTarget", json!({ "targetId": target_id }));
        Visit {
            url,
            console_errors,
            requests,
            metrics,
            screenshot,
        }
    }

    /// Sends a DevTools command (to a tab's session, or to the browser)
    /// and returns its result; events that arrive meanwhile are kept.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        if let Err(e) = self.socket.send(Message::text(message.to_string())) {
            panic!("sending {method} to DevTools: {e}{}", self.log());
        }
        loop {
            let reply = self.receive(method);
            if reply["id"] == id {
                if let Some(error) = reply.get("error") {
                    panic!("DevTools {method} failed: {error}");
                }
                return reply["result"].clone();
            }
            self.events.push(reply);
        }
    }

    /// Waits for the event `method` of `session`, looking first at the
    /// events from `first` on that already arrived.
    fn wait_for_event(&mut self, session: &str, method: &str, first: usize) {
        let matches = |event: &Value| event["method"] == method && event["sessionId"] == session;
        if self.events[first..].iter().any(matches) {
            return;
        }
        loop {
            let event = self.receive(method);
            let found = matches(&event);
            self.events.push(event);
            if found {
                return;
            }
        }
    }

    /// The next message from DevTools, or a panic at the deadline.
    fn receive(&mut self, waiting_for: &str) -> Value {
        loop {
            if Instant::now() >= self.deadline {
                panic!(
                    "chromium did not answer {waiting_for} within {HARD_TIMEOUT:?}{}",
                    self.log()
                );
            }
            match self.socket.read() {
                Ok(Message::Text(text)) => {
                    return serde_json::from_str(text.as_str()).expect("DevTools sends JSON");
                }
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(e) => panic!(
                    "the DevTools connection failed waiting for {waiting_for}: {e}{}",
                    self.log()
                ),
            }
        }
    }

    /// Chromium's log, to explain a failure.
    fn log(&mut self) -> String {
        let status = match self.process.child.try_wait() {
            _ if Instant::now() >= self.deadline => {
                format!("chromium was killed after {HARD_TIMEOUT:?}")
            }
            Ok(Some(status)) => format!("chromium exited: {status}"),
            _ => "chromium is running".to_owned(),
        };
        format!("\n{status}; its log:\n{}", read_log(self.profile.path()))
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        // Ask politely first, so Chromium ends its children itself; the
        // process group is killed right after in any case.
        self.next_id += 1;
        let close = json!({ "id": self.next_id, "method": "Browser.close" });
        if self.socket.send(Message::text(close.to_string())).is_ok() {
            let until = Instant::now() + Duration::from_secs(2);
            while Instant::now() < until {
                if let Ok(Some(_)) = self.process.child.try_wait() {
                    break;
                }
                thread::sleep(Duration::from_millis(20));
            }
        }
    }
}

/// The last lines of Chromium's log in `profile`.
fn read_log(profile: &Path) -> String {
    let log = fs::read_to_string(profile.join("chromium.log")).unwrap_or_default();
    let lines: Vec<&str> = log.lines().collect();
    lines[lines.len().saturating_sub(40)..].join("\n")
}

/// `file://` URL of an absolute path, percent-encoded.
fn file_url(path: &Path) -> String {
    let path = path.canonicalize().expect("the page exists");
    let mut url = String::from("file://");
    for byte in path.to_str().expect("a UTF-8 path").bytes() {
        if byte.is_ascii_alphanumeric() || b"/-._~".contains(&byte) {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

/// Decodes standard base64 (the screenshot DevTools sends).
fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        u32::from(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => panic!("not base64: {c:#x}"),
        })
    };
    let digits: Vec<u8> = text.bytes().filter(|&c| c != b'=').collect();
    let mut bytes = Vec::with_capacity(digits.len() / 4 * 3 + 2);
    for chunk in digits.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0, |n, (i, &c)| n | value(c) << (18 - 6 * i));
        bytes.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    bytes
}

/// A PNG's width and height, or (0, 0) when it is not a PNG.
fn png_size(png: &[u8]) -> (u32, u32) {
    let is_png =
        png.len() >= 24 && png.starts_with(b"\x89PNG\r\n\x1a\n") && &png[12..16] == b"IHDR";
    if !is_png {
        return (0, 0);
    }
    let word = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().expect("4 bytes"));
    (word(16), word(20))
}
