//! The EMR steps of one EmrEtlRunner run, as a Dataflow Runner playbook (PlaybookConfig 1-0-1).
//!
//! [`plan`] reproduces the step list EmrEtlRunner R117 (≈ emr-etl-runner 1.0.x) builds in
//! `emr_job.rb`: the same steps in the same order, with EmrEtlRunner's step names, jars and
//! argument order. Spark steps are written as Elasticity wrote them (`command-runner.jar`,
//! `spark-submit --class … --master yarn --deploy-mode cluster <jar> <app args>`), Scalding steps
//! as `<jar> <main class> --hdfs <args>`. Every step's `actionOnFailure` is `CANCEL_AND_WAIT`:
//! EmrEtlRunner's transient clusters used `TERMINATE_JOB_FLOW`, which Dataflow Runner refuses;
//! with `run-transient` the cluster still terminates once the steps stop.
//!
//! What a playbook cannot do is EmrEtlRunner's host-side work before submitting: the checks
//! that `raw.processing`, `enriched.good` and `shredded.good` are empty, the listing that
//! skips empty `raw.in` locations, and the lookup of the latest run folder for recover-mode
//! archiving (here the `recoverRunId` variable).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::Serialize;
use serde_json::{Value, json};

use super::derived::{self, constant};
use super::stages::{self, ArchiveMode, Stage, StagePlan, StageRequest};
use super::text::{RunValues, TemplateText, Variable};
use super::{
    CredentialsRecord, EMR_STEP_ARGUMENT_LIMIT, GenerateError, Inputs, TagRecord, Target, Warning, finish_document,
};
use crate::dataflow::ConfigKind;
use crate::emr::config::{CREDENTIAL_POINTERS, OutputCompression, S3Location, Version};
use crate::lint::enrichments::ENRICHMENTS_LIST_SCHEMA;
use crate::lint::{self, LintError};

/// The step type Dataflow Runner adds (it ignores the field, but the schema requires it).
pub const STEP_TYPE: &str = "CUSTOM_JAR";

/// The `actionOnFailure` of every step: Dataflow Runner only allows `CANCEL_AND_WAIT` and
/// `CONTINUE`.
pub const ACTION_ON_FAILURE: &str = "CANCEL_AND_WAIT";

/// EMR's jar for running commands (and, through Elasticity, Spark).
pub const COMMAND_RUNNER_JAR: &str = "command-runner.jar";

const SPARK_PACKAGE: &str = "com.snowplowanalytics.snowplow";

/// What to generate besides the configuration.
#[derive(Debug, Clone, Default)]
pub struct PlaybookOptions {
    /// `--skip`, `--resume-from` and `--include` (the mode is taken from config.yml).
    pub stages: StageRequest,
    /// Start with EmrEtlRunner's two HDFS cleanup steps, which it adds when it reuses a
    /// persistent cluster (`dataflow-runner up` + `run`).
    pub empty_hdfs: bool,
}

/// One EMR step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The EMR step name, as EmrEtlRunner names it.
    pub name: TemplateText,
    /// The stage it belongs to; `None` for cluster housekeeping (HDFS cleanup before a run,
    /// starting HBase).
    pub stage: Option<Stage>,
    /// The jar EMR runs (`command-runner.jar` for Spark).
    pub jar: String,
    /// The step's arguments.
    pub arguments: Vec<TemplateText>,
    /// The jar of the program itself (the application jar for Spark).
    pub program_jar: String,
    /// The main class, when the step names one.
    pub main_class: Option<String>,
}

/// One line of `--explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplainRow {
    /// Step name.
    pub step: String,
    /// Stage (`-` for housekeeping).
    pub stage: String,
    /// The program's jar.
    pub jar: String,
    /// The main class (`-` when the jar's manifest names it).
    pub main_class: String,
}

