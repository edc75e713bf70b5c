// Sends a fixed set of events with Snowplow's Node tracker (npm `@snowplow/node-tracker`) to a collector.
//
// Usage: node node_tracker.js http://127.0.0.1:PORT
//
// Used by tests/enrich_trackers.rs. Four trackers (GET and POST, base64 on and off) each send a
// page view, a structured event and a self-describing event with context entities. The script
// flushes, then prints to stdout a JSON list with one object per event:
//
//     {tracker, config, method, base64, useragent,
//      sent: the values given to the tracker API,
//      wire: the tracker-protocol parameters the tracker reports sending (its success callback;
//            the GET `stm` is added to the URL later and is not among them)}
//
// It exits non-zero if any request failed.
'use strict';

const {
  newTracker,
  buildPageView,
  buildStructEvent,
  buildSelfDescribingEvent,
  version,
} = require('@snowplow/node-tracker');

const USER_AGENT = `snowplowctl-test node-tracker/${version} (Node.js ${process.version}; ${process.platform})`;
const CUSTOMER = 'iglu:com.snowplowctl.test/customer/jsonschema/1-0-0';
const EXPERIMENT = 'iglu:com.snowplowctl.test/experiment/jsonschema/1-0-0';
const CHECKOUT = 'iglu:com.snowplowctl.test/checkout/jsonschema/1-0-0';
const SESSION_ID = '0b9e8d7c-6a5f-4e3d-9c2b-1a0f9e8d7c6b';

// The events one tracker sends: each value names its config so every event is unique.
function eventsFor(config) {
  const customer = {
    schema: CUSTOMER,
    data: { customerId: `cust-${config}`, tier: 'member', newsletter: false, tags: ['matcha', 'größe-L'] },
  };
  const experiment = { schema: EXPERIMENT, data: { name: 'free-shipping', variant: 'control', share: 0.5 } };
  const checkout = {
    schema: CHECKOUT,
    data: {
      orderId: `ORD-${config}-0002`,
      total: 18,
      currency: 'GBP',
      giftMessage: null,
      lines: [{ sku: 'MAT-030', quantity: 3 }],
    },
  };
  return [
    {
      event: 'page_view',
      page_url: `http://localhost:8080/tea/matcha;jsessionid=A1B2?grade=ceremonial&ref=${config}#/brew?step=2`,
      page_title: `Matcha — "ceremonial" 30 g + whisk; 5% off ✓ ${config}`,
      page_referrer: `https://news.example.net/article/42?utm_source=${config}&x=a%2Fb`,
      contexts: [customer, experiment],
    },
    {
      event: 'struct',
      se_category: 'video',
      se_action: 'play',
      se_label: 'How to whisk matcha (2:30) #tutorial',
      se_property: `node ${config}`,
      se_value: 3,
      contexts: [customer],
    },
    {
      event: 'unstruct',
      unstruct_event: checkout,
      contexts: [experiment],
      true_tstamp: 1794999998456,
    },
  ];
}

function build(sent) {
  switch (sent.event) {
    case 'page_view':
      return buildPageView({ pageUrl: sent.page_url, pageTitle: sent.page_title, referrer: sent.page_referrer });
    case 'struct':
      return buildStructEvent({
        category: sent.se_category,
        action: sent.se_action,
        label: sent.se_label,
        property: sent.se_property,
        value: sent.se_value,
      });
    default:
      return buildSelfDescribingEvent({ event: sent.unstruct_event });
  }
}

async function main() {
  if (process.argv.length !== 3) {
    console.error('usage: node node_tracker.js http://127.0.0.1:PORT');
    process.exit(2);
  }
  const endpoint = process.argv[2];
  const wireByEid = new Map();
  const failures = [];
  const output = [];

  for (const method of ['get', 'post']) {
    for (const base64 of [true, false]) {
      const config = `node-${method}-${base64 ? 'b64' : 'plain'}`;
      const tracker = newTracker(
        { namespace: config, appId: 'snowplowctl-test-node', encodeBase64: base64 },
        {
          endpoint,
          eventMethod: method,
          bufferSize: 10,
          customHeaders: { 'User-Agent': USER_AGENT },
          retryFailedRequests: false,
          onRequestSuccess: (batch) => {
            for (const payload of batch) {
              const wire = {};
              for (const [key, value] of Object.entries(payload)) wire[key] = String(value);
              wireByEid.set(wire.eid, wire);
            }
          },
          onRequestFailure: (failure) => failures.push(failure),
        },
      );
      tracker.setPlatform('mob');
      tracker.setUserId(`Zoë app-user ${config}`);
      tracker.setDomainUserId(`duid-${config}`);
      tracker.setSessionId(SESSION_ID);
      tracker.setSessionIndex(7);
      tracker.setLang('en-GB');
      tracker.setTimezone('Europe/London');
      tracker.setScreenResolution('1170', '2532');
      tracker.setViewport('390', '844');
      tracker.setColorDepth('24');
      for (const sent of eventsFor(config)) {
        // A true timestamp replaces the device timestamp (`dtm`) in the Node tracker.
        const timestamp = sent.true_tstamp === undefined ? undefined : { type: 'ttm', value: sent.true_tstamp };
        const payload = tracker.track(build(sent), sent.contexts, timestamp);
        Object.assign(sent, {
          app_id: 'snowplowctl-test-node',
          platform: 'mob',
          name_tracker: config,
          user_id: `Zoë app-user ${config}`,
          domain_userid: `duid-${config}`,
          domain_sessionid: SESSION_ID,
          domain_sessionidx: 7,
          br_lang: 'en-GB',
          os_timezone: 'Europe/London',
          dvce_screenwidth: 1170,
          dvce_screenheight: 2532,
          br_viewwidth: 390,
          br_viewheight: 844,
          br_colordepth: '24',
        });
        output.push({ tracker: 'node', config, method, base64, useragent: USER_AGENT, eid: payload.eid, sent });
      }
      await tracker.flush();
    }
  }

  // The tracker calls onRequestSuccess from a timer after the request completes, so a flushed
  // tracker may still owe callbacks: wait for them (bounded).
  const deadline = Date.now() + 5000;
  while (output.some((item) => !wireByEid.has(item.eid)) && failures.length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  if (failures.length > 0) {
    console.error(`node tracker: ${failures.length} request(s) failed: ${JSON.stringify(failures)}`);
    process.exit(1);
  }
  for (const item of output) {
    const wire = wireByEid.get(item.eid);
    if (wire === undefined) {
      console.error(`node tracker: no success callback for event ${item.eid}`);
      process.exit(1);
    }
    delete item.eid;
    item.wire = wire;
  }
  process.stdout.write(JSON.stringify(output, null, 1) + '\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
