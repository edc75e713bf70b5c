//! Values EmrEtlRunner derives from config.yml (`utils.rb`, `emr_job.rb`): asset locations,
//! jar paths by version, the S3 endpoint, the bootstrap script, the S3DistCp jar, and the
//! regular expressions passed to S3DistCp.
//!
//! ## Regular expressions
//!
//! EmrEtlRunner writes most of its patterns as Ruby *double-quoted* literals, in which an
//! unknown escape loses its backslash (`"\/"` is `/`, `"\."` is `.`, `"\w"` is `w`) while `"\\d"`
//! is `\d`. What reached S3DistCp is therefore not always what the source shows. Each pattern
//! below says which form is emitted and why. S3DistCp matches `--srcPattern` and `--groupBy`
//! against the whole path with Java's regex engine, and `--groupBy` silently leaves out files
//! that do not match (snowplow/snowplow#2252), so a wrong pattern loses data without an error.

use crate::emr::config::Version;

/// Snowplow's hosted assets bucket.
pub const STANDARD_HOSTED_ASSETS: &str = "s3://snowplow-hosted-assets";

/// Where Spark Enrich reads raw events from on HDFS.
pub const RAW_HDFS: &str = "hdfs:///local/snowplow/raw-events/";

/// Where Spark Enrich writes enriched events on HDFS.
pub const ENRICHED_HDFS: &str = "hdfs:///local/snowplow/enriched-events/";

/// Where RDB Shredder writes shredded events on HDFS.
pub const SHREDDED_HDFS: &str = "hdfs:///local/snowplow/shredded-events/";

/// Staging `--srcPattern` for every collector format but clj-tomcat. No escapes involved.
pub const STAGING_PATTERN: &str = ".+";

/// Staging `--srcPattern` for the Clojure collector's Tomcat logs. EmrEtlRunner writes it
/// single-quoted, so this exact text (with `\_`, a literal `_` in Java) is what S3DistCp
/// received; emitted verbatim.
pub const CLJ_TOMCAT_STAGING_PATTERN: &str = r".*localhost\_access\_log.*\.txt.*";

/// Staging `--groupBy` for clj-tomcat logs. Single-quoted in EmrEtlRunner; emitted verbatim.
pub const CLJ_TOMCAT_STAGING_GROUP_BY: &str = ".*/_*(.+)";

/// Raw S3 → HDFS `--groupBy` for CloudFront logs: groups a day's files by their date. The
/// literal has no escapes, so written and sent forms are the same.
pub const CLOUDFRONT_GROUP_BY: &str = ".*([0-9]+-[0-9]+-[0-9]+)-[0-9]+.*";

/// Raw S3 → HDFS `--groupBy` for Urban Airship Connect events. EmrEtlRunner writes
/// `".*\/(\w+)\/.*"`; Ruby turns that into `.*/(w+)/.*`, which only matches folders made of the
/// letter `w`, so `--groupBy` would drop nearly every file. The intended pattern is emitted:
/// `\w` kept, and `\/` written as `/` (the same in Java).
pub const UA_GROUP_BY: &str = r".*/(\w+)/.*";

/// Enriched HDFS → S3 `--groupBy`: one output file per part number. Written `"\\d"`, which
/// Ruby sends as `\d`: both forms agree.
pub const PART_GROUP_BY: &str = r".*(part-)\d+-(.*)";

/// `--srcPattern` for part files. No escapes involved.
pub const PART_PATTERN: &str = ".*part-.*";

/// `--srcPattern` for Hadoop's `_SUCCESS` marker. No escapes involved.
pub const SUCCESS_PATTERN: &str = ".*_SUCCESS";

/// `--srcPattern` for Stream Enrich output (S3 Loader's gzip files). EmrEtlRunner writes
/// `".*\.gz"`, which Ruby sends as `.*.gz` (any character before `gz`). The intended pattern
/// (a `.gz` suffix) is emitted: it is what the authors wrote, and S3 Loader's files all match it.
pub const STREAM_ENRICH_PATTERN: &str = r".*\.gz";

