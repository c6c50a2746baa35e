-- migrate:up
ALTER TABLE public.users ADD COLUMN bio text;

-- migrate:down
ALTER TABLE public.users DROP COLUMN bio;
