//! A long-running `trellis watch` or `trellis serve`: its stderr read line by line, waits that
//! always end (a deadline, never a fixed sleep), and Ctrl-C.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use super::TestSite;

/// How long any single wait may take before the test fails (generous: CI machines are slow).
pub const PATIENCE: Duration = Duration::from_secs(20);

pub struct Running {
    child: Child,
    lines: Receiver<String>,
    /// Every stderr line so far, for failure messages.
    pub log: Vec<String>,
}

impl Running {
    /// Starts `trellis <args>` in the toolkit folder.
    pub fn start(site: &TestSite, args: &[&str]) -> Running {
        Running::start_with(site, args, &[])
    }

    /// `start` with extra environment variables.
    pub fn start_with(site: &TestSite, args: &[&str], env: &[(&str, &str)]) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_trellis"))
            .args(args)
            .current_dir(&site.root)
            .env("NO_COLOR", "1")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start trellis");
        let stderr = child.stderr.take().expect("stderr is piped");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Running {
            child,
            lines,
            log: Vec::new(),
        }
    }

    /// The next stderr line, or None once `deadline` passes or the process ends.
    pub fn next_line(&mut self, deadline: Instant) -> Option<String> {
        let left = deadline.checked_duration_since(Instant::now())?;
        let line = self.lines.recv_timeout(left).ok()?;
        self.log.push(line.clone());
        Some(line)
    }

    /// Waits for a line satisfying `pred` and returns it; fails the test after `PATIENCE`.
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        while let Some(line) = self.next_line(deadline) {
            if pred(&line) {
                return line;
            }
        }
        panic!(
            "no line {what} within {PATIENCE:?}; stderr so far:\n{}",
            self.log.join("\n")
        );
    }

    /// Sends Ctrl-C (SIGINT) and waits for the process to end.
    pub fn interrupt(&mut self) -> ExitStatus {
        self.signal("INT")
    }

    /// Sends the signal `name` ("INT", "TERM") and waits for the process to end.
    pub fn signal(&mut self, name: &str) -> ExitStatus {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill")
            .args([&format!("-{name}"), &pid])
            .status();
        assert!(sent.is_ok_and(|s| s.success()), "could not send SIG{name}");
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for trellis") {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "trellis did not stop after Ctrl-C:\n{}",
                self.log.join("\n")
            );
            // Polling the exit status: there is no blocking wait with a deadline in std.
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `trellis serve` on a free port, once it serves; returns it and the address to connect to
/// ("127.0.0.1:PORT").
pub fn serve(site: &TestSite, extra: &[&str]) -> (Running, String) {
    let mut args = vec!["serve", "--port", "0"];
    args.extend_from_slice(extra);
    let mut server = Running::start(site, &args);
    let line = server.wait_for("with the address", |l| l.starts_with("serving http://"));
    let addr = line
        .trim_start_matches("serving http://")
        .trim_end_matches('/')
        .replace("0.0.0.0", "127.0.0.1");
    (server, addr)
}
