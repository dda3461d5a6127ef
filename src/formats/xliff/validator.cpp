#include "formats/xliff/validator.hpp"

namespace glossa::xliff {

// To be completed: see the header for the contract.
std::vector<finding> validate_document(const pugi::xml_document&, std::string_view, const std::string&) { return {}; }

}  // namespace glossa::xliff
