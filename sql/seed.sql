-- Development seed data for Cruddur.
INSERT INTO public.users (display_name, handle, email, cognito_user_id, bio)
VALUES
  ('Andrew Brown', 'andrewbrown', 'andrew@exampro.co', 'cognito-andrew', 'Cloud teacher'),
  ('Andrew Bayko', 'bayko', 'bayko@exampro.co', 'cognito-bayko', NULL),
  ('Londo Mollari', 'londo', 'londo@centauri.example', 'cognito-londo', 'Ambassador');

INSERT INTO public.activities (user_uuid, message, expires_at, created_at)
VALUES
  ((SELECT uuid FROM public.users WHERE handle = 'andrewbrown'),
   'This was imported as seed data!', now() + interval '10 day', now() - interval '2 hour'),
  ((SELECT uuid FROM public.users WHERE handle = 'bayko'),
   'I am the other Andrew.', now() + interval '3 day', now() - interval '1 hour'),
  ((SELECT uuid FROM public.users WHERE handle = 'londo'),
   'Have you ever noticed that the older you get, the more you talk about the past?',
   now() + interval '1 day', now());
