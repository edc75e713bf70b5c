//! EmrEtlRunner's `config.yml`: ERB lookups ([`erb`]), YAML as EmrEtlRunner reads it
//! ([`yaml`]), and the R117 config model with its history ([`config`]).

pub mod config;
pub mod erb;
pub mod yaml;
