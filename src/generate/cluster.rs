//! The EMR cluster EmrEtlRunner R117 launches, as a Dataflow Runner ClusterConfig (1-1-0).
//!
//! The mapping follows what EmrEtlRunner's runner sends (`emr_job.rb`), not its never-enabled
//! config generator (`emr_config_generator.rb`), which differs in a few places:
//!
//! * `core-site` / `mapred-site` settings are added for the Thrift collector format only (the
//!   generator always added them);
//! * `aws.emr.configuration`, `security_configuration`, HBase and Lingual are carried over (the
//!   generator dropped them); a classification that both the Thrift settings and
//!   `aws.emr.configuration` set is written once, with config.yml's values winning;
//! * there is no core `bid` (no ClusterConfig schema has one: core nodes run on demand, with a
//!   [`Warning`]);
//! * a volume's `iops` is only set for `io1` (EmrEtlRunner sends it only then; the generator wrote
//!   a placeholder `1`, which Dataflow Runner would drop for gp2 anyway).
//!
//! Optional fields are written as explicit `null`s, which strict Avro readers expect.

use serde::{Serialize, Serializer};
use serde_json::Value;

use super::derived;
use super::text::escape_template;
use super::{Credentials, CredentialsRecord, GenerateError, Inputs, TagRecord, Warning, finish_document};
use crate::dataflow::ConfigKind;
use crate::emr::config::{Emr, Version, VolumeType};
use crate::lint;

/// Applications installed on the cluster: EmrEtlRunner adds Spark with its first Spark step,
/// which every run with enrich or shred has.
pub const APPLICATIONS: [&str; 2] = ["Hadoop", "Spark"];

/// How many times Dataflow Runner's `up` launches a cluster that fails to bootstrap.
pub const DATAFLOW_RUNNER_LAUNCH_ATTEMPTS: u32 = 3;

/// The cluster, ready to be written.
#[derive(Debug, Clone)]
pub struct Cluster {
    data: ClusterData,
    /// What Dataflow Runner cannot express, or expresses differently.
    pub warnings: Vec<Warning>,
}

