"""The fixed vocabulary of the demo org: channels, topics, teams, queues, klasses.

The brand is an invented mid-size outdoor-gear shop. Everything here is small and
static; :mod:`kustomer_nb.sandbox.org` turns it into resources with ids.
"""

from __future__ import annotations

BRAND = "Northpine Outfitters"
SUPPORT_EMAIL = "support@northpine.example"
SUPPORT_PHONE = "+1 555 010 0100"

#: Channel names in code order; probabilities of being a conversation's first one.
CHANNELS = ("email", "chat", "sms", "voice", "facebook", "instagram", "twitter-dm")
CHANNEL_SHARE = (0.40, 0.31, 0.08, 0.08, 0.04, 0.06, 0.03)
SOCIAL = frozenset({"facebook", "instagram", "twitter-dm"})

#: Log-normal first-response delay per channel: (median seconds, sigma).
FIRST_RESPONSE = {
    "email": (4.0 * 3600, 1.1),
    "chat": (90.0, 0.9),
    "sms": (20 * 60.0, 1.0),
    "voice": (45.0, 0.8),
    "facebook": (90 * 60.0, 1.0),
    "instagram": (75 * 60.0, 1.0),
    "twitter-dm": (60 * 60.0, 1.0),
}
#: Log-normal time from first response to done per channel: (median s, sigma).
HANDLING = {
    "email": (20.0 * 3600, 1.2),
    "chat": (12 * 60.0, 0.8),
    "sms": (3.0 * 3600, 1.1),
    "voice": (8 * 60.0, 0.7),
    "facebook": (6.0 * 3600, 1.1),
    "instagram": (6.0 * 3600, 1.1),
    "twitter-dm": (5.0 * 3600, 1.1),
}

#: (team name, agents). Tier 2 agents also sit in Tier 1.
TEAMS = (
    ("Tier 1", 14),
    ("Tier 2", 6),
    ("Returns & Exchanges", 6),
    ("Billing", 5),
    ("VIP Care", 4),
    ("Social", 5),
)

#: (queue name, description). Index 0 is the system queue; the last gets nothing.
QUEUES = (
    ("DEFAULT_QUEUE", "Default queue"),
    ("Email Support", "General email"),
    ("Live Chat", "Website and app chat"),
    ("Phone & SMS", "Voice calls and text messages"),
    ("Social Media", "Facebook, Instagram and X direct messages"),
    ("Returns", "Returns, exchanges and damaged items"),
    ("Billing", "Charges, refunds and subscriptions"),
    ("VIP", "Customers with loyalty tier Summit"),
    ("Wholesale Inquiries", "Retail partners (not yet routed)"),
)
Q_DEFAULT, Q_EMAIL, Q_CHAT, Q_PHONE, Q_SOCIAL, Q_RETURNS, Q_BILLING, Q_VIP = range(8)