/// The steps of one run.
#[derive(Debug, Clone)]
pub struct Playbook {
    /// The stages that run.
    pub stages: StagePlan,
    /// The steps, in order.
    pub steps: Vec<Step>,
    /// What Dataflow Runner does differently from EmrEtlRunner here.
    pub warnings: Vec<Warning>,
    region: String,
    tags: Vec<(String, String)>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlaybookData {
    region: String,
    credentials: CredentialsRecord,
    steps: Vec<StepRecord>,
    tags: Vec<TagRecord>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StepRecord {
    #[serde(rename = "type")]
    step_type: &'static str,
    name: String,
    action_on_failure: &'static str,
    jar: String,
    arguments: Vec<String>,
}

impl Playbook {
    /// The template variables the steps use, in a fixed order.
    pub fn variables(&self) -> Vec<Variable> {
        let used: Vec<Variable> = self
            .steps
            .iter()
            .flat_map(|s| std::iter::once(&s.name).chain(&s.arguments))
            .flat_map(TemplateText::variables)
            .collect();
        Variable::ALL.into_iter().filter(|v| used.contains(v)).collect()
    }

    /// The plan as table rows.
    pub fn explain(&self, values: &RunValues) -> Vec<ExplainRow> {
        self.steps
            .iter()
            .map(|step| ExplainRow {
                step: step.name.display(values),
                stage: step.stage.map_or_else(|| "-".to_owned(), |s| s.name().to_owned()),
                jar: step.program_jar.clone(),
                main_class: step.main_class.clone().unwrap_or_else(|| "-".to_owned()),
            })
            .collect()
    }

    /// The PlaybookConfig file, with `values` baked in and every other variable left as a
    /// template variable. Fails when an argument is longer than EMR accepts.
    pub fn to_json(&self, values: &RunValues, credentials: super::Credentials) -> Result<String, GenerateError> {
        for step in &self.steps {
            for (i, argument) in step.arguments.iter().enumerate() {
                let length = argument.max_rendered_len(values);
                if length > EMR_STEP_ARGUMENT_LIMIT {
                    let option =
                        i.checked_sub(1).map(|p| step.arguments[p].display(values)).filter(|p| p.starts_with("--"));
                    return Err(too_long(step, i, option, length, values));
                }
            }
        }
        let steps = self
            .steps
            .iter()
            .map(|step| StepRecord {
                step_type: STEP_TYPE,
                name: step.name.render(values),
                action_on_failure: ACTION_ON_FAILURE,
                jar: super::text::escape_template(&step.jar),
                arguments: step.arguments.iter().map(|a| a.render(values)).collect(),
            })
            .collect();
        let data = PlaybookData {
            region: super::text::escape_template(&self.region),
            credentials: credentials.into(),
            steps,
            tags: tag_records(&self.tags),
        };
        finish_document(ConfigKind::Playbook, data)
    }
}

fn too_long(step: &Step, index: usize, option: Option<String>, length: usize, values: &RunValues) -> GenerateError {
    let hint = if option.as_deref() == Some("--enrichments") {
        "Spark Enrich takes its enrichments only as this one argument. Remove disabled or unneeded enrichment \
         configs from the directory, or move enrichment to Stream Enrich, which reads its enrichments from DynamoDB \
         (upload them with `snowplowctl store enrichments`), and run this pipeline in Stream Enrich mode \
         (aws.s3.buckets.enriched.stream)"
            .to_owned()
    } else {
        "EMR refuses longer step arguments: shorten the input this argument is made from".to_owned()
    };
    GenerateError::ArgumentTooLong {
        step: step.name.display(values),
        argument: option.map_or_else(|| format!("#{}", index + 1), |o| format!("`{o}`")),
        length,
        hint,
    }
}

fn tag_records(tags: &[(String, String)]) -> Vec<TagRecord> {
    tags.iter()
        .map(|(key, value)| TagRecord {
            key: super::text::escape_template(key),
            value: super::text::escape_template(value),
        })
        .collect()
}

/// Builds the steps for `inputs` and the stages `options` select.
pub fn plan(inputs: &Inputs, options: &PlaybookOptions) -> Result<Playbook, GenerateError> {
    let config = &inputs.config;
    let request = StageRequest { stream_mode: config.is_stream_mode(), ..options.stages.clone() };
    let stages = stages::select_stages(&request)?;
    let mut builder = Builder::new(inputs, &stages)?;
    if options.empty_hdfs {
        builder.empty_hdfs();
    }
    builder.staging()?;
    builder.hbase();
    builder.enrich()?;
    builder.staging_stream_enrich();
    builder.shred()?;
    builder.elasticsearch()?;
    builder.archive_raw()?;
    builder.rdb_load()?;
    builder.archive_enriched()?;
    builder.archive_shredded()?;
    let Builder { steps, mut warnings, .. } = builder;
    if steps.is_empty() {
        let stages: Vec<&str> = stages.stages().iter().map(|s| s.name()).collect();
        let reason = if stages.is_empty() {
            "no stage runs".to_owned()
        } else {
            format!("the stages that run ({}) have nothing to do with these inputs", stages.join(", "))
        };
        return Err(GenerateError::EmptyPlaybook { reason });
    }
    if config.monitoring.snowplow.is_some() {
        warnings.push(Warning::at(
            "/monitoring/snowplow",
            "Dataflow Runner does not send Snowplow monitoring events (job started, succeeded, failed); \
             these settings are not used",
        ));
    }
    if stages.resume_from() == Some(Stage::StagingStreamEnrich) {
        warnings.push(Warning {
            pointer: None,
            message: "as in EmrEtlRunner R117, --resume-from staging_stream_enrich runs no stage but \
                      archive_shredded (staging_stream_enrich only runs without --resume-from); to run the whole \
                      pipeline, generate without --resume-from"
                .to_owned(),
        });
    }
    Ok(Playbook {
        stages,
        steps,
        warnings,
        region: config.aws.emr.region.clone(),
        tags: config.monitoring.tags.0.clone(),
    })
}

/// `<location>run=<variable>/`.
fn partition(location: &S3Location, variable: Variable) -> TemplateText {
    TemplateText::literal(location.as_str()).then("run=").then_variable(variable).then("/")
}

fn literal(text: &str) -> TemplateText {
    TemplateText::literal(text)
}

fn literals<const N: usize>(texts: [&str; N]) -> Vec<TemplateText> {
    texts.into_iter().map(literal).collect()
}

struct Builder<'a> {
    inputs: &'a Inputs,
    stages: &'a StagePlan,
    assets: String,
    standard_assets: String,
    s3distcp_jar: &'static str,
    endpoint: String,
    encrypted: bool,
    codec: Vec<TemplateText>,
    steps: Vec<Step>,
    warnings: Vec<Warning>,
}

impl<'a> Builder<'a> {
    fn new(inputs: &'a Inputs, stages: &'a StagePlan) -> Result<Self, GenerateError> {
        let config = &inputs.config;
        let emr_region = &config.aws.emr.region;
        let ami = version_at(inputs, "/aws/emr/ami_version", &config.aws.emr.ami_version)?;
        Ok(Builder {
            inputs,
            stages,
            assets: derived::hosted_assets(config.aws.s3.buckets.assets.as_str(), emr_region),
            standard_assets: derived::hosted_assets(derived::STANDARD_HOSTED_ASSETS, emr_region),
            s3distcp_jar: derived::s3distcp_jar(&ami),
            endpoint: derived::s3_endpoint(&config.aws.s3.region),
            encrypted: config.aws.s3.buckets.encrypted,
            codec: match config.enrich.output_compression {
                OutputCompression::Gzip => literals(["--outputCodec", "gz"]),
                OutputCompression::None => Vec::new(),
            },
            steps: Vec::new(),
            warnings: Vec::new(),
        })
    }

