//! The Redis session engine through a dropped connection and a stalled server, on a Redis of
//! this test's own (so killing its clients cannot disturb other tests).
use crate::helpers::{visit_sentence, TestApp};
use std::{
    process::{Child, Command},
    time::{Duration, Instant},
};

/// A throwaway `redis-server` on a free port, stopped when dropped.
struct OwnRedis {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl OwnRedis {
    fn start() -> Option<Self> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let dir = tempfile::tempdir().unwrap();
        let child = match Command::new("redis-server")
            .args([
                "--bind",
                "127.0.0.1",
                "--port",
                &port.to_string(),
                "--save",
                "",
            ])
            .arg("--dir")
            .arg(dir.path())
            .stdout(std::process::Stdio::null())
            .spawn()
        {
            Ok(child) => child,
            Err(_) => {
                eprintln!("redis-server is not installed: skipping (make test installs it)");
                return None;
            }
        };
        let redis = Self {
            child,
            port,
            _dir: dir,
        };
        for _ in 0..50 {
            if redis.cli(&["PING"]).contains("PONG") {
                return Some(redis);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("redis-server did not start");
    }

    fn cli(&self, args: &[&str]) -> String {
        let output = Command::new("redis-cli")
            .args(["-p", &self.port.to_string()])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args([signal, &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for OwnRedis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn redis_sessions_survive_dropped_connections_and_stalls() {
    let Some(redis) = OwnRedis::start() else {
        return;
    };
    let app = TestApp::builder()
        .env("SESSION_ENGINE", "redis")
        .env("REDIS_URL", format!("redis://127.0.0.1:{}/0", redis.port))
        .env("DATABASE_TIMEOUT", "1")
        .spawn()
        .await
        .unwrap();
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .timeout(Duration::from_secs(15))
        .build()
        .unwrap();
    let home = format!("{}/", app.address);
    let visit = || async {
        let response = browser
            .get(&home)
            .send()
            .await
            .expect("an answer, not a hang");
        let status = response.status().as_u16();
        (status, response.text().await.unwrap())
    };
    assert_eq!(visit().await.0, 200);

    // Every connection dropped: the client reconnects by itself.
    redis.cli(&["CLIENT", "KILL", "TYPE", "normal"]);
    let (status, body) = visit().await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        visit_sentence(&body).unwrap(),
        "You have visited this page 2 times."
    );

    // A stalled server: pages give up within the timeout instead of hanging.
    redis.signal("-STOP");
    let started = Instant::now();
    let (status, body) = visit().await;
    assert_eq!(status, 503, "{body}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "answered after {:?}",
        started.elapsed()
    );

    // Back again: within a few seconds the same session carries on.
    redis.signal("-CONT");
    let mut last = (0, String::new());
    for _ in 0..40 {
        last = visit().await;
        if last.0 == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(last.0, 200, "{}", last.1);
    assert_eq!(
        visit_sentence(&last.1).unwrap(),
        "You have visited this page 3 times."
    );
}
