//! The enriched event: the 131 atomic columns, and the TSV line they make.
//!
//! Values live in one text buffer per event (each column is a span of it), so filling an event
//! allocates nothing once the buffer has grown, and writing the TSV line is one copy per column.

use serde_json::{Map, Value};

/// How many columns an enriched event has.
pub const FIELD_COUNT: usize = 131;

/// Every enriched-event column, in TSV order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Field {
    /// `app_id`
    AppId,
    /// `platform`
    Platform,
    /// `etl_tstamp`
    EtlTstamp,
    /// `collector_tstamp`
    CollectorTstamp,
    /// `dvce_created_tstamp`
    DvceCreatedTstamp,
    /// `event`
    Event,
    /// `event_id`
    EventId,
    /// `txn_id`
    TxnId,
    /// `name_tracker`
    NameTracker,
    /// `v_tracker`
    VTracker,
    /// `v_collector`
    VCollector,
    /// `v_etl`
    VEtl,
    /// `user_id`
    UserId,
    /// `user_ipaddress`
    UserIpaddress,
    /// `user_fingerprint`
    UserFingerprint,
    /// `domain_userid`
    DomainUserid,
    /// `domain_sessionidx`
    DomainSessionidx,
    /// `network_userid`
    NetworkUserid,
    /// `geo_country`
    GeoCountry,
    /// `geo_region`
    GeoRegion,
    /// `geo_city`
    GeoCity,
    /// `geo_zipcode`
    GeoZipcode,
    /// `geo_latitude`
    GeoLatitude,
    /// `geo_longitude`
    GeoLongitude,
    /// `geo_region_name`
    GeoRegionName,
    /// `ip_isp`
    IpIsp,
    /// `ip_organization`
    IpOrganization,
    /// `ip_domain`
    IpDomain,
    /// `ip_netspeed`
    IpNetspeed,
    /// `page_url`
    PageUrl,
    /// `page_title`
    PageTitle,
    /// `page_referrer`
    PageReferrer,
    /// `page_urlscheme`
    PageUrlscheme,
    /// `page_urlhost`
    PageUrlhost,
    /// `page_urlport`
    PageUrlport,
    /// `page_urlpath`
    PageUrlpath,
    /// `page_urlquery`
    PageUrlquery,
    /// `page_urlfragment`
    PageUrlfragment,
    /// `refr_urlscheme`
    RefrUrlscheme,
    /// `refr_urlhost`
    RefrUrlhost,
    /// `refr_urlport`
    RefrUrlport,
    /// `refr_urlpath`
    RefrUrlpath,
    /// `refr_urlquery`
    RefrUrlquery,
    /// `refr_urlfragment`
    RefrUrlfragment,
    /// `refr_medium`
    RefrMedium,
    /// `refr_source`
    RefrSource,
    /// `refr_term`
    RefrTerm,
    /// `mkt_medium`
    MktMedium,
    /// `mkt_source`
    MktSource,
    /// `mkt_term`
    MktTerm,
    /// `mkt_content`
    MktContent,
    /// `mkt_campaign`
    MktCampaign,
    /// `contexts`
    Contexts,
    /// `se_category`
    SeCategory,
    /// `se_action`
    SeAction,
    /// `se_label`
    SeLabel,
    /// `se_property`
    SeProperty,
    /// `se_value`
    SeValue,
    /// `unstruct_event`
    UnstructEvent,
    /// `tr_orderid`
    TrOrderid,
    /// `tr_affiliation`
    TrAffiliation,
    /// `tr_total`
    TrTotal,
    /// `tr_tax`
    TrTax,
    /// `tr_shipping`
    TrShipping,
    /// `tr_city`
    TrCity,
    /// `tr_state`
    TrState,
    /// `tr_country`
    TrCountry,
    /// `ti_orderid`
    TiOrderid,
    /// `ti_sku`
    TiSku,
    /// `ti_name`
    TiName,
    /// `ti_category`
    TiCategory,
    /// `ti_price`
    TiPrice,
    /// `ti_quantity`
    TiQuantity,
    /// `pp_xoffset_min`
    PpXoffsetMin,
    /// `pp_xoffset_max`
    PpXoffsetMax,
    /// `pp_yoffset_min`
    PpYoffsetMin,
    /// `pp_yoffset_max`
    PpYoffsetMax,
    /// `useragent`
    Useragent,
    /// `br_name`
    BrName,
    /// `br_family`
    BrFamily,
    /// `br_version`
    BrVersion,
    /// `br_type`
    BrType,
    /// `br_renderengine`
    BrRenderengine,
    /// `br_lang`
    BrLang,
    /// `br_features_pdf`
    BrFeaturesPdf,
    /// `br_features_flash`
    BrFeaturesFlash,
    /// `br_features_java`
    BrFeaturesJava,
    /// `br_features_director`
    BrFeaturesDirector,
    /// `br_features_quicktime`
    BrFeaturesQuicktime,
    /// `br_features_realplayer`
    BrFeaturesRealplayer,
    /// `br_features_windowsmedia`
    BrFeaturesWindowsmedia,
    /// `br_features_gears`
    BrFeaturesGears,
    /// `br_features_silverlight`
    BrFeaturesSilverlight,
    /// `br_cookies`
    BrCookies,
    /// `br_colordepth`
    BrColordepth,
    /// `br_viewwidth`
    BrViewwidth,
    /// `br_viewheight`
    BrViewheight,
    /// `os_name`
    OsName,
    /// `os_family`
    OsFamily,
    /// `os_manufacturer`
    OsManufacturer,
    /// `os_timezone`
    OsTimezone,
    /// `dvce_type`
    DvceType,
    /// `dvce_ismobile`
    DvceIsmobile,
    /// `dvce_screenwidth`
    DvceScreenwidth,
    /// `dvce_screenheight`
    DvceScreenheight,
    /// `doc_charset`
    DocCharset,
    /// `doc_width`
    DocWidth,
    /// `doc_height`
    DocHeight,
    /// `tr_currency`
    TrCurrency,
    /// `tr_total_base`
    TrTotalBase,
    /// `tr_tax_base`
    TrTaxBase,
    /// `tr_shipping_base`
    TrShippingBase,
    /// `ti_currency`
    TiCurrency,
    /// `ti_price_base`
    TiPriceBase,
    /// `base_currency`
    BaseCurrency,
    /// `geo_timezone`
    GeoTimezone,
    /// `mkt_clickid`
    MktClickid,
    /// `mkt_network`
    MktNetwork,
    /// `etl_tags`
    EtlTags,
    /// `dvce_sent_tstamp`
    DvceSentTstamp,
    /// `refr_domain_userid`
    RefrDomainUserid,
    /// `refr_dvce_tstamp`
    RefrDvceTstamp,
    /// `derived_contexts`
    DerivedContexts,
    /// `domain_sessionid`
    DomainSessionid,
    /// `derived_tstamp`
    DerivedTstamp,
    /// `event_vendor`
    EventVendor,
    /// `event_name`
    EventName,
    /// `event_format`
    EventFormat,
    /// `event_version`
    EventVersion,
    /// `event_fingerprint`
    EventFingerprint,
    /// `true_tstamp`
    TrueTstamp,
}

