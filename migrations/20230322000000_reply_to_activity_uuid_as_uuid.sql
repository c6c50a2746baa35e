-- migrate:up
-- Replies point at an activity's uuid. The integer column never held one (activities have no
-- integer key), so existing values cannot be converted and become NULL.
ALTER TABLE public.activities
  ALTER COLUMN reply_to_activity_uuid TYPE uuid USING NULL,
  ADD CONSTRAINT activities_reply_to_activity_uuid_fkey
    FOREIGN KEY (reply_to_activity_uuid) REFERENCES public.activities (uuid);

-- migrate:down
ALTER TABLE public.activities
  DROP CONSTRAINT activities_reply_to_activity_uuid_fkey,
  ALTER COLUMN reply_to_activity_uuid TYPE integer USING NULL;
