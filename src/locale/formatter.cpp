// ICU-backed formatter. Thread safety: the LocalizedNumberFormatters and
// PluralRules are immutable and shared; DateFormat, ListFormatter and
// MessageFormat are not documented as thread-safe, so each call works on its
// own instance (a clone of a prototype built once, or a fresh one).
#include <algorithm>
#include <mutex>
#include <numeric>
#include <unordered_map>

#include <unicode/calendar.h>
#include <unicode/coll.h>
#include <unicode/datefmt.h>
#include <unicode/dtitvfmt.h>
#include <unicode/dtptngen.h>
#include <unicode/gregocal.h>
#include <unicode/listformatter.h>
#include <unicode/localematcher.h>
#include <unicode/locid.h>
#include <unicode/msgfmt.h>
#include <unicode/numberformatter.h>
#include <unicode/plurrule.h>
#include <unicode/reldatefmt.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/ubidi.h>

#include "glossa/format.hpp"
#include "glossa/locale.hpp"
#include "locale/icu_util.hpp"
#include "validate/values.hpp"

namespace glossa {

std::string_view to_string(text_direction d) noexcept { return d == text_direction::rtl ? "rtl" : "ltr"; }

namespace nf = icu::number;

struct formatter::impl {
  std::string tag;
  icu::Locale loc;
  text_direction dir = text_direction::ltr;
  nf::LocalizedNumberFormatter number, percent;
  std::unique_ptr<icu::PluralRules> plural;
  std::unique_ptr<icu::DateFormat> date_proto, datetime_proto;
  bool latin_digits_rtl = false;  // right-to-left text whose numbers come out in Latin digits
  // Built once; compare() and getSortKey() are const and thread-safe in ICU.
  std::unique_ptr<icu::Collator> collator;
};

formatter::formatter(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
formatter::~formatter() = default;
const std::string& formatter::locale() const noexcept { return impl_->tag; }
text_direction formatter::direction() const noexcept { return impl_->dir; }

namespace {

icu::Locale build_locale(const std::string& tag, const locale_config& config) {
  UErrorCode st = U_ZERO_ERROR;
  icu::Locale loc = icu::Locale::forLanguageTag(tag, st);
  // Settings of the tag or of its nearest configured parent.
  const locale_settings* s = nullptr;
  for (const auto& t : config.chain(tag))
    if ((s = config.find(t)) != nullptr) break;
  std::string calendar = s ? s->calendar : "gregorian";
  char buf[64];
  st = U_ZERO_ERROR;
  // Gregorian unless the tag asks for another calendar itself (-u-ca-...).
  if (loc.getKeywordValue("calendar", buf, sizeof buf, st) == 0) {
    st = U_ZERO_ERROR;
    loc.setKeywordValue("calendar", calendar.c_str(), st);
  }
  st = U_ZERO_ERROR;
  if (s && !s->digits.empty() && loc.getKeywordValue("numbers", buf, sizeof buf, st) == 0) {
    st = U_ZERO_ERROR;
    loc.setKeywordValue("numbers", s->digits.c_str(), st);
  }
  return loc;
}

std::unique_ptr<icu::DateFormat> pattern_format(const icu::Locale& loc, const char* skeleton) {
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::DateTimePatternGenerator> gen(icu::DateTimePatternGenerator::createInstance(loc, st));
  if (U_FAILURE(st)) return nullptr;
  icu::UnicodeString pattern = gen->getBestPattern(icu::UnicodeString(skeleton), st);
  auto f = std::make_unique<icu::SimpleDateFormat>(pattern, loc, st);
  if (U_FAILURE(st)) return nullptr;
  return f;
}

}  // namespace

result<std::shared_ptr<const formatter>> formatter::for_locale(std::string_view tag, const locale_config& config) {
  auto canonical = canonical_locale(tag);
  if (!canonical) return canonical.err();
  static std::mutex mu;
  static std::unordered_map<std::string, std::shared_ptr<const formatter>> cache;
  std::string key = *canonical + "|" + std::to_string(reinterpret_cast<std::uintptr_t>(&config));
  std::lock_guard<std::mutex> lock(mu);
  if (auto it = cache.find(key); it != cache.end()) return it->second;

  auto p = std::make_unique<impl>();
  p->tag = *canonical;
  p->loc = build_locale(*canonical, config);
  p->dir = p->loc.isRightToLeft() ? text_direction::rtl : text_direction::ltr;
  p->number = nf::NumberFormatter::withLocale(p->loc);
  p->percent = nf::NumberFormatter::withLocale(p->loc).unit(icu::NoUnit::percent()).scale(nf::Scale::powerOfTen(2));
  UErrorCode st = U_ZERO_ERROR;
  p->plural.reset(icu::PluralRules::forLocale(p->loc, st));
  if (U_FAILURE(st)) return detail::icu_error(st, errc::invalid_locale, "no plural rules for " + *canonical);
  {
    UErrorCode cst = U_ZERO_ERROR;
    p->collator.reset(icu::Collator::createInstance(p->loc, cst));
    if (U_FAILURE(cst)) p->collator.reset();
  }
  p->date_proto = pattern_format(p->loc, "yMMMMd");
  p->datetime_proto = pattern_format(p->loc, "yMMMMdjmz");
  if (!p->date_proto || !p->datetime_proto) return error(errc::invalid_locale, "no date formats for " + *canonical);
  if (p->dir == text_direction::rtl) {
    UErrorCode dst = U_ZERO_ERROR;
    p->latin_digits_rtl = detail::from_icu(p->number.formatInt(1, dst).toString(dst)) == "1";
  }
  std::shared_ptr<const formatter> f(new formatter(std::move(p)));
  cache.emplace(key, f);
  return f;
}

result<std::string> formatter::number(std::string_view decimal) const {
  if (auto p = detail::check_decimal(decimal)) return error(p->code, p->message);
  UErrorCode st = U_ZERO_ERROR;
  auto out = impl_->number.formatDecimal(icu::StringPiece(decimal.data(), static_cast<int32_t>(decimal.size())), st);
  if (U_FAILURE(st)) return detail::icu_error(st, errc::invalid_value, "cannot format " + std::string(decimal));
  return detail::from_icu(out.toString(st));
}

std::string formatter::percent(double fraction) const {
  UErrorCode st = U_ZERO_ERROR;
  return detail::from_icu(impl_->percent.formatDouble(fraction, st).toString(st));
}

result<std::string> formatter::money(std::string_view amount, std::string_view currency) const {
  if (auto p = detail::check_decimal(amount)) return error(p->code, p->message);
  if (auto p = detail::check_currency(currency)) return error(p->code, p->message);
  UErrorCode st = U_ZERO_ERROR;
  icu::CurrencyUnit unit(detail::to_icu(currency).getTerminatedBuffer(), st);
  auto f = impl_->number.unit(unit);
  auto out = f.formatDecimal(icu::StringPiece(amount.data(), static_cast<int32_t>(amount.size())), st);
  if (U_FAILURE(st)) return detail::icu_error(st, errc::invalid_value, "cannot format money");
  return detail::from_icu(out.toString(st));
}

namespace {
// A Gregorian calendar time: local fields in `zone`.
result<UDate> to_udate(std::string_view local, const icu::TimeZone& zone) {
  auto num = [&](std::size_t pos, std::size_t n) { return std::stoi(std::string(local.substr(pos, n))); };
  UErrorCode st = U_ZERO_ERROR;
  icu::GregorianCalendar cal(zone, st);
  cal.clear();
  cal.set(num(0, 4), num(5, 2) - 1, num(8, 2), local.size() >= 19 ? num(11, 2) : 12, local.size() >= 19 ? num(14, 2) : 0,
          local.size() >= 19 ? num(17, 2) : 0);
  UDate d = cal.getTime(st);
  if (U_FAILURE(st)) return detail::icu_error(st, errc::invalid_value, "not a date");
  return d;
}
}  // namespace

result<std::string> formatter::date(std::string_view iso_date) const {
  if (auto p = detail::check_date(iso_date)) return error(p->code, p->message);
  std::unique_ptr<icu::TimeZone> utc(icu::TimeZone::createTimeZone("UTC"));
  auto d = to_udate(iso_date, *utc);
  if (!d) return d.err();
  std::unique_ptr<icu::DateFormat> f(impl_->date_proto->clone());
  f->setTimeZone(*utc);
  icu::UnicodeString out;
  f->format(*d, out);
  return detail::from_icu(out);
}

result<std::string> formatter::datetime(std::string_view local, std::string_view time_zone) const {
  if (auto p = detail::check_local_datetime(local)) return error(p->code, p->message);
  if (auto p = detail::check_time_zone(time_zone)) return error(p->code, p->message);
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(detail::to_icu(time_zone)));
  auto d = to_udate(local, *zone);
  if (!d) return d.err();
  std::unique_ptr<icu::DateFormat> f(impl_->datetime_proto->clone());
  f->setTimeZone(*zone);
  icu::UnicodeString out;
  f->format(*d, out);
  return detail::from_icu(out);
}

std::string formatter::list(const std::vector<std::string>& items) const {
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::ListFormatter> lf(
      icu::ListFormatter::createInstance(impl_->loc, ULISTFMT_TYPE_AND, ULISTFMT_WIDTH_WIDE, st));
  if (U_FAILURE(st)) return {};
  std::vector<icu::UnicodeString> u;
  for (const auto& i : items) u.push_back(detail::to_icu(i));
  icu::UnicodeString out;
  lf->format(u.data(), static_cast<int32_t>(u.size()), out, st);
  return detail::from_icu(out);
}

std::string formatter::language_name(std::string_view tag) const {
  UErrorCode st = U_ZERO_ERROR;
  icu::Locale other = icu::Locale::forLanguageTag(icu::StringPiece(tag.data(), static_cast<int32_t>(tag.size())), st);
  icu::UnicodeString out;
  other.getDisplayName(impl_->loc, out);
  return detail::from_icu(out);
}

std::string formatter::plural_category(double n) const { return detail::from_icu(impl_->plural->select(n)); }

namespace {
// In a right-to-left message whose numbers come out in Latin digits
// (ar-u-nu-latn), each formatted number is isolated like any other
// left-to-right value: FSI before the argument (or '#'), PDI after it.
icu::UnicodeString isolate_numbers(const icu::UnicodeString& pattern, const std::map<std::string, message_arg>& args) {
  UErrorCode st = U_ZERO_ERROR;
  UParseError pe{};
  icu::MessagePattern mp(pattern, &pe, st);
  if (U_FAILURE(st)) return pattern;
  std::vector<std::pair<int32_t, int32_t>> spans;  // [start, limit) in the pattern
  for (int32_t i = 0; i < mp.countParts(); ++i) {
    const auto& part = mp.getPart(i);
    if (part.getType() == UMSGPAT_PART_TYPE_REPLACE_NUMBER) {
      spans.emplace_back(part.getIndex(), part.getLimit());
    } else if (part.getType() == UMSGPAT_PART_TYPE_ARG_START &&
               (part.getArgType() == UMSGPAT_ARG_TYPE_NONE || part.getArgType() == UMSGPAT_ARG_TYPE_SIMPLE)) {
      const auto& name = mp.getPart(i + 1);
      std::string arg;
      pattern.tempSubString(name.getIndex(), name.getLength()).toUTF8String(arg);
      auto it = args.find(arg);
      if (it != args.end() && std::holds_alternative<double>(it->second))
        spans.emplace_back(part.getIndex(), mp.getPart(mp.getLimitPartIndex(i)).getLimit());
    }
  }
  icu::UnicodeString out = pattern;
  for (auto it = spans.rbegin(); it != spans.rend(); ++it) {
    out.insert(it->second, static_cast<UChar>(0x2069));
    out.insert(it->first, static_cast<UChar>(0x2068));
  }
  return out;
}
}  // namespace

result<std::string> formatter::message(std::string_view pattern, const std::map<std::string, message_arg>& args) const {
  UErrorCode st = U_ZERO_ERROR;
  icu::UnicodeString text = detail::to_icu(pattern);
  if (impl_->latin_digits_rtl) text = isolate_numbers(text, args);
  icu::MessageFormat mf(text, impl_->loc, st);
  if (U_FAILURE(st)) return detail::icu_error(st, errc::invalid_value, "not a valid ICU message");
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  for (const auto& [name, value] : args) {
    names.push_back(detail::to_icu(name));
    if (const double* d = std::get_if<double>(&value)) values.emplace_back(*d);
    else values.emplace_back(detail::to_icu(isolate_if_needed(std::get<std::string>(value), impl_->dir)));
  }
  icu::UnicodeString out;
  mf.format(names.data(), values.data(), static_cast<int32_t>(values.size()), out, st);
  if (U_FAILURE(st)) return detail::icu_error(st, errc::invalid_value, "cannot format the message");
  return detail::from_icu(out);
}


namespace {
// One matcher per configuration, built on first use (a LocaleMatcher is
// immutable and thread-safe; building one is the expensive part).
const icu::LocaleMatcher* matcher_for(const locale_config& config) {
  static std::mutex mu;
  static std::unordered_map<const locale_config*, std::unique_ptr<icu::LocaleMatcher>> matchers;
  std::lock_guard<std::mutex> lock(mu);
  auto& m = matchers[&config];
  if (!m) {
    UErrorCode st = U_ZERO_ERROR;
    std::vector<icu::Locale> supported;
    for (const auto& s : config.locales) supported.push_back(icu::Locale::forLanguageTag(s.tag, st));
    icu::Locale fallback = icu::Locale::forLanguageTag(config.default_locale, st);
    st = U_ZERO_ERROR;
    auto built = icu::LocaleMatcher::Builder().setSupportedLocales(supported.begin(), supported.end()).setDefaultLocale(&fallback).build(st);
    if (U_FAILURE(st)) return nullptr;
    m = std::make_unique<icu::LocaleMatcher>(std::move(built));
  }
  return m.get();
}
}  // namespace

std::string negotiate_locale(std::string_view accept_language, const locale_config& config) {
  const icu::LocaleMatcher* matcher = matcher_for(config);
  if (!matcher) return config.default_locale;
  UErrorCode st = U_ZERO_ERROR;
  const icu::Locale* best =
      matcher->getBestMatchForListString(icu::StringPiece(accept_language.data(), static_cast<int32_t>(accept_language.size())), st);
  if (U_FAILURE(st) || !best) return config.default_locale;
  std::string tag = best->toLanguageTag<std::string>(st);
  return U_FAILURE(st) ? config.default_locale : tag;
}

std::string isolate_if_needed(std::string_view text, text_direction context) {
  icu::UnicodeString u = detail::to_icu(text);
  UBiDiDirection d = ubidi_getBaseDirection(u.getBuffer(), u.length());
  bool against = (context == text_direction::rtl && d == UBIDI_LTR) || (context == text_direction::ltr && d == UBIDI_RTL);
  if (!against) return std::string(text);
  return "\u2068" + std::string(text) + "\u2069";
}



int formatter::compare(std::string_view a, std::string_view b) const {
  const icu::Collator* c = impl_->collator.get();
  if (!c) return a.compare(b);
  UErrorCode st = U_ZERO_ERROR;
  return c->compareUTF8(icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
                        icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), st);
}

