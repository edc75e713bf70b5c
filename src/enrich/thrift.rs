//! Thrift records written by the Scala Stream Collector, in TBinaryProtocol.
//!
//! Two record types exist: `CollectorPayload` 1-0-0 (every collector since 2014; field 31337
//! names its schema) and the pre-2014 `SnowplowRawEvent` (no field 31337), which the legacy
//! loader still reads. Decoding accepts fields in any order and skips unknown ones, as Thrift
//! does; encoding writes fields in ascending id order, as the Java code generator does, so an
//! encoded record is byte-identical to what the collector writes.

use crate::iglu::{SchemaCriterion, SchemaKey};

/// The schema a `CollectorPayload` record names in field 31337.
pub const COLLECTOR_PAYLOAD_SCHEMA: &str = "iglu:com.snowplowanalytics.snowplow/CollectorPayload/thrift/1-0-0";

/// The criterion a record's schema must match to be read as a `CollectorPayload`.
pub const COLLECTOR_PAYLOAD_CRITERION: &str = "iglu:com.snowplowanalytics.snowplow/CollectorPayload/thrift/1-0-*";

// TBinaryProtocol type ids.
const T_STOP: u8 = 0;
const T_BOOL: u8 = 2;
const T_BYTE: u8 = 3;
const T_DOUBLE: u8 = 4;
const T_I16: u8 = 6;
const T_I32: u8 = 8;
const T_I64: u8 = 10;
const T_STRING: u8 = 11;
const T_STRUCT: u8 = 12;
const T_MAP: u8 = 13;
const T_SET: u8 = 14;
const T_LIST: u8 = 15;

/// Nesting deeper than this is refused, so a hostile record cannot exhaust the stack.
const MAX_DEPTH: usize = 64;

/// A record that is not valid Thrift or not a record snowplowctl can read. The message is
/// worded as Snowplow's (Java) Thrift library words it, since bad rows carry it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ThriftError {
    /// The bytes end in the middle of a value.
    #[error(
        "Cannot read. Remote side has closed. Tried to read {wanted} bytes, but only got {got} bytes. \
         (This is often indicative of an internal error on the server side. Please check your server logs.)"
    )]
    Truncated {
        /// Bytes the next value needs.
        wanted: usize,
        /// Bytes left.
        got: usize,
    },
    /// A field or element type id Thrift does not define.
    #[error("Unrecognized type {0}")]
    UnknownType(u8),
    /// A negative size for a string, list, set or map.
    #[error("Negative length: {0}")]
    NegativeLength(i32),
    /// Structures nested too deeply.
    #[error("Maximum skip depth exceeded")]
    TooDeep,
    /// A known field with a different wire type than the IDL gives it.
    #[error("field {id} has Thrift type {found}, expected {expected}")]
    WrongFieldType {
        /// The field id.
        id: i16,
        /// The type id found.
        found: u8,
        /// The type id the IDL declares.
        expected: u8,
    },
    /// Field 31337 names a schema that is not `CollectorPayload` 1-0-*.
    #[error("verifying record as {COLLECTOR_PAYLOAD_CRITERION} failed: found {0}")]
    WrongSchema(String),
}

/// A `CollectorPayload` 1-0-0 record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CollectorPayloadRecord {
    /// 31337: the record's schema.
    pub schema: String,
    /// 100: client IP address.
    pub ip_address: String,
    /// 200: collector timestamp, ms since the epoch.
    pub timestamp: i64,
    /// 210: querystring character encoding.
    pub encoding: String,
    /// 220: collector name and version.
    pub collector: String,
    /// 300: User-Agent.
    pub user_agent: Option<String>,
    /// 310: Referer.
    pub referer_uri: Option<String>,
    /// 320: request path.
    pub path: Option<String>,
    /// 330: raw querystring.
    pub querystring: Option<String>,
    /// 340: request body.
    pub body: Option<String>,
    /// 350: headers as `Name: value`.
    pub headers: Option<Vec<String>>,
    /// 360: content type.
    pub content_type: Option<String>,
    /// 400: collector host name.
    pub hostname: Option<String>,
    /// 410: network user id cookie.
    pub network_user_id: Option<String>,
}

/// A pre-2014 `SnowplowRawEvent` record (always a GET; the querystring is the payload).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SnowplowRawEventRecord {
    /// 1: collector timestamp, ms since the epoch.
    pub timestamp: i64,
    /// 20: collector name and version.
    pub collector: String,
    /// 30: querystring character encoding.
    pub encoding: String,
    /// 40: client IP address.
    pub ip_address: String,
    /// 41.3: the querystring.
    pub querystring: Option<String>,
    /// 45: collector host name.
    pub hostname: Option<String>,
    /// 50: User-Agent.
    pub user_agent: Option<String>,
    /// 60: Referer.
    pub referer_uri: Option<String>,
    /// 70: headers as `Name: value`.
    pub headers: Option<Vec<String>>,
    /// 80: network user id cookie.
    pub network_user_id: Option<String>,
}

