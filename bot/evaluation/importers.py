"""Convert public dialogue sets into the evaluation log format (``shopbot import-logs``).

* ABCD (``faq/abcd/abcd_sample.json``): clothing-store chats between a customer and a human agent.
  The scenario's flow/subflow becomes the gold intent of the first customer turn that states the
  problem (not a greeting, at least ``MIN_PROBLEM_WORDS`` words), where one of our intents fits (``ABCD_SUBFLOW_INTENTS``); agent "actions" are kept in meta.
* IBM Twitter customer care (``dialogues/ibm_twitter_customer_care/dev.json``): each conversation ends
  with the agent linking a help document; its id becomes the gold ``relevant_sources`` of the last
  customer turn before that link (``ibm-twitter-doc:<id>``, urls from ``docID_url.tsv``).
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from bot.evaluation.logs import Conversation, Gold, Turn

log = logging.getLogger(__name__)

ABCD_FILE = Path("faq/abcd/abcd_sample.json")
IBM_DIR = Path("dialogues/ibm_twitter_customer_care")
IBM_DIALOGUES = "dev.json"
IBM_DOC_URLS = "docID_url.tsv"
IBM_SOURCE_PREFIX = "ibm-twitter-doc:"

# (flow, subflow) -> our intent; flow-level entries use subflow "*". Unmapped flows get no gold intent.
ABCD_SUBFLOW_INTENTS: dict[tuple[str, str], str] = {
    ("account_access", "*"): "account_help",
    ("manage_account", "manage_change_address"): "change_shipping_address",
    ("manage_account", "manage_change_name"): "account_help",
    ("manage_account", "manage_change_phone"): "account_help",
    ("manage_account", "manage_payment_method"): "payment_issue",
    ("manage_account", "status_shipping_question"): "shipping_options",
    ("order_issue", "status_mystery_fee"): "payment_issue",
    ("order_issue", "status_payment_method"): "payment_issue",
    ("order_issue", "status_delivery_time"): "delivery_time",
    ("order_issue", "status_quantity"): "change_order",
    ("order_issue", "manage_upgrade"): "change_order",
    ("order_issue", "manage_downgrade"): "change_order",
    ("order_issue", "manage_create"): "change_order",
    ("order_issue", "manage_cancel"): "cancel_order",
    ("product_defect", "refund_initiate"): "return_item",
    ("product_defect", "refund_update"): "refund_status",
    ("product_defect", "refund_status"): "refund_status",
    ("product_defect", "return_stain"): "return_item",
    ("product_defect", "return_color"): "return_item",
    ("product_defect", "return_size"): "return_item",
    ("purchase_dispute", "bad_price_competitor"): "complaint",
    ("purchase_dispute", "bad_price_yesterday"): "complaint",
    ("purchase_dispute", "out_of_stock_general"): "product_availability",
    ("purchase_dispute", "out_of_stock_one_item"): "product_availability",
    ("purchase_dispute", "promo_code_invalid"): "apply_promo_code",
    ("purchase_dispute", "promo_code_out_of_date"): "apply_promo_code",
    ("purchase_dispute", "mistimed_billing_already_returned"): "payment_issue",
    ("purchase_dispute", "mistimed_billing_never_bought"): "payment_issue",
    ("shipping_issue", "status"): "track_shipment",
    ("shipping_issue", "missing"): "track_shipment",
    ("shipping_issue", "manage"): "change_shipping_address",
    ("shipping_issue", "cost"): "shipping_options",
    ("single_item_query", "*"): "product_question",
    ("storewide_query", "membership"): "account_help",
    # storewide FAQ subflows are numbered questions (guidelines.json); only some are ours
    ("storewide_query", "timing_4"): "apply_promo_code",  # "when do the promo codes expire?"
    ("storewide_query", "policy_4"): "return_item",  # "return policy"
    ("troubleshoot_site", "credit_card"): "payment_issue",
}

_GREETING = re.compile(r"^\W*(hi|hello|hey|good (morning|afternoon|evening))\W*$", re.I)
MIN_PROBLEM_WORDS = 4  # "HEY HO!", "hello there" open a chat; the problem comes after
_MENTIONS = re.compile(r"^(\s*@\w+)+\s*")


def abcd_intent(flow: str, subflow: str) -> str | None:
    """Our intent for an ABCD scenario: the exact subflow (``timing_4``), else its family (``return_size`` and
    ``return_size_2`` alike), else the flow's ``*`` entry."""
    sub = re.sub(r"_\d+$", "", subflow)
    table = ABCD_SUBFLOW_INTENTS
    return table.get((flow, subflow)) or table.get((flow, sub)) or table.get((flow, "*"))


