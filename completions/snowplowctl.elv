
use builtin;
use str;

set edit:completion:arg-completer[snowplowctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'snowplowctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'snowplowctl'= {
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand lint 'Validate enrichments, resolvers, config.yml, storage targets, Dataflow Runner configs, Iglu schemas and any self-describing JSON'
            cand generate 'Generate Dataflow Runner configs (cluster, playbook) from an EmrEtlRunner config.yml'
            cand store 'Store enrichment configs and the Iglu resolver in DynamoDB for Stream Enrich, and read them back'
            cand enrich 'Enrich raw collector files (CloudFront, Clojure collector, Thrift) into enriched events and bad rows, as Spark Enrich did, on this machine'
            cand transform 'Turn enriched events into newline-delimited JSON, as the Analytics SDKs'' event transformer shapes them'
            cand shred 'Shred enriched events for loading, as RDB Shredder did: atomic events, one file set per self-describing type, in-batch deduplication, bad rows'
            cand run 'Enrich and shred every unprocessed run folder of a raw archive, each exactly once, as recorded in a run manifest (a local file by default, or DynamoDB)'
            cand manifest 'Read and write run manifests: the Analytics SDK''s run manifest plus processing records with claims and leases, in DynamoDB or a local file'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff), or write one page per command into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'snowplowctl;lint'= {
            cand --format 'Output format'
            cand --fail-on 'Lowest severity that makes the command fail (exit 1)'
            cand --ignore 'Rules to leave out, by code or name (comma-separated or repeated)'
            cand -r 'Iglu resolver config used to find schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config used to find schemas (the bundled schemas are always available)'
            cand --enrich-runtime 'Enrich the enrichment configs are checked for'
            cand --max-file-size 'Largest file to read, in bytes'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --require-env 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings'
            cand --strict 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand enrichments 'Every enrichment config in a directory, and the list they form'
            cand resolver 'An Iglu resolver config'
            cand config 'An EmrEtlRunner config.yml (R117 keys and types, cross-checks, ERB lookups)'
            cand targets 'Storage target configs (Redshift, Postgres, Elasticsearch, DynamoDB)'
            cand cluster 'A Dataflow Runner cluster config (ClusterConfig)'
            cand playbook 'A Dataflow Runner playbook (PlaybookConfig)'
            cand schemas 'Iglu schemas, with igluctl''s lint rules'
            cand json 'Any self-describing JSON files, validated through the resolver'
            cand all 'Everything in a directory laid out by convention (see --help)'
            cand rules 'List the lint rules, or explain one'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'snowplowctl;lint;enrichments'= {
            cand --format 'Output format'
            cand --fail-on 'Lowest severity that makes the command fail (exit 1)'
            cand --ignore 'Rules to leave out, by code or name (comma-separated or repeated)'
            cand -r 'Iglu resolver config used to find schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config used to find schemas (the bundled schemas are always available)'
            cand --enrich-runtime 'Enrich the enrichment configs are checked for'
            cand --max-file-size 'Largest file to read, in bytes'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --require-env 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings'
            cand --strict 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;lint;resolver'= {
            cand --format 'Output format'
            cand --fail-on 'Lowest severity that makes the command fail (exit 1)'
            cand --ignore 'Rules to leave out, by code or name (comma-separated or repeated)'
            cand -r 'Iglu resolver config used to find schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config used to find schemas (the bundled schemas are always available)'
            cand --enrich-runtime 'Enrich the enrichment configs are checked for'
            cand --max-file-size 'Largest file to read, in bytes'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --require-env 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings'
            cand --strict 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;lint;config'= {
            cand --format 'Output format'
            cand --fail-on 'Lowest severity that makes the command fail (exit 1)'
            cand --ignore 'Rules to leave out, by code or name (comma-separated or repeated)'
            cand -r 'Iglu resolver config used to find schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config used to find schemas (the bundled schemas are always available)'
            cand --enrich-runtime 'Enrich the enrichment configs are checked for'
            cand --max-file-size 'Largest file to read, in bytes'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --require-env 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings'
            cand --strict 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;lint;targets'= {
            cand --format 'Output format'
            cand --fail-on 'Lowest severity that makes the command fail (exit 1)'
            cand --ignore 'Rules to leave out, by code or name (comma-separated or repeated)'
            cand -r 'Iglu resolver config used to find schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config used to find schemas (the bundled schemas are always available)'
            cand --enrich-runtime 'Enrich the enrichment configs are checked for'
            cand --max-file-size 'Largest file to read, in bytes'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --require-env 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings'
            cand --strict 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;lint;cluster'= {
            cand --vars 'Template variables, as for Dataflow Runner: `k1,v1,k2,v2`'
            cand --format 'Output format'
            cand --fail-on 'Lowest severity that makes the command fail (exit 1)'
            cand --ignore 'Rules to leave out, by code or name (comma-separated or repeated)'
            cand -r 'Iglu resolver config used to find schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config used to find schemas (the bundled schemas are always available)'
            cand --enrich-runtime 'Enrich the enrichment configs are checked for'
            cand --max-file-size 'Largest file to read, in bytes'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --require-env 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings'
            cand --strict 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;lint;playbook'= {
            cand --vars 'Template variables, as for Dataflow Runner: `k1,v1,k2,v2`'
            cand --format 'Output format'
            cand --fail-on 'Lowest severity that makes the command fail (exit 1)'
            cand --ignore 'Rules to leave out, by code or name (comma-separated or repeated)'
            cand -r 'Iglu resolver config used to find schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config used to find schemas (the bundled schemas are always available)'
            cand --enrich-runtime 'Enrich the enrichment configs are checked for'
            cand --max-file-size 'Largest file to read, in bytes'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --require-env 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings'
            cand --strict 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;lint;schemas'= {
            cand --skip-checks 'igluctl checks to skip (comma-separated)'
            cand --skip-schemas 'Schemas to leave out (comma-separated Iglu URIs)'
            cand --preset 'Which checks run: all of igluctl''s, or Iglu Central''s CI set'
            cand --format 'Output format'
            cand --fail-on 'Lowest severity that makes the command fail (exit 1)'
            cand --ignore 'Rules to leave out, by code or name (comma-separated or repeated)'
            cand -r 'Iglu resolver config used to find schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config used to find schemas (the bundled schemas are always available)'
            cand --enrich-runtime 'Enrich the enrichment configs are checked for'
            cand --max-file-size 'Largest file to read, in bytes'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --require-env 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings'
            cand --strict 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;lint;json'= {
            cand --format 'Output format'
            cand --fail-on 'Lowest severity that makes the command fail (exit 1)'
            cand --ignore 'Rules to leave out, by code or name (comma-separated or repeated)'
            cand -r 'Iglu resolver config used to find schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config used to find schemas (the bundled schemas are always available)'
            cand --enrich-runtime 'Enrich the enrichment configs are checked for'
            cand --max-file-size 'Largest file to read, in bytes'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --require-env 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings'
            cand --strict 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;lint;all'= {
            cand --vars 'Template variables for Dataflow Runner files: `k1,v1,k2,v2`'
            cand --format 'Output format'
            cand --fail-on 'Lowest severity that makes the command fail (exit 1)'
            cand --ignore 'Rules to leave out, by code or name (comma-separated or repeated)'
            cand -r 'Iglu resolver config used to find schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config used to find schemas (the bundled schemas are always available)'
            cand --enrich-runtime 'Enrich the enrichment configs are checked for'
            cand --max-file-size 'Largest file to read, in bytes'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --require-env 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings'
            cand --strict 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;lint;rules'= {
            cand --format 'Output format'
            cand --fail-on 'Lowest severity that makes the command fail (exit 1)'
            cand --ignore 'Rules to leave out, by code or name (comma-separated or repeated)'
            cand -r 'Iglu resolver config used to find schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config used to find schemas (the bundled schemas are always available)'
            cand --enrich-runtime 'Enrich the enrichment configs are checked for'
            cand --max-file-size 'Largest file to read, in bytes'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --require-env 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings'
            cand --strict 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;lint;help'= {
            cand enrichments 'Every enrichment config in a directory, and the list they form'
            cand resolver 'An Iglu resolver config'
            cand config 'An EmrEtlRunner config.yml (R117 keys and types, cross-checks, ERB lookups)'
            cand targets 'Storage target configs (Redshift, Postgres, Elasticsearch, DynamoDB)'
            cand cluster 'A Dataflow Runner cluster config (ClusterConfig)'
            cand playbook 'A Dataflow Runner playbook (PlaybookConfig)'
            cand schemas 'Iglu schemas, with igluctl''s lint rules'
            cand json 'Any self-describing JSON files, validated through the resolver'
            cand all 'Everything in a directory laid out by convention (see --help)'
            cand rules 'List the lint rules, or explain one'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'snowplowctl;lint;help;enrichments'= {
        }
        &'snowplowctl;lint;help;resolver'= {
        }
        &'snowplowctl;lint;help;config'= {
        }
        &'snowplowctl;lint;help;targets'= {
        }
        &'snowplowctl;lint;help;cluster'= {
        }
        &'snowplowctl;lint;help;playbook'= {
        }
        &'snowplowctl;lint;help;schemas'= {
        }
        &'snowplowctl;lint;help;json'= {
        }
        &'snowplowctl;lint;help;all'= {
        }
        &'snowplowctl;lint;help;rules'= {
        }
        &'snowplowctl;lint;help;help'= {
        }
        &'snowplowctl;generate'= {
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand cluster 'A ClusterConfig (1-1-0) for `dataflow-runner up` / `run-transient`'
            cand playbook 'A PlaybookConfig (1-0-1) with EmrEtlRunner R117''s steps, for `dataflow-runner run` / `run-transient`'
            cand all 'Both, as `cluster.json` and `playbook.json` in a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'snowplowctl;generate;cluster'= {
            cand -c 'EmrEtlRunner''s config.yml (R89 to R117, emr-etl-runner 1.0.x); `<%= ENV[''X''] %>` lookups are rendered'
            cand --config 'EmrEtlRunner''s config.yml (R89 to R117, emr-etl-runner 1.0.x); `<%= ENV[''X''] %>` lookups are rendered'
            cand --credentials 'Where Dataflow Runner takes AWS credentials from (the keys in config.yml are never copied); `default` needs Dataflow Runner 0.5.0 or later'
            cand -o 'Write the cluster config to FILE instead of stdout'
            cand --output 'Write the cluster config to FILE instead of stdout'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;generate;playbook'= {
            cand -c 'EmrEtlRunner''s config.yml (R89 to R117, emr-etl-runner 1.0.x); `<%= ENV[''X''] %>` lookups are rendered'
            cand --config 'EmrEtlRunner''s config.yml (R89 to R117, emr-etl-runner 1.0.x); `<%= ENV[''X''] %>` lookups are rendered'
            cand --credentials 'Where Dataflow Runner takes AWS credentials from (the keys in config.yml are never copied); `default` needs Dataflow Runner 0.5.0 or later'
            cand -r 'Iglu resolver config, passed to Spark Enrich, RDB Shredder and RDB Loader'
            cand --resolver 'Iglu resolver config, passed to Spark Enrich, RDB Shredder and RDB Loader'
            cand -n 'Directory of enrichment configs (`*.json`)'
            cand --enrichments 'Directory of enrichment configs (`*.json`)'
            cand -t 'Directory of storage target configs (`*.json`): RDB Loader, Elasticsearch, duplicate tracking'
            cand --targets 'Directory of storage target configs (`*.json`): RDB Loader, Elasticsearch, duplicate tracking'
            cand -x 'Stages to leave out, as EmrEtlRunner''s --skip (comma-separated or repeated)'
            cand --skip 'Stages to leave out, as EmrEtlRunner''s --skip (comma-separated or repeated)'
            cand -f 'Start from this stage, as EmrEtlRunner''s --resume-from'
            cand --resume-from 'Start from this stage, as EmrEtlRunner''s --resume-from'
            cand -i 'RDB Loader steps to add (`vacuum`), as EmrEtlRunner''s --include'
            cand --include 'RDB Loader steps to add (`vacuum`), as EmrEtlRunner''s --include'
            cand --run-id 'Write this run id (YYYY-MM-DD-hh-mm-ss) instead of the {{.runId}} template variable'
            cand --etl-timestamp 'Write this ETL timestamp (epoch milliseconds) instead of the {{.etlTimestamp}} template variable'
            cand --recover-run-id 'Write this run id instead of the {{.recoverRunId}} template variable (recover-mode archive steps)'
            cand -o 'Write the playbook to FILE instead of stdout'
            cand --output 'Write the playbook to FILE instead of stdout'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --empty-hdfs 'Start with EmrEtlRunner''s HDFS cleanup steps, as it does on a reused persistent cluster'
            cand --explain 'Print the steps as a table (on stdout when the files are written to disk, else on stderr)'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;generate;all'= {
            cand -c 'EmrEtlRunner''s config.yml (R89 to R117, emr-etl-runner 1.0.x); `<%= ENV[''X''] %>` lookups are rendered'
            cand --config 'EmrEtlRunner''s config.yml (R89 to R117, emr-etl-runner 1.0.x); `<%= ENV[''X''] %>` lookups are rendered'
            cand --credentials 'Where Dataflow Runner takes AWS credentials from (the keys in config.yml are never copied); `default` needs Dataflow Runner 0.5.0 or later'
            cand -r 'Iglu resolver config, passed to Spark Enrich, RDB Shredder and RDB Loader'
            cand --resolver 'Iglu resolver config, passed to Spark Enrich, RDB Shredder and RDB Loader'
            cand -n 'Directory of enrichment configs (`*.json`)'
            cand --enrichments 'Directory of enrichment configs (`*.json`)'
            cand -t 'Directory of storage target configs (`*.json`): RDB Loader, Elasticsearch, duplicate tracking'
            cand --targets 'Directory of storage target configs (`*.json`): RDB Loader, Elasticsearch, duplicate tracking'
            cand -x 'Stages to leave out, as EmrEtlRunner''s --skip (comma-separated or repeated)'
            cand --skip 'Stages to leave out, as EmrEtlRunner''s --skip (comma-separated or repeated)'
            cand -f 'Start from this stage, as EmrEtlRunner''s --resume-from'
            cand --resume-from 'Start from this stage, as EmrEtlRunner''s --resume-from'
            cand -i 'RDB Loader steps to add (`vacuum`), as EmrEtlRunner''s --include'
            cand --include 'RDB Loader steps to add (`vacuum`), as EmrEtlRunner''s --include'
            cand --run-id 'Write this run id (YYYY-MM-DD-hh-mm-ss) instead of the {{.runId}} template variable'
            cand --etl-timestamp 'Write this ETL timestamp (epoch milliseconds) instead of the {{.etlTimestamp}} template variable'
            cand --recover-run-id 'Write this run id instead of the {{.recoverRunId}} template variable (recover-mode archive steps)'
            cand --output-dir 'Directory for `cluster.json` and `playbook.json` (created if missing)'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --empty-hdfs 'Start with EmrEtlRunner''s HDFS cleanup steps, as it does on a reused persistent cluster'
            cand --explain 'Print the steps as a table (on stdout when the files are written to disk, else on stderr)'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;generate;help'= {
            cand cluster 'A ClusterConfig (1-1-0) for `dataflow-runner up` / `run-transient`'
            cand playbook 'A PlaybookConfig (1-0-1) with EmrEtlRunner R117''s steps, for `dataflow-runner run` / `run-transient`'
            cand all 'Both, as `cluster.json` and `playbook.json` in a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'snowplowctl;generate;help;cluster'= {
        }
        &'snowplowctl;generate;help;playbook'= {
        }
        &'snowplowctl;generate;help;all'= {
        }
        &'snowplowctl;generate;help;help'= {
        }
        &'snowplowctl;store'= {
            cand --format 'Output format'
            cand --region 'AWS region [default: AWS_REGION, AWS_DEFAULT_REGION or the profile''s region]'
            cand --profile 'Profile from the shared AWS config and credentials files [default: AWS_PROFILE or `default`]'
            cand --endpoint-url 'DynamoDB endpoint, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand enrichments 'Validate every enrichment config in a directory, then store one item per file (`id` = prefix + enrichment name)'
            cand resolver 'Validate an Iglu resolver config, then store it under a key'
            cand list 'List the items in a table, or under a prefix, reading every Scan page'
            cand export 'Write items back to files (one `*.json` per item, named as they were stored)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'snowplowctl;store;enrichments'= {
            cand -t 'The DynamoDB table'
            cand --table 'The DynamoDB table'
            cand -p 'Prefix of the items'' `id`, as in `--enrichments dynamodb:REGION/TABLE/PREFIX`'
            cand --prefix 'Prefix of the items'' `id`, as in `--enrichments dynamodb:REGION/TABLE/PREFIX`'
            cand --enrich-runtime 'Enrich the configs are checked for'
            cand -r 'Iglu resolver config used to find the configs'' schemas (the bundled schemas are always available); a file with this path inside the enrichments directory is not stored'
            cand --resolver 'Iglu resolver config used to find the configs'' schemas (the bundled schemas are always available); a file with this path inside the enrichments directory is not stored'
            cand --fail-on 'Lowest finding severity that stops the store (exit 1, nothing written)'
            cand --max-file-size 'Largest file to read, in bytes'
            cand --format 'Output format'
            cand --region 'AWS region [default: AWS_REGION, AWS_DEFAULT_REGION or the profile''s region]'
            cand --profile 'Profile from the shared AWS config and credentials files [default: AWS_PROFILE or `default`]'
            cand --endpoint-url 'DynamoDB endpoint, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --prune 'Delete items under the prefix that are not in the directory'
            cand --dry-run 'Show what would be added, changed, left unchanged and removed; write nothing'
            cand --create-table 'Create the table (on-demand billing, hash key `id`) if it does not exist, and wait until it is active'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;store;resolver'= {
            cand -t 'The DynamoDB table'
            cand --table 'The DynamoDB table'
            cand -k 'The item''s `id`, as in `--resolver dynamodb:REGION/TABLE/KEY`'
            cand --key 'The item''s `id`, as in `--resolver dynamodb:REGION/TABLE/KEY`'
            cand -r 'Iglu resolver config used to find the configs'' schemas (the bundled schemas are always available); a file with this path inside the enrichments directory is not stored'
            cand --resolver 'Iglu resolver config used to find the configs'' schemas (the bundled schemas are always available); a file with this path inside the enrichments directory is not stored'
            cand --fail-on 'Lowest finding severity that stops the store (exit 1, nothing written)'
            cand --max-file-size 'Largest file to read, in bytes'
            cand --format 'Output format'
            cand --region 'AWS region [default: AWS_REGION, AWS_DEFAULT_REGION or the profile''s region]'
            cand --profile 'Profile from the shared AWS config and credentials files [default: AWS_PROFILE or `default`]'
            cand --endpoint-url 'DynamoDB endpoint, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --dry-run 'Show what would be added, changed, left unchanged and removed; write nothing'
            cand --create-table 'Create the table (on-demand billing, hash key `id`) if it does not exist, and wait until it is active'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;store;list'= {
            cand -t 'The DynamoDB table'
            cand --table 'The DynamoDB table'
            cand -p 'Only items whose `id` starts with this'
            cand --prefix 'Only items whose `id` starts with this'
            cand --format 'Output format'
            cand --region 'AWS region [default: AWS_REGION, AWS_DEFAULT_REGION or the profile''s region]'
            cand --profile 'Profile from the shared AWS config and credentials files [default: AWS_PROFILE or `default`]'
            cand --endpoint-url 'DynamoDB endpoint, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;store;export'= {
            cand -t 'The DynamoDB table'
            cand --table 'The DynamoDB table'
            cand -p 'Export the items whose `id` starts with this [default: every item, unless --key is given]'
            cand --prefix 'Export the items whose `id` starts with this [default: every item, unless --key is given]'
            cand -k 'Also export the item with this key (the resolver)'
            cand --key 'Also export the item with this key (the resolver)'
            cand --format 'Output format'
            cand --region 'AWS region [default: AWS_REGION, AWS_DEFAULT_REGION or the profile''s region]'
            cand --profile 'Profile from the shared AWS config and credentials files [default: AWS_PROFILE or `default`]'
            cand --endpoint-url 'DynamoDB endpoint, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --force 'Overwrite files that exist with different content'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;store;help'= {
            cand enrichments 'Validate every enrichment config in a directory, then store one item per file (`id` = prefix + enrichment name)'
            cand resolver 'Validate an Iglu resolver config, then store it under a key'
            cand list 'List the items in a table, or under a prefix, reading every Scan page'
            cand export 'Write items back to files (one `*.json` per item, named as they were stored)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'snowplowctl;store;help;enrichments'= {
        }
        &'snowplowctl;store;help;resolver'= {
        }
        &'snowplowctl;store;help;list'= {
        }
        &'snowplowctl;store;help;export'= {
        }
        &'snowplowctl;store;help;help'= {
        }
        &'snowplowctl;enrich'= {
            cand -o 'Output directory; the run''s folders go under OUT/enriched/'
            cand --output 'Output directory; the run''s folders go under OUT/enriched/'
            cand --run-id 'Name of the run folders (YYYY-MM-DD-HH-mm-ss) [default: the ETL timestamp''s UTC time]'
            cand --etl-timestamp 'The run''s etl_tstamp, in epoch milliseconds or RFC 3339 [default: now]'
            cand -f 'The collector format, as EmrEtlRunner''s `collectors.format`'
            cand --input-format 'The collector format, as EmrEtlRunner''s `collectors.format`'
            cand --compress 'Compression of the enriched (good) part files'
            cand -r 'Iglu resolver config for the schemas of contexts and self-describing events (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config for the schemas of contexts and self-describing events (the bundled schemas are always available)'
            cand --enrich-runtime 'Which Enrich to behave like: Spark Enrich R117, or modern enrich (6.x)'
            cand -e 'Enrichment configs: a directory of self-describing JSON files (or one file), or dynamodb:REGION/TABLE/PREFIX as Stream Enrich reads them [default: no enrichments]'
            cand --enrichments 'Enrichment configs: a directory of self-describing JSON files (or one file), or dynamodb:REGION/TABLE/PREFIX as Stream Enrich reads them [default: no enrichments]'
            cand --enrichment-cache 'Where data files named by an enrichment''s http(s) `uri` are downloaded once and kept [default: CACHE_DIR/enrichment-data]'
            cand --max-record-size 'Records longer than this become size_violation bad rows, in bytes'
            cand --chunk-size 'Plain files larger than this are split into chunks processed in parallel, in bytes'
            cand --dedup-memory 'With --shred: memory for deduplication, in bytes (suffixes K, M, G allowed)'
            cand --format 'Output format of the summary'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --skip-unsupported 'Run without the enrichments that cannot run locally (currency, API, SQL, weather, UA-utils, YAUAA, …) instead of refusing to start; the summary lists them'
            cand --legacy-bad-rows 'Write batch-era bad rows `{line, errors, failure_tstamp}` instead of self-describing ones'
            cand --shred 'Also shred the good events in the same pass, into OUT/shredded/ (as `shred` would from OUT/enriched/good/run=…, without reading it back); --legacy-bad-rows applies to both'
            cand --tsv 'With --shred: entities to shredded-tsv/ (RDB Shredder 0.16+ column rules) instead of JSON'
            cand --tsv-empty-nulls 'With --shred --tsv: write nulls as empty strings (RDB Shredder 0.16-0.17) instead of \\N'
            cand --no-dedup 'With --shred: do not deduplicate events within the batch'
            cand --fail-on-bad-rows 'Exit with status 1 when there are bad rows'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;transform'= {
            cand --shape 'Which Analytics SDK''s JSON to produce'
            cand -o 'Write the JSON lines to this file (replaced only when the run completes) instead of stdout'
            cand --output 'Write the JSON lines to this file (replaced only when the run completes) instead of stdout'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;shred'= {
            cand -o 'Output directory; the run''s folders go under OUT/shredded/'
            cand --output 'Output directory; the run''s folders go under OUT/shredded/'
            cand --run-id 'Name of the run folders (YYYY-MM-DD-HH-mm-ss) [default: the run''s UTC start time]'
            cand --dedup-memory 'Memory for deduplication, in bytes (suffixes K, M, G allowed)'
            cand -r 'Iglu resolver config for the entities'' schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config for the entities'' schemas (the bundled schemas are always available)'
            cand --timestamp 'The run''s timestamp, in epoch milliseconds or RFC 3339: the run id, failure_tstamp of legacy bad rows and the seed of new event ids [default: now]'
            cand --format 'Output format of the summary'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --tsv 'Shred entities to shredded-tsv/ (RDB Shredder 0.16+ column rules) instead of JSON'
            cand --tsv-empty-nulls 'With --tsv, write nulls as empty strings (RDB Shredder 0.16-0.17) instead of \\N (0.18+)'
            cand --legacy-bad-rows 'Write batch-era bad rows `{line, errors, failure_tstamp}` instead of self-describing ones'
            cand --no-dedup 'Do not deduplicate events within the batch'
            cand --fail-on-bad-rows 'Exit with status 1 when there are bad rows'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;run'= {
            cand -o 'Output directory: OUT/enriched/… and OUT/shredded/…'
            cand --output 'Output directory: OUT/enriched/… and OUT/shredded/…'
            cand -m 'The run manifest: dynamodb:REGION/TABLE or local:PATH [default: local:OUT/manifest.sqlite]'
            cand --manifest 'The run manifest: dynamodb:REGION/TABLE or local:PATH [default: local:OUT/manifest.sqlite]'
            cand --run-id-prefix 'Prefix of run ids in the manifest [default: the archive folder''s name and `/`, giving ids like `raw/run=2017-02-21-11-40-15/`]'
            cand --lease 'Seconds a claim lasts unless renewed (it is renewed every third of that while working)'
            cand --max-runs 'Process at most this many runs, then stop'
            cand -f 'The collector format, as EmrEtlRunner''s `collectors.format`'
            cand --input-format 'The collector format, as EmrEtlRunner''s `collectors.format`'
            cand --compress 'Compression of the enriched (good) part files'
            cand -r 'Iglu resolver config for the schemas of contexts and self-describing events (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config for the schemas of contexts and self-describing events (the bundled schemas are always available)'
            cand --enrich-runtime 'Which Enrich to behave like: Spark Enrich R117, or modern enrich (6.x)'
            cand -e 'Enrichment configs: a directory of self-describing JSON files (or one file), or dynamodb:REGION/TABLE/PREFIX as Stream Enrich reads them [default: no enrichments]'
            cand --enrichments 'Enrichment configs: a directory of self-describing JSON files (or one file), or dynamodb:REGION/TABLE/PREFIX as Stream Enrich reads them [default: no enrichments]'
            cand --enrichment-cache 'Where data files named by an enrichment''s http(s) `uri` are downloaded once and kept [default: CACHE_DIR/enrichment-data]'
            cand --max-record-size 'Records longer than this become size_violation bad rows, in bytes'
            cand --chunk-size 'Plain files larger than this are split into chunks processed in parallel, in bytes'
            cand --dedup-memory 'Memory for deduplication, in bytes (suffixes K, M, G allowed)'
            cand --profile 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]'
            cand --endpoint-url 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]'
            cand --app 'Application name written into processing records'
            cand --app-version 'Application version written into processing records [default: snowplowctl''s version]'
            cand --instance 'Instance id written into processing records, when several instances share a manifest'
            cand --format 'Output format of the summary'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --skip-unsupported 'Run without the enrichments that cannot run locally (currency, API, SQL, weather, UA-utils, YAUAA, …) instead of refusing to start; the summary lists them'
            cand --tsv 'Shred entities to shredded-tsv/ (RDB Shredder 0.16+ column rules) instead of JSON'
            cand --tsv-empty-nulls 'With --tsv, write nulls as empty strings (RDB Shredder 0.16-0.17) instead of \\N (0.18+)'
            cand --legacy-bad-rows 'Write batch-era bad rows `{line, errors, failure_tstamp}` instead of self-describing ones'
            cand --no-dedup 'Do not deduplicate events within the batch'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;manifest'= {
            cand -m 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand --manifest 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand -r 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --profile 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]'
            cand --endpoint-url 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]'
            cand --app 'Application name written into processing records'
            cand --app-version 'Application version written into processing records [default: snowplowctl''s version]'
            cand --instance 'Instance id written into processing records, when several instances share a manifest'
            cand --format 'Output format'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand create-table 'Create the manifest (a DynamoDB table keyed by `RunId`, as the Analytics SDKs create it, or a local file)'
            cand list 'List every run the manifest knows: state, application, start and finish'
            cand show 'Show one run''s records and lease'
            cand add 'Mark a run processed in the run manifest, as the Analytics SDKs'' `add` does'
            cand contains 'Say whether a run is marked processed, as the Analytics SDKs'' `contains` does (prints true or false; exit status 0 either way)'
            cand pending 'List the run folders of a local archive that are not yet processed'
            cand claim 'Claim a run (PROCESSING under a lease); prints the claim id for `complete` and `fail`'
            cand complete 'Mark a claimed run PROCESSED (and processed in the run manifest)'
            cand fail 'Mark a claimed run FAILED; it is blocked until resolved'
            cand skip 'Give up on a run: SKIPPED blocks it until resolved'
            cand resolve 'Unblock a FAILED or SKIPPED run so that it is processed again'
            cand export 'Write every run the manifest knows as JSON lines'
            cand import 'Add the runs of an export (JSON lines) that the manifest does not know yet'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'snowplowctl;manifest;create-table'= {
            cand -m 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand --manifest 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand -r 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --profile 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]'
            cand --endpoint-url 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]'
            cand --app 'Application name written into processing records'
            cand --app-version 'Application version written into processing records [default: snowplowctl''s version]'
            cand --instance 'Instance id written into processing records, when several instances share a manifest'
            cand --format 'Output format'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;manifest;list'= {
            cand --state 'Only runs whose latest record has this state'
            cand -m 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand --manifest 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand -r 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --profile 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]'
            cand --endpoint-url 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]'
            cand --app 'Application name written into processing records'
            cand --app-version 'Application version written into processing records [default: snowplowctl''s version]'
            cand --instance 'Instance id written into processing records, when several instances share a manifest'
            cand --format 'Output format'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;manifest;show'= {
            cand -m 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand --manifest 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand -r 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --profile 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]'
            cand --endpoint-url 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]'
            cand --app 'Application name written into processing records'
            cand --app-version 'Application version written into processing records [default: snowplowctl''s version]'
            cand --instance 'Instance id written into processing records, when several instances share a manifest'
            cand --format 'Output format'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;manifest;add'= {
            cand -m 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand --manifest 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand -r 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --profile 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]'
            cand --endpoint-url 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]'
            cand --app 'Application name written into processing records'
            cand --app-version 'Application version written into processing records [default: snowplowctl''s version]'
            cand --instance 'Instance id written into processing records, when several instances share a manifest'
            cand --format 'Output format'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;manifest;contains'= {
            cand -m 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand --manifest 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand -r 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --profile 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]'
            cand --endpoint-url 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]'
            cand --app 'Application name written into processing records'
            cand --app-version 'Application version written into processing records [default: snowplowctl''s version]'
            cand --instance 'Instance id written into processing records, when several instances share a manifest'
            cand --format 'Output format'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;manifest;pending'= {
            cand --run-id-prefix 'Prefix of run ids [default: the archive folder''s name and `/`]'
            cand -m 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand --manifest 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand -r 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --profile 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]'
            cand --endpoint-url 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]'
            cand --app 'Application name written into processing records'
            cand --app-version 'Application version written into processing records [default: snowplowctl''s version]'
            cand --instance 'Instance id written into processing records, when several instances share a manifest'
            cand --format 'Output format'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --all 'Also list runs that are claimed, failed, skipped or processed, with their status'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;manifest;claim'= {
            cand --lease 'Seconds the claim lasts'
            cand --payload 'A self-describing JSON file to attach to the record (validated through Iglu first)'
            cand --reason 'A reason to attach, as an iglu:dev.snowplowctl/manifest_note/jsonschema/1-0-0 payload'
            cand -m 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand --manifest 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand -r 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --profile 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]'
            cand --endpoint-url 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]'
            cand --app 'Application name written into processing records'
            cand --app-version 'Application version written into processing records [default: snowplowctl''s version]'
            cand --instance 'Instance id written into processing records, when several instances share a manifest'
            cand --format 'Output format'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;manifest;complete'= {
            cand --claim 'The claim id `claim` printed'
            cand --payload 'A self-describing JSON file to attach to the record (validated through Iglu first)'
            cand --reason 'A reason to attach, as an iglu:dev.snowplowctl/manifest_note/jsonschema/1-0-0 payload'
            cand -m 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand --manifest 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand -r 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --profile 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]'
            cand --endpoint-url 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]'
            cand --app 'Application name written into processing records'
            cand --app-version 'Application version written into processing records [default: snowplowctl''s version]'
            cand --instance 'Instance id written into processing records, when several instances share a manifest'
            cand --format 'Output format'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;manifest;fail'= {
            cand --claim 'The claim id `claim` printed'
            cand --payload 'A self-describing JSON file to attach to the record (validated through Iglu first)'
            cand --reason 'A reason to attach, as an iglu:dev.snowplowctl/manifest_note/jsonschema/1-0-0 payload'
            cand -m 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand --manifest 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand -r 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --profile 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]'
            cand --endpoint-url 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]'
            cand --app 'Application name written into processing records'
            cand --app-version 'Application version written into processing records [default: snowplowctl''s version]'
            cand --instance 'Instance id written into processing records, when several instances share a manifest'
            cand --format 'Output format'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;manifest;skip'= {
            cand --payload 'A self-describing JSON file to attach to the record (validated through Iglu first)'
            cand --reason 'A reason to attach, as an iglu:dev.snowplowctl/manifest_note/jsonschema/1-0-0 payload'
            cand -m 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand --manifest 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand -r 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --profile 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]'
            cand --endpoint-url 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]'
            cand --app 'Application name written into processing records'
            cand --app-version 'Application version written into processing records [default: snowplowctl''s version]'
            cand --instance 'Instance id written into processing records, when several instances share a manifest'
            cand --format 'Output format'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;manifest;resolve'= {
            cand --payload 'A self-describing JSON file to attach to the record (validated through Iglu first)'
            cand --reason 'A reason to attach, as an iglu:dev.snowplowctl/manifest_note/jsonschema/1-0-0 payload'
            cand -m 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand --manifest 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand -r 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --profile 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]'
            cand --endpoint-url 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]'
            cand --app 'Application name written into processing records'
            cand --app-version 'Application version written into processing records [default: snowplowctl''s version]'
            cand --instance 'Instance id written into processing records, when several instances share a manifest'
            cand --format 'Output format'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;manifest;export'= {
            cand -o 'Write to this file instead of stdout'
            cand --output 'Write to this file instead of stdout'
            cand -m 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand --manifest 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand -r 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --profile 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]'
            cand --endpoint-url 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]'
            cand --app 'Application name written into processing records'
            cand --app-version 'Application version written into processing records [default: snowplowctl''s version]'
            cand --instance 'Instance id written into processing records, when several instances share a manifest'
            cand --format 'Output format'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;manifest;import'= {
            cand -m 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand --manifest 'The run manifest: dynamodb:REGION/TABLE or local:PATH'
            cand -r 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --resolver 'Iglu resolver config for payload schemas (the bundled schemas are always available)'
            cand --profile 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]'
            cand --endpoint-url 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]'
            cand --app 'Application name written into processing records'
            cand --app-version 'Application version written into processing records [default: snowplowctl''s version]'
            cand --instance 'Instance id written into processing records, when several instances share a manifest'
            cand --format 'Output format'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;manifest;help'= {
            cand create-table 'Create the manifest (a DynamoDB table keyed by `RunId`, as the Analytics SDKs create it, or a local file)'
            cand list 'List every run the manifest knows: state, application, start and finish'
            cand show 'Show one run''s records and lease'
            cand add 'Mark a run processed in the run manifest, as the Analytics SDKs'' `add` does'
            cand contains 'Say whether a run is marked processed, as the Analytics SDKs'' `contains` does (prints true or false; exit status 0 either way)'
            cand pending 'List the run folders of a local archive that are not yet processed'
            cand claim 'Claim a run (PROCESSING under a lease); prints the claim id for `complete` and `fail`'
            cand complete 'Mark a claimed run PROCESSED (and processed in the run manifest)'
            cand fail 'Mark a claimed run FAILED; it is blocked until resolved'
            cand skip 'Give up on a run: SKIPPED blocks it until resolved'
            cand resolve 'Unblock a FAILED or SKIPPED run so that it is processed again'
            cand export 'Write every run the manifest knows as JSON lines'
            cand import 'Add the runs of an export (JSON lines) that the manifest does not know yet'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'snowplowctl;manifest;help;create-table'= {
        }
        &'snowplowctl;manifest;help;list'= {
        }
        &'snowplowctl;manifest;help;show'= {
        }
        &'snowplowctl;manifest;help;add'= {
        }
        &'snowplowctl;manifest;help;contains'= {
        }
        &'snowplowctl;manifest;help;pending'= {
        }
        &'snowplowctl;manifest;help;claim'= {
        }
        &'snowplowctl;manifest;help;complete'= {
        }
        &'snowplowctl;manifest;help;fail'= {
        }
        &'snowplowctl;manifest;help;skip'= {
        }
        &'snowplowctl;manifest;help;resolve'= {
        }
        &'snowplowctl;manifest;help;export'= {
        }
        &'snowplowctl;manifest;help;import'= {
        }
        &'snowplowctl;manifest;help;help'= {
        }
        &'snowplowctl;completions'= {
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;man'= {
            cand --out-dir 'Write `snowplowctl.1` and one page per subcommand into this directory'
            cand --threads 'Worker threads for parallel work (default: one per CPU)'
            cand --color 'When to use colours'
            cand --cache-dir 'Where schemas fetched over HTTP are cached [default: the user cache directory]'
            cand --http-timeout 'Seconds allowed for one HTTP request to an Iglu repository'
            cand --offline 'Never use the network: HTTP repositories answer from the disk cache only'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'snowplowctl;help'= {
            cand lint 'Validate enrichments, resolvers, config.yml, storage targets, Dataflow Runner configs, Iglu schemas and any self-describing JSON'
            cand generate 'Generate Dataflow Runner configs (cluster, playbook) from an EmrEtlRunner config.yml'
            cand store 'Store enrichment configs and the Iglu resolver in DynamoDB for Stream Enrich, and read them back'
            cand enrich 'Enrich raw collector files (CloudFront, Clojure collector, Thrift) into enriched events and bad rows, as Spark Enrich did, on this machine'
            cand transform 'Turn enriched events into newline-delimited JSON, as the Analytics SDKs'' event transformer shapes them'
            cand shred 'Shred enriched events for loading, as RDB Shredder did: atomic events, one file set per self-describing type, in-batch deduplication, bad rows'
            cand run 'Enrich and shred every unprocessed run folder of a raw archive, each exactly once, as recorded in a run manifest (a local file by default, or DynamoDB)'
            cand manifest 'Read and write run manifests: the Analytics SDK''s run manifest plus processing records with claims and leases, in DynamoDB or a local file'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff), or write one page per command into a directory'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'snowplowctl;help;lint'= {
            cand enrichments 'Every enrichment config in a directory, and the list they form'
            cand resolver 'An Iglu resolver config'
            cand config 'An EmrEtlRunner config.yml (R117 keys and types, cross-checks, ERB lookups)'
            cand targets 'Storage target configs (Redshift, Postgres, Elasticsearch, DynamoDB)'
            cand cluster 'A Dataflow Runner cluster config (ClusterConfig)'
            cand playbook 'A Dataflow Runner playbook (PlaybookConfig)'
            cand schemas 'Iglu schemas, with igluctl''s lint rules'
            cand json 'Any self-describing JSON files, validated through the resolver'
            cand all 'Everything in a directory laid out by convention (see --help)'
            cand rules 'List the lint rules, or explain one'
        }
        &'snowplowctl;help;lint;enrichments'= {
        }
        &'snowplowctl;help;lint;resolver'= {
        }
        &'snowplowctl;help;lint;config'= {
        }
        &'snowplowctl;help;lint;targets'= {
        }
        &'snowplowctl;help;lint;cluster'= {
        }
        &'snowplowctl;help;lint;playbook'= {
        }
        &'snowplowctl;help;lint;schemas'= {
        }
        &'snowplowctl;help;lint;json'= {
        }
        &'snowplowctl;help;lint;all'= {
        }
        &'snowplowctl;help;lint;rules'= {
        }
        &'snowplowctl;help;generate'= {
            cand cluster 'A ClusterConfig (1-1-0) for `dataflow-runner up` / `run-transient`'
            cand playbook 'A PlaybookConfig (1-0-1) with EmrEtlRunner R117''s steps, for `dataflow-runner run` / `run-transient`'
            cand all 'Both, as `cluster.json` and `playbook.json` in a directory'
        }
        &'snowplowctl;help;generate;cluster'= {
        }
        &'snowplowctl;help;generate;playbook'= {
        }
        &'snowplowctl;help;generate;all'= {
        }
        &'snowplowctl;help;store'= {
            cand enrichments 'Validate every enrichment config in a directory, then store one item per file (`id` = prefix + enrichment name)'
            cand resolver 'Validate an Iglu resolver config, then store it under a key'
            cand list 'List the items in a table, or under a prefix, reading every Scan page'
            cand export 'Write items back to files (one `*.json` per item, named as they were stored)'
        }
        &'snowplowctl;help;store;enrichments'= {
        }
        &'snowplowctl;help;store;resolver'= {
        }
        &'snowplowctl;help;store;list'= {
        }
        &'snowplowctl;help;store;export'= {
        }
        &'snowplowctl;help;enrich'= {
        }
        &'snowplowctl;help;transform'= {
        }
        &'snowplowctl;help;shred'= {
        }
        &'snowplowctl;help;run'= {
        }
        &'snowplowctl;help;manifest'= {
            cand create-table 'Create the manifest (a DynamoDB table keyed by `RunId`, as the Analytics SDKs create it, or a local file)'
            cand list 'List every run the manifest knows: state, application, start and finish'
            cand show 'Show one run''s records and lease'
            cand add 'Mark a run processed in the run manifest, as the Analytics SDKs'' `add` does'
            cand contains 'Say whether a run is marked processed, as the Analytics SDKs'' `contains` does (prints true or false; exit status 0 either way)'
            cand pending 'List the run folders of a local archive that are not yet processed'
            cand claim 'Claim a run (PROCESSING under a lease); prints the claim id for `complete` and `fail`'
            cand complete 'Mark a claimed run PROCESSED (and processed in the run manifest)'
            cand fail 'Mark a claimed run FAILED; it is blocked until resolved'
            cand skip 'Give up on a run: SKIPPED blocks it until resolved'
            cand resolve 'Unblock a FAILED or SKIPPED run so that it is processed again'
            cand export 'Write every run the manifest knows as JSON lines'
            cand import 'Add the runs of an export (JSON lines) that the manifest does not know yet'
        }
        &'snowplowctl;help;manifest;create-table'= {
        }
        &'snowplowctl;help;manifest;list'= {
        }
        &'snowplowctl;help;manifest;show'= {
        }
        &'snowplowctl;help;manifest;add'= {
        }
        &'snowplowctl;help;manifest;contains'= {
        }
        &'snowplowctl;help;manifest;pending'= {
        }
        &'snowplowctl;help;manifest;claim'= {
        }
        &'snowplowctl;help;manifest;complete'= {
        }
        &'snowplowctl;help;manifest;fail'= {
        }
        &'snowplowctl;help;manifest;skip'= {
        }
        &'snowplowctl;help;manifest;resolve'= {
        }
        &'snowplowctl;help;manifest;export'= {
        }
        &'snowplowctl;help;manifest;import'= {
        }
        &'snowplowctl;help;completions'= {
        }
        &'snowplowctl;help;man'= {
        }
        &'snowplowctl;help;help'= {
        }
    ]
    $completions[$command]
}