/// A decoded Thrift record of either generation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThriftRecord {
    /// A `CollectorPayload` 1-0-* record.
    CollectorPayload(CollectorPayloadRecord),
    /// A legacy `SnowplowRawEvent` record.
    SnowplowRawEvent(SnowplowRawEventRecord),
}

/// Decodes one record: a `CollectorPayload` when field 31337 is present (its schema must match
/// `CollectorPayload/thrift/1-0-*`), else a legacy `SnowplowRawEvent`.
pub fn decode(bytes: &[u8]) -> Result<ThriftRecord, ThriftError> {
    let mut reader = Reader { bytes, pos: 0 };
    let fields = reader.read_struct_fields(0)?;
    match fields.iter().find(|field| field.id == 31337) {
        Some(_) => {
            let record = collector_payload_from(&fields)?;
            let criterion = SchemaCriterion::parse(COLLECTOR_PAYLOAD_CRITERION).expect("constant criterion");
            match SchemaKey::parse(&record.schema) {
                Ok(key) if criterion.matches(&key) => Ok(ThriftRecord::CollectorPayload(record)),
                _ => Err(ThriftError::WrongSchema(record.schema)),
            }
        }
        None => snowplow_raw_event_from(&fields).map(ThriftRecord::SnowplowRawEvent),
    }
}

/// Encodes a `CollectorPayload` as the Java collector does (ascending field ids, optional
/// fields omitted when absent).
pub fn encode_collector_payload(record: &CollectorPayloadRecord) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    write_string_field(&mut out, 100, &record.ip_address);
    write_field_header(&mut out, T_I64, 200);
    out.extend_from_slice(&record.timestamp.to_be_bytes());
    write_string_field(&mut out, 210, &record.encoding);
    write_string_field(&mut out, 220, &record.collector);
    let optional = [
        (300, &record.user_agent),
        (310, &record.referer_uri),
        (320, &record.path),
        (330, &record.querystring),
        (340, &record.body),
    ];
    for (id, value) in optional {
        if let Some(value) = value {
            write_string_field(&mut out, id, value);
        }
    }
    if let Some(headers) = &record.headers {
        write_field_header(&mut out, T_LIST, 350);
        out.push(T_STRING);
        out.extend_from_slice(&(headers.len() as i32).to_be_bytes());
        for header in headers {
            write_string(&mut out, header);
        }
    }
    let optional = [(360, &record.content_type), (400, &record.hostname), (410, &record.network_user_id)];
    for (id, value) in optional {
        if let Some(value) = value {
            write_string_field(&mut out, id, value);
        }
    }
    write_string_field(&mut out, 31337, &record.schema);
    out.push(T_STOP);
    out
}

fn write_field_header(out: &mut Vec<u8>, kind: u8, id: i16) {
    out.push(kind);
    out.extend_from_slice(&id.to_be_bytes());
}

fn write_string_field(out: &mut Vec<u8>, id: i16, value: &str) {
    write_field_header(out, T_STRING, id);
    write_string(out, value);
}

fn write_string(out: &mut Vec<u8>, value: &str) {
    out.extend_from_slice(&(value.len() as i32).to_be_bytes());
    out.extend_from_slice(value.as_bytes());
}

