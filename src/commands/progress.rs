//! Progress bars on stderr, drawn only when stderr is a terminal.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use snowplowctl::enrich::job::JobObserver;
use snowplowctl::shred::job::ShredObserver;

/// A bar with `template`, hidden unless stderr is a terminal.
pub fn stderr_bar(length: Option<u64>, template: &str) -> ProgressBar {
    let target =
        if std::io::stderr().is_terminal() { ProgressDrawTarget::stderr() } else { ProgressDrawTarget::hidden() };
    let bar = ProgressBar::with_draw_target(length, target);
    bar.set_style(ProgressStyle::with_template(template).expect("valid template"));
    bar
}

/// Input bytes on a bar and a running count of what they made (`events`, `lines`).
pub struct ByteProgress {
    bar: ProgressBar,
    count: AtomicU64,
    unit: &'static str,
    /// Whether the bar's length is the input size (enrich counts bytes on disk; shred counts
    /// decompressed bytes, whose total is unknown).
    sized: bool,
}

impl ByteProgress {
    /// Progress drawn on `bar`, counting `unit`.
    pub fn new(bar: ProgressBar, unit: &'static str, sized: bool) -> Self {
        ByteProgress { bar, count: AtomicU64::new(0), unit, sized }
    }

    /// Starts over at zero (for the next run of `run`).
    pub fn restart(&self) {
        self.count.store(0, Ordering::Relaxed);
        self.bar.reset();
        self.bar.set_message("");
    }

    fn start(&self, total_bytes: u64, files: usize) {
        if self.sized {
            self.bar.set_length(total_bytes);
        }
        self.bar.set_prefix(format!("{files} file(s)"));
    }

    fn advance(&self, bytes: u64, made: u64) {
        let total = self.count.fetch_add(made, Ordering::Relaxed) + made;
        self.bar.inc(bytes);
        self.bar.set_message(format!("{total} {}", self.unit));
    }
}

impl JobObserver for ByteProgress {
    fn started(&self, total_bytes: u64, files: usize) {
        self.start(total_bytes, files);
    }

    fn advanced(&self, bytes: u64, events: u64) {
        self.advance(bytes, events);
    }
}

impl ShredObserver for ByteProgress {
    fn started(&self, total_bytes: u64, files: usize) {
        self.start(total_bytes, files);
    }

    fn advanced(&self, bytes: u64, lines: u64) {
        self.advance(bytes, lines);
    }
}
