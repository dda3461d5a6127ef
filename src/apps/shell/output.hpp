// Text renderings of results for terminals. JSON renderings live in the
// library (glossa/report.hpp) because they are contracts.
#pragma once
#include <string>
#include <vector>

#include "glossa/coverage.hpp"
#include "glossa/engine.hpp"
#include "glossa/store.hpp"
#include "glossa/xliff.hpp"

namespace glossa::shell {
std::string render_text(const localized_document& doc);
std::string render_text(const write_report& report);
std::string render_text(const std::vector<history_entry>& entries);
std::string render_text(const std::vector<document_summary>& documents);
std::string render_text(const xliff_import_report& report);
std::string render_text(const coverage_report& report);
}  // namespace glossa::shell
