//! The Python Analytics SDK (`snowplow-analytics-sdk` from PyPI, installed into .venv by
//! scripts/test) as an independent judge of enriched lines and of `transform --shape python`.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// The Python that has the SDK (`SNOWPLOWCTL_TEST_PYTHON`), or why there is none.
pub fn python() -> Result<PathBuf, String> {
    let python = std::env::var_os("SNOWPLOWCTL_TEST_PYTHON")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .ok_or("SNOWPLOWCTL_TEST_PYTHON is not set")?;
    let ok = Command::new(&python)
        .args(["-c", "import snowplow_analytics_sdk"])
        .status()
        .map_err(|e| format!("cannot run {}: {e}", python.display()))?;
    if !ok.success() {
        return Err(format!("{} has no snowplow_analytics_sdk", python.display()));
    }
    Ok(python)
}

/// The SDK's output for each line of `lines_file`: its JSON object, or `{"__errors__": [...]}`.
pub fn transform(python: &Path, lines_file: &Path) -> Vec<Value> {
    let output = Command::new(python)
        .arg(super::root().join("tests/sdk/python_transform.py"))
        .arg(lines_file)
        .output()
        .expect("the Python SDK runs");
    assert!(output.status.success(), "python_transform.py failed:\n{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().lines().map(|line| serde_json::from_str(line).unwrap()).collect()
}

/// Asserts that the SDK accepts every line of `lines_file` and that `snowplowctl transform
/// --shape python` gives the same JSON (values and key order) for each; returns the line count.
pub fn assert_agrees(python: &Path, lines_file: &Path, label: &str) -> usize {
    let expected = transform(python, lines_file);
    let cache = lines_file.with_extension("cache");
    let mut cmd = super::snowplowctl(&cache);
    cmd.arg("transform").arg(lines_file).args(["--shape", "python"]);
    let (code, stdout, stderr) = super::run(&mut cmd);
    let actual: Vec<Value> = stdout.lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    for (number, sdk) in expected.iter().enumerate() {
        assert!(sdk.get("__errors__").is_none(), "{label}: the Python SDK rejects line {}: {sdk}", number + 1);
    }
    assert_eq!(code, 0, "{label}: transform failed:\n{stderr}");
    assert_eq!(actual.len(), expected.len(), "{label}: line counts differ");
    for (number, (ours, sdk)) in actual.iter().zip(&expected).enumerate() {
        assert_eq!(ours, sdk, "{label}: line {} differs", number + 1);
        let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(ours), keys(sdk), "{label}: line {}: key order differs", number + 1);
    }
    expected.len()
}
