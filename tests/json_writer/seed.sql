-- Row 1: values whose JSON is hard to get right; row 2: NULL everywhere; row 3: edge numbers.
INSERT INTO json_values VALUES
  (1, true, -32768, 2147483647, -9223372036854775808, 'Infinity', 'NaN', 'NaN',
   E'quote " backslash \\ newline \n tab \t bell \x07 del \x7f caf\u00e9 \u20ac \U0001F600',
   'x"y', 'ab', '\x00ff10', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
   'infinity', '13:45:00.25', '-infinity', '2024-02-29 13:45:00.25+00',
   '1 year 2 mons 3 days -00:00:05',
   '{"b": [1, 2.5, null, "x\"y"], "a": {"é\n": true}}', '[1e100, -0, 18446744073709551615, 0.1]',
   'o"k', ROW('a"b', '-Infinity', '{x,NULL}'),
   '{"a\"b",NULL,"c\\d"}', '{1.5,NaN,-Infinity,NULL}', '{sad,NULL,"back\\slash",ünïcode}',
   ARRAY[ROW('p', 1, NULL)::sample, NULL], ARRAY['\x01'::bytea, NULL, ''], 7),
  (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (3, false, 0, -1, 9223372036854775807, 0.1, 0.1, '-12.50', '', '', '', '', '00000000-0000-0000-0000-000000000000',
   '0001-01-01 BC', '24:00:00', '1969-12-31 23:59:59.999999', '1900-01-01 00:00:00+00', '0',
   'null', '{}', 'ünïcode', ROW(NULL, NULL, NULL), '{}', '{-0,1e300,5e-324}', '{}', '{}', '{}', -1);
