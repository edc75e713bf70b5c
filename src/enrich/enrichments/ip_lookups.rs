//! `ip_lookups`: MaxMind lookups on the event's IP address, as Snowplow's
//! scala-maxmind-iplookups does.
//!
//! * geo (City database): geo_country, geo_region (most specific subdivision's ISO code),
//!   geo_city, geo_zipcode, geo_latitude, geo_longitude (as Java floats), geo_region_name,
//!   geo_timezone;
//! * isp: ip_isp, ip_organization; domain: ip_domain; connection type: ip_netspeed;
//! * asn (modern Enrich): an `asn` 1-0-1 derived context `{number, organization}`.
//!
//! Lookups use `user_ipaddress` as it is when the step runs, so the pipeline runs this step
//! before `anon_ip`. A failed lookup (bad address, address not in a database) fills nothing,
//! as in Snowplow. Results are cached per address in a bounded per-thread cache.

use std::cell::RefCell;
use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use maxminddb::{Reader, geoip2};
use serde_json::{Value, json};

use super::cache::GenerationalCache;
use crate::enrich::event::{EnrichedEvent, Field};
use crate::enrich::pipeline::{EnrichmentStep, StepOutput};
use crate::enrich::transform::EventInput;

/// The schema of the ASN derived context.
pub const ASN_CONTEXT_SCHEMA: &str = "iglu:com.snowplowanalytics.snowplow/asn/jsonschema/1-0-1";

/// How many addresses each worker thread remembers (per cache generation).
const CACHE_GENERATION_SIZE: usize = 16_384;

/// Why an ip_lookups database was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IpLookupsError {
    /// The bytes are not a MaxMind database.
    #[error("parameter /{parameter}: not a MaxMind database: {message}")]
    Unreadable {
        /// The config key (`geo`, `isp`, `domain`, `connectionType`, `asn`).
        parameter: &'static str,
        /// The reader's error.
        message: String,
    },
    /// The database is of the wrong kind (e.g. an ISP database given as `geo`).
    #[error("parameter /{parameter}: database type {found:?} is not a {expected} database")]
    WrongType {
        /// The config key.
        parameter: &'static str,
        /// The database's own `database_type`.
        found: String,
        /// What the key needs.
        expected: &'static str,
    },
    /// No database at all.
    #[error("no database: ip_lookups needs at least one of geo, isp, domain, connectionType or asn")]
    Empty,
}

/// The database files of one ip_lookups config, as loaded by the framework (bytes of each
/// `.mmdb` named under the config key of the same name).
#[derive(Debug, Default, Clone)]
pub struct IpDatabases {
    /// `geo`: GeoIP2/GeoLite2 City.
    pub geo: Option<Vec<u8>>,
    /// `isp`: GeoIP2 ISP.
    pub isp: Option<Vec<u8>>,
    /// `domain`: GeoIP2 Domain.
    pub domain: Option<Vec<u8>>,
    /// `connectionType`: GeoIP2 Connection-Type.
    pub connection_type: Option<Vec<u8>>,
    /// `asn`: GeoLite2 ASN (modern Enrich).
    pub asn: Option<Vec<u8>>,
}

fn open(
    parameter: &'static str,
    bytes: Option<Vec<u8>>,
    expected: &'static str,
) -> Result<Option<Reader<Vec<u8>>>, IpLookupsError> {
    let Some(bytes) = bytes else { return Ok(None) };
    let reader =
        Reader::from_source(bytes).map_err(|e| IpLookupsError::Unreadable { parameter, message: e.to_string() })?;
    let found = &reader.metadata().database_type;
    if !found.contains(expected) {
        return Err(IpLookupsError::WrongType { parameter, found: found.clone(), expected });
    }
    Ok(Some(reader))
}

/// Everything the lookups found for one address.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IpInfo {
    /// geo_country.
    pub country: Option<String>,
    /// geo_region.
    pub region: Option<String>,
    /// geo_city.
    pub city: Option<String>,
    /// geo_zipcode.
    pub zipcode: Option<String>,
    /// geo_latitude (Java `Float.toString`).
    pub latitude: Option<String>,
    /// geo_longitude.
    pub longitude: Option<String>,
    /// geo_region_name.
    pub region_name: Option<String>,
    /// geo_timezone.
    pub timezone: Option<String>,
    /// ip_isp.
    pub isp: Option<String>,
    /// ip_organization.
    pub organization: Option<String>,
    /// ip_domain.
    pub domain: Option<String>,
    /// ip_netspeed.
    pub netspeed: Option<String>,
    /// The `asn` context.
    pub asn: Option<Value>,
}

