//! EmrEtlRunner's `config.yml`.
