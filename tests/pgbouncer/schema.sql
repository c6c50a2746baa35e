-- One row per successful RecordCall, so the test can count what an :exec really did.
CREATE TABLE recorded_calls (
  thread_id int4 NOT NULL,
  n int8 NOT NULL,
  PRIMARY KEY (thread_id, n)
);
