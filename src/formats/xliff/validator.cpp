// XLIFF validation after parsing, in layers (formats/xliff/validation/):
//  * XML checks pugixml does not make (xml.cpp): namespace well-formedness
//    (it is not namespace-aware), a DOCTYPE naming another root element,
//    xml:space values;
//  * XLIFF 1.x (v1.cpp): the content models and the attribute values of the
//    1.2 *transitional* schema, the one real tool output (Xcode, Trados,
//    memoQ, Okapi...) meets, plus the id keys of that schema;
//  * XLIFF 2.x: core (v2_structure.cpp), inline codes and fragment
//    identifiers (v2_inline.cpp) and modules (v2_modules.cpp), with the
//    processing requirements no schema expresses. Rules follow the XLIFF
//    2.1/2.2 specifications (sections cited where a rule is not obvious) and
//    are checked against the OASIS 2.1/2.2 and Microsoft 2.0 test suites of
//    the corpus (tests/xliff_corpus_test.cpp, expectations in
//    validation-results.tsv); comments mark where Glossa departs from the
//    suites' verdicts.
// This file is the runner: it picks the layers for the version and shares
// the <file> elements between two threads.
#include "formats/xliff/validator.hpp"

#include <atomic>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>

#include "formats/xliff/validation/check.hpp"
#include "formats/xliff/validation/v1.hpp"
#include "formats/xliff/validation/v2.hpp"

namespace glossa::xliff {

using namespace check;

namespace {
// Checks files on one thread: a checker made once, a findings list per file.
struct file_worker {
  explicit file_worker(const std::vector<std::size_t>& newlines) : out(newlines) {}
  virtual ~file_worker() = default;
  virtual void check(node f) = 0;
  findings out;
};
struct v1_worker final : file_worker {
  v1_worker(const namespaces& ns, const std::vector<std::size_t>& newlines, node root)
      : file_worker(newlines), checker(ns, out, root) {}
  void check(node f) override { checker.check_file(f); }
  v1_checker checker;
};
struct v2_worker final : file_worker {
  v2_worker(const namespaces& ns, const std::vector<std::size_t>& newlines, node root, const v2_checker& root_checker)
      : file_worker(newlines), checker(ns, out, root), from(root_checker) {}
  void check(node f) override { checker.check_file(f, from); }
  v2_checker checker;
  const v2_checker& from;
};
}  // namespace

struct validation::state {
  state(const pugi::xml_document& d, const std::vector<std::size_t>& n, text_facts f, std::string v)
      : doc(d), newlines(n), facts(std::move(f)), version(std::move(v)), out(n) {}
  const pugi::xml_document& doc;
  const std::vector<std::size_t>& newlines;
  text_facts facts;
  std::string version;
  findings out;  // the root's findings
  std::optional<namespaces> ns;
  std::optional<v1_checker> v1;
  std::optional<v2_checker> v2;
  std::vector<deferred_file> files;           // fixed once published
  std::vector<std::vector<finding>> results;  // per file
  std::atomic<std::size_t> next{0};           // the next file to take
  std::mutex mu;
  std::condition_variable cv;
  bool published = false;   // files, results and the checkers are ready to share
  std::size_t checked = 0;  // files done (or failed)
  std::exception_ptr failed;

  void publish() {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (published) return;
      results.resize(files.size());
      published = true;
    }
    cv.notify_all();
  }

  std::unique_ptr<file_worker> make_worker() {
    node root = doc.document_element();
    if (v2) return std::make_unique<v2_worker>(*ns, newlines, root, *v2);
    return std::make_unique<v1_worker>(*ns, newlines, root);
  }

  // Takes files until none is left.
  void work() {
    std::unique_ptr<file_worker> worker;
    for (;;) {
      std::size_t i = next.fetch_add(1);
      if (i >= files.size()) return;
      try {
        if (!worker) worker = make_worker();
        worker->check(files[i].el);
        results[i] = worker->out.take();
      } catch (...) {
        worker.reset();  // its findings list may hold part of the file
        std::lock_guard<std::mutex> lock(mu);
        if (!failed) failed = std::current_exception();
      }
      {
        std::lock_guard<std::mutex> lock(mu);
        ++checked;
      }
      cv.notify_all();
    }
  }
};

validation::validation(const pugi::xml_document& doc, const std::vector<std::size_t>& newlines, text_facts facts,
                       std::string version)
    : s_(std::make_unique<state>(doc, newlines, std::move(facts), std::move(version))) {}

validation::~validation() = default;

void validation::run() {
  state& s = *s_;
  struct publish_on_exit {  // a helper waiting in help() must never wait forever
    state& s;
    ~publish_on_exit() {
      try {
        s.publish();
      } catch (...) {  // publishing failed twice (out of memory): the exception under way says why
      }
    }
  } published{s};
  node root = s.doc.document_element();
  if (!root) return;
  s.ns.emplace(root, s.out);
  if (s.ns->depth() > max_depth) {
    s.out.add(root, "nesting_depth",
              cat("Elements are nested ", std::to_string(s.ns->depth()), " deep; more than ", std::to_string(max_depth),
                  " is not validated"));
    return;
  }
  s.out.append(std::move(s.facts.characters));
  check_doctype(root, s.facts, s.out);
  check_xml_space(root, s.out);
  if (s.version.rfind("2.", 0) == 0) {
    s.v2.emplace(*s.ns, s.out, root);
    s.v2->defer_files(s.files);
    s.v2->run(root);
  } else {
    s.v1.emplace(*s.ns, s.out, root);
    s.v1->defer_files(s.files);
    s.v1->run(root);
  }
  s.publish();
  s.work();
  std::unique_lock<std::mutex> lock(s.mu);
  s.cv.wait(lock, [&] { return s.checked == s.files.size(); });
  if (s.failed) std::rethrow_exception(s.failed);
  // Each file's findings where the file stands among the root's.
  std::vector<finding> of_root = s.out.take(), merged;
  std::size_t from = 0;
  for (std::size_t i = 0; i < s.files.size(); ++i) {
    for (; from < s.files[i].at; ++from) merged.push_back(std::move(of_root[from]));
    for (auto& f : s.results[i]) merged.push_back(std::move(f));
  }
  for (; from < of_root.size(); ++from) merged.push_back(std::move(of_root[from]));
  s.out.append(std::move(merged));
}

void validation::help() {
  state& s = *s_;
  {
    std::unique_lock<std::mutex> lock(s.mu);
    s.cv.wait(lock, [&] { return s.published; });
  }
  s.work();
}

std::vector<finding> validation::take() { return s_->out.take(); }

std::vector<finding> validate_document(const pugi::xml_document& doc, const std::vector<std::size_t>& newlines,
                                       text_facts facts, const std::string& version) {
  validation v(doc, newlines, std::move(facts), version);
  v.run();
  return v.take();
}

}  // namespace glossa::xliff
