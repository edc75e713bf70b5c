"""Sends a fixed set of events with Snowplow's Python tracker (PyPI `snowplow-tracker`) to a collector.

Usage: python_tracker.py http://127.0.0.1:PORT

Used by tests/enrich_trackers.rs. Four trackers (GET and POST, base64 on and off) each send a
page view, a structured event and a self-describing event with context entities. The script
flushes, then prints to stdout a JSON list with one object per event:

    {"tracker", "config", "method", "base64", "useragent",
     "sent": the values given to the tracker API,
     "wire": the tracker-protocol parameters the tracker put on the wire (from its success callback)}

It exits non-zero if any request failed.
"""

import json
import sys

import requests
from snowplow_tracker import Emitter, SelfDescribingJson, Subject, Tracker
from snowplow_tracker import __version__ as TRACKER_VERSION
from snowplow_tracker.events import PageView, SelfDescribing, StructuredEvent

USER_AGENT = f"snowplowctl-test python-tracker/{TRACKER_VERSION} (Linux; x86_64) requests/{requests.__version__}"
CUSTOMER = "iglu:com.snowplowctl.test/customer/jsonschema/1-0-0"
EXPERIMENT = "iglu:com.snowplowctl.test/experiment/jsonschema/1-0-0"
CHECKOUT = "iglu:com.snowplowctl.test/checkout/jsonschema/1-0-0"
SESSION_ID = "7c1d3e5f-9a2b-4c6d-8e0f-1a2b3c4d5e6f"


def entity(schema, data):
    return {"schema": schema, "data": data}


def events_for(config):
    """The events one tracker sends: each value names its config so every event is unique."""
    customer = entity(
        CUSTOMER,
        {"customerId": f"cust-{config}", "tier": "gold", "newsletter": True, "tags": ["tea", "früh"]},
    )
    experiment = entity(EXPERIMENT, {"name": "basket-colour", "variant": "treatment", "share": 0.25})
    checkout = entity(
        CHECKOUT,
        {
            "orderId": f"ORD-{config}-0001",
            "total": 41.9,
            "currency": "EUR",
            "giftMessage": "Für dich ❤ — 100% \"bio\" & <fair>",
            "lines": [{"sku": "SEN-050", "quantity": 2}, {"sku": "MAT-030", "quantity": 1}],
        },
    )
    return [
        {
            "event": "page_view",
            "page_url": f"https://shop.example.com/tea/sencha?size=50g&q=gr%C3%BCner%20tee&ref={config}#reviews",
            "page_title": f"Sencha – 50 g & more (100% leaf) ☕ {config}",
            "page_referrer": f"https://search.example.org/find?q=green+tea&src={config}",
            "contexts": [customer],
        },
        {
            "event": "struct",
            "se_category": "basket",
            "se_action": "add-item",
            "se_label": "SEN-050 / 50 g;\tqty=2 & gift=yes\r\n(second line)",
            "se_property": f"python {config}",
            "se_value": 12.5,
            "contexts": [experiment],
        },
        {
            "event": "unstruct",
            "unstruct_event": checkout,
            "contexts": [customer, experiment],
            "true_tstamp": 1794999999123,
        },
    ]


def build(sent):
    contexts = [SelfDescribingJson(c["schema"], c["data"]) for c in sent.get("contexts", [])]
    if sent["event"] == "page_view":
        return PageView(
            page_url=sent["page_url"],
            page_title=sent["page_title"],
            referrer=sent["page_referrer"],
            context=contexts,
        )
    if sent["event"] == "struct":
        return StructuredEvent(
            category=sent["se_category"],
            action=sent["se_action"],
            label=sent["se_label"],
            property_=sent["se_property"],
            value=sent["se_value"],
            context=contexts,
        )
    event = sent["unstruct_event"]
    return SelfDescribing(
        SelfDescribingJson(event["schema"], event["data"]),
        context=contexts,
        true_timestamp=sent["true_tstamp"],
    )


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: python_tracker.py http://127.0.0.1:PORT")
    endpoint = sys.argv[1]
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT

    wire_by_eid = {}
    failures = []

    def on_success(payloads):
        for payload in payloads:
            wire_by_eid[str(payload["eid"])] = {k: str(v) for k, v in payload.items()}

    def on_failure(sent_count, payloads):
        failures.extend(payloads)

    output = []
    for method in ("get", "post"):
        for base64 in (True, False):
            config = f"py-{method}-{'b64' if base64 else 'plain'}"
            emitter = Emitter(
                endpoint,
                method=method,
                on_success=on_success,
                on_failure=on_failure,
                request_timeout=10,
                session=session,
            )
            subject = (
                Subject()
                .set_platform("web")
                .set_user_id(f"shopper+{config}@example.com")
                .set_domain_user_id(f"duid-{config}")
                .set_domain_session_id(SESSION_ID)
                .set_domain_session_index(3)
                .set_lang("de-DE")
                .set_timezone("Europe/Berlin")
                .set_screen_resolution(2560, 1440)
                .set_viewport(1280, 720)
                .set_color_depth(30)
            )
            tracker = Tracker(
                namespace=config,
                emitters=emitter,
                subject=subject,
                app_id="snowplowctl-test-python",
                encode_base64=base64,
            )
            for sent in events_for(config):
                eid = tracker.track(build(sent))
                sent.update(
                    {
                        "app_id": "snowplowctl-test-python",
                        "platform": "web",
                        "name_tracker": config,
                        "user_id": f"shopper+{config}@example.com",
                        "domain_userid": f"duid-{config}",
                        "domain_sessionid": SESSION_ID,
                        "domain_sessionidx": 3,
                        "br_lang": "de-DE",
                        "os_timezone": "Europe/Berlin",
                        "dvce_screenwidth": 2560,
                        "dvce_screenheight": 1440,
                        "br_viewwidth": 1280,
                        "br_viewheight": 720,
                        "br_colordepth": "30",
                    }
                )
                output.append(
                    {
                        "tracker": "python",
                        "config": config,
                        "method": method,
                        "base64": base64,
                        "useragent": USER_AGENT,
                        "eid": eid,
                        "sent": sent,
                    }
                )
            tracker.flush()

    if failures:
        sys.exit(f"python tracker: {len(failures)} event(s) were not accepted by the collector")
    for item in output:
        eid = item.pop("eid")
        if eid not in wire_by_eid:
            sys.exit(f"python tracker: no success callback for event {eid}")
        item["wire"] = wire_by_eid[eid]
    json.dump(output, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