def import_abcd(data_root: Path) -> list[Conversation]:
    """The ABCD sample dialogues as conversations (customer/agent turns; actions in meta)."""
    raw = json.loads((Path(data_root) / ABCD_FILE).read_text(encoding="utf-8"))
    convs = []
    for d in raw:
        scen = d["scenario"]
        intent = abcd_intent(scen["flow"], scen["subflow"])
        turns: list[Turn] = []
        actions: list[str] = []
        labelled = False
        for speaker, text in d["original"]:
            if speaker == "action":
                actions.append(text)
                continue
            role = "customer" if speaker == "customer" else "agent"
            gold = None
            if role == "customer" and not labelled and not _GREETING.match(text) \
                    and len(text.split()) >= MIN_PROBLEM_WORDS:
                labelled = True
                gold = Gold(intent=intent) if intent else None
            turns.append(Turn(role=role, text=text, gold=gold))
        convs.append(Conversation(
            id=f"abcd-{d['convo_id']}", channel="abcd", language="en", turns=turns,
            meta={"source": "abcd", "flow": scen["flow"], "subflow": scen["subflow"], "actions": actions}))
    log.info("event=import_abcd conversations=%d", len(convs))
    return convs


def ibm_source_id(doc_id: str) -> str:
    return f"{IBM_SOURCE_PREFIX}{int(doc_id)}"


def import_ibm_twitter(data_root: Path) -> list[Conversation]:
    """The IBM Twitter customer-care dev conversations; the linked help doc is the gold source."""
    folder = Path(data_root) / IBM_DIR
    urls: dict[str, str] = {}
    for line in (folder / IBM_DOC_URLS).read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            doc, url = line.split("\t", 1)
            urls[ibm_source_id(doc)] = url.strip()
    convs = []
    for d in json.loads((folder / IBM_DIALOGUES).read_text(encoding="utf-8")):
        head, link = d["dialogHeader"], d["agentURL"]
        source = ibm_source_id(link["doc_id"])
        turns: list[Turn] = []
        for m in d["dialogContent"]:
            role = "agent" if "agent" in m else "customer"
            text = _MENTIONS.sub("", m["message"]).strip() or m["message"]
            turns.append(Turn(role=role, text=text, timestamp=m.get("datetime")))
        last_customer = max((i for i, t in enumerate(turns) if t.role == "customer"), default=None)
        if last_customer is not None:
            turns[last_customer].gold = Gold(relevant_sources=[source])
        turns.append(Turn(role="agent", text=_MENTIONS.sub("", link["url_utterance"]).strip()))
        convs.append(Conversation(
            id=f"ibm-{head['sessionID']}", channel="twitter", language="en",
            started_at=head.get("conversationDateTime"), turns=turns,
            meta={"source": "ibm_twitter", "company": head.get("company"), "doc_url": urls.get(source, link["url"])}))
    log.info("event=import_ibm_twitter conversations=%d", len(convs))
    return convs


IMPORTERS = {"abcd": import_abcd, "ibm-twitter": import_ibm_twitter}
SOURCE_FILES = {"abcd": ABCD_FILE, "ibm-twitter": IBM_DIR / IBM_DIALOGUES}  # what each reads under the data root