/// A Thrift value, as far as the two record types need one.
enum Value<'a> {
    Bytes(&'a [u8]),
    I64(i64),
    Strings(Vec<&'a [u8]>),
    Struct(Vec<Field<'a>>),
    /// Any other type, read and dropped.
    Skipped,
}

struct Field<'a> {
    id: i16,
    kind: u8,
    value: Value<'a>,
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ThriftError> {
        let left = self.bytes.len() - self.pos;
        if left < n {
            return Err(ThriftError::Truncated { wanted: n, got: left });
        }
        let slice = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(slice)
    }

    fn u8(&mut self) -> Result<u8, ThriftError> {
        Ok(self.take(1)?[0])
    }

    fn i16(&mut self) -> Result<i16, ThriftError> {
        let b = self.take(2)?;
        Ok(i16::from_be_bytes([b[0], b[1]]))
    }

    fn i32(&mut self) -> Result<i32, ThriftError> {
        let b = self.take(4)?;
        Ok(i32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn i64(&mut self) -> Result<i64, ThriftError> {
        let b = self.take(8)?;
        let mut array = [0u8; 8];
        array.copy_from_slice(b);
        Ok(i64::from_be_bytes(array))
    }

    fn size(&mut self) -> Result<usize, ThriftError> {
        let size = self.i32()?;
        usize::try_from(size).map_err(|_| ThriftError::NegativeLength(size))
    }

    fn binary(&mut self) -> Result<&'a [u8], ThriftError> {
        let len = self.size()?;
        self.take(len)
    }

    fn read_struct_fields(&mut self, depth: usize) -> Result<Vec<Field<'a>>, ThriftError> {
        if depth > MAX_DEPTH {
            return Err(ThriftError::TooDeep);
        }
        let mut fields = Vec::new();
        loop {
            let kind = self.u8()?;
            if kind == T_STOP {
                return Ok(fields);
            }
            let id = self.i16()?;
            let value = self.read_value(kind, depth)?;
            fields.push(Field { id, kind, value });
        }
    }

    fn read_value(&mut self, kind: u8, depth: usize) -> Result<Value<'a>, ThriftError> {
        Ok(match kind {
            T_STRING => Value::Bytes(self.binary()?),
            T_I64 => Value::I64(self.i64()?),
            T_I32 => {
                self.take(4)?;
                Value::Skipped
            }
            T_STRUCT => Value::Struct(self.read_struct_fields(depth + 1)?),
            T_LIST | T_SET => {
                let element = self.u8()?;
                let len = self.size()?;
                if element == T_STRING {
                    // Each string needs at least its 4-byte length, so a bogus count cannot
                    // make us reserve more than the record holds.
                    let mut strings = Vec::with_capacity(len.min((self.bytes.len() - self.pos) / 4));
                    for _ in 0..len {
                        strings.push(self.binary()?);
                    }
                    Value::Strings(strings)
                } else {
                    for _ in 0..len {
                        self.read_value(element, depth + 1)?;
                    }
                    Value::Skipped
                }
            }
            T_MAP => {
                let key = self.u8()?;
                let value = self.u8()?;
                let len = self.size()?;
                for _ in 0..len {
                    self.read_value(key, depth + 1)?;
                    self.read_value(value, depth + 1)?;
                }
                Value::Skipped
            }
            T_BOOL | T_BYTE => {
                self.take(1)?;
                Value::Skipped
            }
            T_I16 => {
                self.take(2)?;
                Value::Skipped
            }
            T_DOUBLE => {
                self.take(8)?;
                Value::Skipped
            }
            other => return Err(ThriftError::UnknownType(other)),
        })
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Typed access to the fields of one struct; a known field with the wrong wire type is an
/// error, as Thrift's generated readers would skip it and then fail validation.
struct Fields<'f, 'a>(&'f [Field<'a>]);

impl<'a> Fields<'_, 'a> {
    fn get(&self, id: i16, expected: u8) -> Result<Option<&Value<'a>>, ThriftError> {
        // The last occurrence wins, as it does when a generated reader overwrites a field.
        match self.0.iter().rev().find(|field| field.id == id) {
            None => Ok(None),
            Some(field) if field.kind == expected => Ok(Some(&field.value)),
            Some(field) => Err(ThriftError::WrongFieldType { id, found: field.kind, expected }),
        }
    }

    fn string(&self, id: i16) -> Result<Option<String>, ThriftError> {
        Ok(match self.get(id, T_STRING)? {
            Some(Value::Bytes(bytes)) => Some(text(bytes)),
            _ => None,
        })
    }

    fn i64(&self, id: i16) -> Result<Option<i64>, ThriftError> {
        Ok(match self.get(id, T_I64)? {
            Some(Value::I64(value)) => Some(*value),
            _ => None,
        })
    }

    fn strings(&self, id: i16) -> Result<Option<Vec<String>>, ThriftError> {
        Ok(match self.get(id, T_LIST)? {
            Some(Value::Strings(items)) => Some(items.iter().map(|item| text(item)).collect()),
            Some(_) => Some(Vec::new()),
            None => None,
        })
    }
}