/// The column names, in TSV order.
pub static FIELD_NAMES: [&str; FIELD_COUNT] = [
    "app_id",
    "platform",
    "etl_tstamp",
    "collector_tstamp",
    "dvce_created_tstamp",
    "event",
    "event_id",
    "txn_id",
    "name_tracker",
    "v_tracker",
    "v_collector",
    "v_etl",
    "user_id",
    "user_ipaddress",
    "user_fingerprint",
    "domain_userid",
    "domain_sessionidx",
    "network_userid",
    "geo_country",
    "geo_region",
    "geo_city",
    "geo_zipcode",
    "geo_latitude",
    "geo_longitude",
    "geo_region_name",
    "ip_isp",
    "ip_organization",
    "ip_domain",
    "ip_netspeed",
    "page_url",
    "page_title",
    "page_referrer",
    "page_urlscheme",
    "page_urlhost",
    "page_urlport",
    "page_urlpath",
    "page_urlquery",
    "page_urlfragment",
    "refr_urlscheme",
    "refr_urlhost",
    "refr_urlport",
    "refr_urlpath",
    "refr_urlquery",
    "refr_urlfragment",
    "refr_medium",
    "refr_source",
    "refr_term",
    "mkt_medium",
    "mkt_source",
    "mkt_term",
    "mkt_content",
    "mkt_campaign",
    "contexts",
    "se_category",
    "se_action",
    "se_label",
    "se_property",
    "se_value",
    "unstruct_event",
    "tr_orderid",
    "tr_affiliation",
    "tr_total",
    "tr_tax",
    "tr_shipping",
    "tr_city",
    "tr_state",
    "tr_country",
    "ti_orderid",
    "ti_sku",
    "ti_name",
    "ti_category",
    "ti_price",
    "ti_quantity",
    "pp_xoffset_min",
    "pp_xoffset_max",
    "pp_yoffset_min",
    "pp_yoffset_max",
    "useragent",
    "br_name",
    "br_family",
    "br_version",
    "br_type",
    "br_renderengine",
    "br_lang",
    "br_features_pdf",
    "br_features_flash",
    "br_features_java",
    "br_features_director",
    "br_features_quicktime",
    "br_features_realplayer",
    "br_features_windowsmedia",
    "br_features_gears",
    "br_features_silverlight",
    "br_cookies",
    "br_colordepth",
    "br_viewwidth",
    "br_viewheight",
    "os_name",
    "os_family",
    "os_manufacturer",
    "os_timezone",
    "dvce_type",
    "dvce_ismobile",
    "dvce_screenwidth",
    "dvce_screenheight",
    "doc_charset",
    "doc_width",
    "doc_height",
    "tr_currency",
    "tr_total_base",
    "tr_tax_base",
    "tr_shipping_base",
    "ti_currency",
    "ti_price_base",
    "base_currency",
    "geo_timezone",
    "mkt_clickid",
    "mkt_network",
    "etl_tags",
    "dvce_sent_tstamp",
    "refr_domain_userid",
    "refr_dvce_tstamp",
    "derived_contexts",
    "domain_sessionid",
    "derived_tstamp",
    "event_vendor",
    "event_name",
    "event_format",
    "event_version",
    "event_fingerprint",
    "true_tstamp",
];

