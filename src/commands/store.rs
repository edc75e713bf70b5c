//! `snowplowctl store …`: validate, connect, call the library, render.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;

use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::{Value, json};
use snowplowctl::aws::{AwsOptions, DynamoDb, RetryPolicy};
use snowplowctl::lint::render::{self, Format, RenderOptions};
use snowplowctl::lint::{LintContext, LintError, LintOptions, Progress, Report};
use snowplowctl::store::{
    self, BATCH_SIZE, Exported, NewItem, Prepared, Scan, Scope, StoreError, StoreWarning, SyncOptions, SyncOutcome,
};

use super::{ExitStatus, connect_dynamodb, use_color, with_hint};
use crate::cli::{GlobalArgs, StoreArgs, StoreFormat, StoreTarget, ValidationArgs};

/// A progress bar on stderr, drawn only on a terminal and only for uploads of more than one
/// batch.
#[derive(Debug)]
struct Bar(ProgressBar);

impl Progress for Bar {
    fn add_total(&self, items: u64) {
        self.0.inc_length(items);
        if items > BATCH_SIZE as u64 && std::io::stderr().is_terminal() {
            self.0.set_draw_target(ProgressDrawTarget::stderr());
        }
    }
    fn inc(&self) {
        self.0.inc(1);
    }
}

/// Runs `snowplowctl store`.
pub fn run(args: StoreArgs, global: &GlobalArgs) -> anyhow::Result<ExitStatus> {
    let out = Output { format: args.format, color: use_color(global.color, std::io::stdout().is_terminal()) };
    let aws = args.aws.options();
    let retry = RetryPolicy::default();
    match args.target {
        StoreTarget::Enrichments { dir, table, prefix, prune, enrich_runtime, write, validation } => {
            let ctx = match lint_context(&validation, global, &out)? {
                Ok(ctx) => ctx,
                Err(status) => return Ok(status),
            };
            let prepared = store::prepare_enrichments(
                &ctx,
                &dir,
                &prefix,
                enrich_runtime,
                validation.resolver.as_deref(),
                validation.fail_on,
            );
            let Some(items) = ready(prepared, &out)? else { return Ok(ExitStatus::Failure) };
            let options = SyncOptions { prune, dry_run: write.dry_run, create_table: write.create_table, retry };
            sync(&aws, &table.table, &Scope::Prefix(prefix), &items, &options, &out)
        }
        StoreTarget::Resolver { file, table, key, write, validation } => {
            let ctx = match lint_context(&validation, global, &out)? {
                Ok(ctx) => ctx,
                Err(status) => return Ok(status),
            };
            let prepared = store::prepare_resolver(&ctx, &file, &key, validation.fail_on);
            let Some(items) = ready(prepared, &out)? else { return Ok(ExitStatus::Failure) };
            let options = SyncOptions { prune: false, dry_run: write.dry_run, create_table: write.create_table, retry };
            sync(&aws, &table.table, &Scope::Key(key), &items, &options, &out)
        }
        StoreTarget::List { table, prefix } => {
            let db = connect_dynamodb(&aws)?;
            match store::list(&db, &table.table, &prefix, &retry) {
                Ok((scan, warnings)) => {
                    print_warnings(&warnings);
                    out.listing(&db, &table.table, &prefix, &scan, &warnings)?;
                    Ok(ExitStatus::Success)
                }
                Err(error) => Ok(report_error(&error, &db, &table.table)),
            }
        }
        StoreTarget::Export { dir, table, prefix, key, force } => {
            let db = connect_dynamodb(&aws)?;
            match store::export_items(&db, &table.table, prefix.as_deref(), key.as_deref(), &dir, force, &retry) {
                Ok(exported) => {
                    print_warnings(&exported.warnings);
                    out.exported(&db, &table.table, &dir, &exported)?;
                    Ok(ExitStatus::Success)
                }
                Err(error) => Ok(report_error(&error, &db, &table.table)),
            }
        }
    }
}

/// The validation context: the `--resolver` (or only the bundled schemas). When the resolver
/// itself is unusable, its findings are printed and the exit status returned instead.
fn lint_context(
    validation: &ValidationArgs,
    global: &GlobalArgs,
    out: &Output,
) -> anyhow::Result<Result<LintContext, ExitStatus>> {
    let options = LintOptions { max_file_size: validation.max_file_size, ..LintOptions::default() };
    let resolver = match super::load_resolver(validation.resolver.as_deref(), global, validation.max_file_size) {
        Ok(resolver) => resolver,
        Err(report) => {
            if let Some(path) = &validation.resolver {
                eprintln!("snowplowctl: error: the resolver {} cannot be used:", path.display());
            }
            out.findings(&report)?;
            return Ok(Err(if report.has_io_errors() { ExitStatus::Error } else { ExitStatus::Failure }));
        }
    };
    Ok(Ok(LintContext::new(Arc::new(resolver), options)))
}

