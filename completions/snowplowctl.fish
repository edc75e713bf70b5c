# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_snowplowctl_global_optspecs
    string join \n threads= color= cache-dir= offline http-timeout= h/help V/version
end

function __fish_snowplowctl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_snowplowctl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_snowplowctl_using_subcommand
    set -l cmd (__fish_snowplowctl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c snowplowctl -n "__fish_snowplowctl_needs_command" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_needs_command" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_needs_command" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_needs_command" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_needs_command" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_needs_command" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_needs_command" -f -a "lint" -d 'Validate enrichments, resolvers, config.yml, storage targets, Dataflow Runner configs, Iglu schemas and any self-describing JSON'
complete -c snowplowctl -n "__fish_snowplowctl_needs_command" -f -a "generate" -d 'Generate Dataflow Runner configs (cluster, playbook) from an EmrEtlRunner config.yml'
complete -c snowplowctl -n "__fish_snowplowctl_needs_command" -f -a "store" -d 'Store enrichment configs and the Iglu resolver in DynamoDB for Stream Enrich, and read them back'
complete -c snowplowctl -n "__fish_snowplowctl_needs_command" -f -a "enrich" -d 'Enrich raw collector files (CloudFront, Clojure collector, Thrift) into enriched events and bad rows, as Spark Enrich did, on this machine'
complete -c snowplowctl -n "__fish_snowplowctl_needs_command" -f -a "transform" -d 'Turn enriched events into newline-delimited JSON, as the Analytics SDKs\' event transformer shapes them'
complete -c snowplowctl -n "__fish_snowplowctl_needs_command" -f -a "shred" -d 'Shred enriched events for loading, as RDB Shredder did: atomic events, one file set per self-describing type, in-batch deduplication, bad rows'
complete -c snowplowctl -n "__fish_snowplowctl_needs_command" -f -a "run" -d 'Enrich and shred every unprocessed run folder of a raw archive, each exactly once, as recorded in a run manifest (a local file by default, or DynamoDB)'
complete -c snowplowctl -n "__fish_snowplowctl_needs_command" -f -a "manifest" -d 'Read and write run manifests: the Analytics SDK\'s run manifest plus processing records with claims and leases, in DynamoDB or a local file'
complete -c snowplowctl -n "__fish_snowplowctl_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c snowplowctl -n "__fish_snowplowctl_needs_command" -f -a "man" -d 'Print the man page (roff), or write one page per command into a directory'
complete -c snowplowctl -n "__fish_snowplowctl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -l format -d 'Output format' -r -f -a "text\t'Findings grouped by file, then a summary table'
json\t'One JSON document with every finding and the summary'
github\t'GitHub Actions workflow commands (`::error file=…::…`)'
sarif\t'SARIF 2.1.0'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -l fail-on -d 'Lowest severity that makes the command fail (exit 1)' -r -f -a "info\t'Worth knowing; igluctl\'s `Info` level'
warning\t'Likely a mistake'
error\t'Will break the pipeline'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -l ignore -d 'Rules to leave out, by code or name (comma-separated or repeated)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -s r -l resolver -d 'Iglu resolver config used to find schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -l enrich-runtime -d 'Enrich the enrichment configs are checked for' -r -f -a "legacy\t'Batch-era Spark Enrich and Stream Enrich (Snowplow R117, scala-common-enrich), which EmrEtlRunner and the generated playbooks run, and which `snowplowctl enrich` follows'
enrich6\t'Enrich 6.x (`snowplow/enrich`)'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -l max-file-size -d 'Largest file to read, in bytes' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -l require-env -d 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -l strict -d 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -f -a "enrichments" -d 'Every enrichment config in a directory, and the list they form'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -f -a "resolver" -d 'An Iglu resolver config'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -f -a "config" -d 'An EmrEtlRunner config.yml (R117 keys and types, cross-checks, ERB lookups)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -f -a "targets" -d 'Storage target configs (Redshift, Postgres, Elasticsearch, DynamoDB)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -f -a "cluster" -d 'A Dataflow Runner cluster config (ClusterConfig)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -f -a "playbook" -d 'A Dataflow Runner playbook (PlaybookConfig)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -f -a "schemas" -d 'Iglu schemas, with igluctl\'s lint rules'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -f -a "json" -d 'Any self-describing JSON files, validated through the resolver'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -f -a "all" -d 'Everything in a directory laid out by convention (see --help)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -f -a "rules" -d 'List the lint rules, or explain one'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and not __fish_seen_subcommand_from enrichments resolver config targets cluster playbook schemas json all rules help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from enrichments" -l format -d 'Output format' -r -f -a "text\t'Findings grouped by file, then a summary table'
json\t'One JSON document with every finding and the summary'
github\t'GitHub Actions workflow commands (`::error file=…::…`)'
sarif\t'SARIF 2.1.0'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from enrichments" -l fail-on -d 'Lowest severity that makes the command fail (exit 1)' -r -f -a "info\t'Worth knowing; igluctl\'s `Info` level'
warning\t'Likely a mistake'
error\t'Will break the pipeline'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from enrichments" -l ignore -d 'Rules to leave out, by code or name (comma-separated or repeated)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from enrichments" -s r -l resolver -d 'Iglu resolver config used to find schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from enrichments" -l enrich-runtime -d 'Enrich the enrichment configs are checked for' -r -f -a "legacy\t'Batch-era Spark Enrich and Stream Enrich (Snowplow R117, scala-common-enrich), which EmrEtlRunner and the generated playbooks run, and which `snowplowctl enrich` follows'
enrich6\t'Enrich 6.x (`snowplow/enrich`)'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from enrichments" -l max-file-size -d 'Largest file to read, in bytes' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from enrichments" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from enrichments" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from enrichments" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from enrichments" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from enrichments" -l require-env -d 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from enrichments" -l strict -d 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from enrichments" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from enrichments" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from enrichments" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from resolver" -l format -d 'Output format' -r -f -a "text\t'Findings grouped by file, then a summary table'
json\t'One JSON document with every finding and the summary'
github\t'GitHub Actions workflow commands (`::error file=…::…`)'
sarif\t'SARIF 2.1.0'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from resolver" -l fail-on -d 'Lowest severity that makes the command fail (exit 1)' -r -f -a "info\t'Worth knowing; igluctl\'s `Info` level'
warning\t'Likely a mistake'
error\t'Will break the pipeline'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from resolver" -l ignore -d 'Rules to leave out, by code or name (comma-separated or repeated)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from resolver" -s r -l resolver -d 'Iglu resolver config used to find schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from resolver" -l enrich-runtime -d 'Enrich the enrichment configs are checked for' -r -f -a "legacy\t'Batch-era Spark Enrich and Stream Enrich (Snowplow R117, scala-common-enrich), which EmrEtlRunner and the generated playbooks run, and which `snowplowctl enrich` follows'
enrich6\t'Enrich 6.x (`snowplow/enrich`)'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from resolver" -l max-file-size -d 'Largest file to read, in bytes' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from resolver" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from resolver" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from resolver" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from resolver" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from resolver" -l require-env -d 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from resolver" -l strict -d 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from resolver" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from resolver" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from resolver" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from config" -l format -d 'Output format' -r -f -a "text\t'Findings grouped by file, then a summary table'
json\t'One JSON document with every finding and the summary'
github\t'GitHub Actions workflow commands (`::error file=…::…`)'
sarif\t'SARIF 2.1.0'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from config" -l fail-on -d 'Lowest severity that makes the command fail (exit 1)' -r -f -a "info\t'Worth knowing; igluctl\'s `Info` level'
warning\t'Likely a mistake'
error\t'Will break the pipeline'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from config" -l ignore -d 'Rules to leave out, by code or name (comma-separated or repeated)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from config" -s r -l resolver -d 'Iglu resolver config used to find schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from config" -l enrich-runtime -d 'Enrich the enrichment configs are checked for' -r -f -a "legacy\t'Batch-era Spark Enrich and Stream Enrich (Snowplow R117, scala-common-enrich), which EmrEtlRunner and the generated playbooks run, and which `snowplowctl enrich` follows'
enrich6\t'Enrich 6.x (`snowplow/enrich`)'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from config" -l max-file-size -d 'Largest file to read, in bytes' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from config" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from config" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from config" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from config" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from config" -l require-env -d 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from config" -l strict -d 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from config" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from config" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from config" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from targets" -l format -d 'Output format' -r -f -a "text\t'Findings grouped by file, then a summary table'
json\t'One JSON document with every finding and the summary'
github\t'GitHub Actions workflow commands (`::error file=…::…`)'
sarif\t'SARIF 2.1.0'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from targets" -l fail-on -d 'Lowest severity that makes the command fail (exit 1)' -r -f -a "info\t'Worth knowing; igluctl\'s `Info` level'
warning\t'Likely a mistake'
error\t'Will break the pipeline'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from targets" -l ignore -d 'Rules to leave out, by code or name (comma-separated or repeated)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from targets" -s r -l resolver -d 'Iglu resolver config used to find schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from targets" -l enrich-runtime -d 'Enrich the enrichment configs are checked for' -r -f -a "legacy\t'Batch-era Spark Enrich and Stream Enrich (Snowplow R117, scala-common-enrich), which EmrEtlRunner and the generated playbooks run, and which `snowplowctl enrich` follows'
enrich6\t'Enrich 6.x (`snowplow/enrich`)'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from targets" -l max-file-size -d 'Largest file to read, in bytes' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from targets" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from targets" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from targets" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from targets" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from targets" -l require-env -d 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from targets" -l strict -d 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from targets" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from targets" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from targets" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from cluster" -l vars -d 'Template variables, as for Dataflow Runner: `k1,v1,k2,v2`' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from cluster" -l format -d 'Output format' -r -f -a "text\t'Findings grouped by file, then a summary table'
json\t'One JSON document with every finding and the summary'
github\t'GitHub Actions workflow commands (`::error file=…::…`)'
sarif\t'SARIF 2.1.0'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from cluster" -l fail-on -d 'Lowest severity that makes the command fail (exit 1)' -r -f -a "info\t'Worth knowing; igluctl\'s `Info` level'
warning\t'Likely a mistake'
error\t'Will break the pipeline'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from cluster" -l ignore -d 'Rules to leave out, by code or name (comma-separated or repeated)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from cluster" -s r -l resolver -d 'Iglu resolver config used to find schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from cluster" -l enrich-runtime -d 'Enrich the enrichment configs are checked for' -r -f -a "legacy\t'Batch-era Spark Enrich and Stream Enrich (Snowplow R117, scala-common-enrich), which EmrEtlRunner and the generated playbooks run, and which `snowplowctl enrich` follows'
enrich6\t'Enrich 6.x (`snowplow/enrich`)'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from cluster" -l max-file-size -d 'Largest file to read, in bytes' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from cluster" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from cluster" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from cluster" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from cluster" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from cluster" -l require-env -d 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from cluster" -l strict -d 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from cluster" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from cluster" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from cluster" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from playbook" -l vars -d 'Template variables, as for Dataflow Runner: `k1,v1,k2,v2`' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from playbook" -l format -d 'Output format' -r -f -a "text\t'Findings grouped by file, then a summary table'
json\t'One JSON document with every finding and the summary'
github\t'GitHub Actions workflow commands (`::error file=…::…`)'
sarif\t'SARIF 2.1.0'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from playbook" -l fail-on -d 'Lowest severity that makes the command fail (exit 1)' -r -f -a "info\t'Worth knowing; igluctl\'s `Info` level'
warning\t'Likely a mistake'
error\t'Will break the pipeline'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from playbook" -l ignore -d 'Rules to leave out, by code or name (comma-separated or repeated)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from playbook" -s r -l resolver -d 'Iglu resolver config used to find schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from playbook" -l enrich-runtime -d 'Enrich the enrichment configs are checked for' -r -f -a "legacy\t'Batch-era Spark Enrich and Stream Enrich (Snowplow R117, scala-common-enrich), which EmrEtlRunner and the generated playbooks run, and which `snowplowctl enrich` follows'
enrich6\t'Enrich 6.x (`snowplow/enrich`)'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from playbook" -l max-file-size -d 'Largest file to read, in bytes' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from playbook" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from playbook" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from playbook" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from playbook" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from playbook" -l require-env -d 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from playbook" -l strict -d 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from playbook" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from playbook" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from playbook" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from schemas" -l skip-checks -d 'igluctl checks to skip (comma-separated)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from schemas" -l skip-schemas -d 'Schemas to leave out (comma-separated Iglu URIs)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from schemas" -l preset -d 'Which checks run: all of igluctl\'s, or Iglu Central\'s CI set' -r -f -a "igluctl\t'Every igluctl check (igluctl\'s default)'
iglu-central\t'Iglu Central\'s CI: the mandatory checks plus `unknownFormats`'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from schemas" -l format -d 'Output format' -r -f -a "text\t'Findings grouped by file, then a summary table'
json\t'One JSON document with every finding and the summary'
github\t'GitHub Actions workflow commands (`::error file=…::…`)'
sarif\t'SARIF 2.1.0'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from schemas" -l fail-on -d 'Lowest severity that makes the command fail (exit 1)' -r -f -a "info\t'Worth knowing; igluctl\'s `Info` level'
warning\t'Likely a mistake'
error\t'Will break the pipeline'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from schemas" -l ignore -d 'Rules to leave out, by code or name (comma-separated or repeated)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from schemas" -s r -l resolver -d 'Iglu resolver config used to find schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from schemas" -l enrich-runtime -d 'Enrich the enrichment configs are checked for' -r -f -a "legacy\t'Batch-era Spark Enrich and Stream Enrich (Snowplow R117, scala-common-enrich), which EmrEtlRunner and the generated playbooks run, and which `snowplowctl enrich` follows'
enrich6\t'Enrich 6.x (`snowplow/enrich`)'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from schemas" -l max-file-size -d 'Largest file to read, in bytes' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from schemas" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from schemas" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from schemas" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from schemas" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from schemas" -l require-env -d 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from schemas" -l strict -d 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from schemas" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from schemas" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from schemas" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from json" -l format -d 'Output format' -r -f -a "text\t'Findings grouped by file, then a summary table'
json\t'One JSON document with every finding and the summary'
github\t'GitHub Actions workflow commands (`::error file=…::…`)'
sarif\t'SARIF 2.1.0'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from json" -l fail-on -d 'Lowest severity that makes the command fail (exit 1)' -r -f -a "info\t'Worth knowing; igluctl\'s `Info` level'
warning\t'Likely a mistake'
error\t'Will break the pipeline'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from json" -l ignore -d 'Rules to leave out, by code or name (comma-separated or repeated)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from json" -s r -l resolver -d 'Iglu resolver config used to find schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from json" -l enrich-runtime -d 'Enrich the enrichment configs are checked for' -r -f -a "legacy\t'Batch-era Spark Enrich and Stream Enrich (Snowplow R117, scala-common-enrich), which EmrEtlRunner and the generated playbooks run, and which `snowplowctl enrich` follows'
enrich6\t'Enrich 6.x (`snowplow/enrich`)'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from json" -l max-file-size -d 'Largest file to read, in bytes' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from json" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from json" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from json" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from json" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from json" -l require-env -d 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from json" -l strict -d 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from json" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from json" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from json" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from all" -l vars -d 'Template variables for Dataflow Runner files: `k1,v1,k2,v2`' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from all" -l format -d 'Output format' -r -f -a "text\t'Findings grouped by file, then a summary table'
json\t'One JSON document with every finding and the summary'
github\t'GitHub Actions workflow commands (`::error file=…::…`)'
sarif\t'SARIF 2.1.0'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from all" -l fail-on -d 'Lowest severity that makes the command fail (exit 1)' -r -f -a "info\t'Worth knowing; igluctl\'s `Info` level'
warning\t'Likely a mistake'
error\t'Will break the pipeline'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from all" -l ignore -d 'Rules to leave out, by code or name (comma-separated or repeated)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from all" -s r -l resolver -d 'Iglu resolver config used to find schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from all" -l enrich-runtime -d 'Enrich the enrichment configs are checked for' -r -f -a "legacy\t'Batch-era Spark Enrich and Stream Enrich (Snowplow R117, scala-common-enrich), which EmrEtlRunner and the generated playbooks run, and which `snowplowctl enrich` follows'
enrich6\t'Enrich 6.x (`snowplow/enrich`)'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from all" -l max-file-size -d 'Largest file to read, in bytes' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from all" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from all" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from all" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from all" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from all" -l require-env -d 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from all" -l strict -d 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from all" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from all" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from all" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from rules" -l format -d 'Output format' -r -f -a "text\t'Findings grouped by file, then a summary table'
json\t'One JSON document with every finding and the summary'
github\t'GitHub Actions workflow commands (`::error file=…::…`)'
sarif\t'SARIF 2.1.0'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from rules" -l fail-on -d 'Lowest severity that makes the command fail (exit 1)' -r -f -a "info\t'Worth knowing; igluctl\'s `Info` level'
warning\t'Likely a mistake'
error\t'Will break the pipeline'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from rules" -l ignore -d 'Rules to leave out, by code or name (comma-separated or repeated)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from rules" -s r -l resolver -d 'Iglu resolver config used to find schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from rules" -l enrich-runtime -d 'Enrich the enrichment configs are checked for' -r -f -a "legacy\t'Batch-era Spark Enrich and Stream Enrich (Snowplow R117, scala-common-enrich), which EmrEtlRunner and the generated playbooks run, and which `snowplowctl enrich` follows'
enrich6\t'Enrich 6.x (`snowplow/enrich`)'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from rules" -l max-file-size -d 'Largest file to read, in bytes' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from rules" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from rules" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from rules" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from rules" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from rules" -l require-env -d 'Treat unset environment variables and missing files named by `<%= ENV[…] %>`, `systemEnv` and `base64File` as findings'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from rules" -l strict -d 'Also flag placeholders (`ADD HERE`) and malformed bucket URLs in config.yml'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from rules" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from rules" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from rules" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from help" -f -a "enrichments" -d 'Every enrichment config in a directory, and the list they form'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from help" -f -a "resolver" -d 'An Iglu resolver config'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from help" -f -a "config" -d 'An EmrEtlRunner config.yml (R117 keys and types, cross-checks, ERB lookups)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from help" -f -a "targets" -d 'Storage target configs (Redshift, Postgres, Elasticsearch, DynamoDB)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from help" -f -a "cluster" -d 'A Dataflow Runner cluster config (ClusterConfig)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from help" -f -a "playbook" -d 'A Dataflow Runner playbook (PlaybookConfig)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from help" -f -a "schemas" -d 'Iglu schemas, with igluctl\'s lint rules'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from help" -f -a "json" -d 'Any self-describing JSON files, validated through the resolver'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from help" -f -a "all" -d 'Everything in a directory laid out by convention (see --help)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from help" -f -a "rules" -d 'List the lint rules, or explain one'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand lint; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and not __fish_seen_subcommand_from cluster playbook all help" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and not __fish_seen_subcommand_from cluster playbook all help" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and not __fish_seen_subcommand_from cluster playbook all help" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and not __fish_seen_subcommand_from cluster playbook all help" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and not __fish_seen_subcommand_from cluster playbook all help" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and not __fish_seen_subcommand_from cluster playbook all help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and not __fish_seen_subcommand_from cluster playbook all help" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and not __fish_seen_subcommand_from cluster playbook all help" -f -a "cluster" -d 'A ClusterConfig (1-1-0) for `dataflow-runner up` / `run-transient`'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and not __fish_seen_subcommand_from cluster playbook all help" -f -a "playbook" -d 'A PlaybookConfig (1-0-1) with EmrEtlRunner R117\'s steps, for `dataflow-runner run` / `run-transient`'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and not __fish_seen_subcommand_from cluster playbook all help" -f -a "all" -d 'Both, as `cluster.json` and `playbook.json` in a directory'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and not __fish_seen_subcommand_from cluster playbook all help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from cluster" -s c -l config -d 'EmrEtlRunner\'s config.yml (R89 to R117, emr-etl-runner 1.0.x); `<%= ENV[\'X\'] %>` lookups are rendered' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from cluster" -l credentials -d 'Where Dataflow Runner takes AWS credentials from (the keys in config.yml are never copied); `default` needs Dataflow Runner 0.5.0 or later' -r -f -a "default\t'The AWS SDK\'s default chain: environment, shared config and profile, then the instance role (Dataflow Runner 0.5.0 and later)'
env\t'`AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` in Dataflow Runner\'s environment'
iam\t'The EC2 instance profile of the machine running Dataflow Runner'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from cluster" -s o -l output -d 'Write the cluster config to FILE instead of stdout' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from cluster" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from cluster" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from cluster" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from cluster" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from cluster" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from cluster" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from cluster" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from playbook" -s c -l config -d 'EmrEtlRunner\'s config.yml (R89 to R117, emr-etl-runner 1.0.x); `<%= ENV[\'X\'] %>` lookups are rendered' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from playbook" -l credentials -d 'Where Dataflow Runner takes AWS credentials from (the keys in config.yml are never copied); `default` needs Dataflow Runner 0.5.0 or later' -r -f -a "default\t'The AWS SDK\'s default chain: environment, shared config and profile, then the instance role (Dataflow Runner 0.5.0 and later)'
env\t'`AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` in Dataflow Runner\'s environment'
iam\t'The EC2 instance profile of the machine running Dataflow Runner'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from playbook" -s r -l resolver -d 'Iglu resolver config, passed to Spark Enrich, RDB Shredder and RDB Loader' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from playbook" -s n -l enrichments -d 'Directory of enrichment configs (`*.json`)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from playbook" -s t -l targets -d 'Directory of storage target configs (`*.json`): RDB Loader, Elasticsearch, duplicate tracking' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from playbook" -s x -l skip -d 'Stages to leave out, as EmrEtlRunner\'s --skip (comma-separated or repeated)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from playbook" -s f -l resume-from -d 'Start from this stage, as EmrEtlRunner\'s --resume-from' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from playbook" -s i -l include -d 'RDB Loader steps to add (`vacuum`), as EmrEtlRunner\'s --include' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from playbook" -l run-id -d 'Write this run id (YYYY-MM-DD-hh-mm-ss) instead of the {{.runId}} template variable' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from playbook" -l etl-timestamp -d 'Write this ETL timestamp (epoch milliseconds) instead of the {{.etlTimestamp}} template variable' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from playbook" -l recover-run-id -d 'Write this run id instead of the {{.recoverRunId}} template variable (recover-mode archive steps)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from playbook" -s o -l output -d 'Write the playbook to FILE instead of stdout' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from playbook" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from playbook" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from playbook" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from playbook" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from playbook" -l empty-hdfs -d 'Start with EmrEtlRunner\'s HDFS cleanup steps, as it does on a reused persistent cluster'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from playbook" -l explain -d 'Print the steps as a table (on stdout when the files are written to disk, else on stderr)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from playbook" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from playbook" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from playbook" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from all" -s c -l config -d 'EmrEtlRunner\'s config.yml (R89 to R117, emr-etl-runner 1.0.x); `<%= ENV[\'X\'] %>` lookups are rendered' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from all" -l credentials -d 'Where Dataflow Runner takes AWS credentials from (the keys in config.yml are never copied); `default` needs Dataflow Runner 0.5.0 or later' -r -f -a "default\t'The AWS SDK\'s default chain: environment, shared config and profile, then the instance role (Dataflow Runner 0.5.0 and later)'
env\t'`AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` in Dataflow Runner\'s environment'
iam\t'The EC2 instance profile of the machine running Dataflow Runner'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from all" -s r -l resolver -d 'Iglu resolver config, passed to Spark Enrich, RDB Shredder and RDB Loader' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from all" -s n -l enrichments -d 'Directory of enrichment configs (`*.json`)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from all" -s t -l targets -d 'Directory of storage target configs (`*.json`): RDB Loader, Elasticsearch, duplicate tracking' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from all" -s x -l skip -d 'Stages to leave out, as EmrEtlRunner\'s --skip (comma-separated or repeated)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from all" -s f -l resume-from -d 'Start from this stage, as EmrEtlRunner\'s --resume-from' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from all" -s i -l include -d 'RDB Loader steps to add (`vacuum`), as EmrEtlRunner\'s --include' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from all" -l run-id -d 'Write this run id (YYYY-MM-DD-hh-mm-ss) instead of the {{.runId}} template variable' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from all" -l etl-timestamp -d 'Write this ETL timestamp (epoch milliseconds) instead of the {{.etlTimestamp}} template variable' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from all" -l recover-run-id -d 'Write this run id instead of the {{.recoverRunId}} template variable (recover-mode archive steps)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from all" -l output-dir -d 'Directory for `cluster.json` and `playbook.json` (created if missing)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from all" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from all" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from all" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from all" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from all" -l empty-hdfs -d 'Start with EmrEtlRunner\'s HDFS cleanup steps, as it does on a reused persistent cluster'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from all" -l explain -d 'Print the steps as a table (on stdout when the files are written to disk, else on stderr)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from all" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from all" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from all" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "cluster" -d 'A ClusterConfig (1-1-0) for `dataflow-runner up` / `run-transient`'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "playbook" -d 'A PlaybookConfig (1-0-1) with EmrEtlRunner R117\'s steps, for `dataflow-runner run` / `run-transient`'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "all" -d 'Both, as `cluster.json` and `playbook.json` in a directory'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand generate; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and not __fish_seen_subcommand_from enrichments resolver list export help" -l format -d 'Output format' -r -f -a "text\t'Tables for people'
json\t'One JSON document for programs'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and not __fish_seen_subcommand_from enrichments resolver list export help" -l region -d 'AWS region [default: AWS_REGION, AWS_DEFAULT_REGION or the profile\'s region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and not __fish_seen_subcommand_from enrichments resolver list export help" -l profile -d 'Profile from the shared AWS config and credentials files [default: AWS_PROFILE or `default`]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and not __fish_seen_subcommand_from enrichments resolver list export help" -l endpoint-url -d 'DynamoDB endpoint, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS\'s endpoint for the region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and not __fish_seen_subcommand_from enrichments resolver list export help" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and not __fish_seen_subcommand_from enrichments resolver list export help" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and not __fish_seen_subcommand_from enrichments resolver list export help" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and not __fish_seen_subcommand_from enrichments resolver list export help" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and not __fish_seen_subcommand_from enrichments resolver list export help" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and not __fish_seen_subcommand_from enrichments resolver list export help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and not __fish_seen_subcommand_from enrichments resolver list export help" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and not __fish_seen_subcommand_from enrichments resolver list export help" -f -a "enrichments" -d 'Validate every enrichment config in a directory, then store one item per file (`id` = prefix + enrichment name)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and not __fish_seen_subcommand_from enrichments resolver list export help" -f -a "resolver" -d 'Validate an Iglu resolver config, then store it under a key'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and not __fish_seen_subcommand_from enrichments resolver list export help" -f -a "list" -d 'List the items in a table, or under a prefix, reading every Scan page'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and not __fish_seen_subcommand_from enrichments resolver list export help" -f -a "export" -d 'Write items back to files (one `*.json` per item, named as they were stored)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and not __fish_seen_subcommand_from enrichments resolver list export help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from enrichments" -s t -l table -d 'The DynamoDB table' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from enrichments" -s p -l prefix -d 'Prefix of the items\' `id`, as in `--enrichments dynamodb:REGION/TABLE/PREFIX`' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from enrichments" -l enrich-runtime -d 'Enrich the configs are checked for' -r -f -a "legacy\t'Batch-era Spark Enrich and Stream Enrich (Snowplow R117, scala-common-enrich), which EmrEtlRunner and the generated playbooks run, and which `snowplowctl enrich` follows'
enrich6\t'Enrich 6.x (`snowplow/enrich`)'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from enrichments" -s r -l resolver -d 'Iglu resolver config used to find the configs\' schemas (the bundled schemas are always available); a file with this path inside the enrichments directory is not stored' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from enrichments" -l fail-on -d 'Lowest finding severity that stops the store (exit 1, nothing written)' -r -f -a "info\t'Worth knowing; igluctl\'s `Info` level'
warning\t'Likely a mistake'
error\t'Will break the pipeline'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from enrichments" -l max-file-size -d 'Largest file to read, in bytes' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from enrichments" -l format -d 'Output format' -r -f -a "text\t'Tables for people'
json\t'One JSON document for programs'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from enrichments" -l region -d 'AWS region [default: AWS_REGION, AWS_DEFAULT_REGION or the profile\'s region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from enrichments" -l profile -d 'Profile from the shared AWS config and credentials files [default: AWS_PROFILE or `default`]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from enrichments" -l endpoint-url -d 'DynamoDB endpoint, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS\'s endpoint for the region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from enrichments" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from enrichments" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from enrichments" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from enrichments" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from enrichments" -l prune -d 'Delete items under the prefix that are not in the directory'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from enrichments" -l dry-run -d 'Show what would be added, changed, left unchanged and removed; write nothing'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from enrichments" -l create-table -d 'Create the table (on-demand billing, hash key `id`) if it does not exist, and wait until it is active'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from enrichments" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from enrichments" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from enrichments" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from resolver" -s t -l table -d 'The DynamoDB table' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from resolver" -s k -l key -d 'The item\'s `id`, as in `--resolver dynamodb:REGION/TABLE/KEY`' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from resolver" -s r -l resolver -d 'Iglu resolver config used to find the configs\' schemas (the bundled schemas are always available); a file with this path inside the enrichments directory is not stored' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from resolver" -l fail-on -d 'Lowest finding severity that stops the store (exit 1, nothing written)' -r -f -a "info\t'Worth knowing; igluctl\'s `Info` level'
warning\t'Likely a mistake'
error\t'Will break the pipeline'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from resolver" -l max-file-size -d 'Largest file to read, in bytes' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from resolver" -l format -d 'Output format' -r -f -a "text\t'Tables for people'
json\t'One JSON document for programs'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from resolver" -l region -d 'AWS region [default: AWS_REGION, AWS_DEFAULT_REGION or the profile\'s region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from resolver" -l profile -d 'Profile from the shared AWS config and credentials files [default: AWS_PROFILE or `default`]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from resolver" -l endpoint-url -d 'DynamoDB endpoint, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS\'s endpoint for the region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from resolver" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from resolver" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from resolver" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from resolver" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from resolver" -l dry-run -d 'Show what would be added, changed, left unchanged and removed; write nothing'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from resolver" -l create-table -d 'Create the table (on-demand billing, hash key `id`) if it does not exist, and wait until it is active'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from resolver" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from resolver" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from resolver" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from list" -s t -l table -d 'The DynamoDB table' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from list" -s p -l prefix -d 'Only items whose `id` starts with this' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "text\t'Tables for people'
json\t'One JSON document for programs'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from list" -l region -d 'AWS region [default: AWS_REGION, AWS_DEFAULT_REGION or the profile\'s region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from list" -l profile -d 'Profile from the shared AWS config and credentials files [default: AWS_PROFILE or `default`]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from list" -l endpoint-url -d 'DynamoDB endpoint, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS\'s endpoint for the region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from list" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from list" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from list" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from list" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from list" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from export" -s t -l table -d 'The DynamoDB table' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from export" -s p -l prefix -d 'Export the items whose `id` starts with this [default: every item, unless --key is given]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from export" -s k -l key -d 'Also export the item with this key (the resolver)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from export" -l format -d 'Output format' -r -f -a "text\t'Tables for people'
json\t'One JSON document for programs'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from export" -l region -d 'AWS region [default: AWS_REGION, AWS_DEFAULT_REGION or the profile\'s region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from export" -l profile -d 'Profile from the shared AWS config and credentials files [default: AWS_PROFILE or `default`]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from export" -l endpoint-url -d 'DynamoDB endpoint, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS\'s endpoint for the region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from export" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from export" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from export" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from export" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from export" -l force -d 'Overwrite files that exist with different content'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from export" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "enrichments" -d 'Validate every enrichment config in a directory, then store one item per file (`id` = prefix + enrichment name)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "resolver" -d 'Validate an Iglu resolver config, then store it under a key'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the items in a table, or under a prefix, reading every Scan page'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write items back to files (one `*.json` per item, named as they were stored)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -s o -l output -d 'Output directory; the run\'s folders go under OUT/enriched/' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -l run-id -d 'Name of the run folders (YYYY-MM-DD-HH-mm-ss) [default: the ETL timestamp\'s UTC time]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -l etl-timestamp -d 'The run\'s etl_tstamp, in epoch milliseconds or RFC 3339 [default: now]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -s f -l input-format -d 'The collector format, as EmrEtlRunner\'s `collectors.format`' -r -f -a "cloudfront\t'CloudFront collector access logs'
clj-tomcat\t'Clojure collector (Tomcat) access logs'
thrift\t'Thrift CollectorPayload records (Scala Stream Collector, S3 loader)'
tsv/com.amazon.aws.cloudfront/wd_access_log\t'A website\'s own CloudFront distribution log'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -l compress -d 'Compression of the enriched (good) part files' -r -f -a "none\t'Plain TSV'
gzip\t'gzip (`.gz` part files)'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -s r -l resolver -d 'Iglu resolver config for the schemas of contexts and self-describing events (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -l enrich-runtime -d 'Which Enrich to behave like: Spark Enrich R117, or modern enrich (6.x)' -r -f -a "legacy\t'Batch-era Spark Enrich and Stream Enrich (Snowplow R117, scala-common-enrich), which EmrEtlRunner and the generated playbooks run, and which `snowplowctl enrich` follows'
enrich6\t'Enrich 6.x (`snowplow/enrich`)'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -s e -l enrichments -d 'Enrichment configs: a directory of self-describing JSON files (or one file), or dynamodb:REGION/TABLE/PREFIX as Stream Enrich reads them [default: no enrichments]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -l enrichment-cache -d 'Where data files named by an enrichment\'s http(s) `uri` are downloaded once and kept [default: CACHE_DIR/enrichment-data]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -l max-record-size -d 'Records longer than this become size_violation bad rows, in bytes' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -l chunk-size -d 'Plain files larger than this are split into chunks processed in parallel, in bytes' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -l dedup-memory -d 'With --shred: memory for deduplication, in bytes (suffixes K, M, G allowed)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -l format -d 'Output format of the summary' -r -f -a "text\t'A table for people'
json\t'One JSON document for programs'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -l skip-unsupported -d 'Run without the enrichments that cannot run locally (currency, API, SQL, weather, UA-utils, YAUAA, …) instead of refusing to start; the summary lists them'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -l legacy-bad-rows -d 'Write batch-era bad rows `{line, errors, failure_tstamp}` instead of self-describing ones'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -l shred -d 'Also shred the good events in the same pass, into OUT/shredded/ (as `shred` would from OUT/enriched/good/run=…, without reading it back); --legacy-bad-rows applies to both'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -l tsv -d 'With --shred: entities to shredded-tsv/ (RDB Shredder 0.16+ column rules) instead of JSON'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -l tsv-empty-nulls -d 'With --shred --tsv: write nulls as empty strings (RDB Shredder 0.16-0.17) instead of \\\\N'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -l no-dedup -d 'With --shred: do not deduplicate events within the batch'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -l fail-on-bad-rows -d 'Exit with status 1 when there are bad rows'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand enrich" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand transform" -l shape -d 'Which Analytics SDK\'s JSON to produce' -r -f -a "scala\t'Scala Analytics SDK 2.x'
python\t'Python Analytics SDK 0.2.3'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand transform" -s o -l output -d 'Write the JSON lines to this file (replaced only when the run completes) instead of stdout' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand transform" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand transform" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand transform" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand transform" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand transform" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand transform" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand transform" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand shred" -s o -l output -d 'Output directory; the run\'s folders go under OUT/shredded/' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand shred" -l run-id -d 'Name of the run folders (YYYY-MM-DD-HH-mm-ss) [default: the run\'s UTC start time]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand shred" -l dedup-memory -d 'Memory for deduplication, in bytes (suffixes K, M, G allowed)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand shred" -s r -l resolver -d 'Iglu resolver config for the entities\' schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand shred" -l timestamp -d 'The run\'s timestamp, in epoch milliseconds or RFC 3339: the run id, failure_tstamp of legacy bad rows and the seed of new event ids [default: now]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand shred" -l format -d 'Output format of the summary' -r -f -a "text\t'A table for people'
json\t'One JSON document for programs'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand shred" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand shred" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand shred" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand shred" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand shred" -l tsv -d 'Shred entities to shredded-tsv/ (RDB Shredder 0.16+ column rules) instead of JSON'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand shred" -l tsv-empty-nulls -d 'With --tsv, write nulls as empty strings (RDB Shredder 0.16-0.17) instead of \\\\N (0.18+)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand shred" -l legacy-bad-rows -d 'Write batch-era bad rows `{line, errors, failure_tstamp}` instead of self-describing ones'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand shred" -l no-dedup -d 'Do not deduplicate events within the batch'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand shred" -l fail-on-bad-rows -d 'Exit with status 1 when there are bad rows'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand shred" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand shred" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand shred" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -s o -l output -d 'Output directory: OUT/enriched/… and OUT/shredded/…' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -s m -l manifest -d 'The run manifest: dynamodb:REGION/TABLE or local:PATH [default: local:OUT/manifest.sqlite]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l run-id-prefix -d 'Prefix of run ids in the manifest [default: the archive folder\'s name and `/`, giving ids like `raw/run=2017-02-21-11-40-15/`]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l lease -d 'Seconds a claim lasts unless renewed (it is renewed every third of that while working)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l max-runs -d 'Process at most this many runs, then stop' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -s f -l input-format -d 'The collector format, as EmrEtlRunner\'s `collectors.format`' -r -f -a "cloudfront\t'CloudFront collector access logs'
clj-tomcat\t'Clojure collector (Tomcat) access logs'
thrift\t'Thrift CollectorPayload records (Scala Stream Collector, S3 loader)'
tsv/com.amazon.aws.cloudfront/wd_access_log\t'A website\'s own CloudFront distribution log'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l compress -d 'Compression of the enriched (good) part files' -r -f -a "none\t'Plain TSV'
gzip\t'gzip (`.gz` part files)'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -s r -l resolver -d 'Iglu resolver config for the schemas of contexts and self-describing events (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l enrich-runtime -d 'Which Enrich to behave like: Spark Enrich R117, or modern enrich (6.x)' -r -f -a "legacy\t'Batch-era Spark Enrich and Stream Enrich (Snowplow R117, scala-common-enrich), which EmrEtlRunner and the generated playbooks run, and which `snowplowctl enrich` follows'
enrich6\t'Enrich 6.x (`snowplow/enrich`)'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -s e -l enrichments -d 'Enrichment configs: a directory of self-describing JSON files (or one file), or dynamodb:REGION/TABLE/PREFIX as Stream Enrich reads them [default: no enrichments]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l enrichment-cache -d 'Where data files named by an enrichment\'s http(s) `uri` are downloaded once and kept [default: CACHE_DIR/enrichment-data]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l max-record-size -d 'Records longer than this become size_violation bad rows, in bytes' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l chunk-size -d 'Plain files larger than this are split into chunks processed in parallel, in bytes' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l dedup-memory -d 'Memory for deduplication, in bytes (suffixes K, M, G allowed)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l profile -d 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l endpoint-url -d 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS\'s endpoint for the region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l app -d 'Application name written into processing records' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l app-version -d 'Application version written into processing records [default: snowplowctl\'s version]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l instance -d 'Instance id written into processing records, when several instances share a manifest' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l format -d 'Output format of the summary' -r -f -a "text\t'A table for people'
json\t'One JSON document for programs'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l skip-unsupported -d 'Run without the enrichments that cannot run locally (currency, API, SQL, weather, UA-utils, YAUAA, …) instead of refusing to start; the summary lists them'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l tsv -d 'Shred entities to shredded-tsv/ (RDB Shredder 0.16+ column rules) instead of JSON'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l tsv-empty-nulls -d 'With --tsv, write nulls as empty strings (RDB Shredder 0.16-0.17) instead of \\\\N (0.18+)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l legacy-bad-rows -d 'Write batch-era bad rows `{line, errors, failure_tstamp}` instead of self-describing ones'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l no-dedup -d 'Do not deduplicate events within the batch'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand run" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -s m -l manifest -d 'The run manifest: dynamodb:REGION/TABLE or local:PATH' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -s r -l resolver -d 'Iglu resolver config for payload schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -l profile -d 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -l endpoint-url -d 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS\'s endpoint for the region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -l app -d 'Application name written into processing records' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -l app-version -d 'Application version written into processing records [default: snowplowctl\'s version]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -l instance -d 'Instance id written into processing records, when several instances share a manifest' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -l format -d 'Output format' -r -f -a "text\t'A table for people'
json\t'One JSON document for programs'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -f -a "create-table" -d 'Create the manifest (a DynamoDB table keyed by `RunId`, as the Analytics SDKs create it, or a local file)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -f -a "list" -d 'List every run the manifest knows: state, application, start and finish'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -f -a "show" -d 'Show one run\'s records and lease'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -f -a "add" -d 'Mark a run processed in the run manifest, as the Analytics SDKs\' `add` does'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -f -a "contains" -d 'Say whether a run is marked processed, as the Analytics SDKs\' `contains` does (prints true or false; exit status 0 either way)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -f -a "pending" -d 'List the run folders of a local archive that are not yet processed'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -f -a "claim" -d 'Claim a run (PROCESSING under a lease); prints the claim id for `complete` and `fail`'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -f -a "complete" -d 'Mark a claimed run PROCESSED (and processed in the run manifest)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -f -a "fail" -d 'Mark a claimed run FAILED; it is blocked until resolved'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -f -a "skip" -d 'Give up on a run: SKIPPED blocks it until resolved'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -f -a "resolve" -d 'Unblock a FAILED or SKIPPED run so that it is processed again'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -f -a "export" -d 'Write every run the manifest knows as JSON lines'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -f -a "import" -d 'Add the runs of an export (JSON lines) that the manifest does not know yet'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and not __fish_seen_subcommand_from create-table list show add contains pending claim complete fail skip resolve export import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from create-table" -s m -l manifest -d 'The run manifest: dynamodb:REGION/TABLE or local:PATH' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from create-table" -s r -l resolver -d 'Iglu resolver config for payload schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from create-table" -l profile -d 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from create-table" -l endpoint-url -d 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS\'s endpoint for the region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from create-table" -l app -d 'Application name written into processing records' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from create-table" -l app-version -d 'Application version written into processing records [default: snowplowctl\'s version]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from create-table" -l instance -d 'Instance id written into processing records, when several instances share a manifest' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from create-table" -l format -d 'Output format' -r -f -a "text\t'A table for people'
json\t'One JSON document for programs'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from create-table" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from create-table" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from create-table" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from create-table" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from create-table" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from create-table" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from create-table" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from list" -l state -d 'Only runs whose latest record has this state' -r -f -a "NEW\t'Discovered, not claimed'
PROCESSING\t'Claimed'
PROCESSED\t'Done'
FAILED\t'Failed, blocked until resolved'
SKIPPED\t'Skipped, blocked until resolved'
RESOLVED\t'Resolved, claimable again'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from list" -s m -l manifest -d 'The run manifest: dynamodb:REGION/TABLE or local:PATH' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from list" -s r -l resolver -d 'Iglu resolver config for payload schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from list" -l profile -d 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from list" -l endpoint-url -d 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS\'s endpoint for the region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from list" -l app -d 'Application name written into processing records' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from list" -l app-version -d 'Application version written into processing records [default: snowplowctl\'s version]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from list" -l instance -d 'Instance id written into processing records, when several instances share a manifest' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "text\t'A table for people'
json\t'One JSON document for programs'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from list" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from list" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from list" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from list" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from list" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from show" -s m -l manifest -d 'The run manifest: dynamodb:REGION/TABLE or local:PATH' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from show" -s r -l resolver -d 'Iglu resolver config for payload schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from show" -l profile -d 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from show" -l endpoint-url -d 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS\'s endpoint for the region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from show" -l app -d 'Application name written into processing records' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from show" -l app-version -d 'Application version written into processing records [default: snowplowctl\'s version]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from show" -l instance -d 'Instance id written into processing records, when several instances share a manifest' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from show" -l format -d 'Output format' -r -f -a "text\t'A table for people'
json\t'One JSON document for programs'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from show" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from show" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from show" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from show" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from show" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from add" -s m -l manifest -d 'The run manifest: dynamodb:REGION/TABLE or local:PATH' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from add" -s r -l resolver -d 'Iglu resolver config for payload schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from add" -l profile -d 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from add" -l endpoint-url -d 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS\'s endpoint for the region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from add" -l app -d 'Application name written into processing records' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from add" -l app-version -d 'Application version written into processing records [default: snowplowctl\'s version]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from add" -l instance -d 'Instance id written into processing records, when several instances share a manifest' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from add" -l format -d 'Output format' -r -f -a "text\t'A table for people'
json\t'One JSON document for programs'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from add" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from add" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from add" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from add" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from add" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from contains" -s m -l manifest -d 'The run manifest: dynamodb:REGION/TABLE or local:PATH' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from contains" -s r -l resolver -d 'Iglu resolver config for payload schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from contains" -l profile -d 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from contains" -l endpoint-url -d 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS\'s endpoint for the region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from contains" -l app -d 'Application name written into processing records' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from contains" -l app-version -d 'Application version written into processing records [default: snowplowctl\'s version]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from contains" -l instance -d 'Instance id written into processing records, when several instances share a manifest' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from contains" -l format -d 'Output format' -r -f -a "text\t'A table for people'
json\t'One JSON document for programs'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from contains" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from contains" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from contains" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from contains" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from contains" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from contains" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from contains" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from pending" -l run-id-prefix -d 'Prefix of run ids [default: the archive folder\'s name and `/`]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from pending" -s m -l manifest -d 'The run manifest: dynamodb:REGION/TABLE or local:PATH' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from pending" -s r -l resolver -d 'Iglu resolver config for payload schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from pending" -l profile -d 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from pending" -l endpoint-url -d 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS\'s endpoint for the region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from pending" -l app -d 'Application name written into processing records' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from pending" -l app-version -d 'Application version written into processing records [default: snowplowctl\'s version]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from pending" -l instance -d 'Instance id written into processing records, when several instances share a manifest' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from pending" -l format -d 'Output format' -r -f -a "text\t'A table for people'
json\t'One JSON document for programs'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from pending" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from pending" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from pending" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from pending" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from pending" -l all -d 'Also list runs that are claimed, failed, skipped or processed, with their status'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from pending" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from pending" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from pending" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from claim" -l lease -d 'Seconds the claim lasts' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from claim" -l payload -d 'A self-describing JSON file to attach to the record (validated through Iglu first)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from claim" -l reason -d 'A reason to attach, as an iglu:dev.snowplowctl/manifest_note/jsonschema/1-0-0 payload' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from claim" -s m -l manifest -d 'The run manifest: dynamodb:REGION/TABLE or local:PATH' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from claim" -s r -l resolver -d 'Iglu resolver config for payload schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from claim" -l profile -d 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from claim" -l endpoint-url -d 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS\'s endpoint for the region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from claim" -l app -d 'Application name written into processing records' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from claim" -l app-version -d 'Application version written into processing records [default: snowplowctl\'s version]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from claim" -l instance -d 'Instance id written into processing records, when several instances share a manifest' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from claim" -l format -d 'Output format' -r -f -a "text\t'A table for people'
json\t'One JSON document for programs'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from claim" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from claim" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from claim" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from claim" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from claim" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from claim" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from claim" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from complete" -l claim -d 'The claim id `claim` printed' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from complete" -l payload -d 'A self-describing JSON file to attach to the record (validated through Iglu first)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from complete" -l reason -d 'A reason to attach, as an iglu:dev.snowplowctl/manifest_note/jsonschema/1-0-0 payload' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from complete" -s m -l manifest -d 'The run manifest: dynamodb:REGION/TABLE or local:PATH' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from complete" -s r -l resolver -d 'Iglu resolver config for payload schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from complete" -l profile -d 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from complete" -l endpoint-url -d 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS\'s endpoint for the region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from complete" -l app -d 'Application name written into processing records' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from complete" -l app-version -d 'Application version written into processing records [default: snowplowctl\'s version]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from complete" -l instance -d 'Instance id written into processing records, when several instances share a manifest' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from complete" -l format -d 'Output format' -r -f -a "text\t'A table for people'
json\t'One JSON document for programs'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from complete" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from complete" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from complete" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from complete" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from complete" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from complete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from complete" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from fail" -l claim -d 'The claim id `claim` printed' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from fail" -l payload -d 'A self-describing JSON file to attach to the record (validated through Iglu first)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from fail" -l reason -d 'A reason to attach, as an iglu:dev.snowplowctl/manifest_note/jsonschema/1-0-0 payload' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from fail" -s m -l manifest -d 'The run manifest: dynamodb:REGION/TABLE or local:PATH' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from fail" -s r -l resolver -d 'Iglu resolver config for payload schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from fail" -l profile -d 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from fail" -l endpoint-url -d 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS\'s endpoint for the region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from fail" -l app -d 'Application name written into processing records' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from fail" -l app-version -d 'Application version written into processing records [default: snowplowctl\'s version]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from fail" -l instance -d 'Instance id written into processing records, when several instances share a manifest' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from fail" -l format -d 'Output format' -r -f -a "text\t'A table for people'
json\t'One JSON document for programs'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from fail" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from fail" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from fail" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from fail" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from fail" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from fail" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from fail" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from skip" -l payload -d 'A self-describing JSON file to attach to the record (validated through Iglu first)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from skip" -l reason -d 'A reason to attach, as an iglu:dev.snowplowctl/manifest_note/jsonschema/1-0-0 payload' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from skip" -s m -l manifest -d 'The run manifest: dynamodb:REGION/TABLE or local:PATH' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from skip" -s r -l resolver -d 'Iglu resolver config for payload schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from skip" -l profile -d 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from skip" -l endpoint-url -d 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS\'s endpoint for the region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from skip" -l app -d 'Application name written into processing records' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from skip" -l app-version -d 'Application version written into processing records [default: snowplowctl\'s version]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from skip" -l instance -d 'Instance id written into processing records, when several instances share a manifest' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from skip" -l format -d 'Output format' -r -f -a "text\t'A table for people'
json\t'One JSON document for programs'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from skip" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from skip" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from skip" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from skip" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from skip" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from skip" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from skip" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from resolve" -l payload -d 'A self-describing JSON file to attach to the record (validated through Iglu first)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from resolve" -l reason -d 'A reason to attach, as an iglu:dev.snowplowctl/manifest_note/jsonschema/1-0-0 payload' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from resolve" -s m -l manifest -d 'The run manifest: dynamodb:REGION/TABLE or local:PATH' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from resolve" -s r -l resolver -d 'Iglu resolver config for payload schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from resolve" -l profile -d 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from resolve" -l endpoint-url -d 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS\'s endpoint for the region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from resolve" -l app -d 'Application name written into processing records' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from resolve" -l app-version -d 'Application version written into processing records [default: snowplowctl\'s version]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from resolve" -l instance -d 'Instance id written into processing records, when several instances share a manifest' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from resolve" -l format -d 'Output format' -r -f -a "text\t'A table for people'
json\t'One JSON document for programs'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from resolve" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from resolve" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from resolve" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from resolve" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from resolve" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from resolve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from resolve" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from export" -s o -l output -d 'Write to this file instead of stdout' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from export" -s m -l manifest -d 'The run manifest: dynamodb:REGION/TABLE or local:PATH' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from export" -s r -l resolver -d 'Iglu resolver config for payload schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from export" -l profile -d 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from export" -l endpoint-url -d 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS\'s endpoint for the region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from export" -l app -d 'Application name written into processing records' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from export" -l app-version -d 'Application version written into processing records [default: snowplowctl\'s version]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from export" -l instance -d 'Instance id written into processing records, when several instances share a manifest' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from export" -l format -d 'Output format' -r -f -a "text\t'A table for people'
json\t'One JSON document for programs'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from export" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from export" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from export" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from export" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from export" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from import" -s m -l manifest -d 'The run manifest: dynamodb:REGION/TABLE or local:PATH' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from import" -s r -l resolver -d 'Iglu resolver config for payload schemas (the bundled schemas are always available)' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from import" -l profile -d 'AWS profile for a DynamoDB manifest [default: AWS_PROFILE or `default`]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from import" -l endpoint-url -d 'DynamoDB endpoint for a DynamoDB manifest, for example a local DynamoDB [default: AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL, or AWS\'s endpoint for the region]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from import" -l app -d 'Application name written into processing records' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from import" -l app-version -d 'Application version written into processing records [default: snowplowctl\'s version]' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from import" -l instance -d 'Instance id written into processing records, when several instances share a manifest' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from import" -l format -d 'Output format' -r -f -a "text\t'A table for people'
json\t'One JSON document for programs'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from import" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from import" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from import" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from import" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from import" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "create-table" -d 'Create the manifest (a DynamoDB table keyed by `RunId`, as the Analytics SDKs create it, or a local file)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "list" -d 'List every run the manifest knows: state, application, start and finish'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one run\'s records and lease'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "add" -d 'Mark a run processed in the run manifest, as the Analytics SDKs\' `add` does'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "contains" -d 'Say whether a run is marked processed, as the Analytics SDKs\' `contains` does (prints true or false; exit status 0 either way)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "pending" -d 'List the run folders of a local archive that are not yet processed'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "claim" -d 'Claim a run (PROCESSING under a lease); prints the claim id for `complete` and `fail`'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "complete" -d 'Mark a claimed run PROCESSED (and processed in the run manifest)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "fail" -d 'Mark a claimed run FAILED; it is blocked until resolved'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "skip" -d 'Give up on a run: SKIPPED blocks it until resolved'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "resolve" -d 'Unblock a FAILED or SKIPPED run so that it is processed again'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write every run the manifest knows as JSON lines'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "import" -d 'Add the runs of an export (JSON lines) that the manifest does not know yet'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand completions" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand completions" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand completions" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand completions" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand completions" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand completions" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand man" -l out-dir -d 'Write `snowplowctl.1` and one page per subcommand into this directory' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand man" -l threads -d 'Worker threads for parallel work (default: one per CPU)' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand man" -l color -d 'When to use colours' -r -f -a "auto\t'Colour when writing to a terminal and `NO_COLOR` is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand man" -l cache-dir -d 'Where schemas fetched over HTTP are cached [default: the user cache directory]' -r -F
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand man" -l http-timeout -d 'Seconds allowed for one HTTP request to an Iglu repository' -r
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand man" -l offline -d 'Never use the network: HTTP repositories answer from the disk cache only'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand man" -s V -l version -d 'Print version'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and not __fish_seen_subcommand_from lint generate store enrich transform shred run manifest completions man help" -f -a "lint" -d 'Validate enrichments, resolvers, config.yml, storage targets, Dataflow Runner configs, Iglu schemas and any self-describing JSON'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and not __fish_seen_subcommand_from lint generate store enrich transform shred run manifest completions man help" -f -a "generate" -d 'Generate Dataflow Runner configs (cluster, playbook) from an EmrEtlRunner config.yml'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and not __fish_seen_subcommand_from lint generate store enrich transform shred run manifest completions man help" -f -a "store" -d 'Store enrichment configs and the Iglu resolver in DynamoDB for Stream Enrich, and read them back'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and not __fish_seen_subcommand_from lint generate store enrich transform shred run manifest completions man help" -f -a "enrich" -d 'Enrich raw collector files (CloudFront, Clojure collector, Thrift) into enriched events and bad rows, as Spark Enrich did, on this machine'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and not __fish_seen_subcommand_from lint generate store enrich transform shred run manifest completions man help" -f -a "transform" -d 'Turn enriched events into newline-delimited JSON, as the Analytics SDKs\' event transformer shapes them'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and not __fish_seen_subcommand_from lint generate store enrich transform shred run manifest completions man help" -f -a "shred" -d 'Shred enriched events for loading, as RDB Shredder did: atomic events, one file set per self-describing type, in-batch deduplication, bad rows'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and not __fish_seen_subcommand_from lint generate store enrich transform shred run manifest completions man help" -f -a "run" -d 'Enrich and shred every unprocessed run folder of a raw archive, each exactly once, as recorded in a run manifest (a local file by default, or DynamoDB)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and not __fish_seen_subcommand_from lint generate store enrich transform shred run manifest completions man help" -f -a "manifest" -d 'Read and write run manifests: the Analytics SDK\'s run manifest plus processing records with claims and leases, in DynamoDB or a local file'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and not __fish_seen_subcommand_from lint generate store enrich transform shred run manifest completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and not __fish_seen_subcommand_from lint generate store enrich transform shred run manifest completions man help" -f -a "man" -d 'Print the man page (roff), or write one page per command into a directory'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and not __fish_seen_subcommand_from lint generate store enrich transform shred run manifest completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from lint" -f -a "enrichments" -d 'Every enrichment config in a directory, and the list they form'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from lint" -f -a "resolver" -d 'An Iglu resolver config'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from lint" -f -a "config" -d 'An EmrEtlRunner config.yml (R117 keys and types, cross-checks, ERB lookups)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from lint" -f -a "targets" -d 'Storage target configs (Redshift, Postgres, Elasticsearch, DynamoDB)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from lint" -f -a "cluster" -d 'A Dataflow Runner cluster config (ClusterConfig)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from lint" -f -a "playbook" -d 'A Dataflow Runner playbook (PlaybookConfig)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from lint" -f -a "schemas" -d 'Iglu schemas, with igluctl\'s lint rules'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from lint" -f -a "json" -d 'Any self-describing JSON files, validated through the resolver'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from lint" -f -a "all" -d 'Everything in a directory laid out by convention (see --help)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from lint" -f -a "rules" -d 'List the lint rules, or explain one'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "cluster" -d 'A ClusterConfig (1-1-0) for `dataflow-runner up` / `run-transient`'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "playbook" -d 'A PlaybookConfig (1-0-1) with EmrEtlRunner R117\'s steps, for `dataflow-runner run` / `run-transient`'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from generate" -f -a "all" -d 'Both, as `cluster.json` and `playbook.json` in a directory'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "enrichments" -d 'Validate every enrichment config in a directory, then store one item per file (`id` = prefix + enrichment name)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "resolver" -d 'Validate an Iglu resolver config, then store it under a key'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "list" -d 'List the items in a table, or under a prefix, reading every Scan page'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "export" -d 'Write items back to files (one `*.json` per item, named as they were stored)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "create-table" -d 'Create the manifest (a DynamoDB table keyed by `RunId`, as the Analytics SDKs create it, or a local file)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "list" -d 'List every run the manifest knows: state, application, start and finish'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "show" -d 'Show one run\'s records and lease'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "add" -d 'Mark a run processed in the run manifest, as the Analytics SDKs\' `add` does'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "contains" -d 'Say whether a run is marked processed, as the Analytics SDKs\' `contains` does (prints true or false; exit status 0 either way)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "pending" -d 'List the run folders of a local archive that are not yet processed'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "claim" -d 'Claim a run (PROCESSING under a lease); prints the claim id for `complete` and `fail`'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "complete" -d 'Mark a claimed run PROCESSED (and processed in the run manifest)'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "fail" -d 'Mark a claimed run FAILED; it is blocked until resolved'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "skip" -d 'Give up on a run: SKIPPED blocks it until resolved'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "resolve" -d 'Unblock a FAILED or SKIPPED run so that it is processed again'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "export" -d 'Write every run the manifest knows as JSON lines'
complete -c snowplowctl -n "__fish_snowplowctl_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "import" -d 'Add the runs of an export (JSON lines) that the manifest does not know yet'
