// glossa xliff validate FILE...: structure and processing requirements,
// without a store.
#include <iostream>
#include <memory>

#include "apps/cli/command.hpp"
#include "apps/shell/exit_codes.hpp"
#include "apps/shell/files.hpp"

namespace glossa::cli {

namespace {
void print_text(const std::string& path, const xliff_validation_report& r) {
  for (const auto& p : r.problems) std::cout << path << ":" << p.line << ": " << p.rule << ": " << p.message << "\n";
  std::cout << path << ": " << (r.valid() ? "valid" : "INVALID")
            << (r.version.empty() ? "" : " (XLIFF " + r.version + ")")
            << (r.valid() ? "" : ", " + std::to_string(r.problems.size()) + " problem(s)") << "\n";
}
}  // namespace

void add_xliff_validate(CLI::App& parent, context& c) {
  struct options {
    std::vector<std::string> files;
    std::string format = "text";
  };
  auto o = std::make_shared<options>();
  auto* cmd = parent.add_subcommand("validate", tr("Check XLIFF files: structure and processing requirements"));
  cmd->add_option("files", o->files, tr("XLIFF files"))->required();
  cmd->add_option("--format", o->format, tr("text or json (default: text)"))->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&c, o] {
    bool all_valid = true;
    std::string json = "[";
    for (const auto& path : o->files) {
      auto bytes = shell::read_input(path);
      if (!bytes) {
        c.rc = fail(bytes.err());
        return;
      }
      auto r = validate_xliff(*bytes, path);
      all_valid = all_valid && r.valid();
      if (o->format == "json")
        json += (json.size() > 1 ? "," : "") + to_json(r);
      else
        print_text(path, r);
    }
    if (o->format == "json") std::cout << json << "]\n";
    if (!all_valid) c.rc = shell::exit_invalid_xliff;
  });
}

}  // namespace glossa::cli