/// The items when validation passed (after showing any lesser findings on stderr); `None`
/// after printing the findings that stop the store.
fn ready(prepared: Result<Prepared, LintError>, out: &Output) -> anyhow::Result<Option<Vec<NewItem>>> {
    match prepared {
        Err(LintError::Usage(message)) => anyhow::bail!(message),
        Err(error) => Err(error.into()),
        Ok(Prepared::Invalid(report)) => {
            eprintln!("snowplowctl: error: validation failed; nothing was written");
            out.findings(&report)?;
            Ok(None)
        }
        Ok(Prepared::Ready { items, report }) => {
            if report.findings().next().is_some() {
                let mut err = std::io::stderr().lock();
                render::render(&report, Format::Text, RenderOptions { color: false }, &mut err)?;
            }
            Ok(Some(items))
        }
    }
}

/// Prints a store error with what helps to fix it, and returns exit status 2.
fn report_error(error: &StoreError, db: &DynamoDb, table: &str) -> ExitStatus {
    let message = match error {
        StoreError::TableMissing(_) => with_hint(
            &format!("{error} ({})", db.location()),
            Some("check --table and --region, or pass --create-table to create it"),
        ),
        StoreError::Aws(aws) => with_hint(&format!("table `{table}` ({}): {aws}", db.location()), aws.hint()),
        StoreError::Write(failure) => {
            let hint = match &failure.cause {
                store::StopCause::Error(aws) => aws.hint(),
                store::StopCause::Unprocessed { .. } => Some("the table is throttling writes; run again later"),
            };
            with_hint(&format!("table `{table}` ({}): {error}", db.location()), hint)
        }
        _ => format!("{error} ({})", db.location()),
    };
    eprintln!("snowplowctl: error: {message}");
    ExitStatus::Error
}

fn print_warnings(warnings: &[StoreWarning]) {
    for warning in warnings {
        eprintln!("snowplowctl: warning: {}", warning.message);
    }
}

fn sync(
    aws: &AwsOptions,
    table: &str,
    scope: &Scope,
    items: &[NewItem],
    options: &SyncOptions,
    out: &Output,
) -> anyhow::Result<ExitStatus> {
    let db = connect_dynamodb(aws)?;
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
    bar.set_style(
        ProgressStyle::with_template("{spinner} writing {pos}/{len} items {wide_bar}").expect("valid template"),
    );
    let progress = Bar(bar.clone());
    let result = store::sync(&db, table, scope, items, options, Some(&progress));
    bar.finish_and_clear();
    match result {
        Ok(outcome) => {
            print_warnings(&outcome.warnings);
            out.outcome(&db, table, scope, &outcome)?;
            Ok(ExitStatus::Success)
        }
        Err(error) => Ok(report_error(&error, &db, table)),
    }
}

/// `--enrichments dynamodb:…` or `--resolver dynamodb:…`, as Stream Enrich takes it.
fn stream_enrich_argument(db: &DynamoDb, table: &str, scope: &Scope) -> String {
    match scope {
        Scope::Prefix(prefix) => format!("--enrichments dynamodb:{}/{table}/{prefix}", db.region()),
        Scope::Key(key) => format!("--resolver dynamodb:{}/{table}/{key}", db.region()),
    }
}

/// Renders results in the chosen format.
struct Output {
    format: StoreFormat,
    color: bool,
}

fn new_table(header: &[&str]) -> Table {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_header(header.to_vec());
    table
}

fn write_json(value: &Value) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut stdout, value)?;
    writeln!(stdout)?;
    Ok(())
}

impl Output {
    fn findings(&self, report: &Report) -> anyhow::Result<()> {
        let format = match self.format {
            StoreFormat::Text => Format::Text,
            StoreFormat::Json => Format::Json,
        };
        let mut stdout = std::io::stdout().lock();
        render::render(report, format, RenderOptions { color: self.color }, &mut stdout)?;
        stdout.flush()?;
        Ok(())
    }

