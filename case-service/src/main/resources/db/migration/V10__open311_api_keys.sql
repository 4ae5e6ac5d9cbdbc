-- Open311 clients' api keys, one per client app, created and revoked by an administrator. Only a
-- SHA-256 of each key is kept (keys are 256 random bits, so no salt or slow hash is needed): the key
-- itself is shown once, when it is created. Every request a key makes is counted.
CREATE TABLE open311_api_keys (
    id           uuid PRIMARY KEY,
    client_name  text        NOT NULL,
    key_hash     bytea       NOT NULL UNIQUE,
    key_prefix   text        NOT NULL,
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    revoked_by   text,
    revoked_at   timestamptz,
    requests     bigint      NOT NULL DEFAULT 0,
    last_used_at timestamptz
);
