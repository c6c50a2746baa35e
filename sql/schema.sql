-- Cruddur: the example application's schema (users and their short-lived activities).
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

CREATE TABLE public.users (
  uuid UUID DEFAULT uuid_generate_v4() PRIMARY KEY,
  display_name text NOT NULL,
  handle text NOT NULL UNIQUE,
  email text NOT NULL,
  cognito_user_id text NOT NULL,
  created_at TIMESTAMP DEFAULT current_timestamp NOT NULL,
  bio text
);

CREATE TABLE public.activities (
  uuid UUID DEFAULT uuid_generate_v4() PRIMARY KEY,
  user_uuid UUID NOT NULL REFERENCES public.users (uuid),
  message text NOT NULL,
  replies_count integer DEFAULT 0 NOT NULL,
  reposts_count integer DEFAULT 0 NOT NULL,
  likes_count integer DEFAULT 0 NOT NULL,
  reply_to_activity_uuid UUID REFERENCES public.activities (uuid),
  expires_at TIMESTAMP,
  created_at TIMESTAMP DEFAULT current_timestamp NOT NULL
);

CREATE INDEX activities_created_at_idx ON public.activities (created_at DESC);