/// How a column's value is typed in JSON (bad rows) and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Text (timestamps and decimals included).
    Text,
    /// A 32-bit integer.
    Integer,
    /// A floating-point number.
    Float,
}

impl Field {
    /// Every column, in TSV order.
    pub const ALL: [Field; FIELD_COUNT] = [
        Field::AppId,
        Field::Platform,
        Field::EtlTstamp,
        Field::CollectorTstamp,
        Field::DvceCreatedTstamp,
        Field::Event,
        Field::EventId,
        Field::TxnId,
        Field::NameTracker,
        Field::VTracker,
        Field::VCollector,
        Field::VEtl,
        Field::UserId,
        Field::UserIpaddress,
        Field::UserFingerprint,
        Field::DomainUserid,
        Field::DomainSessionidx,
        Field::NetworkUserid,
        Field::GeoCountry,
        Field::GeoRegion,
        Field::GeoCity,
        Field::GeoZipcode,
        Field::GeoLatitude,
        Field::GeoLongitude,
        Field::GeoRegionName,
        Field::IpIsp,
        Field::IpOrganization,
        Field::IpDomain,
        Field::IpNetspeed,
        Field::PageUrl,
        Field::PageTitle,
        Field::PageReferrer,
        Field::PageUrlscheme,
        Field::PageUrlhost,
        Field::PageUrlport,
        Field::PageUrlpath,
        Field::PageUrlquery,
        Field::PageUrlfragment,
        Field::RefrUrlscheme,
        Field::RefrUrlhost,
        Field::RefrUrlport,
        Field::RefrUrlpath,
        Field::RefrUrlquery,
        Field::RefrUrlfragment,
        Field::RefrMedium,
        Field::RefrSource,
        Field::RefrTerm,
        Field::MktMedium,
        Field::MktSource,
        Field::MktTerm,
        Field::MktContent,
        Field::MktCampaign,
        Field::Contexts,
        Field::SeCategory,
        Field::SeAction,
        Field::SeLabel,
        Field::SeProperty,
        Field::SeValue,
        Field::UnstructEvent,
        Field::TrOrderid,
        Field::TrAffiliation,
        Field::TrTotal,
        Field::TrTax,
        Field::TrShipping,
        Field::TrCity,
        Field::TrState,
        Field::TrCountry,
        Field::TiOrderid,
        Field::TiSku,
        Field::TiName,
        Field::TiCategory,
        Field::TiPrice,
        Field::TiQuantity,
        Field::PpXoffsetMin,
        Field::PpXoffsetMax,
        Field::PpYoffsetMin,
        Field::PpYoffsetMax,
        Field::Useragent,
        Field::BrName,
        Field::BrFamily,
        Field::BrVersion,
        Field::BrType,
        Field::BrRenderengine,
        Field::BrLang,
        Field::BrFeaturesPdf,
        Field::BrFeaturesFlash,
        Field::BrFeaturesJava,
        Field::BrFeaturesDirector,
        Field::BrFeaturesQuicktime,
        Field::BrFeaturesRealplayer,
        Field::BrFeaturesWindowsmedia,
        Field::BrFeaturesGears,
        Field::BrFeaturesSilverlight,
        Field::BrCookies,
        Field::BrColordepth,
        Field::BrViewwidth,
        Field::BrViewheight,
        Field::OsName,
        Field::OsFamily,
        Field::OsManufacturer,
        Field::OsTimezone,
        Field::DvceType,
        Field::DvceIsmobile,
        Field::DvceScreenwidth,
        Field::DvceScreenheight,
        Field::DocCharset,
        Field::DocWidth,
        Field::DocHeight,
        Field::TrCurrency,
        Field::TrTotalBase,
        Field::TrTaxBase,
        Field::TrShippingBase,
        Field::TiCurrency,
        Field::TiPriceBase,
        Field::BaseCurrency,
        Field::GeoTimezone,
        Field::MktClickid,
        Field::MktNetwork,
        Field::EtlTags,
        Field::DvceSentTstamp,
        Field::RefrDomainUserid,
        Field::RefrDvceTstamp,
        Field::DerivedContexts,
        Field::DomainSessionid,
        Field::DerivedTstamp,
        Field::EventVendor,
        Field::EventName,
        Field::EventFormat,
        Field::EventVersion,
        Field::EventFingerprint,
        Field::TrueTstamp,
    ];

