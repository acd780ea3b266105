//! The `locallibrary` binary running as its own process, for signals, logs and memory readings.
use super::builder::Settings;
use std::{
    io::{BufRead, BufReader},
    sync::{Arc, Mutex},
    time::Duration,
};
use tempfile::TempDir;

/// The release-style binary running as its own process; killed when dropped.
pub struct ServerProcess {
    pub child: std::process::Child,
    pub address: String,
    /// Every line the server has logged so far.
    log: Arc<Mutex<Vec<String>>>,
    _dir: Option<Arc<TempDir>>,
}

impl ServerProcess {
    /// Starts `locallibrary serve` with `settings` and waits until it says where it listens.
    pub(super) fn start(settings: Settings) -> Self {
        // Benchmarks point this at the release build; tests use the debug one cargo built.
        let bin = std::env::var("LOCALLIBRARY_BIN")
            .unwrap_or_else(|_| env!("CARGO_BIN_EXE_locallibrary").to_string());
        let mut child = std::process::Command::new(bin)
            .arg("serve")
            .env("RUST_LOG", "info")
            .envs(settings.vars)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (found, address) = std::sync::mpsc::channel();
        let log = Arc::new(Mutex::new(Vec::new()));
        let lines = log.clone();
        std::thread::spawn(move || {
            let mut found = Some(found);
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                lines.lock().unwrap().push(line.clone());
                if let Some(at) = line.find("serving on ") {
                    if let Some(found) = found.take() {
                        // Up to the end of the words: a JSON line goes on with `"`.
                        let rest = &line[at + "serving on ".len()..];
                        let end = rest.find(['"', ' ']).unwrap_or(rest.len());
                        let _ = found.send(rest[..end].trim().to_string());
                    }
                }
            }
        });
        let address = address
            .recv_timeout(Duration::from_secs(60))
            .expect("the server starts");
        Self {
            child,
            address,
            log,
            _dir: settings.dir,
        }
    }

    /// Waits up to two seconds for a log line containing all of `parts`.
    pub async fn logged(&self, parts: &[&str]) -> bool {
        for _ in 0..40 {
            let found = self
                .log
                .lock()
                .unwrap()
                .iter()
                .any(|line| parts.iter().all(|p| line.contains(p)));
            if found {
                return true;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        false
    }

    /// Every line the server has logged so far.
    pub fn log_lines(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }

    /// Waits up to ten seconds for a line containing `needle`, and returns it.
    pub async fn line_with(&self, needle: &str) -> Option<String> {
        for _ in 0..200 {
            let found = self
                .log
                .lock()
                .unwrap()
                .iter()
                .find(|line| line.contains(needle))
                .cloned();
            if found.is_some() {
                return found;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        None
    }

    /// Resident memory of the server process, in KiB.
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap()
    }

    /// Sends SIGTERM, as a service manager does on shutdown.
    pub fn terminate(&self) {
        let status = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Kills the process at once (SIGKILL), as a crash or the OOM killer would.
    pub fn kill_now(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// Waits for the process to exit and returns its exit code.
    pub fn wait(mut self) -> Option<i32> {
        self.child.wait().unwrap().code()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
