-- The hub's state tables on PostgreSQL: the same tables and columns as the SQLite file (feeds/store/sqlite/), with
-- times in ms since the epoch as BIGINT. Applied once by feeds/store/postgres/migrations.ts; never edit this file
-- after it has been applied anywhere — add 002_….sql instead (the runner refuses a changed file).

-- Incidents: the current version of each, as the protocol's JSON (validated on read).
CREATE TABLE incidents (
  id TEXT PRIMARY KEY,
  dedupe_key TEXT NOT NULL,
  state TEXT NOT NULL,
  opened_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  json TEXT NOT NULL,
  -- Insertion order, for "the latest incident of a key" when two share opened_at (SQLite uses its rowid).
  row_seq BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX incidents_dedupe ON incidents (dedupe_key, opened_at, row_seq);
CREATE INDEX incidents_state ON incidents (state);

-- Every operation by its client-chosen opId, with the answer sent: the primary key makes a second one impossible.
CREATE TABLE incident_ops (
  op_id TEXT PRIMARY KEY,
  op TEXT NOT NULL,
  incident_id TEXT NOT NULL,
  actor TEXT NOT NULL,
  at BIGINT NOT NULL,
  outcome TEXT NOT NULL
);

-- The hash-chained audit trail (docs/incidents.md). detail is TEXT, not JSONB: the exact text is what was hashed.
CREATE TABLE incident_audit (
  id BIGINT PRIMARY KEY CHECK (id > 0),
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  incident_id TEXT NOT NULL,
  op_id TEXT,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);

-- The chain's head (last id and hash) in one row. Every incident commit locks it FOR UPDATE first, so commits from
-- several hubs on this database take turns: each chains after the row the previous one wrote.
CREATE TABLE incident_audit_head (
  singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
  id BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO incident_audit_head (singleton, id, hash) VALUES (TRUE, 0, repeat('0', 64));

-- Append-only: UPDATE, DELETE and TRUNCATE are refused, per statement (so even one that would touch no row fails).
-- A superuser can drop the triggers, which is what the hash chain is for: npm run audit -- verify.
CREATE FUNCTION incident_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'incident_audit is append-only: % refused', TG_OP;
END;
$$;
CREATE TRIGGER incident_audit_no_update BEFORE UPDATE ON incident_audit FOR EACH STATEMENT EXECUTE FUNCTION incident_audit_refuse_change();
CREATE TRIGGER incident_audit_no_delete BEFORE DELETE ON incident_audit FOR EACH STATEMENT EXECUTE FUNCTION incident_audit_refuse_change();
CREATE TRIGGER incident_audit_no_truncate BEFORE TRUNCATE ON incident_audit FOR EACH STATEMENT EXECUTE FUNCTION incident_audit_refuse_change();

-- Records the source formats refused. raw is BYTEA (UTF-8): a rejected line may hold NUL, which TEXT cannot.
CREATE TABLE quarantine (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  feed TEXT NOT NULL,
  format TEXT NOT NULL,
  origin TEXT NOT NULL,
  line BIGINT NOT NULL,
  reason TEXT NOT NULL,
  raw BYTEA NOT NULL,
  received_at BIGINT NOT NULL,
  dedupe_key TEXT UNIQUE
);
CREATE INDEX quarantine_received ON quarantine (received_at);
CREATE INDEX quarantine_feed ON quarantine (feed, id);

-- Hour means behind ingested station readings (54 h kept), so VN_AQI trackers resume after a restart.
CREATE TABLE station_hour_means (
  station TEXT NOT NULL,
  hour_end BIGINT NOT NULL,
  pollutant TEXT NOT NULL,
  ug_m3 DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (station, hour_end, pollutant)
);
CREATE INDEX station_hour_means_hour ON station_hour_means (hour_end);

-- Where each file source is (written in one transaction with the quarantine rows of the same lines).
CREATE TABLE source_offsets (
  source TEXT PRIMARY KEY,
  file TEXT NOT NULL,
  generation BIGINT NOT NULL,
  byte_offset BIGINT NOT NULL,
  line BIGINT NOT NULL,
  pending TEXT,
  updated_at BIGINT NOT NULL
);