    /// The column's name, e.g. `app_id`.
    pub fn name(self) -> &'static str {
        FIELD_NAMES[self as usize]
    }

    /// The column's JSON type.
    pub fn field_type(self) -> FieldType {
        match self {
            Field::DomainSessionidx
            | Field::PageUrlport
            | Field::RefrUrlport
            | Field::TiQuantity
            | Field::PpXoffsetMin
            | Field::PpXoffsetMax
            | Field::PpYoffsetMin
            | Field::PpYoffsetMax
            | Field::BrFeaturesPdf
            | Field::BrFeaturesFlash
            | Field::BrFeaturesJava
            | Field::BrFeaturesDirector
            | Field::BrFeaturesQuicktime
            | Field::BrFeaturesRealplayer
            | Field::BrFeaturesWindowsmedia
            | Field::BrFeaturesGears
            | Field::BrFeaturesSilverlight
            | Field::BrCookies
            | Field::BrViewwidth
            | Field::BrViewheight
            | Field::DvceIsmobile
            | Field::DvceScreenwidth
            | Field::DvceScreenheight
            | Field::DocWidth
            | Field::DocHeight => FieldType::Integer,
            Field::GeoLatitude | Field::GeoLongitude => FieldType::Float,
            _ => FieldType::Text,
        }
    }

    /// The longest value Enrich 6 accepts (UTF-16 code units), for text columns with a limit:
    /// the atomic schema's `maxLength`, with Enrich's larger defaults for page_url,
    /// page_referrer and mkt_clickid.
    pub fn max_length(self) -> Option<usize> {
        Some(match self {
            Field::GeoCountry => 2,
            Field::GeoRegion | Field::TrCurrency | Field::TiCurrency | Field::BaseCurrency => 3,
            Field::BrColordepth => 12,
            Field::GeoZipcode => 15,
            Field::PageUrlscheme | Field::RefrUrlscheme => 16,
            Field::RefrMedium => 25,
            Field::EventId => 36,
            Field::RefrSource
            | Field::BrName
            | Field::BrFamily
            | Field::BrVersion
            | Field::BrType
            | Field::BrRenderengine
            | Field::OsName
            | Field::OsFamily
            | Field::OsManufacturer
            | Field::DvceType => 50,
            Field::GeoTimezone | Field::MktNetwork => 64,
            Field::GeoCity => 75,
            Field::VTracker
            | Field::VCollector
            | Field::VEtl
            | Field::GeoRegionName
            | Field::IpIsp
            | Field::IpNetspeed => 100,
            Field::Event
            | Field::NameTracker
            | Field::UserIpaddress
            | Field::UserFingerprint
            | Field::DomainUserid
            | Field::NetworkUserid
            | Field::IpOrganization
            | Field::IpDomain
            | Field::DocCharset
            | Field::RefrDomainUserid
            | Field::DomainSessionid
            | Field::EventFormat
            | Field::EventVersion
            | Field::EventFingerprint => 128,
            Field::AppId
            | Field::Platform
            | Field::UserId
            | Field::PageUrlhost
            | Field::RefrUrlhost
            | Field::RefrTerm
            | Field::MktMedium
            | Field::MktSource
            | Field::MktTerm
            | Field::MktCampaign
            | Field::TrOrderid
            | Field::TrAffiliation
            | Field::TrCity
            | Field::TrState
            | Field::TrCountry
            | Field::TiOrderid
            | Field::TiSku
            | Field::TiName
            | Field::TiCategory
            | Field::BrLang
            | Field::OsTimezone => 255,
            Field::MktContent | Field::EtlTags => 500,
            Field::SeCategory
            | Field::SeAction
            | Field::SeProperty
            | Field::Useragent
            | Field::MktClickid
            | Field::EventVendor
            | Field::EventName => 1000,
            Field::PageTitle => 2000,
            Field::PageUrlpath | Field::PageUrlfragment | Field::RefrUrlfragment => 3000,
            Field::SeLabel => 4096,
            Field::PageUrlquery | Field::RefrUrlpath | Field::RefrUrlquery => 6000,
            Field::PageUrl | Field::PageReferrer => 10000,
            _ => return None,
        })
    }
}