    fn runs(&self, stage: Stage) -> bool {
        self.stages.runs(stage)
    }

    fn buckets(&self) -> &'a crate::emr::config::Buckets {
        &self.inputs.config.aws.s3.buckets
    }

    /// A key the stage needs but the config leaves blank.
    fn needed<T>(&self, value: Option<T>, pointer: &str, stage: Stage) -> Result<T, GenerateError> {
        value.ok_or_else(|| {
            GenerateError::Findings(self.inputs.config_finding(
                &lint::config::NEEDED_FOR_RUN,
                pointer,
                format!("`{}` is blank, but the {stage} stage needs it", crate::locate::dotted(pointer)),
                format!("set it, or leave the stage out with `--skip {stage}`"),
            ))
        })
    }

    fn resolver(&self, stage: Stage) -> Result<String, GenerateError> {
        self.inputs.resolver_base64().ok_or_else(|| {
            GenerateError::Input(LintError::Usage(format!(
                "the {stage} stage passes the Iglu resolver to its job: give it with --resolver"
            )))
        })
    }

    fn s3distcp(&mut self, name: TemplateText, stage: Stage, mut arguments: Vec<TemplateText>) {
        if self.encrypted {
            arguments.push(literal("--s3ServerSideEncryption"));
        }
        self.steps.push(Step {
            name,
            stage: Some(stage),
            jar: self.s3distcp_jar.to_owned(),
            arguments,
            program_jar: self.s3distcp_jar.to_owned(),
            main_class: None,
        });
    }

    /// A Spark step as Elasticity submits it.
    fn spark(&mut self, name: &str, stage: Stage, jar: String, main_class: &str, app: Vec<(&str, TemplateText)>) {
        let main_class = format!("{SPARK_PACKAGE}.{main_class}");
        let mut arguments = literals(["spark-submit", "--class"]);
        arguments.push(literal(&main_class));
        arguments.extend(literals(["--master", "yarn", "--deploy-mode", "cluster"]));
        arguments.push(literal(&jar));
        for (option, value) in app {
            arguments.push(literal(&format!("--{option}")));
            arguments.push(value);
        }
        self.steps.push(Step {
            name: literal(name),
            stage: Some(stage),
            jar: COMMAND_RUNNER_JAR.to_owned(),
            arguments,
            program_jar: jar,
            main_class: Some(main_class),
        });
    }

    fn cleanup(&mut self, description: &str, stage: Option<Stage>, locations: &[&str]) {
        let jar = derived::script_runner_jar(&self.inputs.config.aws.emr.region);
        let mut arguments = vec![literal(&derived::hdfs_rmr_script(&self.standard_assets))];
        arguments.extend(locations.iter().map(|l| literal(l)));
        self.steps.push(Step {
            name: literal(&format!("[cleanup] {description}")),
            stage,
            jar: jar.clone(),
            arguments,
            program_jar: jar,
            main_class: None,
        });
    }

