-- One row per successful RecordCall, so the test can count what an :exec really did.
CREATE TABLE recorded_calls (
  thread_id int4 NOT NULL,
  n int8 NOT NULL,
  PRIMARY KEY (thread_id, n)
);

-- The mixed workload's writes: one row per item a call wrote, keyed by the writing thread and a
-- number that thread never uses twice, so the test can compare the table with exactly the
-- writes that committed. `kind` says which call (or transaction) wrote the row.
CREATE TABLE mixed_writes (
  thread_id int4 NOT NULL,
  n int8 NOT NULL,
  kind text NOT NULL,
  PRIMARY KEY (thread_id, n)
);