/// One enriched event. Absent and empty values are the same thing: an empty TSV column.
#[derive(Clone)]
pub struct EnrichedEvent {
    text: String,
    spans: [(u32, u32); FIELD_COUNT],
    /// One bit per column set since the last [`clear`](Self::clear) (its value may since have
    /// been emptied): [`write_tsv`](Self::write_tsv) visits only these.
    written: [u64; WRITTEN_WORDS],
}

/// Words of [`EnrichedEvent`]'s `written` bits.
const WRITTEN_WORDS: usize = FIELD_COUNT.div_ceil(64);

impl Default for EnrichedEvent {
    fn default() -> Self {
        EnrichedEvent { text: String::with_capacity(2048), spans: [(0, 0); FIELD_COUNT], written: [0; WRITTEN_WORDS] }
    }
}

impl std::fmt::Debug for EnrichedEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut map = f.debug_map();
        for (i, name) in FIELD_NAMES.iter().enumerate() {
            if let Some(value) = self.get_index(i) {
                map.entry(name, &value);
            }
        }
        map.finish()
    }
}

impl EnrichedEvent {
    /// An empty event.
    pub fn new() -> Self {
        Self::default()
    }

    /// Empties every column, keeping the buffer for reuse.
    pub fn clear(&mut self) {
        self.text.clear();
        self.spans = [(0, 0); FIELD_COUNT];
        self.written = [0; WRITTEN_WORDS];
    }

