CREATE EXTENSION IF NOT EXISTS "uuid-ossp";

CREATE TABLE public.users (
  uuid UUID DEFAULT uuid_generate_v4() PRIMARY KEY,
  display_name text NOT NULL,
  handle text NOT NULL UNIQUE,
  bio text,
  verified boolean NOT NULL DEFAULT true,
  created_at TIMESTAMP DEFAULT current_timestamp NOT NULL
);

CREATE TABLE public.follows (
  follower_uuid UUID NOT NULL REFERENCES public.users (uuid),
  followed_uuid UUID NOT NULL REFERENCES public.users (uuid),
  PRIMARY KEY (follower_uuid, followed_uuid)
);