#: Topics: (reason tree value, team, queue or None = by channel, weight,
#: subjects, previews).
TOPICS = (
    (
        "order_status.where_is_my_order",
        "Tier 1",
        None,
        0.26,
        ("Where is my order?", "Order hasn't arrived", "Tracking not updating"),
        (
            "Hi, my order was supposed to arrive on Friday and tracking still says "
            "label created.",
            "Can you tell me when my package will ship? It's been a week.",
        ),
    ),
    (
        "returns.return_request",
        "Returns & Exchanges",
        Q_RETURNS,
        0.16,
        ("Return request", "How do I return this?", "Return label please"),
        (
            "The jacket runs small, I'd like to return it for a refund.",
            "Could you send me a prepaid return label for my boots?",
        ),
    ),
    (
        "returns.exchange",
        "Returns & Exchanges",
        Q_RETURNS,
        0.08,
        ("Exchange for a different size", "Swap colour", "Exchange request"),
        (
            "Can I exchange the Trail Runner 9 for a 9.5?",
            "I'd like the same tent in green instead of orange.",
        ),
    ),
    (
        "product.damaged_item",
        "Tier 2",
        Q_RETURNS,
        0.06,
        ("Item arrived damaged", "Broken zipper", "Defective product"),
        (
            "The zipper on my pack broke after two days, photos attached.",
            "My stove arrived with a cracked valve.",
        ),
    ),
    (
        "billing.refund_status",
        "Billing",
        Q_BILLING,
        0.09,
        ("Refund status", "Still waiting for my refund", "Refund not received"),
        (
            "You received my return two weeks ago but I haven't seen the refund.",
            "When will the refund show up on my card?",
        ),
    ),
    (
        "billing.charge_question",
        "Billing",
        Q_BILLING,
        0.05,
        ("Charged twice", "Question about a charge", "Wrong amount charged"),
        (
            "I see two charges for the same order on my statement.",
            "Why was I charged for shipping when my order was over $75?",
        ),
    ),
    (
        "subscription.cancel",
        "Billing",
        Q_BILLING,
        0.04,
        ("Cancel my subscription", "Stop the monthly box", "Subscription change"),
        (
            "We cancelled our subscription a few weeks ago but a new shipment is on "
            "its way. Please refund it.",
            "Please skip next month's box.",
        ),
    ),
    (
        "product.question",
        "Tier 1",
        None,
        0.14,
        ("Product question", "Sizing help", "Is this waterproof?"),
        (
            "Is the Ridge shell fully seam-sealed?",
            "What size should I get if I'm usually between a M and a L?",
        ),
    ),
    (
        "account.discount_code",
        "Tier 1",
        None,
        0.07,
        ("Discount code not working", "Promo code issue", "Missing loyalty points"),
        (
            "The code WELCOME15 says it's invalid at checkout.",
            "My loyalty points from the last order never showed up.",
        ),
    ),
    (
        "order.change_address",
        "Tier 1",
        None,
        0.05,
        ("Change shipping address", "Update my order", "Cancel my order"),
        (
            "I typed the wrong street number, can you update the address?",
            "Please cancel the order I placed this morning.",
        ),
    ),
)

#: (system name, display name, status, mixins).
KLASSES = (
    ("order", "Order", "enabled", ("assignable",)),
    ("return_request", "Return Request", "enabled", ("assignable", "editable")),
    ("subscription", "Subscription", "enabled", ()),
    ("loyalty_account", "Loyalty Account", "disabled", ("editable",)),
    ("warranty_claim", "Warranty Claim", "disabled", ("commentable",)),
    ("legacy_ticket", "Legacy Ticket", "existing_only", ()),
    ("store_visit", "Store Visit", "existing_only", ("creatable",)),
)

TAGS = (
    "wismo",
    "return",
    "exchange",
    "damaged",
    "refund",
    "double-charge",
    "subscription",
    "sizing",
    "promo-code",
    "address-change",
    "vip",
    "escalated",
    "carrier-delay",
    "warehouse",
    "ups",
    "fedex",
    "usps",
    "holiday",
    "social-mention",
    "angry",
    "follow-up",
    "wholesale",
)

FIRST_NAMES = (
    "Maya Omar Lena Jon Priya Ava Liam Noah Emma Olivia Sofia Mateo Lucas Mia Zoe "
    "Ethan Chloe Ella Leo Amara Kai Nora Hana Ivan Yusuf Aisha Diego Elena Marco "
    "Sara Tom Grace Ruby Felix Iris Jonas Clara Ben Ines Dev Anya Theo Lila Omari "
    "Nadia Sam Rosa Hugo Mei Arjun Carmen Owen Freya Malik Julia Tariq Wen Lucia "
    "Ravi Alice Pablo Kira Marcus Hazel Finn Selin Ezra Dara Joel Vera Nico Beatriz"
).split()
LAST_NAMES = (
    "Field Haddad Kowalski Baptiste Nair Chen Garcia Smith Okafor Novak Rossi Silva "
    "Müller Tanaka Kim Nguyen Patel Cohen Ivanova Dubois Larsen Costa Murphy Ahmed "
    "Jensen Reyes Schmidt Brown Lopez Wilson Moreau Sato Ali Hughes Santos Berg "
    "Fischer Park Quinn Walsh Romero Lindqvist Abebe Singh Khan Torres Weber Mensah"
).split()
AGENT_FIRST = FIRST_NAMES[::-1]