impl Cluster {
    /// The ClusterConfig file.
    pub fn to_json(&self) -> Result<String, GenerateError> {
        finish_document(ConfigKind::Cluster, &self.data)
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ClusterData {
    name: String,
    log_uri: String,
    region: String,
    credentials: CredentialsRecord,
    roles: Roles,
    ec2: Ec2,
    tags: Vec<TagRecord>,
    bootstrap_action_configs: Vec<BootstrapAction>,
    configurations: Vec<Configuration>,
    applications: Vec<String>,
    /// Dataflow Runner 0.7.0+ only: not in ClusterConfig 1-1-0.
    #[serde(skip_serializing_if = "Option::is_none")]
    security_configuration: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct Roles {
    jobflow: String,
    service: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Ec2 {
    ami_version: String,
    key_name: String,
    location: Location,
    instances: Instances,
}

#[derive(Debug, Clone, Serialize)]
struct Location {
    classic: Option<Classic>,
    vpc: Option<Vpc>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Classic {
    availability_zone: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Vpc {
    subnet_id: String,
}

#[derive(Debug, Clone, Serialize)]
struct Instances {
    master: Master,
    core: Core,
    task: Task,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Master {
    #[serde(rename = "type")]
    instance_type: String,
    ebs_configuration: Option<EbsConfiguration>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Core {
    #[serde(rename = "type")]
    instance_type: String,
    count: u32,
    ebs_configuration: Option<EbsConfiguration>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Task {
    #[serde(rename = "type")]
    instance_type: String,
    count: u32,
    bid: String,
    ebs_configuration: Option<EbsConfiguration>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct EbsConfiguration {
    ebs_optimized: bool,
    ebs_block_device_configs: Vec<EbsBlockDeviceConfig>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct EbsBlockDeviceConfig {
    volumes_per_instance: u32,
    volume_specification: VolumeSpecification,
}

#[derive(Debug, Clone, Serialize)]
struct VolumeSpecification {
    iops: u32,
    #[serde(rename = "sizeInGB")]
    size_in_gb: u32,
    #[serde(rename = "volumeType")]
    volume_type: &'static str,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct BootstrapAction {
    name: String,
    script_bootstrap_action: ScriptBootstrapAction,
}

#[derive(Debug, Clone, Serialize)]
struct ScriptBootstrapAction {
    path: String,
    args: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
struct Configuration {
    classification: String,
    #[serde(serialize_with = "ordered_map")]
    properties: Vec<(String, String)>,
}

/// An Avro `map` as a JSON object, keys in the order given.
fn ordered_map<S: Serializer>(entries: &[(String, String)], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map(entries.iter().map(|(k, v)| (k, v)))
}

fn bootstrap(name: &str, path: &str, args: &[&str]) -> BootstrapAction {
    BootstrapAction {
        name: escape_template(name),
        script_bootstrap_action: ScriptBootstrapAction {
            path: escape_template(path),
            args: args.iter().map(|a| escape_template(a)).collect(),
        },
    }
}

/// The cluster for `inputs`, with both credentials set to `credentials`.
pub fn plan(inputs: &Inputs, credentials: Credentials) -> Result<Cluster, GenerateError> {
    let config = &inputs.config;
    let emr = &config.aws.emr;
    let jobflow = &emr.jobflow;
    let ami = Version::parse(&emr.ami_version).ok_or_else(|| {
        GenerateError::Findings(inputs.config_finding(
            &lint::config::MALFORMED_VERSION,
            "/aws/emr/ami_version",
            format!("`{}` is not a MAJOR.MINOR.PATCH version", emr.ami_version),
            "write the EMR release without `emr-`, e.g. 5.29.0".to_owned(),
        ))
    })?;
    let location = location(inputs, emr)?;
    let collector_format = config.collectors.as_ref().map(|c| c.format.as_str());
    let thrift = collector_format == Some("thrift");
    let legacy = derived::is_legacy_ami(&ami);

    let mut bootstrap_actions = Vec::new();
    if thrift && legacy {
        let configure = "s3n://elasticmapreduce/bootstrap-actions/configure-hadoop";
        bootstrap_actions.push(bootstrap(
            "Hadoop bootstrap action (buffer size)",
            configure,
            &["-c", "io.file.buffer.size=65536"],
        ));
        bootstrap_actions.push(bootstrap(
            "Hadoop bootstrap action (user cp first)",
            configure,
            &["-m", "mapreduce.user.classpath.first=true"],
        ));
    }
    for (i, script) in emr.bootstrap.iter().flatten().enumerate() {
        bootstrap_actions.push(bootstrap(&format!("Bootstrap action (custom {})", i + 1), script, &[]));
    }
    let standard_assets = derived::hosted_assets(derived::STANDARD_HOSTED_ASSETS, &emr.region);
    let spark_enrich = config.enrich.versions.as_ref().and_then(|v| Version::parse(&v.spark_enrich));
    bootstrap_actions.push(bootstrap(
        "Bootstrap action (ami bootstrap script)",
        &derived::bootstrap_script(&standard_assets, &ami),
        &[derived::commons_codec_version(spark_enrich.as_ref())],
    ));
    if emr.software.hbase.is_some() {
        let path = format!("s3://{}.elasticmapreduce/bootstrap-actions/setup-hbase", emr.region);
        bootstrap_actions.push(bootstrap("Bootstrap action (installing HBase)", &path, &[]));
    }
    if let Some(lingual) = &emr.software.lingual {
        let path = format!("s3://files.concurrentinc.com/lingual/{lingual}/lingual-client/install-lingual-client.sh");
        bootstrap_actions.push(bootstrap("Bootstrap action (installing Lingual)", &path, &[]));
    }

    let mut configurations: Vec<Configuration> = Vec::new();
    let mut add_properties = |classification: &str, properties: Vec<(String, String)>| {
        let classification = escape_template(classification);
        let index = match configurations.iter().position(|c| c.classification == classification) {
            Some(index) => index,
            None => {
                configurations.push(Configuration { classification, properties: Vec::new() });
                configurations.len() - 1
            }
        };
        for (key, value) in properties {
            let (key, value) = (escape_template(&key), escape_template(&value));
            let existing = &mut configurations[index].properties;
            match existing.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => entry.1 = value,
                None => existing.push((key, value)),
            }
        }
    };
    if thrift && !legacy {
        add_properties("core-site", vec![("io.file.buffer.size".into(), "65536".into())]);
        add_properties("mapred-site", vec![("mapreduce.user.classpath.first".into(), "true".into())]);
    }
    for (classification, properties) in emr.configuration.iter().flat_map(|c| &c.0) {
        add_properties(classification, properties.0.clone());
    }

    let core_ebs = jobflow.core_instance_ebs.as_ref().map(|ebs| EbsConfiguration {
        ebs_optimized: ebs.ebs_optimized.unwrap_or(true),
        ebs_block_device_configs: vec![EbsBlockDeviceConfig {
            volumes_per_instance: 1,
            volume_specification: VolumeSpecification {
                iops: if ebs.volume_type == VolumeType::Io1 { ebs.volume_iops.unwrap_or(0) } else { 0 },
                size_in_gb: ebs.volume_size,
                volume_type: match ebs.volume_type {
                    VolumeType::Standard => "standard",
                    VolumeType::Gp2 => "gp2",
                    VolumeType::Io1 => "io1",
                },
            },
        }],
    });

    let data = ClusterData {
        name: escape_template(&jobflow.job_name),
        log_uri: escape_template(config.aws.s3.buckets.log.as_str()),
        region: escape_template(&emr.region),
        credentials: credentials.into(),
        roles: Roles { jobflow: escape_template(&emr.jobflow_role), service: escape_template(&emr.service_role) },
        ec2: Ec2 {
            ami_version: escape_template(&emr.ami_version),
            key_name: escape_template(&emr.ec2_key_name),
            location,
            instances: Instances {
                master: Master {
                    instance_type: escape_template(&jobflow.master_instance_type),
                    ebs_configuration: None,
                },
                core: Core {
                    instance_type: escape_template(&jobflow.core_instance_type),
                    count: jobflow.core_instance_count,
                    ebs_configuration: core_ebs,
                },
                task: Task {
                    instance_type: escape_template(&jobflow.task_instance_type),
                    count: jobflow.task_instance_count,
                    bid: number_text(&inputs.document, "/aws/emr/jobflow/task_instance_bid"),
                    ebs_configuration: None,
                },
            },
        },
        tags: config
            .monitoring
            .tags
            .0
            .iter()
            .map(|(key, value)| TagRecord { key: escape_template(key), value: escape_template(value) })
            .collect(),
        bootstrap_action_configs: bootstrap_actions,
        configurations,
        applications: APPLICATIONS.map(str::to_owned).to_vec(),
        security_configuration: emr.security_configuration.as_deref().map(escape_template),
    };
    Ok(Cluster { data, warnings: warnings(inputs) })
}

/// `ec2.location`: the subnet when set (EmrEtlRunner lets it win over the placement), else
/// the availability zone.
fn location(inputs: &Inputs, emr: &Emr) -> Result<Location, GenerateError> {
    match (&emr.ec2_subnet_id, &emr.placement) {
        (Some(subnet), _) => Ok(Location { classic: None, vpc: Some(Vpc { subnet_id: escape_template(subnet) }) }),
        (None, Some(zone)) => {
            Ok(Location { classic: Some(Classic { availability_zone: escape_template(zone) }), vpc: None })
        }
        (None, None) => Err(GenerateError::Findings(
            inputs.config_finding(
                &lint::config::NEEDED_FOR_RUN,
                "/aws/emr/ec2_subnet_id",
                "neither `aws.emr.ec2_subnet_id` nor `aws.emr.placement` is set; Dataflow Runner needs one of them"
                    .to_owned(),
                "set `ec2_subnet_id` to launch in a VPC subnet, or `placement` to an availability zone".to_owned(),
            ),
        )),
    }
}

/// A number exactly as config.yml writes it (`0.015`, `1.0`), or `""` when blank: EmrEtlRunner
/// passes bids on with Ruby's `to_s`.
fn number_text(document: &Value, pointer: &str) -> String {
    match document.pointer(pointer) {
        Some(Value::Number(number)) => number.to_string(),
        Some(Value::String(text)) => escape_template(text),
        _ => String::new(),
    }
}

fn warnings(inputs: &Inputs) -> Vec<Warning> {
    let emr = &inputs.config.aws.emr;
    let mut warnings = Vec::new();
    if inputs.config.aws.emr.jobflow.core_instance_bid.is_some() {
        warnings.push(Warning::at(
            "/aws/emr/jobflow/core_instance_bid",
            format!(
                "Dataflow Runner cannot bid for core nodes (ClusterConfig has no core `bid`), so the cluster's core \
                 nodes run on demand; the bid of {} is not used",
                number_text(&inputs.document, "/aws/emr/jobflow/core_instance_bid")
            ),
        ));
    }
    if emr.additional_info.is_some() {
        warnings.push(Warning::at(
            "/aws/emr/additional_info",
            "Dataflow Runner's ClusterConfig has no field for EMR's AdditionalInfo, so it is not passed on",
        ));
    }
    if emr.bootstrap_failure_tries != DATAFLOW_RUNNER_LAUNCH_ATTEMPTS {
        warnings.push(Warning::at(
            "/aws/emr/bootstrap_failure_tries",
            format!(
                "Dataflow Runner decides bootstrap retries itself (`up` launches up to {DATAFLOW_RUNNER_LAUNCH_ATTEMPTS} \
                 times; `run-transient` does not retry), so {} tries cannot be configured",
                emr.bootstrap_failure_tries
            ),
        ));
    }
    if emr.security_configuration.is_some() {
        warnings.push(Warning::at(
            "/aws/emr/security_configuration",
            "written as `securityConfiguration`, which Dataflow Runner 0.7.0 and later read; the published \
             ClusterConfig 1-1-0 schema does not define it, and older Dataflow Runner versions ignore it",
        ));
    }
    warnings
}