    /// Records that `field`'s span was set.
    #[inline(always)]
    fn mark(&mut self, field: Field) {
        let index = field as usize;
        self.written[index / 64] |= 1 << (index % 64);
    }

    fn get_index(&self, index: usize) -> Option<&str> {
        let (start, end) = self.spans[index];
        (end > start).then(|| &self.text[start as usize..end as usize])
    }

    /// The column's value, `None` when empty.
    pub fn get(&self, field: Field) -> Option<&str> {
        self.get_index(field as usize)
    }

    /// Whether the column has a value.
    pub fn has(&self, field: Field) -> bool {
        let (start, end) = self.spans[field as usize];
        end > start
    }

    /// Sets the column; an empty value empties it.
    pub fn set(&mut self, field: Field, value: &str) {
        let start = self.text.len();
        self.text.push_str(value);
        self.spans[field as usize] = (start as u32, self.text.len() as u32);
        self.mark(field);
    }

    /// Sets the column to formatted text.
    pub fn set_fmt(&mut self, field: Field, args: std::fmt::Arguments<'_>) {
        use std::fmt::Write as _;
        // Writing to a String cannot fail.
        self.set_with(field, |text| {
            let _ = text.write_fmt(args);
        });
    }

    /// Sets the column to what `write` appends to the event's text (no intermediate String).
    pub fn set_with(&mut self, field: Field, write: impl FnOnce(&mut String)) {
        let start = self.text.len();
        write(&mut self.text);
        self.spans[field as usize] = (start as u32, self.text.len() as u32);
        self.mark(field);
    }

    /// Sets the column to an integer.
    pub fn set_int(&mut self, field: Field, value: i64) {
        // Several per event: itoa skips the formatting machinery.
        self.set(field, itoa::Buffer::new().format(value));
    }

    /// Sets `field` to the byte range `range` of `source`'s value (no copy).
    pub fn set_slice(&mut self, field: Field, source: Field, range: std::ops::Range<usize>) {
        let (start, end) = self.spans[source as usize];
        let from = start as usize + range.start;
        let to = start as usize + range.end;
        debug_assert!(to <= end as usize);
        self.spans[field as usize] = (from as u32, to as u32);
        self.mark(field);
    }

    /// Empties the column.
    pub fn unset(&mut self, field: Field) {
        self.spans[field as usize] = (0, 0);
    }