void formatter::sort_indices(std::size_t n, const std::function<std::string_view(std::size_t)>& key,
                             const std::function<void(const std::vector<std::size_t>&)>& apply) const {
  // Sort keys computed once per item rather than on every comparison.
  const icu::Collator* c = impl_->collator.get();
  std::vector<std::string> keys(n);
  for (std::size_t i = 0; i < n; ++i) {
    icu::UnicodeString u = detail::to_icu(key(i));
    if (!c) { keys[i] = std::string(key(i)); continue; }
    int32_t len = c->getSortKey(u, nullptr, 0);
    keys[i].resize(static_cast<std::size_t>(len));
    c->getSortKey(u, reinterpret_cast<uint8_t*>(keys[i].data()), len);
  }
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  apply(order);
}


namespace {
// Days since 1970-01-01 of a valid "YYYY-MM-DD" (proleptic Gregorian).
long days_from_civil(std::string_view d) {
  long y = std::stol(std::string(d.substr(0, 4))), m = std::stol(std::string(d.substr(5, 2))),
       day = std::stol(std::string(d.substr(8, 2)));
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}
}  // namespace

result<std::string> formatter::date_interval(std::string_view from, std::string_view to) const {
  if (auto p = detail::check_date(from)) return error(p->code, p->message);
  if (auto p = detail::check_date(to)) return error(p->code, p->message);
  std::unique_ptr<icu::TimeZone> utc(icu::TimeZone::createTimeZone("UTC"));
  auto a = to_udate(from, *utc), b = to_udate(to, *utc);
  if (!a) return a.err();
  if (!b) return b.err();
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::DateIntervalFormat> f(icu::DateIntervalFormat::createInstance(u"yMMMMd", impl_->loc, st));
  if (U_FAILURE(st)) return detail::icu_error(st, errc::invalid_value, "no interval format");
  f->setTimeZone(*utc);
  icu::DateInterval interval(*a, *b);
  icu::UnicodeString out;
  icu::FieldPosition pos;
  f->format(&interval, out, pos, st);
  if (U_FAILURE(st)) return detail::icu_error(st, errc::invalid_value, "cannot format the interval");
  return detail::from_icu(out);
}

result<std::string> formatter::relative_days(std::string_view today, std::string_view date) const {
  if (auto p = detail::check_date(today)) return error(p->code, p->message);
  if (auto p = detail::check_date(date)) return error(p->code, p->message);
  long days = days_from_civil(date) - days_from_civil(today);
  UErrorCode st = U_ZERO_ERROR;
  icu::RelativeDateTimeFormatter f(impl_->loc, st);
  if (U_FAILURE(st)) return detail::icu_error(st, errc::invalid_value, "no relative time format");
  icu::UnicodeString out;
  f.format(static_cast<double>(days), UDAT_REL_UNIT_DAY, out, st);
  if (U_FAILURE(st)) return detail::icu_error(st, errc::invalid_value, "cannot format relative time");
  return detail::from_icu(out);
}

std::string formatter::region_name(std::string_view region) const {
  icu::Locale r("", std::string(region).c_str());
  icu::UnicodeString out;
  r.getDisplayCountry(impl_->loc, out);
  return detail::from_icu(out);
}

}  // namespace glossa
