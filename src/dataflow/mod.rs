//! Dataflow Runner: template rendering and the Avro-defined ClusterConfig / PlaybookConfig.
