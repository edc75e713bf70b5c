
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'snowplowctl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'snowplowctl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'snowplowctl' {
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Validate enrichments, resolvers, config.yml, storage targets, Dataflow Runner configs, Iglu schemas and any self-describing JSON')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Generate Dataflow Runner configs (cluster, playbook) from an EmrEtlRunner config.yml')
            [CompletionResult]::new('store', 'store', [CompletionResultType]::ParameterValue, 'Store enrichment configs and the Iglu resolver in DynamoDB for Stream Enrich, and read them back')
            [CompletionResult]::new('enrich', 'enrich', [CompletionResultType]::ParameterValue, 'Enrich raw collector files (CloudFront, Clojure collector, Thrift) into enriched events and bad rows, as Spark Enrich did, on this machine')
            [CompletionResult]::new('transform', 'transform', [CompletionResultType]::ParameterValue, 'Turn enriched events into newline-delimited JSON, as the Analytics SDKs'' event transformer shapes them')
            [CompletionResult]::new('shred', 'shred', [CompletionResultType]::ParameterValue, 'Shred enriched events for loading, as RDB Shredder did: atomic events, one file set per self-describing type, in-batch deduplication, bad rows')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Enrich and shred every unprocessed run folder of a raw archive, each exactly once, as recorded in a run manifest (a local file by default, or DynamoDB)')
            [CompletionResult]::new('manifest', 'manifest', [CompletionResultType]::ParameterValue, 'Read and write run manifests: the Analytics SDK''s run manifest plus processing records with claims and leases, in DynamoDB or a local file')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff), or write one page per command into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'snowplowctl;lint' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Lowest severity that makes the command fail (exit 1)')
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Rules to leave out, by code or name (comma-separated or repeated)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--enrich-runtime', '--enrich-runtime', [CompletionResultType]::ParameterName, 'Enrich the enrichment configs are checked for')
            [CompletionResult]::new('--max-file-size', '--max-file-size', [CompletionResultType]::ParameterName, 'Largest file to read, in bytes')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--require-env', '--require-env', [CompletionResultType]::ParameterName, 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('enrichments', 'enrichments', [CompletionResultType]::ParameterValue, 'Every enrichment config in a directory, and the list they form')
            [CompletionResult]::new('resolver', 'resolver', [CompletionResultType]::ParameterValue, 'An Iglu resolver config')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'An EmrEtlRunner config.yml (R117 keys and types, cross-checks, ERB lookups)')
            [CompletionResult]::new('targets', 'targets', [CompletionResultType]::ParameterValue, 'Storage target configs (Redshift, Postgres, Elasticsearch, DynamoDB)')
            [CompletionResult]::new('cluster', 'cluster', [CompletionResultType]::ParameterValue, 'A Dataflow Runner cluster config (ClusterConfig)')
            [CompletionResult]::new('playbook', 'playbook', [CompletionResultType]::ParameterValue, 'A Dataflow Runner playbook (PlaybookConfig)')
            [CompletionResult]::new('schemas', 'schemas', [CompletionResultType]::ParameterValue, 'Iglu schemas, with igluctl''s lint rules')
            [CompletionResult]::new('json', 'json', [CompletionResultType]::ParameterValue, 'Any self-describing JSON files, validated through the resolver')
            [CompletionResult]::new('all', 'all', [CompletionResultType]::ParameterValue, 'Everything in a directory laid out by convention (see --help)')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'List the lint rules, or explain one')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'snowplowctl;lint;enrichments' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Lowest severity that makes the command fail (exit 1)')
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Rules to leave out, by code or name (comma-separated or repeated)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--enrich-runtime', '--enrich-runtime', [CompletionResultType]::ParameterName, 'Enrich the enrichment configs are checked for')
            [CompletionResult]::new('--max-file-size', '--max-file-size', [CompletionResultType]::ParameterName, 'Largest file to read, in bytes')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--require-env', '--require-env', [CompletionResultType]::ParameterName, 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;lint;resolver' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Lowest severity that makes the command fail (exit 1)')
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Rules to leave out, by code or name (comma-separated or repeated)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--enrich-runtime', '--enrich-runtime', [CompletionResultType]::ParameterName, 'Enrich the enrichment configs are checked for')
            [CompletionResult]::new('--max-file-size', '--max-file-size', [CompletionResultType]::ParameterName, 'Largest file to read, in bytes')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--require-env', '--require-env', [CompletionResultType]::ParameterName, 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;lint;config' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Lowest severity that makes the command fail (exit 1)')
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Rules to leave out, by code or name (comma-separated or repeated)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--enrich-runtime', '--enrich-runtime', [CompletionResultType]::ParameterName, 'Enrich the enrichment configs are checked for')
            [CompletionResult]::new('--max-file-size', '--max-file-size', [CompletionResultType]::ParameterName, 'Largest file to read, in bytes')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--require-env', '--require-env', [CompletionResultType]::ParameterName, 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;lint;targets' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Lowest severity that makes the command fail (exit 1)')
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Rules to leave out, by code or name (comma-separated or repeated)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--enrich-runtime', '--enrich-runtime', [CompletionResultType]::ParameterName, 'Enrich the enrichment configs are checked for')
            [CompletionResult]::new('--max-file-size', '--max-file-size', [CompletionResultType]::ParameterName, 'Largest file to read, in bytes')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--require-env', '--require-env', [CompletionResultType]::ParameterName, 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;lint;cluster' {
            [CompletionResult]::new('--vars', '--vars', [CompletionResultType]::ParameterName, 'Template variables, as for Dataflow Runner: `k1,v1,k2,v2`')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Lowest severity that makes the command fail (exit 1)')
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Rules to leave out, by code or name (comma-separated or repeated)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--enrich-runtime', '--enrich-runtime', [CompletionResultType]::ParameterName, 'Enrich the enrichment configs are checked for')
            [CompletionResult]::new('--max-file-size', '--max-file-size', [CompletionResultType]::ParameterName, 'Largest file to read, in bytes')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--require-env', '--require-env', [CompletionResultType]::ParameterName, 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;lint;playbook' {
            [CompletionResult]::new('--vars', '--vars', [CompletionResultType]::ParameterName, 'Template variables, as for Dataflow Runner: `k1,v1,k2,v2`')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Lowest severity that makes the command fail (exit 1)')
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Rules to leave out, by code or name (comma-separated or repeated)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--enrich-runtime', '--enrich-runtime', [CompletionResultType]::ParameterName, 'Enrich the enrichment configs are checked for')
            [CompletionResult]::new('--max-file-size', '--max-file-size', [CompletionResultType]::ParameterName, 'Largest file to read, in bytes')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--require-env', '--require-env', [CompletionResultType]::ParameterName, 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;lint;schemas' {
            [CompletionResult]::new('--skip-checks', '--skip-checks', [CompletionResultType]::ParameterName, 'igluctl checks to skip (comma-separated)')
            [CompletionResult]::new('--skip-schemas', '--skip-schemas', [CompletionResultType]::ParameterName, 'Schemas to leave out (comma-separated Iglu URIs)')
            [CompletionResult]::new('--preset', '--preset', [CompletionResultType]::ParameterName, 'Which checks run: all of igluctl''s, or Iglu Central''s CI set')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Lowest severity that makes the command fail (exit 1)')
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Rules to leave out, by code or name (comma-separated or repeated)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--enrich-runtime', '--enrich-runtime', [CompletionResultType]::ParameterName, 'Enrich the enrichment configs are checked for')
            [CompletionResult]::new('--max-file-size', '--max-file-size', [CompletionResultType]::ParameterName, 'Largest file to read, in bytes')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--require-env', '--require-env', [CompletionResultType]::ParameterName, 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;lint;json' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Lowest severity that makes the command fail (exit 1)')
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Rules to leave out, by code or name (comma-separated or repeated)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--enrich-runtime', '--enrich-runtime', [CompletionResultType]::ParameterName, 'Enrich the enrichment configs are checked for')
            [CompletionResult]::new('--max-file-size', '--max-file-size', [CompletionResultType]::ParameterName, 'Largest file to read, in bytes')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--require-env', '--require-env', [CompletionResultType]::ParameterName, 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;lint;all' {
            [CompletionResult]::new('--vars', '--vars', [CompletionResultType]::ParameterName, 'Template variables for Dataflow Runner files: `k1,v1,k2,v2`')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Lowest severity that makes the command fail (exit 1)')
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Rules to leave out, by code or name (comma-separated or repeated)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--enrich-runtime', '--enrich-runtime', [CompletionResultType]::ParameterName, 'Enrich the enrichment configs are checked for')
            [CompletionResult]::new('--max-file-size', '--max-file-size', [CompletionResultType]::ParameterName, 'Largest file to read, in bytes')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--require-env', '--require-env', [CompletionResultType]::ParameterName, 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;lint;rules' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Lowest severity that makes the command fail (exit 1)')
            [CompletionResult]::new('--ignore', '--ignore', [CompletionResultType]::ParameterName, 'Rules to leave out, by code or name (comma-separated or repeated)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--enrich-runtime', '--enrich-runtime', [CompletionResultType]::ParameterName, 'Enrich the enrichment configs are checked for')
            [CompletionResult]::new('--max-file-size', '--max-file-size', [CompletionResultType]::ParameterName, 'Largest file to read, in bytes')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--require-env', '--require-env', [CompletionResultType]::ParameterName, 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;lint;help' {
            [CompletionResult]::new('enrichments', 'enrichments', [CompletionResultType]::ParameterValue, 'Every enrichment config in a directory, and the list they form')
            [CompletionResult]::new('resolver', 'resolver', [CompletionResultType]::ParameterValue, 'An Iglu resolver config')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'An EmrEtlRunner config.yml (R117 keys and types, cross-checks, ERB lookups)')
            [CompletionResult]::new('targets', 'targets', [CompletionResultType]::ParameterValue, 'Storage target configs (Redshift, Postgres, Elasticsearch, DynamoDB)')
            [CompletionResult]::new('cluster', 'cluster', [CompletionResultType]::ParameterValue, 'A Dataflow Runner cluster config (ClusterConfig)')
            [CompletionResult]::new('playbook', 'playbook', [CompletionResultType]::ParameterValue, 'A Dataflow Runner playbook (PlaybookConfig)')
            [CompletionResult]::new('schemas', 'schemas', [CompletionResultType]::ParameterValue, 'Iglu schemas, with igluctl''s lint rules')
            [CompletionResult]::new('json', 'json', [CompletionResultType]::ParameterValue, 'Any self-describing JSON files, validated through the resolver')
            [CompletionResult]::new('all', 'all', [CompletionResultType]::ParameterValue, 'Everything in a directory laid out by convention (see --help)')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'List the lint rules, or explain one')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'snowplowctl;lint;help;enrichments' {
            break
        }
        'snowplowctl;lint;help;resolver' {
            break
        }
        'snowplowctl;lint;help;config' {
            break
        }
        'snowplowctl;lint;help;targets' {
            break
        }
        'snowplowctl;lint;help;cluster' {
            break
        }
        'snowplowctl;lint;help;playbook' {
            break
        }
        'snowplowctl;lint;help;schemas' {
            break
        }
        'snowplowctl;lint;help;json' {
            break
        }
        'snowplowctl;lint;help;all' {
            break
        }
        'snowplowctl;lint;help;rules' {
            break
        }
        'snowplowctl;lint;help;help' {
            break
        }
        'snowplowctl;generate' {
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('cluster', 'cluster', [CompletionResultType]::ParameterValue, 'A ClusterConfig (1-1-0) for `dataflow-runner up` / `run-transient`')
            [CompletionResult]::new('playbook', 'playbook', [CompletionResultType]::ParameterValue, 'A PlaybookConfig (1-0-1) with EmrEtlRunner R117''s steps, for `dataflow-runner run` / `run-transient`')
            [CompletionResult]::new('all', 'all', [CompletionResultType]::ParameterValue, 'Both, as `cluster.json` and `playbook.json` in a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'snowplowctl;generate;cluster' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'EmrEtlRunner''s config.yml (R89 to R117, emr-etl-runner 1.0.x); `<%= ENV[''X''] %>` lookups are rendered')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'EmrEtlRunner''s config.yml (R89 to R117, emr-etl-runner 1.0.x); `<%= ENV[''X''] %>` lookups are rendered')
            [CompletionResult]::new('--credentials', '--credentials', [CompletionResultType]::ParameterName, 'Where Dataflow Runner takes AWS credentials from (the keys in config.yml are never copied); `default` needs Dataflow Runner 0.5.0 or later')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the cluster config to FILE instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the cluster config to FILE instead of stdout')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;generate;playbook' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'EmrEtlRunner''s config.yml (R89 to R117, emr-etl-runner 1.0.x); `<%= ENV[''X''] %>` lookups are rendered')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'EmrEtlRunner''s config.yml (R89 to R117, emr-etl-runner 1.0.x); `<%= ENV[''X''] %>` lookups are rendered')
            [CompletionResult]::new('--credentials', '--credentials', [CompletionResultType]::ParameterName, 'Where Dataflow Runner takes AWS credentials from (the keys in config.yml are never copied); `default` needs Dataflow Runner 0.5.0 or later')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config, passed to Spark Enrich, RDB Shredder and RDB Loader')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config, passed to Spark Enrich, RDB Shredder and RDB Loader')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Directory of enrichment configs (`*.json`)')
            [CompletionResult]::new('--enrichments', '--enrichments', [CompletionResultType]::ParameterName, 'Directory of enrichment configs (`*.json`)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Directory of storage target configs (`*.json`): RDB Loader, Elasticsearch, duplicate tracking')
            [CompletionResult]::new('--targets', '--targets', [CompletionResultType]::ParameterName, 'Directory of storage target configs (`*.json`): RDB Loader, Elasticsearch, duplicate tracking')
            [CompletionResult]::new('-x', '-x', [CompletionResultType]::ParameterName, 'Stages to leave out, as EmrEtlRunner''s --skip (comma-separated or repeated)')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Stages to leave out, as EmrEtlRunner''s --skip (comma-separated or repeated)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Start from this stage, as EmrEtlRunner''s --resume-from')
            [CompletionResult]::new('--resume-from', '--resume-from', [CompletionResultType]::ParameterName, 'Start from this stage, as EmrEtlRunner''s --resume-from')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'RDB Loader steps to add (`vacuum`), as EmrEtlRunner''s --include')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'RDB Loader steps to add (`vacuum`), as EmrEtlRunner''s --include')
            [CompletionResult]::new('--run-id', '--run-id', [CompletionResultType]::ParameterName, 'Write this run id (YYYY-MM-DD-hh-mm-ss) instead of the {{.runId}} template variable')
            [CompletionResult]::new('--etl-timestamp', '--etl-timestamp', [CompletionResultType]::ParameterName, 'Write this ETL timestamp (epoch milliseconds) instead of the {{.etlTimestamp}} template variable')
            [CompletionResult]::new('--recover-run-id', '--recover-run-id', [CompletionResultType]::ParameterName, 'Write this run id instead of the {{.recoverRunId}} template variable (recover-mode archive steps)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the playbook to FILE instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the playbook to FILE instead of stdout')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--empty-hdfs', '--empty-hdfs', [CompletionResultType]::ParameterName, 'Start with EmrEtlRunner''s HDFS cleanup steps, as it does on a reused persistent cluster')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print the steps as a table (on stdout when the files are written to disk, else on stderr)')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;generate;all' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'EmrEtlRunner''s config.yml (R89 to R117, emr-etl-runner 1.0.x); `<%= ENV[''X''] %>` lookups are rendered')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'EmrEtlRunner''s config.yml (R89 to R117, emr-etl-runner 1.0.x); `<%= ENV[''X''] %>` lookups are rendered')
            [CompletionResult]::new('--credentials', '--credentials', [CompletionResultType]::ParameterName, 'Where Dataflow Runner takes AWS credentials from (the keys in config.yml are never copied); `default` needs Dataflow Runner 0.5.0 or later')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config, passed to Spark Enrich, RDB Shredder and RDB Loader')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config, passed to Spark Enrich, RDB Shredder and RDB Loader')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Directory of enrichment configs (`*.json`)')
            [CompletionResult]::new('--enrichments', '--enrichments', [CompletionResultType]::ParameterName, 'Directory of enrichment configs (`*.json`)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Directory of storage target configs (`*.json`): RDB Loader, Elasticsearch, duplicate tracking')
            [CompletionResult]::new('--targets', '--targets', [CompletionResultType]::ParameterName, 'Directory of storage target configs (`*.json`): RDB Loader, Elasticsearch, duplicate tracking')
            [CompletionResult]::new('-x', '-x', [CompletionResultType]::ParameterName, 'Stages to leave out, as EmrEtlRunner''s --skip (comma-separated or repeated)')
            [CompletionResult]::new('--skip', '--skip', [CompletionResultType]::ParameterName, 'Stages to leave out, as EmrEtlRunner''s --skip (comma-separated or repeated)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Start from this stage, as EmrEtlRunner''s --resume-from')
            [CompletionResult]::new('--resume-from', '--resume-from', [CompletionResultType]::ParameterName, 'Start from this stage, as EmrEtlRunner''s --resume-from')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'RDB Loader steps to add (`vacuum`), as EmrEtlRunner''s --include')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'RDB Loader steps to add (`vacuum`), as EmrEtlRunner''s --include')
            [CompletionResult]::new('--run-id', '--run-id', [CompletionResultType]::ParameterName, 'Write this run id (YYYY-MM-DD-hh-mm-ss) instead of the {{.runId}} template variable')
            [CompletionResult]::new('--etl-timestamp', '--etl-timestamp', [CompletionResultType]::ParameterName, 'Write this ETL timestamp (epoch milliseconds) instead of the {{.etlTimestamp}} template variable')
            [CompletionResult]::new('--recover-run-id', '--recover-run-id', [CompletionResultType]::ParameterName, 'Write this run id instead of the {{.recoverRunId}} template variable (recover-mode archive steps)')
            [CompletionResult]::new('--output-dir', '--output-dir', [CompletionResultType]::ParameterName, 'Directory for `cluster.json` and `playbook.json` (created if missing)')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--empty-hdfs', '--empty-hdfs', [CompletionResultType]::ParameterName, 'Start with EmrEtlRunner''s HDFS cleanup steps, as it does on a reused persistent cluster')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Print the steps as a table (on stdout when the files are written to disk, else on stderr)')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;generate;help' {
            [CompletionResult]::new('cluster', 'cluster', [CompletionResultType]::ParameterValue, 'A ClusterConfig (1-1-0) for `dataflow-runner up` / `run-transient`')
            [CompletionResult]::new('playbook', 'playbook', [CompletionResultType]::ParameterValue, 'A PlaybookConfig (1-0-1) with EmrEtlRunner R117''s steps, for `dataflow-runner run` / `run-transient`')
            [CompletionResult]::new('all', 'all', [CompletionResultType]::ParameterValue, 'Both, as `cluster.json` and `playbook.json` in a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'snowplowctl;generate;help;cluster' {
            break
        }
        'snowplowctl;generate;help;playbook' {
            break
        }
        'snowplowctl;generate;help;all' {
            break
        }
        'snowplowctl;generate;help;help' {
            break
        }
        'snowplowctl;store' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [default: AWS_REGION, AWS_DEFAULT_REGION or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the shared AWS config and credentials files [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'DynamoDB endpoint, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('enrichments', 'enrichments', [CompletionResultType]::ParameterValue, 'Validate every enrichment config in a directory, then store one item per file (`id` = prefix + enrichment name)')
            [CompletionResult]::new('resolver', 'resolver', [CompletionResultType]::ParameterValue, 'Validate an Iglu resolver config, then store it under a key')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the items in a table, or under a prefix, reading every Scan page')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write items back to files (one `*.json` per item, named as they were stored)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'snowplowctl;store;enrichments' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'The DynamoDB table')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The DynamoDB table')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Prefix of the items'' `id`, as in `--enrichments dynamodb:REGION/TABLE/PREFIX`')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Prefix of the items'' `id`, as in `--enrichments dynamodb:REGION/TABLE/PREFIX`')
            [CompletionResult]::new('--enrich-runtime', '--enrich-runtime', [CompletionResultType]::ParameterName, 'Enrich the configs are checked for')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find the configs'' schemas (the bundled schemas are always available); a file with this path inside the enrichments directory is not stored')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find the configs'' schemas (the bundled schemas are always available); a file with this path inside the enrichments directory is not stored')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Lowest finding severity that stops the store (exit 1, nothing written)')
            [CompletionResult]::new('--max-file-size', '--max-file-size', [CompletionResultType]::ParameterName, 'Largest file to read, in bytes')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [default: AWS_REGION, AWS_DEFAULT_REGION or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the shared AWS config and credentials files [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'DynamoDB endpoint, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Delete items under the prefix that are not in the directory')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be added, changed, left unchanged and removed; write nothing')
            [CompletionResult]::new('--create-table', '--create-table', [CompletionResultType]::ParameterName, 'Create the table (on-demand billing, hash key `id`) if it does not exist, and wait until it is active')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;store;resolver' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'The DynamoDB table')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The DynamoDB table')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'The item''s `id`, as in `--resolver dynamodb:REGION/TABLE/KEY`')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'The item''s `id`, as in `--resolver dynamodb:REGION/TABLE/KEY`')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find the configs'' schemas (the bundled schemas are always available); a file with this path inside the enrichments directory is not stored')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config used to find the configs'' schemas (the bundled schemas are always available); a file with this path inside the enrichments directory is not stored')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Lowest finding severity that stops the store (exit 1, nothing written)')
            [CompletionResult]::new('--max-file-size', '--max-file-size', [CompletionResultType]::ParameterName, 'Largest file to read, in bytes')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [default: AWS_REGION, AWS_DEFAULT_REGION or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the shared AWS config and credentials files [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'DynamoDB endpoint, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be added, changed, left unchanged and removed; write nothing')
            [CompletionResult]::new('--create-table', '--create-table', [CompletionResultType]::ParameterName, 'Create the table (on-demand billing, hash key `id`) if it does not exist, and wait until it is active')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;store;list' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'The DynamoDB table')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The DynamoDB table')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Only items whose `id` starts with this')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Only items whose `id` starts with this')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [default: AWS_REGION, AWS_DEFAULT_REGION or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the shared AWS config and credentials files [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'DynamoDB endpoint, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;store;export' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'The DynamoDB table')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The DynamoDB table')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Export the items whose `id` starts with this [default: every item, unless --key is given]')
            [CompletionResult]::new('--prefix', '--prefix', [CompletionResultType]::ParameterName, 'Export the items whose `id` starts with this [default: every item, unless --key is given]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Also export the item with this key (the resolver)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Also export the item with this key (the resolver)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region [default: AWS_REGION, AWS_DEFAULT_REGION or the profile''s region]')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile from the shared AWS config and credentials files [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'DynamoDB endpoint, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Overwrite files that exist with different content')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;store;help' {
            [CompletionResult]::new('enrichments', 'enrichments', [CompletionResultType]::ParameterValue, 'Validate every enrichment config in a directory, then store one item per file (`id` = prefix + enrichment name)')
            [CompletionResult]::new('resolver', 'resolver', [CompletionResultType]::ParameterValue, 'Validate an Iglu resolver config, then store it under a key')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the items in a table, or under a prefix, reading every Scan page')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write items back to files (one `*.json` per item, named as they were stored)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'snowplowctl;store;help;enrichments' {
            break
        }
        'snowplowctl;store;help;resolver' {
            break
        }
        'snowplowctl;store;help;list' {
            break
        }
        'snowplowctl;store;help;export' {
            break
        }
        'snowplowctl;store;help;help' {
            break
        }
        'snowplowctl;enrich' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output directory; the run''s folders go under OUT/enriched/')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output directory; the run''s folders go under OUT/enriched/')
            [CompletionResult]::new('--run-id', '--run-id', [CompletionResultType]::ParameterName, 'Name of the run folders (YYYY-MM-DD-HH-mm-ss) [default: the ETL timestamp''s UTC time]')
            [CompletionResult]::new('--etl-timestamp', '--etl-timestamp', [CompletionResultType]::ParameterName, 'The run''s etl_tstamp, in epoch milliseconds or RFC 3339 [default: now]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The collector format, as EmrEtlRunner''s `collectors.format`')
            [CompletionResult]::new('--input-format', '--input-format', [CompletionResultType]::ParameterName, 'The collector format, as EmrEtlRunner''s `collectors.format`')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'Compression of the enriched (good) part files')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config for the schemas of contexts and self-describing events (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config for the schemas of contexts and self-describing events (the bundled schemas are always available)')
            [CompletionResult]::new('--enrich-runtime', '--enrich-runtime', [CompletionResultType]::ParameterName, 'Which Enrich to behave like: Spark Enrich R117, or modern enrich (6.x)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Enrichment configs: a directory of self-describing JSON files (or one file), or dynamodb:REGION/TABLE/PREFIX as Stream Enrich reads them [default: no enrichments]')
            [CompletionResult]::new('--enrichments', '--enrichments', [CompletionResultType]::ParameterName, 'Enrichment configs: a directory of self-describing JSON files (or one file), or dynamodb:REGION/TABLE/PREFIX as Stream Enrich reads them [default: no enrichments]')
            [CompletionResult]::new('--enrichment-cache', '--enrichment-cache', [CompletionResultType]::ParameterName, 'Where data files named by an enrichment''s http(s) `uri` are downloaded once and kept [default: CACHE_DIR/enrichment-data]')
            [CompletionResult]::new('--max-record-size', '--max-record-size', [CompletionResultType]::ParameterName, 'Records longer than this become size_violation bad rows, in bytes')
            [CompletionResult]::new('--chunk-size', '--chunk-size', [CompletionResultType]::ParameterName, 'Plain files larger than this are split into chunks processed in parallel, in bytes')
            [CompletionResult]::new('--dedup-memory', '--dedup-memory', [CompletionResultType]::ParameterName, 'With --shred: memory for deduplication, in bytes (suffixes K, M, G allowed)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the summary')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--skip-unsupported', '--skip-unsupported', [CompletionResultType]::ParameterName, 'Run without the enrichments that cannot run locally (currency, API, SQL, weather, UA-utils, YAUAA, …) instead of refusing to start; the summary lists them')
            [CompletionResult]::new('--legacy-bad-rows', '--legacy-bad-rows', [CompletionResultType]::ParameterName, 'Write batch-era bad rows `{line, errors, failure_tstamp}` instead of self-describing ones')
            [CompletionResult]::new('--shred', '--shred', [CompletionResultType]::ParameterName, 'Also shred the good events in the same pass, into OUT/shredded/ (as `shred` would from OUT/enriched/good/run=…, without reading it back); --legacy-bad-rows applies to both')
            [CompletionResult]::new('--tsv', '--tsv', [CompletionResultType]::ParameterName, 'With --shred: entities to shredded-tsv/ (RDB Shredder 0.16+ column rules) instead of JSON')
            [CompletionResult]::new('--tsv-empty-nulls', '--tsv-empty-nulls', [CompletionResultType]::ParameterName, 'With --shred --tsv: write nulls as empty strings (RDB Shredder 0.16-0.17) instead of \\N')
            [CompletionResult]::new('--no-dedup', '--no-dedup', [CompletionResultType]::ParameterName, 'With --shred: do not deduplicate events within the batch')
            [CompletionResult]::new('--fail-on-bad-rows', '--fail-on-bad-rows', [CompletionResultType]::ParameterName, 'Exit with status 1 when there are bad rows')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;transform' {
            [CompletionResult]::new('--shape', '--shape', [CompletionResultType]::ParameterName, 'Which Analytics SDK''s JSON to produce')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the JSON lines to this file (replaced only when the run completes) instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the JSON lines to this file (replaced only when the run completes) instead of stdout')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;shred' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output directory; the run''s folders go under OUT/shredded/')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output directory; the run''s folders go under OUT/shredded/')
            [CompletionResult]::new('--run-id', '--run-id', [CompletionResultType]::ParameterName, 'Name of the run folders (YYYY-MM-DD-HH-mm-ss) [default: the run''s UTC start time]')
            [CompletionResult]::new('--dedup-memory', '--dedup-memory', [CompletionResultType]::ParameterName, 'Memory for deduplication, in bytes (suffixes K, M, G allowed)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config for the entities'' schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config for the entities'' schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--timestamp', '--timestamp', [CompletionResultType]::ParameterName, 'The run''s timestamp, in epoch milliseconds or RFC 3339: the run id, failure_tstamp of legacy bad rows and the seed of new event ids [default: now]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the summary')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--tsv', '--tsv', [CompletionResultType]::ParameterName, 'Shred entities to shredded-tsv/ (RDB Shredder 0.16+ column rules) instead of JSON')
            [CompletionResult]::new('--tsv-empty-nulls', '--tsv-empty-nulls', [CompletionResultType]::ParameterName, 'With --tsv, write nulls as empty strings (RDB Shredder 0.16-0.17) instead of \\N (0.18+)')
            [CompletionResult]::new('--legacy-bad-rows', '--legacy-bad-rows', [CompletionResultType]::ParameterName, 'Write batch-era bad rows `{line, errors, failure_tstamp}` instead of self-describing ones')
            [CompletionResult]::new('--no-dedup', '--no-dedup', [CompletionResultType]::ParameterName, 'Do not deduplicate events within the batch')
            [CompletionResult]::new('--fail-on-bad-rows', '--fail-on-bad-rows', [CompletionResultType]::ParameterName, 'Exit with status 1 when there are bad rows')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;run' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output directory: OUT/enriched/… and OUT/shredded/…')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output directory: OUT/enriched/… and OUT/shredded/…')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH [default: local:OUT/manifest.sqlite]')
            [CompletionResult]::new('--manifest', '--manifest', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH [default: local:OUT/manifest.sqlite]')
            [CompletionResult]::new('--run-id-prefix', '--run-id-prefix', [CompletionResultType]::ParameterName, 'Prefix of run ids in the manifest [default: the archive folder''s name and `/`, giving ids like `raw/run=2017-02-21-11-40-15/`]')
            [CompletionResult]::new('--lease', '--lease', [CompletionResultType]::ParameterName, 'Seconds a claim lasts unless renewed (it is renewed every third of that while working)')
            [CompletionResult]::new('--max-runs', '--max-runs', [CompletionResultType]::ParameterName, 'Process at most this many runs, then stop')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'The collector format, as EmrEtlRunner''s `collectors.format`')
            [CompletionResult]::new('--input-format', '--input-format', [CompletionResultType]::ParameterName, 'The collector format, as EmrEtlRunner''s `collectors.format`')
            [CompletionResult]::new('--compress', '--compress', [CompletionResultType]::ParameterName, 'Compression of the enriched (good) part files')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config for the schemas of contexts and self-describing events (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config for the schemas of contexts and self-describing events (the bundled schemas are always available)')
            [CompletionResult]::new('--enrich-runtime', '--enrich-runtime', [CompletionResultType]::ParameterName, 'Which Enrich to behave like: Spark Enrich R117, or modern enrich (6.x)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Enrichment configs: a directory of self-describing JSON files (or one file), or dynamodb:REGION/TABLE/PREFIX as Stream Enrich reads them [default: no enrichments]')
            [CompletionResult]::new('--enrichments', '--enrichments', [CompletionResultType]::ParameterName, 'Enrichment configs: a directory of self-describing JSON files (or one file), or dynamodb:REGION/TABLE/PREFIX as Stream Enrich reads them [default: no enrichments]')
            [CompletionResult]::new('--enrichment-cache', '--enrichment-cache', [CompletionResultType]::ParameterName, 'Where data files named by an enrichment''s http(s) `uri` are downloaded once and kept [default: CACHE_DIR/enrichment-data]')
            [CompletionResult]::new('--max-record-size', '--max-record-size', [CompletionResultType]::ParameterName, 'Records longer than this become size_violation bad rows, in bytes')
            [CompletionResult]::new('--chunk-size', '--chunk-size', [CompletionResultType]::ParameterName, 'Plain files larger than this are split into chunks processed in parallel, in bytes')
            [CompletionResult]::new('--dedup-memory', '--dedup-memory', [CompletionResultType]::ParameterName, 'Memory for deduplication, in bytes (suffixes K, M, G allowed)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Application name written into processing records')
            [CompletionResult]::new('--app-version', '--app-version', [CompletionResultType]::ParameterName, 'Application version written into processing records [default: snowplowctl''s version]')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance id written into processing records, when several instances share a manifest')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the summary')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--skip-unsupported', '--skip-unsupported', [CompletionResultType]::ParameterName, 'Run without the enrichments that cannot run locally (currency, API, SQL, weather, UA-utils, YAUAA, …) instead of refusing to start; the summary lists them')
            [CompletionResult]::new('--tsv', '--tsv', [CompletionResultType]::ParameterName, 'Shred entities to shredded-tsv/ (RDB Shredder 0.16+ column rules) instead of JSON')
            [CompletionResult]::new('--tsv-empty-nulls', '--tsv-empty-nulls', [CompletionResultType]::ParameterName, 'With --tsv, write nulls as empty strings (RDB Shredder 0.16-0.17) instead of \\N (0.18+)')
            [CompletionResult]::new('--legacy-bad-rows', '--legacy-bad-rows', [CompletionResultType]::ParameterName, 'Write batch-era bad rows `{line, errors, failure_tstamp}` instead of self-describing ones')
            [CompletionResult]::new('--no-dedup', '--no-dedup', [CompletionResultType]::ParameterName, 'Do not deduplicate events within the batch')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;manifest' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('--manifest', '--manifest', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Application name written into processing records')
            [CompletionResult]::new('--app-version', '--app-version', [CompletionResultType]::ParameterName, 'Application version written into processing records [default: snowplowctl''s version]')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance id written into processing records, when several instances share a manifest')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create-table', 'create-table', [CompletionResultType]::ParameterValue, 'Create the manifest (a DynamoDB table keyed by `RunId`, as the Analytics SDKs create it, or a local file)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every run the manifest knows: state, application, start and finish')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one run''s records and lease')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Mark a run processed in the run manifest, as the Analytics SDKs'' `add` does')
            [CompletionResult]::new('contains', 'contains', [CompletionResultType]::ParameterValue, 'Say whether a run is marked processed, as the Analytics SDKs'' `contains` does (prints true or false; exit status 0 either way)')
            [CompletionResult]::new('pending', 'pending', [CompletionResultType]::ParameterValue, 'List the run folders of a local archive that are not yet processed')
            [CompletionResult]::new('claim', 'claim', [CompletionResultType]::ParameterValue, 'Claim a run (PROCESSING under a lease); prints the claim id for `complete` and `fail`')
            [CompletionResult]::new('complete', 'complete', [CompletionResultType]::ParameterValue, 'Mark a claimed run PROCESSED (and processed in the run manifest)')
            [CompletionResult]::new('fail', 'fail', [CompletionResultType]::ParameterValue, 'Mark a claimed run FAILED; it is blocked until resolved')
            [CompletionResult]::new('skip', 'skip', [CompletionResultType]::ParameterValue, 'Give up on a run: SKIPPED blocks it until resolved')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Unblock a FAILED or SKIPPED run so that it is processed again')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write every run the manifest knows as JSON lines')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add the runs of an export (JSON lines) that the manifest does not know yet')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'snowplowctl;manifest;create-table' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('--manifest', '--manifest', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Application name written into processing records')
            [CompletionResult]::new('--app-version', '--app-version', [CompletionResultType]::ParameterName, 'Application version written into processing records [default: snowplowctl''s version]')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance id written into processing records, when several instances share a manifest')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;manifest;list' {
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Only runs whose latest record has this state')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('--manifest', '--manifest', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Application name written into processing records')
            [CompletionResult]::new('--app-version', '--app-version', [CompletionResultType]::ParameterName, 'Application version written into processing records [default: snowplowctl''s version]')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance id written into processing records, when several instances share a manifest')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;manifest;show' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('--manifest', '--manifest', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Application name written into processing records')
            [CompletionResult]::new('--app-version', '--app-version', [CompletionResultType]::ParameterName, 'Application version written into processing records [default: snowplowctl''s version]')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance id written into processing records, when several instances share a manifest')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;manifest;add' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('--manifest', '--manifest', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Application name written into processing records')
            [CompletionResult]::new('--app-version', '--app-version', [CompletionResultType]::ParameterName, 'Application version written into processing records [default: snowplowctl''s version]')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance id written into processing records, when several instances share a manifest')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;manifest;contains' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('--manifest', '--manifest', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Application name written into processing records')
            [CompletionResult]::new('--app-version', '--app-version', [CompletionResultType]::ParameterName, 'Application version written into processing records [default: snowplowctl''s version]')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance id written into processing records, when several instances share a manifest')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;manifest;pending' {
            [CompletionResult]::new('--run-id-prefix', '--run-id-prefix', [CompletionResultType]::ParameterName, 'Prefix of run ids [default: the archive folder''s name and `/`]')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('--manifest', '--manifest', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Application name written into processing records')
            [CompletionResult]::new('--app-version', '--app-version', [CompletionResultType]::ParameterName, 'Application version written into processing records [default: snowplowctl''s version]')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance id written into processing records, when several instances share a manifest')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Also list runs that are claimed, failed, skipped or processed, with their status')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;manifest;claim' {
            [CompletionResult]::new('--lease', '--lease', [CompletionResultType]::ParameterName, 'Seconds the claim lasts')
            [CompletionResult]::new('--payload', '--payload', [CompletionResultType]::ParameterName, 'A self-describing JSON file to attach to the record (validated through Iglu first)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'A reason to attach, as an iglu:dev.snowplowctl/manifest_note/jsonschema/1-0-0 payload')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('--manifest', '--manifest', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Application name written into processing records')
            [CompletionResult]::new('--app-version', '--app-version', [CompletionResultType]::ParameterName, 'Application version written into processing records [default: snowplowctl''s version]')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance id written into processing records, when several instances share a manifest')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;manifest;complete' {
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'The claim id `claim` printed')
            [CompletionResult]::new('--payload', '--payload', [CompletionResultType]::ParameterName, 'A self-describing JSON file to attach to the record (validated through Iglu first)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'A reason to attach, as an iglu:dev.snowplowctl/manifest_note/jsonschema/1-0-0 payload')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('--manifest', '--manifest', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Application name written into processing records')
            [CompletionResult]::new('--app-version', '--app-version', [CompletionResultType]::ParameterName, 'Application version written into processing records [default: snowplowctl''s version]')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance id written into processing records, when several instances share a manifest')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;manifest;fail' {
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'The claim id `claim` printed')
            [CompletionResult]::new('--payload', '--payload', [CompletionResultType]::ParameterName, 'A self-describing JSON file to attach to the record (validated through Iglu first)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'A reason to attach, as an iglu:dev.snowplowctl/manifest_note/jsonschema/1-0-0 payload')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('--manifest', '--manifest', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Application name written into processing records')
            [CompletionResult]::new('--app-version', '--app-version', [CompletionResultType]::ParameterName, 'Application version written into processing records [default: snowplowctl''s version]')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance id written into processing records, when several instances share a manifest')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;manifest;skip' {
            [CompletionResult]::new('--payload', '--payload', [CompletionResultType]::ParameterName, 'A self-describing JSON file to attach to the record (validated through Iglu first)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'A reason to attach, as an iglu:dev.snowplowctl/manifest_note/jsonschema/1-0-0 payload')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('--manifest', '--manifest', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Application name written into processing records')
            [CompletionResult]::new('--app-version', '--app-version', [CompletionResultType]::ParameterName, 'Application version written into processing records [default: snowplowctl''s version]')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance id written into processing records, when several instances share a manifest')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;manifest;resolve' {
            [CompletionResult]::new('--payload', '--payload', [CompletionResultType]::ParameterName, 'A self-describing JSON file to attach to the record (validated through Iglu first)')
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'A reason to attach, as an iglu:dev.snowplowctl/manifest_note/jsonschema/1-0-0 payload')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('--manifest', '--manifest', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Application name written into processing records')
            [CompletionResult]::new('--app-version', '--app-version', [CompletionResultType]::ParameterName, 'Application version written into processing records [default: snowplowctl''s version]')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance id written into processing records, when several instances share a manifest')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;manifest;export' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to this file instead of stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to this file instead of stdout')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('--manifest', '--manifest', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Application name written into processing records')
            [CompletionResult]::new('--app-version', '--app-version', [CompletionResultType]::ParameterName, 'Application version written into processing records [default: snowplowctl''s version]')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance id written into processing records, when several instances share a manifest')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;manifest;import' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('--manifest', '--manifest', [CompletionResultType]::ParameterName, 'The run manifest: dynamodb:REGION/TABLE or local:PATH')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--resolver', '--resolver', [CompletionResultType]::ParameterName, 'Iglu resolver config for payload schemas (the bundled schemas are always available)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]')
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS''s endpoint for the region]')
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Application name written into processing records')
            [CompletionResult]::new('--app-version', '--app-version', [CompletionResultType]::ParameterName, 'Application version written into processing records [default: snowplowctl''s version]')
            [CompletionResult]::new('--instance', '--instance', [CompletionResultType]::ParameterName, 'Instance id written into processing records, when several instances share a manifest')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;manifest;help' {
            [CompletionResult]::new('create-table', 'create-table', [CompletionResultType]::ParameterValue, 'Create the manifest (a DynamoDB table keyed by `RunId`, as the Analytics SDKs create it, or a local file)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every run the manifest knows: state, application, start and finish')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one run''s records and lease')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Mark a run processed in the run manifest, as the Analytics SDKs'' `add` does')
            [CompletionResult]::new('contains', 'contains', [CompletionResultType]::ParameterValue, 'Say whether a run is marked processed, as the Analytics SDKs'' `contains` does (prints true or false; exit status 0 either way)')
            [CompletionResult]::new('pending', 'pending', [CompletionResultType]::ParameterValue, 'List the run folders of a local archive that are not yet processed')
            [CompletionResult]::new('claim', 'claim', [CompletionResultType]::ParameterValue, 'Claim a run (PROCESSING under a lease); prints the claim id for `complete` and `fail`')
            [CompletionResult]::new('complete', 'complete', [CompletionResultType]::ParameterValue, 'Mark a claimed run PROCESSED (and processed in the run manifest)')
            [CompletionResult]::new('fail', 'fail', [CompletionResultType]::ParameterValue, 'Mark a claimed run FAILED; it is blocked until resolved')
            [CompletionResult]::new('skip', 'skip', [CompletionResultType]::ParameterValue, 'Give up on a run: SKIPPED blocks it until resolved')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Unblock a FAILED or SKIPPED run so that it is processed again')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write every run the manifest knows as JSON lines')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add the runs of an export (JSON lines) that the manifest does not know yet')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'snowplowctl;manifest;help;create-table' {
            break
        }
        'snowplowctl;manifest;help;list' {
            break
        }
        'snowplowctl;manifest;help;show' {
            break
        }
        'snowplowctl;manifest;help;add' {
            break
        }
        'snowplowctl;manifest;help;contains' {
            break
        }
        'snowplowctl;manifest;help;pending' {
            break
        }
        'snowplowctl;manifest;help;claim' {
            break
        }
        'snowplowctl;manifest;help;complete' {
            break
        }
        'snowplowctl;manifest;help;fail' {
            break
        }
        'snowplowctl;manifest;help;skip' {
            break
        }
        'snowplowctl;manifest;help;resolve' {
            break
        }
        'snowplowctl;manifest;help;export' {
            break
        }
        'snowplowctl;manifest;help;import' {
            break
        }
        'snowplowctl;manifest;help;help' {
            break
        }
        'snowplowctl;completions' {
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;man' {
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Write `snowplowctl.1` and one page per subcommand into this directory')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Worker threads for parallel work (default: one per CPU)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Where schemas fetched over HTTP are cached [default: the user cache directory]')
            [CompletionResult]::new('--http-timeout', '--http-timeout', [CompletionResultType]::ParameterName, 'Seconds allowed for one HTTP request to an Iglu repository')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Never use the network: HTTP repositories answer from the disk cache only')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'snowplowctl;help' {
            [CompletionResult]::new('lint', 'lint', [CompletionResultType]::ParameterValue, 'Validate enrichments, resolvers, config.yml, storage targets, Dataflow Runner configs, Iglu schemas and any self-describing JSON')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Generate Dataflow Runner configs (cluster, playbook) from an EmrEtlRunner config.yml')
            [CompletionResult]::new('store', 'store', [CompletionResultType]::ParameterValue, 'Store enrichment configs and the Iglu resolver in DynamoDB for Stream Enrich, and read them back')
            [CompletionResult]::new('enrich', 'enrich', [CompletionResultType]::ParameterValue, 'Enrich raw collector files (CloudFront, Clojure collector, Thrift) into enriched events and bad rows, as Spark Enrich did, on this machine')
            [CompletionResult]::new('transform', 'transform', [CompletionResultType]::ParameterValue, 'Turn enriched events into newline-delimited JSON, as the Analytics SDKs'' event transformer shapes them')
            [CompletionResult]::new('shred', 'shred', [CompletionResultType]::ParameterValue, 'Shred enriched events for loading, as RDB Shredder did: atomic events, one file set per self-describing type, in-batch deduplication, bad rows')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Enrich and shred every unprocessed run folder of a raw archive, each exactly once, as recorded in a run manifest (a local file by default, or DynamoDB)')
            [CompletionResult]::new('manifest', 'manifest', [CompletionResultType]::ParameterValue, 'Read and write run manifests: the Analytics SDK''s run manifest plus processing records with claims and leases, in DynamoDB or a local file')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff), or write one page per command into a directory')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'snowplowctl;help;lint' {
            [CompletionResult]::new('enrichments', 'enrichments', [CompletionResultType]::ParameterValue, 'Every enrichment config in a directory, and the list they form')
            [CompletionResult]::new('resolver', 'resolver', [CompletionResultType]::ParameterValue, 'An Iglu resolver config')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'An EmrEtlRunner config.yml (R117 keys and types, cross-checks, ERB lookups)')
            [CompletionResult]::new('targets', 'targets', [CompletionResultType]::ParameterValue, 'Storage target configs (Redshift, Postgres, Elasticsearch, DynamoDB)')
            [CompletionResult]::new('cluster', 'cluster', [CompletionResultType]::ParameterValue, 'A Dataflow Runner cluster config (ClusterConfig)')
            [CompletionResult]::new('playbook', 'playbook', [CompletionResultType]::ParameterValue, 'A Dataflow Runner playbook (PlaybookConfig)')
            [CompletionResult]::new('schemas', 'schemas', [CompletionResultType]::ParameterValue, 'Iglu schemas, with igluctl''s lint rules')
            [CompletionResult]::new('json', 'json', [CompletionResultType]::ParameterValue, 'Any self-describing JSON files, validated through the resolver')
            [CompletionResult]::new('all', 'all', [CompletionResultType]::ParameterValue, 'Everything in a directory laid out by convention (see --help)')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'List the lint rules, or explain one')
            break
        }
        'snowplowctl;help;lint;enrichments' {
            break
        }
        'snowplowctl;help;lint;resolver' {
            break
        }
        'snowplowctl;help;lint;config' {
            break
        }
        'snowplowctl;help;lint;targets' {
            break
        }
        'snowplowctl;help;lint;cluster' {
            break
        }
        'snowplowctl;help;lint;playbook' {
            break
        }
        'snowplowctl;help;lint;schemas' {
            break
        }
        'snowplowctl;help;lint;json' {
            break
        }
        'snowplowctl;help;lint;all' {
            break
        }
        'snowplowctl;help;lint;rules' {
            break
        }
        'snowplowctl;help;generate' {
            [CompletionResult]::new('cluster', 'cluster', [CompletionResultType]::ParameterValue, 'A ClusterConfig (1-1-0) for `dataflow-runner up` / `run-transient`')
            [CompletionResult]::new('playbook', 'playbook', [CompletionResultType]::ParameterValue, 'A PlaybookConfig (1-0-1) with EmrEtlRunner R117''s steps, for `dataflow-runner run` / `run-transient`')
            [CompletionResult]::new('all', 'all', [CompletionResultType]::ParameterValue, 'Both, as `cluster.json` and `playbook.json` in a directory')
            break
        }
        'snowplowctl;help;generate;cluster' {
            break
        }
        'snowplowctl;help;generate;playbook' {
            break
        }
        'snowplowctl;help;generate;all' {
            break
        }
        'snowplowctl;help;store' {
            [CompletionResult]::new('enrichments', 'enrichments', [CompletionResultType]::ParameterValue, 'Validate every enrichment config in a directory, then store one item per file (`id` = prefix + enrichment name)')
            [CompletionResult]::new('resolver', 'resolver', [CompletionResultType]::ParameterValue, 'Validate an Iglu resolver config, then store it under a key')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the items in a table, or under a prefix, reading every Scan page')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write items back to files (one `*.json` per item, named as they were stored)')
            break
        }
        'snowplowctl;help;store;enrichments' {
            break
        }
        'snowplowctl;help;store;resolver' {
            break
        }
        'snowplowctl;help;store;list' {
            break
        }
        'snowplowctl;help;store;export' {
            break
        }
        'snowplowctl;help;enrich' {
            break
        }
        'snowplowctl;help;transform' {
            break
        }
        'snowplowctl;help;shred' {
            break
        }
        'snowplowctl;help;run' {
            break
        }
        'snowplowctl;help;manifest' {
            [CompletionResult]::new('create-table', 'create-table', [CompletionResultType]::ParameterValue, 'Create the manifest (a DynamoDB table keyed by `RunId`, as the Analytics SDKs create it, or a local file)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List every run the manifest knows: state, application, start and finish')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one run''s records and lease')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Mark a run processed in the run manifest, as the Analytics SDKs'' `add` does')
            [CompletionResult]::new('contains', 'contains', [CompletionResultType]::ParameterValue, 'Say whether a run is marked processed, as the Analytics SDKs'' `contains` does (prints true or false; exit status 0 either way)')
            [CompletionResult]::new('pending', 'pending', [CompletionResultType]::ParameterValue, 'List the run folders of a local archive that are not yet processed')
            [CompletionResult]::new('claim', 'claim', [CompletionResultType]::ParameterValue, 'Claim a run (PROCESSING under a lease); prints the claim id for `complete` and `fail`')
            [CompletionResult]::new('complete', 'complete', [CompletionResultType]::ParameterValue, 'Mark a claimed run PROCESSED (and processed in the run manifest)')
            [CompletionResult]::new('fail', 'fail', [CompletionResultType]::ParameterValue, 'Mark a claimed run FAILED; it is blocked until resolved')
            [CompletionResult]::new('skip', 'skip', [CompletionResultType]::ParameterValue, 'Give up on a run: SKIPPED blocks it until resolved')
            [CompletionResult]::new('resolve', 'resolve', [CompletionResultType]::ParameterValue, 'Unblock a FAILED or SKIPPED run so that it is processed again')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write every run the manifest knows as JSON lines')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Add the runs of an export (JSON lines) that the manifest does not know yet')
            break
        }
        'snowplowctl;help;manifest;create-table' {
            break
        }
        'snowplowctl;help;manifest;list' {
            break
        }
        'snowplowctl;help;manifest;show' {
            break
        }
        'snowplowctl;help;manifest;add' {
            break
        }
        'snowplowctl;help;manifest;contains' {
            break
        }
        'snowplowctl;help;manifest;pending' {
            break
        }
        'snowplowctl;help;manifest;claim' {
            break
        }
        'snowplowctl;help;manifest;complete' {
            break
        }
        'snowplowctl;help;manifest;fail' {
            break
        }
        'snowplowctl;help;manifest;skip' {
            break
        }
        'snowplowctl;help;manifest;resolve' {
            break
        }
        'snowplowctl;help;manifest;export' {
            break
        }
        'snowplowctl;help;manifest;import' {
            break
        }
        'snowplowctl;help;completions' {
            break
        }
        'snowplowctl;help;man' {
            break
        }
        'snowplowctl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
