//! The rules of `lint schemas`: file-level checks (`S0xx`) and igluctl's linters (`S1xx`).
//!
//! The linters keep igluctl's camelCase names, levels and skippability, so `--skip-checks`
//! lists written for igluctl keep working.

use crate::lint::common::rule;
use crate::lint::finding::{Rule, Severity};

/// Declares one of igluctl's linters; unlike `rule!`, skippability is explicit because
/// igluctl refuses to skip its Error-level linters.
macro_rules! linter {
    ($ident:ident, $code:literal, $name:literal, $sev:ident, skippable: $skippable:literal, $summary:literal, $why:literal, $example:literal, $hint:literal) => {
        #[doc = $summary]
        pub static $ident: Rule = Rule {
            code: $code,
            name: $name,
            severity: Severity::$sev,
            skippable: $skippable,
            summary: $summary,
            why: $why,
            example: $example,
            hint: $hint,
        };
    };
}

rule!(
    NOT_IN_SCHEMA_LAYOUT,
    "S001",
    "not-in-schema-layout",
    Warning,
    "A file under the schemas directory is not at `vendor/name/format/version` with a known format.",
    "igluctl, Iglu Server uploads and static registries only see files at `vendor/name/jsonschema/version`; anything else is silently ignored, so a misplaced schema is never published.",
    "`com.acme/button_click/jsonschma/1-0-0` (misspelt format directory)",
    "move JSON schemas to `vendor/name/jsonschema/MODEL-REVISION-ADDITION` (no file extension), and keep other files out of the schemas directory"
);
rule!(
    INVALID_SELF,
    "S002",
    "invalid-self",
    Error,
    "The schema's `self` block is missing or invalid.",
    "`self` is the schema's identity: iglu-core refuses a schema without `vendor`, `name`, `format` and a full SchemaVer `version`, and nothing can reference it.",
    "`\"self\": {\"vendor\": \"com.acme\", \"name\": \"button_click\", \"format\": \"jsonschema\", \"version\": \"1-0\"}`",
    "write `self` with exactly `vendor`, `name`, `format` and `version` (MODEL-REVISION-ADDITION, for example `1-0-0`)"
);
rule!(
    PATH_MISMATCH,
    "S003",
    "path-mismatch",
    Error,
    "The file's `vendor/name/format/version` path differs from its `self` block.",
    "Registries serve a schema by its path while Iglu clients check `self`; when they differ, data is validated against the wrong schema or the schema cannot be found.",
    "`com.acme/button_click/jsonschema/1-0-1` whose `self.version` is `1-0-0` (copied and not updated)",
    "move the file to the path `self` names, or correct `self`"
);
rule!(
    INVALID_SUPERSEDING,
    "S004",
    "invalid-superseding",
    Error,
    "`$supersedes` or `$supersededBy` is malformed or points the wrong way.",
    "Iglu clients validate data for a superseded version against the superseding one, and insist the superseding version is the greater; a bad value breaks that redirection.",
    "`\"$supersedes\": [\"1-0-3\"]` in version `1-0-2`",
    "`$supersedes` lists older full versions (`[\"1-0-1\"]`); `$supersededBy` names one newer full version (`\"1-0-3\"`)"
);
rule!(
    META_SCHEMA_VIOLATION,
    "S005",
    "meta-schema-violation",
    Error,
    "The schema is not a valid JSON Schema draft-04 document.",
    "Iglu validates data with draft-04; a schema that breaks the draft-04 meta-schema is rejected by Iglu Server and fails every event validated against it.",
    "`\"additionalProperties\": \"no\"` (must be a boolean or a schema)",
    "fix the keyword at the position shown so it matches draft-04"
);
rule!(
    INITIAL_VERSION_MISSING,
    "S006",
    "initial-version-missing",
    Error,
    "A schema family (vendor/name) has no `1-0-0`.",
    "Every Iglu schema family starts at `1-0-0`; without it the repository is incomplete and loaders cannot build the table history.",
    "`com.acme/button_click` with only `1-0-1` and `1-0-2`",
    "add the missing versions, or lint the whole repository rather than part of it"
);
rule!(
    VERSION_GAP,
    "S007",
    "version-gap",
    Error,
    "A schema family skips a version.",
    "SchemaVer steps one part at a time (`1-0-0` → `1-0-1`, `1-1-0` or `2-0-0`); a gap usually means a version was never committed, and migrations cannot be generated across it.",
    "`com.acme/button_click` with `1-0-0` and `1-0-2` but no `1-0-1`",
    "add the missing version, or renumber the schema to the next version"
);
rule!(
    LONE_VERSION_NOT_INITIAL,
    "S008",
    "lone-version-not-initial",
    Warning,
    "The only schema checked is not a `1-0-0`.",
    "igluctl fails a lone schema that is not `1-0-0` because it cannot see the versions before it; the rest of the family may simply live elsewhere.",
    "linting just `com.acme/button_click/jsonschema/1-0-1`",
    "lint the directory holding the whole family so the earlier versions are checked too"
);