fn collector_payload_from(fields: &[Field<'_>]) -> Result<CollectorPayloadRecord, ThriftError> {
    let f = Fields(fields);
    Ok(CollectorPayloadRecord {
        schema: f.string(31337)?.unwrap_or_default(),
        ip_address: f.string(100)?.unwrap_or_default(),
        timestamp: f.i64(200)?.unwrap_or_default(),
        encoding: f.string(210)?.unwrap_or_default(),
        collector: f.string(220)?.unwrap_or_default(),
        user_agent: f.string(300)?,
        referer_uri: f.string(310)?,
        path: f.string(320)?,
        querystring: f.string(330)?,
        body: f.string(340)?,
        headers: f.strings(350)?,
        content_type: f.string(360)?,
        hostname: f.string(400)?,
        network_user_id: f.string(410)?,
    })
}

fn snowplow_raw_event_from(fields: &[Field<'_>]) -> Result<SnowplowRawEventRecord, ThriftError> {
    let f = Fields(fields);
    let querystring = match f.get(41, T_STRUCT)? {
        Some(Value::Struct(payload)) => Fields(payload).string(3)?,
        _ => None,
    };
    Ok(SnowplowRawEventRecord {
        timestamp: f.i64(1)?.unwrap_or_default(),
        collector: f.string(20)?.unwrap_or_default(),
        encoding: f.string(30)?.unwrap_or_default(),
        ip_address: f.string(40)?.unwrap_or_default(),
        querystring,
        hostname: f.string(45)?,
        user_agent: f.string(50)?,
        referer_uri: f.string(60)?,
        headers: f.strings(70)?,
        network_user_id: f.string(80)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> CollectorPayloadRecord {
        CollectorPayloadRecord {
            schema: COLLECTOR_PAYLOAD_SCHEMA.into(),
            ip_address: "10.0.2.2".into(),
            timestamp: 1_390_936_940_040,
            encoding: "UTF-8".into(),
            collector: "ssc-2.x-kinesis".into(),
            user_agent: Some("curl/8".into()),
            path: Some("/com.snowplowanalytics.snowplow/tp2".into()),
            body: Some("{}".into()),
            headers: Some(vec!["X-Forwarded-For: 1.2.3.4".into()]),
            content_type: Some("application/json".into()),
            network_user_id: Some("75a13583-5c99-40e3-81fc-541084dfc784".into()),
            ..Default::default()
        }
    }

    #[test]
    fn round_trips_a_collector_payload() {
        let record = sample();
        let bytes = encode_collector_payload(&record);
        assert_eq!(decode(&bytes), Ok(ThriftRecord::CollectorPayload(record)));
    }

    #[test]
    fn schema_is_written_last_as_java_does() {
        let bytes = encode_collector_payload(&sample());
        let tail = format!("{COLLECTOR_PAYLOAD_SCHEMA}\0");
        assert!(bytes.ends_with(tail.as_bytes()));
    }

    #[test]
    fn truncated_input_reports_java_wording() {
        // "bac=" in base64: a field type byte, then one byte of a two-byte field id.
        let err = decode(&[0x6d, 0xa7]).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("Cannot read. Remote side has closed. Tried to read 2 bytes, but only got 1 bytes.")
        );
    }

    #[test]
    fn wrong_schema_is_refused() {
        let mut record = sample();
        record.schema = "iglu:com.snowplowanalytics.snowplow/wrong-schema/thrift/1-0-0".into();
        let err = decode(&encode_collector_payload(&record)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "verifying record as iglu:com.snowplowanalytics.snowplow/CollectorPayload/thrift/1-0-* failed: \
             found iglu:com.snowplowanalytics.snowplow/wrong-schema/thrift/1-0-0"
        );
    }

    #[test]
    fn newer_addition_schema_is_accepted() {
        let mut record = sample();
        record.schema = "iglu:com.snowplowanalytics.snowplow/CollectorPayload/thrift/1-0-3".into();
        assert!(decode(&encode_collector_payload(&record)).is_ok());
    }

    #[test]
    fn record_without_schema_is_a_legacy_raw_event() {
        // timestamp(1), collector(20), payload(41){data(3)}
        let mut bytes = vec![T_I64, 0, 1];
        bytes.extend_from_slice(&5i64.to_be_bytes());
        write_string_field(&mut bytes, 20, "ssc-0.1.0");
        write_field_header(&mut bytes, T_STRUCT, 41);
        write_string_field(&mut bytes, 3, "e=pv");
        bytes.push(T_STOP);
        bytes.push(T_STOP);
        let ThriftRecord::SnowplowRawEvent(event) = decode(&bytes).unwrap() else { panic!("not legacy") };
        assert_eq!((event.timestamp, event.collector.as_str()), (5, "ssc-0.1.0"));
        assert_eq!(event.querystring.as_deref(), Some("e=pv"));
    }

    #[test]
    fn hostile_sizes_do_not_allocate_or_panic() {
        let mut bytes = vec![T_LIST, 1, 94, T_STRING];
        bytes.extend_from_slice(&i32::MAX.to_be_bytes());
        assert!(matches!(decode(&bytes), Err(ThriftError::Truncated { .. })));
        let mut bytes = vec![T_STRING, 0, 100];
        bytes.extend_from_slice(&(-1i32).to_be_bytes());
        assert_eq!(decode(&bytes), Err(ThriftError::NegativeLength(-1)));
        let deep: Vec<u8> = std::iter::repeat_n([T_STRUCT, 0, 1], 100).flatten().collect();
        assert_eq!(decode(&deep), Err(ThriftError::TooDeep));
    }
}
