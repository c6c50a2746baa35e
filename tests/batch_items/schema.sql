CREATE TABLE accounts (
  id bigint PRIMARY KEY,
  owner text NOT NULL,
  balance integer NOT NULL CONSTRAINT balance_not_negative CHECK (balance >= 0)
);