/// `java.lang.Float.toString` of `value` narrowed to a float, as Snowplow writes coordinates.
fn java_float(value: f64) -> String {
    let value = value as f32;
    let magnitude = value.abs();
    if value == 0.0 || (1e-3..1e7).contains(&magnitude) {
        let text = value.to_string();
        if text.contains('.') { text } else { format!("{text}.0") }
    } else {
        // Java's computerized scientific notation: `1.0E-4`, `1.2345E7`.
        let text = format!("{value:e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let mantissa = if mantissa.contains('.') { mantissa.to_owned() } else { format!("{mantissa}.0") };
        format!("{mantissa}E{exponent}")
    }
}

/// Distinguishes instances so a thread's cache never serves another instance's results.
static NEXT_INSTANCE: AtomicU64 = AtomicU64::new(1);

/// The `ip_lookups` enrichment.
pub struct IpLookups {
    geo: Option<Reader<Vec<u8>>>,
    isp: Option<Reader<Vec<u8>>>,
    domain: Option<Reader<Vec<u8>>>,
    connection_type: Option<Reader<Vec<u8>>>,
    asn: Option<Reader<Vec<u8>>>,
    instance: u64,
}

impl std::fmt::Debug for IpLookups {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IpLookups")
            .field("geo", &self.geo.is_some())
            .field("isp", &self.isp.is_some())
            .field("domain", &self.domain.is_some())
            .field("connection_type", &self.connection_type.is_some())
            .field("asn", &self.asn.is_some())
            .finish()
    }
}

thread_local! {
    static CACHE: RefCell<GenerationalCache<Arc<IpInfo>>> = RefCell::new(GenerationalCache::new(CACHE_GENERATION_SIZE));
}

impl IpLookups {
    /// Builds the enrichment from the config's `parameters` (each key's `uri`/`database` is
    /// the framework's business) and the databases it loaded. Each database's own type is
    /// checked against the key it was given under.
    pub fn from_parts(_parameters: &Value, databases: IpDatabases) -> Result<IpLookups, IpLookupsError> {
        let lookups = IpLookups {
            geo: open("geo", databases.geo, "City")?,
            isp: open("isp", databases.isp, "ISP")?,
            domain: open("domain", databases.domain, "Domain")?,
            connection_type: open("connectionType", databases.connection_type, "Connection-Type")?,
            asn: open("asn", databases.asn, "ASN")?,
            instance: NEXT_INSTANCE.fetch_add(1, Ordering::Relaxed),
        };
        if lookups.geo.is_none()
            && lookups.isp.is_none()
            && lookups.domain.is_none()
            && lookups.connection_type.is_none()
            && lookups.asn.is_none()
        {
            return Err(IpLookupsError::Empty);
        }
        Ok(lookups)
    }