    fn empty_hdfs(&mut self) {
        self.cleanup("Empty Snowplow HDFS", None, &[derived::RAW_HDFS, derived::ENRICHED_HDFS, derived::SHREDDED_HDFS]);
        self.steps.push(Step {
            name: literal("[cleanup] Empty HDFS trash"),
            stage: None,
            jar: COMMAND_RUNNER_JAR.to_owned(),
            arguments: literals(["hdfs", "dfs", "-expunge"]),
            program_jar: COMMAND_RUNNER_JAR.to_owned(),
            main_class: None,
        });
    }

    fn collector_format(&self, stage: Stage) -> Result<&'a str, GenerateError> {
        self.needed(self.inputs.config.collectors.as_ref().map(|c| c.format.as_str()), "/collectors/format", stage)
    }

    fn staging(&mut self) -> Result<(), GenerateError> {
        if !self.runs(Stage::Staging) {
            return Ok(());
        }
        let raw = self.needed(self.buckets().raw.as_ref(), "/aws/s3/buckets/raw", Stage::Staging)?;
        let format = self.collector_format(Stage::Staging)?;
        let in_locations =
            self.needed((!raw.in_.is_empty()).then_some(&raw.in_), "/aws/s3/buckets/raw/in", Stage::Staging)?;
        for location in in_locations {
            let pattern =
                if format == "clj-tomcat" { derived::CLJ_TOMCAT_STAGING_PATTERN } else { derived::STAGING_PATTERN };
            let mut arguments = literals(["--src", location.as_str(), "--dest", raw.processing.as_str()]);
            arguments.extend(literals(["--s3Endpoint", &self.endpoint, "--srcPattern", pattern, "--deleteOnSuccess"]));
            if format == "clj-tomcat" {
                arguments.extend(literals(["--groupBy", derived::CLJ_TOMCAT_STAGING_GROUP_BY]));
            }
            let name = format!("[staging] s3-dist-cp: Raw {location} -> Raw Staging S3");
            self.s3distcp(literal(&name), Stage::Staging, arguments);
        }
        Ok(())
    }

    fn hbase(&mut self) {
        let Some(version) = &self.inputs.config.aws.emr.software.hbase else { return };
        let jar = format!("/home/hadoop/lib/hbase-{version}.jar");
        self.steps.push(Step {
            name: literal(&format!("Start HBase {version}")),
            stage: None,
            jar: jar.clone(),
            arguments: literals(["emr.hbase.backup.Main", "--start-master"]),
            program_jar: jar,
            main_class: Some("emr.hbase.backup.Main".to_owned()),
        });
    }

    /// Where this run's enriched events are in S3: `enriched.good/run=<id>/` when enrich or
    /// staging_stream_enrich runs, else all of `enriched.good`.
    fn enriched_output(&self) -> TemplateText {
        let good = &self.buckets().enriched.good;
        if self.runs(Stage::Enrich) || self.runs(Stage::StagingStreamEnrich) {
            partition(good, Variable::RunId)
        } else {
            literal(good.as_str())
        }
    }

    fn enrich(&mut self) -> Result<(), GenerateError> {
        if !self.runs(Stage::Enrich) {
            return Ok(());
        }
        let inputs = self.inputs;
        let config = &inputs.config;
        let raw = self.needed(self.buckets().raw.as_ref(), "/aws/s3/buckets/raw", Stage::Enrich)?;
        let format = self.collector_format(Stage::Enrich)?;
        let bad = self.needed(self.buckets().enriched.bad.as_ref(), "/aws/s3/buckets/enriched/bad", Stage::Enrich)?;
        let versions = self.needed(config.enrich.versions.as_ref(), "/enrich/versions/spark_enrich", Stage::Enrich)?;
        let pointer = "/enrich/versions/spark_enrich";
        let version = version_at(self.inputs, pointer, &versions.spark_enrich)?;
        if !derived::is_spark_enrich(&version) {
            return Err(unsupported(
                self.inputs,
                pointer,
                format!("`{}` is a Hadoop Enrich version; generate builds Spark Enrich steps", versions.spark_enrich),
                "use Spark Enrich 1.9.0 or later (R117 ships 1.18.0)",
            ));
        }
        let resolver = self.resolver(Stage::Enrich)?;

        let mut arguments =
            literals(["--src", raw.processing.as_str(), "--dest", derived::RAW_HDFS, "--s3Endpoint", &self.endpoint]);
        if derived::is_cloudfront_log(format) || derived::is_ua_ndjson(format) {
            let group_by =
                if derived::is_ua_ndjson(format) { derived::UA_GROUP_BY } else { derived::CLOUDFRONT_GROUP_BY };
            arguments.extend(literals(["--groupBy", group_by, "--targetSize", "128", "--outputCodec", "lzo"]));
        }
        if format == "clj-tomcat" {
            // Gzip cannot be split, which breaks Spark Enrich (snowplow/snowplow#3525).
            arguments.extend(literals(["--outputCodec", "none"]));
        }
        self.s3distcp(literal("[enrich] s3-dist-cp: Raw S3 -> Raw HDFS"), Stage::Enrich, arguments);

        let enrichments = json!({"schema": ENRICHMENTS_LIST_SCHEMA, "data": inputs.enrichments});
        let jar = derived::spark_enrich_jar(&self.assets, &versions.spark_enrich);
        self.spark(
            "[enrich] spark: Enrich Raw Events",
            Stage::Enrich,
            jar,
            "enrich.spark.EnrichJob",
            vec![
                ("input-format", literal(format)),
                ("etl-timestamp", TemplateText::default().then_variable(Variable::EtlTimestamp)),
                ("iglu-config", literal(&resolver)),
                ("enrichments", literal(&BASE64.encode(enrichments.to_string()))),
                ("input-folder", literal(&format!("{}*", derived::RAW_HDFS))),
                ("output-folder", literal(derived::ENRICHED_HDFS)),
                ("bad-folder", partition(bad, Variable::RunId)),
            ],
        );

        let output = self.enriched_output();
        let mut arguments = vec![literal("--src"), literal(derived::ENRICHED_HDFS), literal("--dest"), output.clone()];
        arguments.extend(literals(["--groupBy", derived::PART_GROUP_BY, "--targetSize", "24"]));
        arguments.extend(literals(["--s3Endpoint", &self.endpoint]));
        arguments.extend(self.codec.clone());
        self.s3distcp(literal("[enrich] spark: Enriched HDFS -> S3"), Stage::Enrich, arguments);

        let mut arguments = vec![literal("--src"), literal(derived::ENRICHED_HDFS), literal("--dest"), output];
        arguments.extend(literals(["--srcPattern", derived::SUCCESS_PATTERN, "--s3Endpoint", &self.endpoint]));
        self.s3distcp(literal("[enrich] spark: Enriched HDFS _SUCCESS -> S3"), Stage::Enrich, arguments);
        Ok(())
    }

    fn staging_stream_enrich(&mut self) {
        if !self.runs(Stage::StagingStreamEnrich) {
            return;
        }
        let Some(stream) = &self.buckets().enriched.stream else { return };
        let mut arguments = vec![literal("--src"), literal(stream.as_str()), literal("--dest"), self.enriched_output()];
        arguments.extend(literals([
            "--s3Endpoint",
            &self.endpoint,
            "--srcPattern",
            derived::STREAM_ENRICH_PATTERN,
            "--deleteOnSuccess",
        ]));
        let name = format!("[staging_stream_enrich] s3-dist-cp: Stream Enriched {stream} -> Enriched Staging S3");
        self.s3distcp(literal(&name), Stage::StagingStreamEnrich, arguments);
    }

    fn shred(&mut self) -> Result<(), GenerateError> {
        if !self.runs(Stage::Shred) {
            return Ok(());
        }
        let inputs = self.inputs;
        let config = &inputs.config;
        let pointer = "/storage/versions/rdb_shredder";
        let shredder = version_at(self.inputs, pointer, &config.storage.versions.rdb_shredder)?;
        if !derived::is_rdb_shredder(&shredder) {
            return Err(unsupported(
                self.inputs,
                pointer,
                format!(
                    "`{}` is a Hadoop Shred version; generate builds RDB Shredder steps",
                    config.storage.versions.rdb_shredder
                ),
                "use RDB Shredder 0.12.0 or later",
            ));
        }
        let resolver = self.resolver(Stage::Shred)?;
        let shredded = &self.buckets().shredded;
        let output = partition(&shredded.good, Variable::RunId);

        if self.runs(Stage::Enrich) {
            self.cleanup("Empty Raw HDFS", Some(Stage::Shred), &[derived::RAW_HDFS]);
        } else {
            let pattern = if config.is_stream_mode() { derived::STREAM_ENRICH_PATTERN } else { derived::PART_PATTERN };
            let mut arguments =
                vec![literal("--src"), self.enriched_output(), literal("--dest"), literal(derived::ENRICHED_HDFS)];
            arguments.extend(literals([
                "--srcPattern",
                pattern,
                "--outputCodec",
                "none",
                "--s3Endpoint",
                &self.endpoint,
            ]));
            self.s3distcp(literal("[shred] s3-dist-cp: Enriched S3 -> HDFS"), Stage::Shred, arguments);
        }

        let targets = &inputs.targets;
        let mut app = vec![("iglu-config", literal(&resolver))];
        if let Some(dedup) = &targets.duplicate_tracking {
            app.push(("duplicate-storage-config", literal(&dedup.to_base64())));
        }
        if shredder >= constant(derived::SHREDDER_WITH_PROCESSING_MANIFEST)
            && let Some(table) = processing_manifest_table(&targets.enriched_events)
        {
            app.push(("processing-manifest-table", literal(&table)));
            app.push(("item-id", output.clone()));
        }
        let with_tsv = shredder >= constant(derived::SHREDDER_WITH_TSV_OUTPUT);
        if with_tsv
            && let Some(target) =
                targets.enriched_events.iter().find(|t| t.key.name == "redshift_config" && t.key.version.model >= 4)
        {
            app.push(("target", literal(&target.to_base64())));
        }
        app.push(("input-folder", literal(&format!("{}*", derived::ENRICHED_HDFS))));
        app.push(("output-folder", literal(derived::SHREDDED_HDFS)));
        app.push(("bad-folder", partition(&shredded.bad, Variable::RunId)));
        let jar = derived::rdb_shredder_jar(&self.assets, &config.storage.versions.rdb_shredder);
        self.spark("[shred] spark: Shred Enriched Events", Stage::Shred, jar, "storage.spark.ShredJob", app);

        let copy_out = |group_by: &str, endpoint: &str, codec: &[TemplateText]| {
            let mut arguments =
                vec![literal("--src"), literal(derived::SHREDDED_HDFS), literal("--dest"), output.clone()];
            arguments.extend(literals(["--groupBy", group_by, "--targetSize", "24", "--s3Endpoint", endpoint]));
            arguments.extend(codec.iter().cloned());
            arguments
        };
        if config.aws.s3.consolidate_shredded_output {
            let mut copies = vec![
                ("Shredded atomic events", derived::ATOMIC_EVENTS_GROUP_BY),
                ("Shredded JSON types", derived::SHREDDED_TYPES_GROUP_BY),
            ];
            if with_tsv {
                copies.push(("Shredded TSV types", derived::SHREDDED_TSV_GROUP_BY));
            }
            for (what, group_by) in copies {
                let arguments = copy_out(group_by, &self.endpoint, &self.codec);
                self.s3distcp(literal(&format!("[shred] s3-dist-cp: {what} HDFS -> S3")), Stage::Shred, arguments);
            }
        } else {
            let mut arguments =
                vec![literal("--src"), literal(derived::SHREDDED_HDFS), literal("--dest"), output.clone()];
            arguments.extend(literals(["--srcPattern", derived::PART_PATTERN, "--s3Endpoint", &self.endpoint]));
            arguments.extend(self.codec.clone());
            self.s3distcp(literal("[shred] s3-dist-cp: Shredded HDFS -> S3"), Stage::Shred, arguments);
        }

        let mut arguments = vec![literal("--src"), literal(derived::SHREDDED_HDFS), literal("--dest"), output];
        arguments.extend(literals(["--srcPattern", derived::SUCCESS_PATTERN, "--s3Endpoint", &self.endpoint]));
        self.s3distcp(literal("[shred] s3-dist-cp: Shredded HDFS _SUCCESS -> S3"), Stage::Shred, arguments);
        Ok(())
    }

    fn elasticsearch(&mut self) -> Result<(), GenerateError> {
        let inputs = self.inputs;
        let targets = &inputs.targets.failed_events;
        if !self.runs(Stage::Elasticsearch) || targets.is_empty() {
            return Ok(());
        }
        let buckets = self.buckets();
        let mut sources = Vec::new();
        if self.runs(Stage::Enrich)
            && let Some(bad) = &buckets.enriched.bad
        {
            sources.push(partition(bad, Variable::RunId));
        }
        if self.runs(Stage::Shred) {
            sources.push(partition(&buckets.shredded.bad, Variable::RunId));
        }
        let version = &inputs.config.storage.versions.hadoop_elasticsearch;
        let jar = derived::elasticsearch_jar(&self.assets, version);
        let main_class = "com.snowplowanalytics.snowplow.storage.hadoop.ElasticsearchJob";
        let first = self.steps.len();
        for target in targets {
            for source in &sources {
                let mut arguments = vec![literal(main_class), literal("--hdfs"), literal("--input"), source.clone()];
                for (option, key) in [("host", "host"), ("port", "port"), ("index", "index"), ("type", "type")] {
                    match target.data.get(key) {
                        Some(Value::String(text)) => arguments.extend(literals([&format!("--{option}"), text])),
                        Some(Value::Number(number)) => {
                            arguments.extend(literals([&format!("--{option}"), &number.to_string()]));
                        }
                        _ => {}
                    }
                }
                let wan_only = target.data.get("nodesWanOnly").and_then(Value::as_bool).unwrap_or(false);
                arguments.extend(literals(["--es_nodes_wan_only", if wan_only { "true" } else { "false" }]));
                let name =
                    literal("Errors in ").then_text(source).then(&format!(" -> Elasticsearch: {}", target.name()));
                self.steps.push(Step {
                    name,
                    stage: Some(Stage::Elasticsearch),
                    jar: jar.clone(),
                    arguments,
                    program_jar: jar.clone(),
                    main_class: Some(main_class.to_owned()),
                });
            }
        }
        // S3 needs a moment to show the bad rows just written (EmrEtlRunner waits 60 s).
        if let Some(step) = self.steps.get_mut(first) {
            step.arguments.extend(literals(["--delay", "60"]));
        }
        Ok(())
    }

    fn archive_raw(&mut self) -> Result<(), GenerateError> {
        if !self.runs(Stage::ArchiveRaw) {
            return Ok(());
        }
        let raw = self.needed(self.buckets().raw.as_ref(), "/aws/s3/buckets/raw", Stage::ArchiveRaw)?;
        let arguments = vec![
            literal("--src"),
            literal(raw.processing.as_str()),
            literal("--dest"),
            partition(&raw.archive, Variable::RunId),
            literal("--s3Endpoint"),
            literal(&self.endpoint),
            literal("--deleteOnSuccess"),
        ];
        self.s3distcp(
            literal("[archive_raw] s3-dist-cp: Raw Staging S3 -> Raw Archive S3"),
            Stage::ArchiveRaw,
            arguments,
        );
        Ok(())
    }

    fn rdb_load(&mut self) -> Result<(), GenerateError> {
        if !self.runs(Stage::RdbLoad) {
            return Ok(());
        }
        let inputs = self.inputs;
        let targets = &inputs.targets.enriched_events;
        if targets.is_empty() {
            self.warnings.push(Warning {
                pointer: None,
                message: "there is no ENRICHED_EVENTS storage target (--targets), so the playbook loads nothing \
                          (no rdb_load steps)"
                    .to_owned(),
            });
            return Ok(());
        }
        let pointer = "/storage/versions/rdb_loader";
        let loader = self.needed(inputs.rdb_loader.as_deref(), pointer, Stage::RdbLoad)?;
        let loader_version = version_at(inputs, pointer, loader)?;
        let resolver = self.resolver(Stage::RdbLoad)?;
        let config = BASE64.encode(loader_config_yaml(&inputs.document)?);
        let mut skips: Vec<&str> = self.stages.loader_skips().iter().map(|s| s.name()).collect();
        if inputs.config.is_stream_mode() && loader_version > constant(derived::LOADER_WITH_PROCESSING_MANIFEST) {
            skips.push("load_manifest");
        }
        let includes: Vec<&str> = self.stages.includes().iter().map(|i| i.name()).collect();
        let jar = derived::rdb_loader_jar(&self.assets, loader);
        for (i, target) in targets.iter().enumerate() {
            let log_key = literal(&format!("{}rdb-loader/", self.buckets().log))
                .then_variable(Variable::RunId)
                .then(&format!("/{}", log_name(target, i)));
            let mut arguments = vec![
                literal("--config"),
                literal(&config),
                literal("--resolver"),
                literal(&resolver),
                literal("--logkey"),
                log_key,
                literal("--target"),
                literal(&target.to_base64()),
            ];
            if !skips.is_empty() {
                arguments.extend(literals(["--skip", &skips.join(",")]));
            }
            if !includes.is_empty() {
                arguments.extend(literals(["--include", &includes.join(",")]));
            }
            self.steps.push(Step {
                name: literal(&format!("[rdb_load] Load {} Storage Target", target.name())),
                stage: Some(Stage::RdbLoad),
                jar: jar.clone(),
                arguments,
                program_jar: jar.clone(),
                main_class: None,
            });
        }
        Ok(())
    }

    fn archive(&mut self, stage: Stage, mode: ArchiveMode, good: &S3Location, archive: &S3Location, names: [&str; 2]) {
        let (variable, name) = match mode {
            ArchiveMode::Pipeline => (Variable::RunId, names[0]),
            ArchiveMode::Recover => (Variable::RecoverRunId, names[1]),
        };
        let arguments = vec![
            literal("--src"),
            partition(good, variable),
            literal("--dest"),
            partition(archive, variable),
            literal("--s3Endpoint"),
            literal(&self.endpoint),
            literal("--deleteOnSuccess"),
        ];
        self.s3distcp(literal(name), stage, arguments);
    }

    fn archive_enriched(&mut self) -> Result<(), GenerateError> {
        let Some(mode) = self.stages.archive_enriched() else { return Ok(()) };
        let enriched = &self.buckets().enriched;
        let archive =
            self.needed(enriched.archive.as_ref(), "/aws/s3/buckets/enriched/archive", Stage::ArchiveEnriched)?;
        let names = [
            "[archive_enriched] s3-dist-cp: Enriched S3 -> Enriched Archive S3",
            "[archive_enriched] s3-dist-cp: Enriched S3 -> S3 Enriched Archive",
        ];
        self.archive(Stage::ArchiveEnriched, mode, &enriched.good, archive, names);
        Ok(())
    }

    fn archive_shredded(&mut self) -> Result<(), GenerateError> {
        let Some(mode) = self.stages.archive_shredded() else { return Ok(()) };
        let shredded = &self.buckets().shredded;
        let archive =
            self.needed(shredded.archive.as_ref(), "/aws/s3/buckets/shredded/archive", Stage::ArchiveShredded)?;
        let names = [
            "[archive_shredded] s3-dist-cp: Shredded S3 -> Shredded Archive S3",
            "[archive_shredded] s3-dist-cp: Shredded S3 -> S3 Shredded Archive",
        ];
        self.archive(Stage::ArchiveShredded, mode, &shredded.good, archive, names);
        Ok(())
    }
}