    fn outcome(&self, db: &DynamoDb, table: &str, scope: &Scope, outcome: &SyncOutcome) -> anyhow::Result<()> {
        let counts = outcome.plan.counts();
        let (calls, retries) = outcome.written.as_ref().map_or((0, 0), |w| (w.calls, w.retries));
        let writes = outcome.plan.writes.len();
        if self.format == StoreFormat::Json {
            let scope_json = match scope {
                Scope::Prefix(prefix) => json!({ "prefix": prefix }),
                Scope::Key(key) => json!({ "key": key }),
            };
            return write_json(&json!({
                "version": 1,
                "table": table,
                "region": db.region(),
                "endpoint": db.endpoint(),
                "scope": scope_json,
                "dry_run": outcome.written.is_none(),
                "table_state": outcome.table,
                "items": outcome.plan.entries,
                "summary": {
                    "added": counts.added,
                    "changed": counts.changed,
                    "unchanged": counts.unchanged,
                    "removed": counts.removed,
                    "stray": counts.stray,
                    "writes": if outcome.written.is_some() { writes } else { 0 },
                    "calls": calls,
                    "retries": retries,
                },
                "warnings": outcome.warnings,
                "stream_enrich": stream_enrich_argument(db, table, scope),
            }));
        }
        let mut stdout = std::io::stdout().lock();
        let dry_run = outcome.written.is_none();
        let created = match outcome.table {
            store::TableState::Existing => "",
            store::TableState::Created => ", created",
            store::TableState::WouldCreate => ", would be created",
        };
        if dry_run {
            writeln!(stdout, "Dry run: nothing is written to table `{table}` ({}{created}).", db.location())?;
        } else {
            writeln!(stdout, "Table `{table}` ({}{created}):", db.location())?;
        }
        let mut items = new_table(&["id", "file", "action", "bytes"]);
        for entry in &outcome.plan.entries {
            items.add_row(vec![
                entry.id.clone(),
                entry.file.clone().unwrap_or_default(),
                entry.action.as_str().to_owned(),
                entry.bytes.to_string(),
            ]);
        }
        writeln!(stdout, "{items}")?;
        let mut header = vec!["added", "changed", "unchanged", "removed", "stray"];
        let mut row = vec![counts.added, counts.changed, counts.unchanged, counts.removed, counts.stray];
        if !dry_run {
            header.extend(["writes", "calls", "retries"]);
            row.extend([writes, calls, retries]);
        }
        let mut summary = new_table(&header);
        summary.add_row(row.into_iter().map(|n| n.to_string()).collect::<Vec<_>>());
        writeln!(stdout, "{summary}")?;
        if dry_run && writes > 0 {
            writeln!(stdout, "{writes} write(s) would be made; run again without --dry-run to make them.")?;
        }
        writeln!(stdout, "Stream Enrich reads this with `{}`.", stream_enrich_argument(db, table, scope))?;
        Ok(())
    }

    fn listing(
        &self,
        db: &DynamoDb,
        table: &str,
        prefix: &str,
        scan: &Scan,
        warnings: &[StoreWarning],
    ) -> anyhow::Result<()> {
        let describe = |item: &store::StoredItem| match &item.json {
            store::JsonAttribute::String(_) => item.schema().unwrap_or_else(|| "(not self-describing JSON)".into()),
            store::JsonAttribute::Missing => "(no `json` attribute)".into(),
            store::JsonAttribute::OtherType(kind) => format!("(`json` is of type {kind})"),
        };
        if self.format == StoreFormat::Json {
            let items: Vec<Value> = scan
                .items()
                .map(|(page, item)| {
                    json!({
                        "id": item.id,
                        "file": item.file,
                        "schema": item.schema(),
                        "json": match &item.json {
                            store::JsonAttribute::String(_) => "S",
                            store::JsonAttribute::Missing => "missing",
                            store::JsonAttribute::OtherType(kind) => kind,
                        },
                        "bytes": item.size,
                        "page": page + 1,
                    })
                })
                .collect();
            return write_json(&json!({
                "version": 1,
                "table": table,
                "region": db.region(),
                "endpoint": db.endpoint(),
                "prefix": prefix,
                "pages": scan.pages.len(),
                "items": items,
                "warnings": warnings,
            }));
        }
        let mut stdout = std::io::stdout().lock();
        let mut rows = new_table(&["id", "file", "schema", "bytes", "page"]);
        let mut count = 0;
        for (page, item) in scan.items() {
            count += 1;
            rows.add_row(vec![
                item.id.clone(),
                item.file.clone().unwrap_or_default(),
                describe(item),
                item.size.to_string(),
                (page + 1).to_string(),
            ]);
        }
        if count > 0 {
            writeln!(stdout, "{rows}")?;
        }
        let under = if prefix.is_empty() { String::new() } else { format!(" under prefix `{prefix}`") };
        writeln!(
            stdout,
            "{count} item(s){under} in table `{table}` ({}), read in {} Scan page(s).",
            db.location(),
            scan.pages.len()
        )?;
        Ok(())
    }

    fn exported(&self, db: &DynamoDb, table: &str, dir: &Path, exported: &Exported) -> anyhow::Result<()> {
        if self.format == StoreFormat::Json {
            return write_json(&json!({
                "version": 1,
                "table": table,
                "region": db.region(),
                "endpoint": db.endpoint(),
                "dir": dir.to_string_lossy().replace('\\', "/"),
                "files": exported.files,
                "warnings": exported.warnings,
            }));
        }
        let mut stdout = std::io::stdout().lock();
        let mut rows = new_table(&["id", "file", "status"]);
        for file in &exported.files {
            rows.add_row(vec![
                file.id.clone(),
                file.file.clone(),
                if file.unchanged { "unchanged" } else { "written" }.to_owned(),
            ]);
        }
        if !exported.files.is_empty() {
            writeln!(stdout, "{rows}")?;
        }
        let written = exported.files.iter().filter(|f| !f.unchanged).count();
        writeln!(
            stdout,
            "Exported {} item(s) from table `{table}` ({}) into {}: {written} written, {} unchanged.",
            exported.files.len(),
            db.location(),
            dir.display(),
            exported.files.len() - written
        )?;
        Ok(())
    }
}