    /// Looks `ip` up in every database (uncached). An address with a port (`1.2.3.4:8080`,
    /// `[::1]:80`) is looked up without it, as Enrich does; an unparsable one finds nothing.
    pub fn lookup(&self, ip: &str) -> IpInfo {
        let mut info = IpInfo::default();
        let Some(address) = parse_address(ip) else { return info };
        let owned = |s: Option<&str>| s.map(str::to_owned);
        if let Some(city) = decode::<geoip2::City<'_>>(&self.geo, address) {
            let subdivision = city.subdivisions.last();
            info.country = owned(city.country.iso_code);
            info.region = owned(subdivision.and_then(|s| s.iso_code));
            info.city = owned(city.city.names.english);
            info.zipcode = owned(city.postal.code);
            info.latitude = city.location.latitude.map(java_float);
            info.longitude = city.location.longitude.map(java_float);
            info.region_name = owned(subdivision.and_then(|s| s.names.english));
            info.timezone = owned(city.location.time_zone);
        }
        if let Some(isp) = decode::<geoip2::Isp<'_>>(&self.isp, address) {
            info.isp = owned(isp.isp);
            info.organization = owned(isp.organization);
        }
        if let Some(domain) = decode::<geoip2::Domain<'_>>(&self.domain, address) {
            info.domain = owned(domain.domain);
        }
        if let Some(connection) = decode::<geoip2::ConnectionType<'_>>(&self.connection_type, address) {
            info.netspeed = owned(connection.connection_type);
        }
        if let Some(asn) = decode::<geoip2::Asn<'_>>(&self.asn, address)
            && let Some(number) = asn.autonomous_system_number
        {
            info.asn = Some(json!({
                "schema": ASN_CONTEXT_SCHEMA,
                "data": {"number": number, "organization": asn.autonomous_system_organization},
            }));
        }
        info
    }

    /// [`IpLookups::lookup`] through this thread's cache.
    pub fn lookup_cached(&self, ip: &str) -> Arc<IpInfo> {
        CACHE.with_borrow_mut(|cache| {
            cache.claim(self.instance);
            cache.get_or_insert(ip, || Arc::new(self.lookup(ip)))
        })
    }
}

/// The address in `text`, ignoring a port.
fn parse_address(text: &str) -> Option<IpAddr> {
    let text = text.trim();
    text.parse::<IpAddr>().ok().or_else(|| text.parse::<std::net::SocketAddr>().ok().map(|s| s.ip()))
}

/// The record for `address` in `reader`, if any; errors count as "not found".
fn decode<'a, T: serde::Deserialize<'a>>(reader: &'a Option<Reader<Vec<u8>>>, address: IpAddr) -> Option<T> {
    reader.as_ref()?.lookup(address).ok()?.decode::<T>().ok()?
}

impl EnrichmentStep for IpLookups {
    fn apply(&self, _input: &EventInput<'_>, event: &mut EnrichedEvent, output: &mut StepOutput) {
        let Some(ip) = event.get(Field::UserIpaddress) else { return };
        let info = self.lookup_cached(ip);
        let columns = [
            (Field::GeoCountry, &info.country),
            (Field::GeoRegion, &info.region),
            (Field::GeoCity, &info.city),
            (Field::GeoZipcode, &info.zipcode),
            (Field::GeoLatitude, &info.latitude),
            (Field::GeoLongitude, &info.longitude),
            (Field::GeoRegionName, &info.region_name),
            (Field::GeoTimezone, &info.timezone),
            (Field::IpIsp, &info.isp),
            (Field::IpOrganization, &info.organization),
            (Field::IpDomain, &info.domain),
            (Field::IpNetspeed, &info.netspeed),
        ];
        for (field, value) in columns {
            if let Some(value) = value {
                event.set(field, value);
            }
        }
        if let Some(asn) = &info.asn {
            output.derived_contexts.push(asn.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_are_written_as_java_floats() {
        assert_eq!(java_float(47.2513), "47.2513");
        assert_eq!(java_float(-122.3149), "-122.3149");
        assert_eq!(java_float(51.0), "51.0");
        assert_eq!(java_float(0.0), "0.0");
        assert_eq!(java_float(0.0001), "1.0E-4");
    }

    #[test]
    fn ports_are_ignored() {
        assert_eq!(parse_address("216.160.83.56:8080"), Some("216.160.83.56".parse().unwrap()));
        assert_eq!(parse_address("[2001:db8::1]:443"), Some("2001:db8::1".parse().unwrap()));
        assert_eq!(parse_address(" 2001:db8::1 "), Some("2001:db8::1".parse().unwrap()));
        assert_eq!(parse_address("unknown"), None);
    }

    #[test]
    fn garbage_is_not_a_database() {
        let bad =
            IpLookups::from_parts(&Value::Null, IpDatabases { geo: Some(b"nope".to_vec()), ..IpDatabases::default() });
        assert!(matches!(bad, Err(IpLookupsError::Unreadable { parameter: "geo", .. })), "{bad:?}");
        assert!(matches!(IpLookups::from_parts(&Value::Null, IpDatabases::default()), Err(IpLookupsError::Empty)));
    }
}