    /// Appends the TSV line (131 columns, `\n`-terminated) to `out`.
    pub fn write_tsv(&self, out: &mut Vec<u8>) {
        // The line is sized once and filled with tabs, and only the columns set since the last
        // clear are visited (most columns are empty). A value of at most 16 bytes is copied as
        // one 16-byte block when the text has 16 bytes from its start, then the 16 bytes after
        // it are reset to tabs: past the last value written the line is always tabs.
        const BLOCK: usize = 16;
        let bytes = self.text.as_bytes();
        let mut length = FIELD_COUNT;
        self.for_each_written(|_, start, end| length += end - start);
        let line_start = out.len();
        out.resize(line_start + length + BLOCK, b'\t');
        let line = &mut out[line_start..];
        // Bytes of the values before the current column (its tabs are its index).
        let mut before = 0;
        self.for_each_written(|index, start, end| {
            let len = end - start;
            if len == 0 {
                return;
            }
            let at = index + before;
            if len <= BLOCK && start + BLOCK <= bytes.len() {
                line[at..at + BLOCK].copy_from_slice(&bytes[start..start + BLOCK]);
                line[at + len..at + len + BLOCK].copy_from_slice(&[b'\t'; BLOCK]);
            } else {
                line[at..at + len].copy_from_slice(&bytes[start..end]);
            }
            before += len;
        });
        line[length - 1] = b'\n';
        out.truncate(line_start + length);
    }

    /// Calls `visit(index, start, end)` for each column marked written, in column order.
    #[inline(always)]
    fn for_each_written(&self, mut visit: impl FnMut(usize, usize, usize)) {
        for (word, &bits) in self.written.iter().enumerate() {
            let mut bits = bits;
            while bits != 0 {
                let index = word * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let (start, end) = self.spans[index];
                visit(index, start as usize, end as usize);
            }
        }
    }

    /// The event as a JSON object of all 131 columns (`null` when empty), typed as the bad-row
    /// schemas expect: integer columns as numbers, the rest as strings.
    pub fn to_json(&self) -> Value {
        let mut map = Map::with_capacity(FIELD_COUNT);
        for (i, name) in FIELD_NAMES.iter().enumerate() {
            let value = match self.get_index(i) {
                None => Value::Null,
                Some(text) => match FIELD_TYPES[i] {
                    FieldType::Integer => text.parse::<i64>().map_or_else(|_| Value::String(text.into()), Value::from),
                    FieldType::Float => text.parse::<f64>().map_or_else(|_| Value::String(text.into()), Value::from),
                    FieldType::Text => Value::String(text.into()),
                },
            };
            map.insert((*name).to_owned(), value);
        }
        Value::Object(map)
    }

    /// The same object as [`to_json`](Self::to_json), serialised without building it first
    /// (bad rows embed whole events).
    pub fn as_json(&self) -> impl serde::Serialize + '_ {
        EventJson(self)
    }
}

/// Serialises an event as [`EnrichedEvent::to_json`]'s object, value for value.
struct EventJson<'a>(&'a EnrichedEvent);

impl serde::Serialize for EventJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(Some(FIELD_COUNT))?;
        for (i, name) in FIELD_NAMES.iter().enumerate() {
            let Some(text) = self.0.get_index(i) else {
                map.serialize_entry(name, &())?;
                continue;
            };
            match FIELD_TYPES[i] {
                FieldType::Integer => match text.parse::<i64>() {
                    Ok(number) => map.serialize_entry(name, &number)?,
                    Err(_) => map.serialize_entry(name, text)?,
                },
                // `Value::from(f64)` is null for NaN and infinities.
                FieldType::Float => match text.parse::<f64>() {
                    Ok(number) if number.is_finite() => map.serialize_entry(name, &number)?,
                    Ok(_) => map.serialize_entry(name, &())?,
                    Err(_) => map.serialize_entry(name, text)?,
                },
                FieldType::Text => map.serialize_entry(name, text)?,
            }
        }
        map.end()
    }
}

static FIELD_TYPES: [FieldType; FIELD_COUNT] = {
    let mut types = [FieldType::Text; FIELD_COUNT];
    let mut i = 0;
    while i < FIELD_COUNT {
        types[i] = field_type_at(i);
        i += 1;
    }
    types
};