/// Consolidated shredded output `--groupBy` for atomic events. Written with `\/`, which Ruby
/// sends as `/`; emitted as sent (`/` and `\/` mean the same in Java).
pub const ATOMIC_EVENTS_GROUP_BY: &str = r".*/atomic-events/(part-)\d+-(.*)";

/// Consolidated shredded output `--groupBy` for shredded JSON types. Emitted as sent (see
/// [`ATOMIC_EVENTS_GROUP_BY`]).
pub const SHREDDED_TYPES_GROUP_BY: &str = r".*/shredded-types/vendor=(.+)/name=(.+)/.+/version=(.+)/(part-)\d+-(.*)";

/// Consolidated shredded output `--groupBy` for shredded TSV types (RDB Shredder 0.16+).
/// Emitted as sent (see [`ATOMIC_EVENTS_GROUP_BY`]).
pub const SHREDDED_TSV_GROUP_BY: &str = r".*/shredded-tsv/vendor=(.+)/name=(.+)/.+/version=(.+)/(part-)\d+-(.*)";

/// The first RDB Shredder that takes `--processing-manifest-table` and `--item-id`.
pub const SHREDDER_WITH_PROCESSING_MANIFEST: &str = "0.14.0-rc1";

/// The first RDB Shredder that takes `--target` and writes shredded TSV.
pub const SHREDDER_WITH_TSV_OUTPUT: &str = "0.16.0-rc1";

/// RDB Loader versions above this one skip `load_manifest` in Stream Enrich mode.
pub const LOADER_WITH_PROCESSING_MANIFEST: &str = "0.15.0-rc4";

/// The S3DistCp jar on AMI 4 and later.
pub const S3DISTCP_JAR: &str = "/usr/share/aws/emr/s3-dist-cp/lib/s3-dist-cp.jar";

/// The S3DistCp jar on legacy (2.x and 3.x) AMIs.
pub const LEGACY_S3DISTCP_JAR: &str = "/home/hadoop/lib/emr-s3distcp-1.0.jar";

/// The hosted assets bucket for `region`, with a trailing `/`. Snowplow's own bucket has a copy
/// per region (`s3://snowplow-hosted-assets-<region>`) except in eu-west-1; any other bucket is
/// used as it is.
pub fn hosted_assets(bucket: &str, region: &str) -> String {
    let bucket = bucket.strip_suffix('/').unwrap_or(bucket);
    if bucket == STANDARD_HOSTED_ASSETS && region != "eu-west-1" {
        format!("{bucket}-{region}/")
    } else {
        format!("{bucket}/")
    }
}

/// The S3 endpoint S3DistCp is given for buckets in `region`.
pub fn s3_endpoint(region: &str) -> String {
    if region == "us-east-1" { "s3.amazonaws.com".to_owned() } else { format!("s3-{region}.amazonaws.com") }
}

/// Whether `ami_version` is below 4 (a legacy AMI rather than a release label).
pub fn is_legacy_ami(ami_version: &Version) -> bool {
    ami_version.numbers.first().is_some_and(|major| *major < 4)
}

/// The S3DistCp jar for the AMI.
pub fn s3distcp_jar(ami_version: &Version) -> &'static str {
    if is_legacy_ami(ami_version) { LEGACY_S3DISTCP_JAR } else { S3DISTCP_JAR }
}

/// Snowplow's AMI bootstrap script, in the standard assets bucket `standard_assets`.
pub fn bootstrap_script(standard_assets: &str, ami_version: &Version) -> String {
    let script = match ami_version.numbers.first() {
        Some(major) if *major < 4 => "snowplow-ami3-bootstrap-0.1.0.sh",
        Some(4) => "snowplow-ami4-bootstrap-0.2.0.sh",
        _ => "snowplow-ami5-bootstrap-0.1.0.sh",
    };
    format!("{standard_assets}common/emr/{script}")
}

/// The bootstrap script's argument: the commons-codec version Spark Enrich needs
/// (snowplow/snowplow#2735): `1.10` after Spark Enrich 1.8.0 or without one, else `1.5`.
pub fn commons_codec_version(spark_enrich: Option<&Version>) -> &'static str {
    match spark_enrich {
        Some(version) if *version <= version3(1, 8, 0) => "1.5",
        _ => "1.10",
    }
}

