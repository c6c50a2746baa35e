INSERT INTO authors (id, name, email) VALUES
  (1, 'Ursula Le Guin', 'Ursula@Example.org'),
  (2, 'Octavia Butler', NULL),
  (3, 'Ursula Vernon', 'ursula.v@example.org');
INSERT INTO books (id, author_id, title) VALUES
  (10, 1, 'The Dispossessed'),
  (11, 1, 'The Lathe of Heaven'),
  (12, 2, 'Kindred'),
  (13, NULL, 'Anonymous Pamphlet');