/// The version at `pointer`, which lint has already checked.
fn version_at(inputs: &Inputs, pointer: &str, text: &str) -> Result<Version, GenerateError> {
    Version::parse(text).ok_or_else(|| {
        GenerateError::Findings(inputs.config_finding(
            &lint::config::MALFORMED_VERSION,
            pointer,
            format!("`{text}` is not a MAJOR.MINOR.PATCH version"),
            "write the version as three numbers, e.g. 0.14.0".to_owned(),
        ))
    })
}

fn unsupported(inputs: &Inputs, pointer: &str, message: String, hint: &str) -> GenerateError {
    GenerateError::Findings(inputs.config_finding(&lint::config::INVALID_VALUE, pointer, message, hint.to_owned()))
}

/// The processing manifest table RDB Shredder is given: that of the first `ENRICHED_EVENTS`
/// target with a processing manifest.
fn processing_manifest_table(targets: &[Target]) -> Option<String> {
    targets
        .iter()
        .find(|t| t.data.get("processingManifest").is_some_and(|m| !m.is_null()))
        .and_then(|t| t.data.pointer("/processingManifest/amazonDynamoDb/tableName"))
        .and_then(Value::as_str)
        .map(str::to_owned)
}

/// The last part of a target's RDB Loader log key. EmrEtlRunner used a random UUID; the target's
/// own id (a UUID in current target schemas) keeps the output reproducible and the keys unique
/// within a run.
fn log_name(target: &Target, index: usize) -> String {
    match target.data.get("id").and_then(Value::as_str) {
        Some(id) if !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') => {
            id.to_owned()
        }
        _ => format!("target-{}", index + 1),
    }
}

