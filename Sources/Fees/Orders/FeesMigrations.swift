import Platform

/// Fee orders and the payment callbacks that settle them (DOMAIN.md §6.3).
public enum FeesMigrations {
    public static let all: [Migration] = [
        Migration(11, "fee orders and their outbox", [
            """
            CREATE TABLE fee_orders (
                id TEXT PRIMARY KEY,
                purpose TEXT NOT NULL,
                reference_id TEXT NOT NULL,
                payer_id TEXT NOT NULL,
                amount_vnd BIGINT NOT NULL CHECK (amount_vnd > 0),
                description TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed', 'expired')),
                provider TEXT NOT NULL,
                provider_txn_ref TEXT NOT NULL UNIQUE,
                provider_txn_no TEXT,
                gateway_create_date TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                settled_at TEXT
            )
            """,
            "CREATE INDEX fee_orders_reference ON fee_orders (purpose, reference_id)",
            "CREATE INDEX fee_orders_payer ON fee_orders (payer_id, created_at)",
            "CREATE INDEX fee_orders_pending ON fee_orders (status, created_at)",
            // The outbox: one row per settled order, written in the transaction that settled it, so a
            // module that waits for payment reads every settlement exactly once, in order.
            """
            CREATE TABLE fee_order_events (
                seq {{serial}},
                order_id TEXT NOT NULL REFERENCES fee_orders (id),
                purpose TEXT NOT NULL,
                reference_id TEXT NOT NULL,
                status TEXT NOT NULL,
                amount_vnd BIGINT NOT NULL,
                source TEXT NOT NULL,
                at TEXT NOT NULL
            )
            """,
            "CREATE INDEX fee_order_events_purpose ON fee_order_events (purpose, seq)",
        ]),
        Migration(12, "payment callback inbox", [
            // Every verified callback, once: a duplicate delivery finds its row and gets the same reply.
            """
            CREATE TABLE payment_inbox (
                seq {{serial}},
                provider TEXT NOT NULL,
                txn_no TEXT NOT NULL,
                event_type TEXT NOT NULL,
                txn_ref TEXT NOT NULL,
                payload TEXT NOT NULL,
                reply_code TEXT NOT NULL,
                received_at TEXT NOT NULL,
                UNIQUE (provider, txn_no, event_type)
            )
            """,
        ]),
    ]
}
