// The consumer test's program: adds two notes through the generated functions, then prints
// every note as `<id> <body>`, one per line. Takes the libpq conninfo as its only argument.
#include <cstdio>
#include <exception>

#include "notes/add_note.sql.hpp"
#include "notes/list_notes.sql.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <conninfo>\n", argv[0]);
    return 2;
  }
  try {
    soong::connection conn{argv[1]};
    for (const char* body : {"first note", "second note"}) {
      // One VALUES row with RETURNING always returns its row: the id, not an optional (a
      // missing row would be a soong::error, caught below).
      static_cast<void>(consumer::db::add_note(conn, body));
    }
    for (const auto& note : consumer::db::list_notes(conn)) {
      std::printf("%lld %s\n", static_cast<long long>(note.id), note.body.c_str());
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}