/// config.yml as RDB Loader receives it: the loaded config as YAML, with both AWS keys blank.
fn loader_config_yaml(document: &Value) -> Result<String, GenerateError> {
    let mut clean = document.clone();
    for pointer in CREDENTIAL_POINTERS {
        if let Some(value) = clean.pointer_mut(pointer) {
            *value = Value::String(String::new());
        }
    }
    serde_yaml::to_string(&clean)
        .map_err(|e| GenerateError::Internal(format!("writing config.yml for RDB Loader: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loader_config_never_holds_credentials() {
        let doc = json!({"aws": {"access_key_id": "AKIAEXAMPLE", "secret_access_key": "wJalrEXAMPLE", "s3": {"region": "eu-west-1"}}});
        let yaml = loader_config_yaml(&doc).unwrap();
        assert!(!yaml.contains("AKIAEXAMPLE") && !yaml.contains("wJalrEXAMPLE"), "{yaml}");
        assert!(yaml.contains("access_key_id: ''"), "{yaml}");
    }

    #[test]
    fn log_names_use_safe_target_ids() {
        let target = |data: Value| Target {
            path: "t.json".into(),
            key: crate::iglu::SchemaKey::parse(
                "iglu:com.snowplowanalytics.snowplow.storage/redshift_config/jsonschema/4-0-0",
            )
            .unwrap(),
            data,
        };
        assert_eq!(
            log_name(&target(json!({"id": "1f0e2c4a-5b6d-4e8f-9a0b-1c2d3e4f5a6b"})), 0),
            "1f0e2c4a-5b6d-4e8f-9a0b-1c2d3e4f5a6b"
        );
        assert_eq!(log_name(&target(json!({"id": "a/b"})), 1), "target-2");
        assert_eq!(log_name(&target(json!({})), 0), "target-1");
    }

    #[test]
    fn the_processing_manifest_comes_from_the_first_target_that_has_one() {
        let target = |data: Value| Target {
            path: "t.json".into(),
            key: crate::iglu::SchemaKey::parse(
                "iglu:com.snowplowanalytics.snowplow.storage/redshift_config/jsonschema/3-0-0",
            )
            .unwrap(),
            data,
        };
        let targets = [
            target(json!({"processingManifest": null})),
            target(json!({"processingManifest": {"amazonDynamoDb": {"tableName": "manifest"}}})),
        ];
        assert_eq!(processing_manifest_table(&targets).as_deref(), Some("manifest"));
        assert_eq!(processing_manifest_table(&targets[..1]), None);
    }
}
