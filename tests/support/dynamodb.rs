//! A real DynamoDB server for the `store` tests: moto server, started by `scripts/test`, which
//! exports its endpoint as `SNOWPLOWCTL_TEST_DYNAMODB_ENDPOINT` (plus the virtualenv's Python
//! and `moto_server` for the tests that need them). Without it (plain `cargo test`) those tests
//! are skipped with a loud message; CI always runs them through `scripts/test`.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use snowplowctl::aws::DynamoDb;

/// Recognisable dummy credentials: no output of any test may contain them.
pub const ACCESS_KEY_ID: &str = "AKIASNOWPLOWCTLTEST7";
/// See [`ACCESS_KEY_ID`].
pub const SECRET_ACCESS_KEY: &str = "snowplowctl-test-SECRET/never+printed";
/// See [`ACCESS_KEY_ID`].
pub const SESSION_TOKEN: &str = "snowplowctl-test-SESSION-TOKEN-never-printed";
/// The region the tests use.
pub const REGION: &str = "eu-west-1";

/// Says loudly that a test is skipped: written to stderr directly, not through `eprintln!`,
/// so that the test harness does not capture it.
fn skipped(test: &str, why: &str) {
    let _ = writeln!(std::io::stderr().lock(), "\n*** SKIPPED {test}: {why}; run scripts/test. ***");
}

/// The test DynamoDB endpoint, or `None` after saying why the test is skipped.
pub fn endpoint(test: &str) -> Option<String> {
    match std::env::var("SNOWPLOWCTL_TEST_DYNAMODB_ENDPOINT") {
        Ok(endpoint) if !endpoint.is_empty() => Some(endpoint),
        _ => {
            skipped(
                test,
                "SNOWPLOWCTL_TEST_DYNAMODB_ENDPOINT is not set (scripts/test starts moto server and sets it)",
            );
            None
        }
    }
}

/// A program from the test virtualenv named by `variable`, or `None` after saying why the test
/// is skipped.
pub fn venv_program(variable: &str, test: &str) -> Option<PathBuf> {
    match std::env::var_os(variable) {
        Some(path) if Path::new(&path).is_file() => Some(PathBuf::from(path)),
        _ => {
            skipped(test, &format!("{variable} does not name the test virtualenv's program"));
            None
        }
    }
}

/// A table name of its own for each test (and each call), so tests never share state.
pub fn table_name(test: &str) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
    format!("{test}-{}-{}-{nanos}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// The AWS environment every child process gets: dummy credentials and region, no profile,
/// no shared config files, no instance metadata, no endpoint override.
pub fn aws_env(cmd: &mut Command, home: &Path) {
    for variable in
        ["AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_DEFAULT_REGION"]
    {
        cmd.env_remove(variable);
    }
    cmd.env("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID)
        .env("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY)
        .env("AWS_SESSION_TOKEN", SESSION_TOKEN)
        .env("AWS_REGION", REGION)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", home.join("aws-config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("aws-credentials"))
        .env("HOME", home);
}

/// Fails the test if `text` contains any of the test credentials.
pub fn assert_no_secrets(text: &str) {
    for secret in [ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN] {
        assert!(!text.contains(secret), "a credential was printed:\n{text}");
    }
}

/// A library client for `endpoint`, with the dummy credentials.
pub fn client(endpoint: &str) -> DynamoDb {
    let config = aws_sdk_dynamodb::Config::builder()
        .behavior_version(aws_sdk_dynamodb::config::BehaviorVersion::latest())
        .region(aws_sdk_dynamodb::config::Region::new(REGION))
        .endpoint_url(endpoint)
        .credentials_provider(aws_sdk_dynamodb::config::Credentials::new(
            ACCESS_KEY_ID,
            SECRET_ACCESS_KEY,
            None,
            None,
            "snowplowctl-tests",
        ))
        .build();
    DynamoDb::with_config(config).expect("a client")
}

/// A moto server of the test's own, with extra environment (for example authentication
/// switched on). Killed when dropped.
pub struct MotoServer {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
}

impl MotoServer {
    /// Starts `moto_server -H 127.0.0.1 -p 0` and waits until it reports its port.
    pub fn start(moto_server: &Path, env: &[(&str, &str)]) -> MotoServer {
        let mut cmd = Command::new(moto_server);
        cmd.args(["-H", "127.0.0.1", "-p", "0"]);
        for (key, value) in env {
            cmd.env(key, value);
        }
        MotoServer::spawn(cmd)
    }

    /// Starts a moto server that handles one request at a time (tests/sdk/moto_serial.py, run
    /// by the test virtualenv's `python`): its conditional writes are atomic, as DynamoDB's are
    /// and moto_server's are not.
    pub fn start_serial(python: &Path) -> MotoServer {
        let mut cmd = Command::new(python);
        cmd.arg(super::root().join("tests/sdk/moto_serial.py")).args(["-H", "127.0.0.1", "-p", "0"]);
        MotoServer::spawn(cmd)
    }

    fn spawn(mut cmd: Command) -> MotoServer {
        cmd.stdout(Stdio::null()).stderr(Stdio::piped());
        let mut child = cmd.spawn().expect("moto_server starts");
        let stderr = child.stderr.take().expect("piped stderr");
        let mut lines = BufReader::new(stderr).lines();
        let endpoint = loop {
            let Some(Ok(line)) = lines.next() else {
                let _ = child.kill();
                panic!("moto_server exited before reporting its port");
            };
            if let Some(at) = line.find("http://127.0.0.1:") {
                let port: String =
                    line[at + "http://127.0.0.1:".len()..].chars().take_while(char::is_ascii_digit).collect();
                break format!("http://127.0.0.1:{port}");
            }
        };
        // Keep draining its log so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        MotoServer { child, endpoint }
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