linter!(
    ROOT_OBJECT,
    "S101",
    "rootObject",
    Warning,
    skippable: true,
    "The root schema is not `\"type\": \"object\"` with `properties`.",
    "Snowplow events and entities are JSON objects, and loaders turn the root's properties into columns; any other root cannot be loaded into a table.",
    "a root with `\"type\": [\"object\", \"null\"]`",
    "make the root `\"type\": \"object\"` and list its fields under `properties`, or run with `--skip-checks rootObject`"
);
linter!(
    UNKNOWN_FORMATS,
    "S102",
    "unknownFormats",
    Warning,
    skippable: true,
    "A `format` is not one Iglu knows.",
    "Snowplow's validator ignores formats it does not know, so the value is never checked, and loaders cannot size the column from it.",
    "`\"format\": \"strict-uri\"`",
    "use uri, ipv4, ipv6, email, date-time, date, hostname or uuid (or `pattern`), or run with `--skip-checks unknownFormats`"
);
linter!(
    NUMERIC_MIN_MAX,
    "S103",
    "numericMinMax",
    Warning,
    skippable: true,
    "A numeric field lacks `minimum` or `maximum`.",
    "Loaders pick the column type (SMALLINT, INT, BIGINT, DOUBLE) from the bounds; an unbounded number gets the widest type, or overflows a narrower one later.",
    "`{\"type\": \"integer\", \"minimum\": 0}`",
    "give the field both `minimum` and `maximum`, or run with `--skip-checks numericMinMax`"
);
linter!(
    STRING_LENGTH,
    "S104",
    "stringLength",
    Warning,
    skippable: true,
    "A string field has no `maxLength`, `enum` or known `format`.",
    "Loaders size VARCHAR columns from `maxLength` (or from the enum or format); without it the column gets the maximum width.",
    "`{\"type\": \"string\"}`",
    "add `maxLength` (or an `enum` or known `format`), or run with `--skip-checks stringLength`"
);
linter!(
    STRING_MAX_LENGTH_RANGE,
    "S105",
    "stringMaxLengthRange",
    Warning,
    skippable: true,
    "A string's `maxLength` exceeds 65535, the largest Redshift VARCHAR.",
    "Redshift cannot store longer strings, so such values are truncated or the load fails.",
    "`{\"type\": \"string\", \"maxLength\": 100000}`",
    "lower `maxLength` to 65535 or less, or run with `--skip-checks stringMaxLengthRange`"
);
linter!(
    OPTIONAL_NULL,
    "S106",
    "optionalNull",
    Info,
    skippable: true,
    "An optional property's `type` does not allow `null`.",
    "Trackers often send `null` for fields they do not have; a non-nullable optional field rejects those events, and loaders make such columns nullable anyway.",
    "`\"required\": [\"id\"]` with an optional `{\"type\": \"string\"}` property",
    "add `\"null\"` to the optional property's `type` (for example `[\"string\", \"null\"]`), or run with `--skip-checks optionalNull`"
);
linter!(
    DESCRIPTION,
    "S107",
    "description",
    Info,
    skippable: true,
    "A schema or sub-schema has no `description`.",
    "Descriptions are the documentation of tracked data: they end up in data catalogs and column comments.",
    "`\"properties\": {\"label\": {\"type\": \"string\", \"maxLength\": 255}}`",
    "add a `description` saying what the field holds, or run with `--skip-checks description`"
);
linter!(
    NUMERIC_MINIMUM_MAXIMUM,
    "S108",
    "numericMinimumMaximum",
    Error,
    skippable: false,
    "`minimum` is greater than `maximum`.",
    "No number satisfies both bounds, so every event with this field fails validation.",
    "`{\"type\": \"integer\", \"minimum\": 10, \"maximum\": 5}`",
    "swap or correct the bounds so that `minimum` ≤ `maximum`"
);
linter!(
    STRING_MIN_MAX_LENGTH,
    "S109",
    "stringMinMaxLength",
    Error,
    skippable: false,
    "`minLength` is greater than `maxLength`.",
    "No string satisfies both lengths, so every event with this field fails validation.",
    "`{\"type\": \"string\", \"minLength\": 10, \"maxLength\": 5}`",
    "correct the lengths so that `minLength` ≤ `maxLength`"
);
linter!(
    ARRAY_MIN_MAX_ITEMS,
    "S110",
    "arrayMinMaxItems",
    Error,
    skippable: false,
    "`minItems` is greater than `maxItems`.",
    "No array satisfies both sizes, so every event with this field fails validation.",
    "`{\"type\": \"array\", \"minItems\": 3, \"maxItems\": 1}`",
    "correct the sizes so that `minItems` ≤ `maxItems`"
);
linter!(
    NUMERIC_PROPERTIES,
    "S111",
    "numericProperties",
    Error,
    skippable: false,
    "Numeric keywords (`minimum`, `maximum`, `multipleOf`) on a schema whose `type` excludes numbers.",
    "The keywords can never apply; either `type` or the keywords are wrong, and loaders derive columns from both.",
    "`{\"type\": \"string\", \"maxLength\": 8, \"minimum\": 0}`",
    "add `number` or `integer` to `type`, or remove the numeric keywords"
);
linter!(
    STRING_PROPERTIES,
    "S112",
    "stringProperties",
    Error,
    skippable: false,
    "String keywords (`minLength`, `maxLength`, `pattern`, `format`) on a schema whose `type` excludes strings.",
    "The keywords can never apply; either `type` or the keywords are wrong. A common case is `{\"type\": \"integer\", \"format\": \"int64\"}`.",
    "`{\"type\": \"integer\", \"minimum\": 0, \"maximum\": 9, \"maxLength\": 1}`",
    "add `string` to `type`, or remove the string keywords"
);
linter!(
    ARRAY_PROPERTIES,
    "S113",
    "arrayProperties",
    Error,
    skippable: false,
    "Array keywords (`items`, `additionalItems`, `minItems`, `maxItems`) on a schema whose `type` excludes arrays.",
    "The keywords can never apply; either `type` or the keywords are wrong.",
    "`{\"type\": \"string\", \"maxLength\": 8, \"maxItems\": 3}`",
    "add `array` to `type`, or remove the array keywords"
);
linter!(
    OBJECT_PROPERTIES,
    "S114",
    "objectProperties",
    Error,
    skippable: false,
    "Object keywords (`properties`, `required`, `additionalProperties`, `patternProperties`) on a schema whose `type` excludes objects.",
    "The keywords can never apply; either `type` or the keywords are wrong.",
    "`{\"type\": \"string\", \"maxLength\": 8, \"additionalProperties\": false}`",
    "add `object` to `type`, or remove the object keywords"
);
linter!(
    REQUIRED_PROPERTIES_EXIST,
    "S115",
    "requiredPropertiesExist",
    Error,
    skippable: false,
    "`required` names a property missing from `properties` while `additionalProperties` is false.",
    "The required property can never be present, so no object validates.",
    "`\"required\": [\"colour\"]` with `\"additionalProperties\": false` and no `colour` property",
    "add the property to `properties`, or remove it from `required`"
);
linter!(
    SCHEMA_URI,
    "S116",
    "schemaUri",
    Error,
    skippable: false,
    "The root `$schema` is missing or not the Iglu self-describing meta-schema URI.",
    "iglu-core compares `$schema` as an exact string; any other value (even without the trailing `#`) means the file is not an Iglu schema.",
    "`\"$schema\": \"http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0\"` (no `#`)",
    "set `\"$schema\": \"http://iglucentral.com/schemas/com.snowplowanalytics.self-desc/schema/jsonschema/1-0-0#\"`"
);

