//! `snowplowctl transform`.

use std::io::{BufWriter, Write};

use snowplowctl::shred::transform_job::{self, TransformJobError, TransformSummary};

use super::ExitStatus;
use crate::cli::TransformArgs;

/// Runs `snowplowctl transform`.
pub fn run(args: TransformArgs) -> anyhow::Result<ExitStatus> {
    let bar = super::progress::stderr_bar(None, "{spinner} transforming: {bytes} {binary_bytes_per_sec}");
    let advanced = |bytes: u64| bar.inc(bytes);
    let shape = args.shape.into();
    let result = match &args.output {
        None => {
            let mut out = BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
            transform_job::run(&args.inputs, shape, &mut out, &advanced)
        }
        Some(path) => {
            // Written beside the target and renamed over it only when complete.
            let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let temp = path.with_file_name(format!(".{file_name}.snowplowctl-tmp-{}", std::process::id()));
            let file =
                std::fs::File::create(&temp).map_err(|e| anyhow::anyhow!("cannot write {}: {e}", temp.display()))?;
            let mut out = BufWriter::with_capacity(1 << 20, file);
            let result = transform_job::run(&args.inputs, shape, &mut out, &advanced);
            let result = result.and_then(|summary| {
                out.into_inner().map_err(|e| TransformJobError::Write(e.into_error()))?;
                std::fs::rename(&temp, path).map_err(TransformJobError::Write)?;
                Ok(summary)
            });
            if result.is_err() {
                let _ = std::fs::remove_file(&temp);
            }
            result
        }
    };
    bar.finish_and_clear();
    let summary = match result {
        Ok(summary) => summary,
        Err(TransformJobError::Write(error)) if error.kind() == std::io::ErrorKind::BrokenPipe => {
            return Ok(ExitStatus::Success);
        }
        Err(error) => {
            eprintln!("snowplowctl: error: {error}");
            return Ok(ExitStatus::Error);
        }
    };
    report(&summary)?;
    Ok(if summary.failed > 0 { ExitStatus::Failure } else { ExitStatus::Success })
}

fn report(summary: &TransformSummary) -> std::io::Result<()> {
    let mut err = std::io::stderr().lock();
    for failure in &summary.failures {
        writeln!(err, "snowplowctl: error: {failure}")?;
    }
    let unlisted = summary.failed - summary.failures.len() as u64;
    if unlisted > 0 {
        writeln!(err, "snowplowctl: error: … and {unlisted} more lines that could not be transformed")?;
    }
    if summary.failed > 0 {
        writeln!(
            err,
            "snowplowctl: {} of {} lines from {} file(s) could not be transformed; the other {} were written",
            summary.failed, summary.lines, summary.files, summary.transformed
        )?;
    }
    Ok(())
}
