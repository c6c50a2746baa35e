// Build-time step of the compile-and-run test: emits the fixture IR's C++ into a folder.
// Usage: write_fixture_code <out-dir> [--with-batches]

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string_view>

#include "emit/emit_options.hpp"
#include "fixture_ir.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: write_fixture_code <out-dir> [--with-batches]\n";
    return 2;
  }
  const std::filesystem::path out_dir = argv[1];
  const bool with_batches = argc > 2 && std::string_view(argv[2]) == "--with-batches";

  soong::gen::emit_options options;
  options.cpp_namespace = "fixture::db";
  options.generator_version = "0.1.0";
  options.schema_source = "schema.sql";
  const soong::gen::emit_output out =
      soong::gen::emit_cpp(soong::gen::testing::fixture_ir(with_batches), options);
  for (const auto& error : out.errors) {
    std::cerr << error.location.file << ": error: " << error.message << " [" << error.code << "]\n";
  }
  if (!out.errors.empty()) return 1;
  for (const auto& [path, text] : out.files) {
    const std::filesystem::path target = out_dir / path;
    std::filesystem::create_directories(target.parent_path());
    // Only rewrite changed files, so an unchanged fixture does not recompile the test.
    {
      std::ifstream existing(target, std::ios::binary);
      const std::string old((std::istreambuf_iterator<char>(existing)), {});
      if (existing && old == text) continue;
    }
    std::ofstream(target, std::ios::binary) << text;
  }
  return 0;
}
