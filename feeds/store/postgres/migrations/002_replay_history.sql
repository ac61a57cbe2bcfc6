-- Replay history (docs/PROTOCOL.md §11): feed states every few minutes and sampled vehicle keyframes, kept as long
-- as the log (24 h by default), written by the leading hub.
CREATE TABLE replay_checkpoints (
  feed TEXT NOT NULL,
  seq BIGINT NOT NULL,
  ts BIGINT NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (feed, seq)
);
CREATE INDEX replay_checkpoints_ts ON replay_checkpoints (feed, ts);

CREATE TABLE vehicle_keyframes (
  ts BIGINT PRIMARY KEY,
  frame BYTEA NOT NULL
);

-- Each feed's head seq once a minute: the console's time bar draws activity as the difference between marks.
CREATE TABLE replay_seq_marks (
  feed TEXT NOT NULL,
  ts BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  PRIMARY KEY (feed, ts)
);
CREATE INDEX replay_seq_marks_ts ON replay_seq_marks (ts);