/// Snowplow's HDFS cleanup script.
pub fn hdfs_rmr_script(standard_assets: &str) -> String {
    format!("{standard_assets}common/emr/snowplow-hadoop-fs-rmr-0.2.0.sh")
}

/// EMR's script runner in `region`.
pub fn script_runner_jar(region: &str) -> String {
    format!("s3://{region}.elasticmapreduce/libs/script-runner/script-runner.jar")
}

/// Whether a version is a Spark Enrich version by EmrEtlRunner's rule (major ≥ 1 and
/// minor ≥ 9); anything else is a Hadoop Enrich version.
pub fn is_spark_enrich(version: &Version) -> bool {
    matches!(version.numbers.as_slice(), [major, minor, ..] if *major >= 1 && *minor >= 9)
}

/// Whether a version is an RDB Shredder version by EmrEtlRunner's rule (minor ≥ 12); anything
/// else is a Hadoop Shred version.
pub fn is_rdb_shredder(version: &Version) -> bool {
    matches!(version.numbers.as_slice(), [_, minor, ..] if *minor >= 12)
}

/// Spark Enrich's jar.
pub fn spark_enrich_jar(assets: &str, version: &str) -> String {
    format!("{assets}3-enrich/spark-enrich/snowplow-spark-enrich-{version}.jar")
}

/// RDB Shredder's jar.
pub fn rdb_shredder_jar(assets: &str, version: &str) -> String {
    format!("{assets}4-storage/rdb-shredder/snowplow-rdb-shredder-{version}.jar")
}

/// RDB Loader's jar.
pub fn rdb_loader_jar(assets: &str, version: &str) -> String {
    format!("{assets}4-storage/rdb-loader/snowplow-rdb-loader-{version}.jar")
}

/// The Hadoop Elasticsearch sink's jar.
pub fn elasticsearch_jar(assets: &str, version: &str) -> String {
    format!("{assets}4-storage/hadoop-elasticsearch-sink/hadoop-elasticsearch-sink-{version}.jar")
}

/// Whether the collector format is CloudFront access logs.
pub fn is_cloudfront_log(format: &str) -> bool {
    format == "cloudfront" || format.starts_with("tsv/com.amazon.aws.cloudfront/")
}

/// Whether the collector format is Urban Airship Connect (`ndjson/com.urbanairship.connect/…`).
pub fn is_ua_ndjson(format: &str) -> bool {
    format.strip_prefix("ndjson/com.urbanairship.connect/").is_some_and(|rest| !rest.is_empty())
}

/// A version built from three numbers.
pub fn version3(major: u64, minor: u64, patch: u64) -> Version {
    Version { numbers: vec![major, minor, patch], release: true, pre: String::new() }
}