/// igluctl's linters, in igluctl's order of documentation: the skippable ones first.
pub static LINTERS: &[&Rule] = &[
    &ROOT_OBJECT,
    &UNKNOWN_FORMATS,
    &NUMERIC_MIN_MAX,
    &STRING_LENGTH,
    &STRING_MAX_LENGTH_RANGE,
    &OPTIONAL_NULL,
    &DESCRIPTION,
    &NUMERIC_MINIMUM_MAXIMUM,
    &STRING_MIN_MAX_LENGTH,
    &ARRAY_MIN_MAX_ITEMS,
    &NUMERIC_PROPERTIES,
    &STRING_PROPERTIES,
    &ARRAY_PROPERTIES,
    &OBJECT_PROPERTIES,
    &REQUIRED_PROPERTIES_EXIST,
    &SCHEMA_URI,
];

/// schema-ddl's two BigQuery linters. igluctl runs them but prints nothing for them, so
/// snowplowctl does not implement them; `--skip-checks` accepts their names (as no-ops) so
/// igluctl command lines keep working.
pub const SILENT_LINTERS: &[&str] = &["bqDisallowedCharacters", "bqIllegalStart"];

/// The rules of `lint schemas` that are not igluctl linters: layout, `self`, meta-schema and
/// version checks.
pub static FILE_RULES: &[&Rule] = &[
    &NOT_IN_SCHEMA_LAYOUT,
    &INVALID_SELF,
    &PATH_MISMATCH,
    &INVALID_SUPERSEDING,
    &META_SCHEMA_VIOLATION,
    &INITIAL_VERSION_MISSING,
    &VERSION_GAP,
    &LONE_VERSION_NOT_INITIAL,
];