const fn field_type_at(index: usize) -> FieldType {
    match index {
        16 | 34 | 40 | 72..=76 | 84..=93 | 95 | 96 | 102..=104 | 106 | 107 => FieldType::Integer,
        22 | 23 => FieldType::Float,
        _ => FieldType::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_types_line_up() {
        assert_eq!(Field::TrueTstamp as usize, FIELD_COUNT - 1);
        assert_eq!(Field::Contexts.name(), "contexts");
        assert_eq!(Field::UnstructEvent as usize, 58);
        assert_eq!(Field::DerivedContexts as usize, 122);
        for (i, ty) in FIELD_TYPES.iter().enumerate() {
            let field = Field::ALL[i];
            assert_eq!(*ty, field.field_type(), "{}", field.name());
        }
    }

    #[test]
    fn as_json_serialises_like_to_json() {
        let mut event = EnrichedEvent::new();
        event.set(Field::AppId, "shop\t\"x\"");
        event.set(Field::DomainSessionidx, "42");
        event.set(Field::PageUrlport, "-7");
        event.set(Field::TiQuantity, "not a number");
        event.set(Field::GeoLatitude, "12.50");
        event.set(Field::GeoLongitude, "NaN");
        let streamed = serde_json::to_string(&event.as_json()).unwrap();
        assert_eq!(streamed, event.to_json().to_string());
    }

    #[test]
    fn writes_131_columns() {
        let mut event = EnrichedEvent::new();
        event.set(Field::AppId, "shop");
        event.set(Field::TrueTstamp, "x");
        event.set(Field::PageUrl, "http://a/b");
        event.set_slice(Field::PageUrlhost, Field::PageUrl, 7..8);
        event.set_int(Field::PageUrlport, 80);
        let mut out = Vec::new();
        event.write_tsv(&mut out);
        let line = String::from_utf8(out).unwrap();
        let columns: Vec<&str> = line.trim_end_matches('\n').split('\t').collect();
        assert_eq!(columns.len(), FIELD_COUNT);
        assert_eq!((columns[0], columns[33], columns[34], columns[130]), ("shop", "a", "80", "x"));
        let json = event.to_json();
        assert_eq!(json["page_urlport"], 80);
        // Appended after what `out` holds, exactly as joining the columns gives.
        let mut out = b"previous\n".to_vec();
        event.write_tsv(&mut out);
        assert_eq!(out, [&b"previous\n"[..], line.as_bytes()].concat());
        assert_eq!(json["page_title"], Value::Null);
        event.clear();
        assert_eq!(event.get(Field::AppId), None);
    }

    /// Joins the columns one at a time, as the TSV line is defined.
    fn joined(event: &EnrichedEvent) -> Vec<u8> {
        let mut line = Vec::new();
        for i in 0..FIELD_COUNT {
            if i > 0 {
                line.push(b'\t');
            }
            line.extend_from_slice(event.get_index(i).unwrap_or_default().as_bytes());
        }
        line.push(b'\n');
        line
    }

    #[test]
    fn tsv_line_matches_the_columns_for_any_lengths_and_layout() {
        // Values of every length around the block size, set in and out of column order,
        // overwritten, sliced from other columns, and at the very end of the text.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |bound: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % bound) as usize
        };
        let mut event = EnrichedEvent::new();
        let mut out = Vec::new();
        for round in 0..400 {
            event.clear();
            for _ in 0..next(140) {
                let field = Field::ALL[next(FIELD_COUNT as u64)];
                let len = if next(4) == 0 { next(200) } else { next(40) };
                let value: String = (0..len).map(|i| char::from(b'a' + ((i + round) % 26) as u8)).collect();
                event.set(field, &value);
                if next(8) == 0 && len > 2 {
                    event.set_slice(Field::ALL[next(FIELD_COUNT as u64)], field, 1..len - 1);
                }
                if next(16) == 0 {
                    event.unset(field);
                }
            }
            let before = out.len();
            event.write_tsv(&mut out);
            assert_eq!(out[before..], joined(&event)[..], "round {round}");
        }
        let empty = EnrichedEvent::new();
        let mut line = Vec::new();
        empty.write_tsv(&mut line);
        assert_eq!(line, [&[b'\t'; FIELD_COUNT - 1][..], b"\n"].concat());
    }
}