/// A version constant.
pub fn constant(text: &str) -> Version {
    Version::parse(text).expect("version constants are well formed")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(text: &str) -> Version {
        Version::parse(text).unwrap()
    }

    #[test]
    fn hosted_assets_are_regional_outside_eu_west_1() {
        assert_eq!(hosted_assets("s3://snowplow-hosted-assets", "eu-west-1"), "s3://snowplow-hosted-assets/");
        assert_eq!(
            hosted_assets("s3://snowplow-hosted-assets/", "us-east-1"),
            "s3://snowplow-hosted-assets-us-east-1/"
        );
        assert_eq!(hosted_assets("s3://acme-assets/", "us-east-1"), "s3://acme-assets/");
    }

    #[test]
    fn endpoints_bootstrap_scripts_and_jars() {
        assert_eq!(s3_endpoint("us-east-1"), "s3.amazonaws.com");
        assert_eq!(s3_endpoint("eu-central-1"), "s3-eu-central-1.amazonaws.com");
        let std = "s3://snowplow-hosted-assets/";
        assert!(bootstrap_script(std, &v("3.11.0")).ends_with("snowplow-ami3-bootstrap-0.1.0.sh"));
        assert!(bootstrap_script(std, &v("4.7.0")).ends_with("snowplow-ami4-bootstrap-0.2.0.sh"));
        assert!(bootstrap_script(std, &v("5.9.0")).ends_with("snowplow-ami5-bootstrap-0.1.0.sh"));
        assert!(bootstrap_script(std, &v("6.15.0")).ends_with("snowplow-ami5-bootstrap-0.1.0.sh"));
        assert_eq!(s3distcp_jar(&v("3.11.0")), LEGACY_S3DISTCP_JAR);
        assert_eq!(s3distcp_jar(&v("5.29.0")), S3DISTCP_JAR);
        assert_eq!(commons_codec_version(Some(&v("1.8.0"))), "1.5");
        assert_eq!(commons_codec_version(Some(&v("1.9.0"))), "1.10");
        assert_eq!(commons_codec_version(None), "1.10");
    }

    #[test]
    fn job_generations_follow_emretlrunner() {
        assert!(is_spark_enrich(&v("1.9.0")) && is_spark_enrich(&v("1.18.0")));
        assert!(!is_spark_enrich(&v("1.8.0")) && !is_spark_enrich(&v("0.9.0")));
        assert!(is_rdb_shredder(&v("0.12.0")) && is_rdb_shredder(&v("0.16.0")));
        assert!(!is_rdb_shredder(&v("0.11.0")) && !is_rdb_shredder(&v("0.6.0")));
        assert!(constant(SHREDDER_WITH_PROCESSING_MANIFEST) < v("0.14.0"));
        assert!(v("0.15.0") > constant(LOADER_WITH_PROCESSING_MANIFEST));
        assert!(v("0.14.0") < constant(LOADER_WITH_PROCESSING_MANIFEST));
    }

    #[test]
    fn collector_formats() {
        assert!(is_cloudfront_log("cloudfront") && is_cloudfront_log("tsv/com.amazon.aws.cloudfront/wd_access_log"));
        assert!(!is_cloudfront_log("thrift"));
        assert!(is_ua_ndjson("ndjson/com.urbanairship.connect/v1"));
        assert!(!is_ua_ndjson("ndjson/com.urbanairship.connect/") && !is_ua_ndjson("ndjson/com.acme/v1"));
    }

    /// The emitted form of each pattern, checked against paths it must and must not match
    /// (whole-path matches, as S3DistCp does; Rust's regex syntax agrees with Java's here).
    #[test]
    fn patterns_match_what_they_are_meant_to() {
        let matches =
            |pattern: &str, path: &str| regex::Regex::new(&format!("^(?:{pattern})$")).unwrap().is_match(path);
        assert!(matches(UA_GROUP_BY, "s3://b/processing/2017-01-01/part-0001.json"));
        // The form Ruby sent instead drops such files.
        assert!(!matches(".*/(w+)/.*", "s3://b/processing/2017-01-01/part-0001.json"));
        assert!(matches(STREAM_ENRICH_PATTERN, "s3://b/stream/2024-01-01-0001.gz"));
        assert!(!matches(STREAM_ENRICH_PATTERN, "s3://b/stream/2024-01-01-0001-gz"));
        assert!(matches(CLOUDFRONT_GROUP_BY, "s3://b/p/E123.2017-01-01-10.abcd.gz"));
        assert!(matches(PART_GROUP_BY, "hdfs:///local/snowplow/enriched-events/part-00001-abc.csv"));
        assert!(matches(ATOMIC_EVENTS_GROUP_BY, "hdfs:///x/atomic-events/part-00001-abc.txt"));
        assert!(matches(
            SHREDDED_TYPES_GROUP_BY,
            "hdfs:///x/shredded-types/vendor=com.acme/name=e/format=jsonschema/version=1-0-0/part-00001-a.txt"
        ));
        assert!(matches(
            SHREDDED_TSV_GROUP_BY,
            "hdfs:///x/shredded-tsv/vendor=com.acme/name=e/format=jsonschema/version=1/part-00001-a.txt"
        ));
        // Java reads `\_` as `_`; Rust's regex does not accept that escape, so translate.
        let tomcat = CLJ_TOMCAT_STAGING_PATTERN.replace(r"\_", "_");
        assert!(matches(&tomcat, "s3://b/in/var_log_tomcat8_rotated_localhost_access_log.txt1486476000.gz"));
        assert!(matches(CLJ_TOMCAT_STAGING_GROUP_BY, "s3://b/in/_var_log.gz"));
    }
}
