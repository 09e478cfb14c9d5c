// Reads a scheme file with toml++ into the model, reporting every problem with its
// position; then runs the cross-reference checks (scheme_checks.cpp).
#include "coding_schemes/scheme_loader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <limits>
#include <set>
#include <sstream>
#include <unordered_map>

#include <toml++/toml.h>

#include "coding_schemes/scheme_checks.h"
#include "coding_schemes/sha256.h"
#include "coding_schemes/toml_reader.h"

namespace schemes {

using detail::DiagSink;
using detail::FieldLocs;
using detail::TableReader;

std::string Diagnostic::toString() const
{
    if (line <= 0)
        return file + ": " + message;
    return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
}

std::string normaliseForHash(std::string_view bytes)
{
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF")
        bytes.remove_prefix(3);
    std::string out;
    out.reserve(bytes.size() + 1);
    for (size_t i = 0; i < bytes.size(); ++i) {
        if (bytes[i] == '\r') {
            out += '\n';
            if (i + 1 < bytes.size() && bytes[i + 1] == '\n')
                ++i;
        } else {
            out += bytes[i];
        }
    }
    if (!out.empty() && out.back() != '\n')
        out += '\n';
    return out;
}

std::string contentHash(std::string_view bytes)
{
    return "sha256:" + Sha256::hex(normaliseForHash(bytes));
}

namespace {

std::string q(std::string_view s) { return "'" + std::string(s) + "'"; }

template <class E>
std::optional<E> enumValue(TableReader& r, std::string_view key, bool required,
                           std::initializer_list<std::pair<std::string_view, E>> values)
{
    std::vector<std::string> names;
    for (auto& v : values)
        names.emplace_back(v.first);
    auto s = r.string(key, required);
    if (!s)
        return std::nullopt;
    for (auto& v : values)
        if (v.first == *s)
            return v.second;
    std::string list;
    for (size_t i = 0; i < names.size(); ++i)
        list += (i ? ", " : "") + names[i];
    r.valueError(key, "'" + std::string(key) + "' must be one of " + list + " (got " + q(*s) + ")"
                          + detail::didYouMean(*s, names));
    return std::nullopt;
}

const std::initializer_list<std::pair<std::string_view, TargetKind>> kTargetKinds = {
    {"member", TargetKind::Member}, {"family", TargetKind::Family},
    {"therapist", TargetKind::Therapist}, {"child", TargetKind::Child},
    {"parent", TargetKind::Parent}, {"dyad", TargetKind::Dyad}};

Provenance readProvenance(TableReader& r, Provenance dflt)
{
    auto p = enumValue<Provenance>(r, "provenance", false,
                                   {{"confirmed", Provenance::Confirmed},
                                    {"provisional", Provenance::Provisional}});
    return p.value_or(dflt);
}

std::optional<Condition> readCondition(TableReader& r, std::string_view key, bool required)
{
    auto s = r.string(key, required);
    if (!s)
        return std::nullopt;
    std::string_view v = *s;
    while (!v.empty() && v.front() == ' ')
        v.remove_prefix(1);
    static constexpr std::pair<std::string_view, CompareOp> ops[] = {
        {"<=", CompareOp::LessEqual}, {">=", CompareOp::GreaterEqual}, {"==", CompareOp::Equal},
        {"!=", CompareOp::NotEqual}, {"<", CompareOp::Less}, {">", CompareOp::Greater}};
    for (auto& [text, op] : ops) {
        if (v.substr(0, text.size()) != text)
            continue;
        std::string rest(v.substr(text.size()));
        char* end = nullptr;
        double x = std::strtod(rest.c_str(), &end);
        bool ok = end != rest.c_str() && std::isfinite(x);
        if (ok)
            for (const char* c = end; *c; ++c)
                ok = ok && *c == ' ';
        if (ok)
            return Condition{op, x};
        break;
    }
    r.valueError(key, "'" + std::string(key) + "' must be a comparison such as \"> 0\" or \"== 0\" (got "
                          + q(*s) + ")");
    return std::nullopt;
}

void readTarget(TableReader& r, Target& t, Provenance dflt)
{
    t.id = r.id();
    t.kind = enumValue<TargetKind>(r, "kind", true, kTargetKinds).value_or(TargetKind::Member);
    if (auto n = r.integer("min_members_present", false, 1, 100)) {
        t.minMembersPresent = static_cast<int>(*n);
        if (t.kind != TargetKind::Family)
            r.valueError("min_members_present", "'min_members_present' applies only to kind = \"family\"");
    } else if (t.kind == TargetKind::Family) {
        t.minMembersPresent = 2;
    }
    bool dyad = t.kind == TargetKind::Dyad;
    if (auto a = enumValue<TargetKind>(r, "actor", dyad, kTargetKinds)) {
        t.actor = *a;
        if (!dyad)
            r.valueError("actor", "'actor' applies only to kind = \"dyad\"");
    }
    if (auto a = enumValue<TargetKind>(r, "to", dyad, kTargetKinds)) {
        t.to = *a;
        if (!dyad)
            r.valueError("to", "'to' applies only to kind = \"dyad\"");
    }
    t.name = r.texts("name", false);
    t.provenance = readProvenance(r, dflt);
}

void readScale(TableReader& r, Scale& s, Provenance dflt)
{
    s.id = r.id();
    // NaN marks a bound that could not be read, so range checks do not cascade.
    constexpr double unknown = std::numeric_limits<double>::quiet_NaN();
    s.min = r.number("min", true).value_or(unknown);
    s.max = r.number("max", true).value_or(unknown);
    s.step = r.number("step", false).value_or(r.has("step") ? unknown : 1.0);
    s.anchors = r.anchors("anchors");
    s.provenance = readProvenance(r, dflt);
}

void readDimension(TableReader& r, Dimension& d, Provenance dflt)
{
    d.id = r.id();
    d.target = r.string("target", true).value_or("");
    d.scale = r.string("scale", false).value_or("");
    d.name = r.texts("name", true);
    d.description = r.texts("description", false);
    d.provenance = readProvenance(r, dflt);
}

void readItem(TableReader& r, Item& it, Provenance dflt)
{
    it.id = r.id();
    it.kind = enumValue<ItemKind>(r, "kind", true,
                                  {{"event", ItemKind::Event}, {"flag", ItemKind::Flag}, {"rated", ItemKind::Rated},
                                   {"state", ItemKind::State}})
                  .value_or(ItemKind::Event);
    it.dimension = r.string("dimension", true).value_or("");
    it.target = r.string("target", false).value_or("");
    it.polarity = enumValue<Polarity>(r, "polarity", false,
                                      {{"+", Polarity::Positive}, {"-", Polarity::Negative}, {"0", Polarity::Neutral}})
                      .value_or(Polarity::Neutral);
    it.channel = enumValue<Channel>(r, "channel", false,
                                    {{"either", Channel::Either}, {"verbal", Channel::Verbal},
                                     {"nonverbal", Channel::NonVerbal}})
                     .value_or(Channel::Either);
    it.key = r.string("key", false).value_or("");
    if (!it.key.empty() && it.key.size() > 16)
        r.valueError("key", "'key' is too long (at most 16 characters)");
    it.scale = r.string("scale", false).value_or("");
    it.reverse = r.boolean("reverse").value_or(false);
    it.label = r.texts("label", true);
    it.description = r.texts("description", false);
    it.seeAlso = r.stringList("see_also");
    it.notConfusedWith = r.stringList("not_confused_with");
    it.provenance = readProvenance(r, dflt);
}

void readUnit(TableReader& r, RatingUnit& u, Provenance dflt)
{
    u.kind = enumValue<UnitKind>(r, "kind", true, {{"session", UnitKind::Session}, {"segment", UnitKind::Segment}})
                 .value_or(UnitKind::Session);
    if (auto sec = r.integer("segment_seconds", u.kind == UnitKind::Segment, 1, 24 * 3600)) {
        u.segmentUs = *sec * 1'000'000;
        if (u.kind != UnitKind::Segment)
            r.valueError("segment_seconds", "'segment_seconds' applies only to kind = \"segment\"");
    }
    u.sessions = r.intList("sessions", 1, 100000);
    std::set<int> seen;
    for (int n : u.sessions)
        if (!seen.insert(n).second)
            r.valueError("sessions", "'sessions' lists session " + std::to_string(n) + " twice");
    u.provenance = readProvenance(r, dflt);
}

void readRule(TableReader& r, RatingRule& rule, Provenance dflt)
{
    rule.id = r.id();
    rule.dimensions = r.stringList("dimensions");
    rule.items = r.stringList("items");
    rule.positive = readCondition(r, "positive", false);
    rule.negative = readCondition(r, "negative", false);
    rule.total = readCondition(r, "total", false);
    rule.rating = readCondition(r, "rating", true).value_or(Condition{});
    rule.message = r.texts("message", true);
    rule.provenance = readProvenance(r, dflt);
}

void readScore(TableReader& r, DerivedScore& s, Provenance dflt)
{
    s.id = r.id();
    s.kind = enumValue<ScoreKind>(r, "kind", true,
                                  {{"mean", ScoreKind::Mean}, {"sum", ScoreKind::Sum}, {"count", ScoreKind::Count},
                                   {"rate_per_hour", ScoreKind::RatePerHour}, {"spread", ScoreKind::Spread},
                                   {"family_mean", ScoreKind::FamilyMean}})
                 .value_or(ScoreKind::Mean);
    s.of = r.stringList("of");
    s.itemsOf = r.stringList("items_of");
    s.polarity = enumValue<Polarity>(r, "polarity", false,
                                     {{"+", Polarity::Positive}, {"-", Polarity::Negative}, {"0", Polarity::Neutral}});
    s.threshold = r.number("threshold", false);
    if (s.threshold && *s.threshold < 0)
        r.valueError("threshold", "'threshold' must not be negative");
    s.label = r.texts("label", true);
    s.provenance = readProvenance(r, dflt);
}

void readMultiRater(TableReader& r, MultiRater& m, Provenance dflt)
{
    m.consensus = enumValue<ConsensusRule>(r, "consensus", false,
                                           {{"mean", ConsensusRule::Mean}, {"median", ConsensusRule::Median},
                                            {"two_of_three", ConsensusRule::TwoOfThree}})
                      .value_or(ConsensusRule::Mean);
    m.reliability = enumValue<std::string>(r, "reliability", false,
                                           {{"icc", "icc"}, {"kappa", "kappa"}, {"weighted_kappa", "weighted_kappa"},
                                            {"alpha", "alpha"}, {"percent_agreement", "percent_agreement"}})
                        .value_or("icc");
    m.iccForm = enumValue<std::string>(r, "icc_form", false,
                                       {{"ICC(1,1)", "ICC(1,1)"}, {"ICC(1,k)", "ICC(1,k)"}, {"ICC(2,1)", "ICC(2,1)"},
                                        {"ICC(2,k)", "ICC(2,k)"}, {"ICC(3,1)", "ICC(3,1)"}, {"ICC(3,k)", "ICC(3,k)"},
                                        {"ICC(1,2)", "ICC(1,2)"}, {"ICC(2,2)", "ICC(2,2)"}, {"ICC(3,2)", "ICC(3,2)"},
                                        {"ICC(A,1)", "ICC(A,1)"}, {"ICC(C,1)", "ICC(C,1)"}, {"ICC(A,k)", "ICC(A,k)"},
                                        {"ICC(C,k)", "ICC(C,k)"}})
                    .value_or("");
    m.trainingWithin = r.number("training_within", false).value_or(1);
    if (m.trainingWithin < 0)
        r.valueError("training_within", "'training_within' must not be negative");
    m.trainingProportion = r.number("training_proportion", false).value_or(0.9);
    if (m.trainingProportion < 0 || m.trainingProportion > 1)
        r.valueError("training_proportion", "'training_proportion' must be between 0 and 1");
    m.provenance = readProvenance(r, dflt);
}

template <class T, class ReadFn>
void readCollection(TableReader& top, std::string_view key, const char* what,
                    std::initializer_list<std::string_view> allowed, std::vector<T>& out,
                    Provenance dflt, ReadFn read)
{
    top.forEachTable(key, what, allowed, [&](TableReader& r) {
        T x;
        x.loc = r.loc();
        read(r, x, dflt);
        out.push_back(std::move(x));
    });
}

// Fills each score's input target: the target of its first resolvable input.
void resolveScoreTargets(Scheme& s)
{
    const detail::SchemeIndex ix(s);
    for (size_t i = 0; i < s.scores.size(); ++i) {
        DerivedScore& sc = s.scores[i];
        for (const std::string& ref : sc.of) {
            if (const Dimension* d = detail::SchemeIndex::get(ix.dimensions, ref))
                sc.target = d->target;
            else if (const Item* it = detail::SchemeIndex::get(ix.items, ref))
                sc.target = it->target;
            else if (auto k = ix.scores.find(ref); k != ix.scores.end() && k->second < i)
                sc.target = s.scores[k->second].target;
            if (!sc.target.empty())
                break;
        }
        for (const std::string& d : sc.itemsOf)
            for (const Item* it : ix.itemsOf(d))
                if (sc.target.empty())
                    sc.target = it->target;
    }
}

bool readFile(const std::filesystem::path& path, std::string& out, std::string& error)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        error = "is a directory, not a scheme file";
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot open the file";
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) {
        error = "cannot read the file";
        return false;
    }
    out = ss.str();
    return true;
}

constexpr size_t kMaxFileBytes = 16u << 20;
constexpr int kMaxKeyParts = 32;
constexpr int kMaxInlineDepth = 16;

struct DepthProblem {
    SourceLoc loc;
    std::string message;
};

// toml++ 3.3 limits nested values (256) but not dotted-key depth: a key such as
// a.a.a... with tens of thousands of parts builds nested tables whose recursive
// destruction overflows the stack. No scheme needs more than a handful of levels, so a
// lexical scan rejects, before parsing, keys of more than kMaxKeyParts parts and inline
// tables nested more than kMaxInlineDepth deep (which bounds the total depth). It skips
// strings and comments and counts '.' since the last newline, ',', '{', '[' or '=';
// a value never holds that many dots without one of those in between. Returns the
// position of the offending character and the message, or line 0.
DepthProblem findOverlyDeepKey(std::string_view t)
{
    enum State { Normal, Basic, Literal, MlBasic, MlLiteral, Comment } st = Normal;
    int line = 1, col = 1, dots = 0, braces = 0;
    auto startsWith = [&](size_t i, std::string_view what) { return t.substr(i, what.size()) == what; };
    for (size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        size_t skip = 0; // extra bytes consumed on the same line
        switch (st) {
        case Normal:
            if (c == '#')
                st = Comment;
            else if (startsWith(i, "\"\"\"")) {
                st = MlBasic;
                skip = 2;
            } else if (startsWith(i, "'''")) {
                st = MlLiteral;
                skip = 2;
            } else if (c == '"')
                st = Basic;
            else if (c == '\'')
                st = Literal;
            else if (c == '.') {
                if (++dots >= kMaxKeyParts)
                    return {{line, col}, "a key with more than " + std::to_string(kMaxKeyParts) + " dotted parts is not supported"};
            } else if (c == '{' && ++braces > kMaxInlineDepth) {
                return {{line, col}, "inline tables nested more than " + std::to_string(kMaxInlineDepth) + " deep are not supported"};
            } else if (c == '}' && braces > 0) {
                --braces;
            }
            if (c == '\n' || c == ',' || c == '{' || c == '[' || c == '=')
                dots = 0;
            break;
        case Basic:
            if (c == '\\' && i + 1 < t.size() && t[i + 1] != '\n')
                skip = 1;
            else if (c == '"' || c == '\n')
                st = Normal;
            break;
        case Literal:
            if (c == '\'' || c == '\n')
                st = Normal;
            break;
        case MlBasic:
            if (c == '\\' && i + 1 < t.size() && t[i + 1] != '\n')
                skip = 1;
            else if (startsWith(i, "\"\"\"")) {
                st = Normal;
                skip = 2;
            }
            break;
        case MlLiteral:
            if (startsWith(i, "'''")) {
                st = Normal;
                skip = 2;
            }
            break;
        case Comment:
            if (c == '\n')
                st = Normal;
            break;
        }
        if (c == '\n') {
            ++line;
            col = 1;
            dots = st == Normal ? 0 : dots;
        } else {
            col += 1 + static_cast<int>(skip);
        }
        i += skip;
    }
    return {};
}

// Parses TOML; on a syntax error appends one diagnostic and returns nullopt.
std::optional<toml::table> parseToml(std::string_view text, const std::string& file,
                                     std::vector<Diagnostic>& diags)
{
    if (text.empty()) {
        diags.push_back({file, 0, 0, "the file is empty"});
        return std::nullopt;
    }
    if (text.size() > kMaxFileBytes) {
        diags.push_back({file, 0, 0, "the file is larger than 16 MiB; scheme files are small text files"});
        return std::nullopt;
    }
    if (DepthProblem deep = findOverlyDeepKey(text); deep.loc.line > 0) {
        diags.push_back({file, deep.loc.line, deep.loc.column, deep.message});
        return std::nullopt;
    }
    try {
        return toml::parse(text, file);
    } catch (const toml::parse_error& e) {
        auto& b = e.source().begin;
        std::string msg(e.description());
        diags.push_back({file, static_cast<int>(std::max<uint32_t>(b.line, 1)),
                         static_cast<int>(std::max<uint32_t>(b.column, 1)), "TOML syntax error: " + msg});
    } catch (const std::exception& e) {
        diags.push_back({file, 1, 1, std::string("TOML syntax error: ") + e.what()});
    }
    return std::nullopt;
}

void sortDiagnostics(std::vector<Diagnostic>& d)
{
    std::stable_sort(d.begin(), d.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.file != b.file)
            return false;
        return std::pair(a.line, a.column) < std::pair(b.line, b.column);
    });
}

} // namespace

LoadResult loadFromString(std::string_view text, std::string fileName)
{
    LoadResult res;
    res.scheme.contentHash = contentHash(text);
    auto doc = parseToml(text, fileName, res.diagnostics);
    if (!doc)
        return res;

    Scheme& s = res.scheme;
    if (const toml::node* o = doc->get("overrides"); o && !doc->get("format")) {
        SourceLoc l = detail::locOf(o->source());
        res.diagnostics.push_back({fileName, l.line, l.column,
                                   "this is an override file, not a scheme; apply it to its scheme "
                                   "(scheme check SCHEME --override FILE)"});
        return res;
    }
    FieldLocs locs;
    DiagSink sink{fileName, &res.diagnostics};
    TableReader top(sink, locs, *doc, "", "",
                    {"format", "id", "version", "name", "citation", "licence", "completed_by", "note",
                     "provenance", "targets", "scales", "dimensions", "items", "rating_unit", "rules",
                     "scores", "multi_rater"});
    if (auto f = top.integer("format", true, 0, 1000000)) {
        s.format = static_cast<int>(*f);
        if (*f != 1)
            top.valueError("format", "unsupported scheme format " + std::to_string(*f) + " (this version reads format 1)");
    }
    s.id = top.id();
    s.version = top.string("version", true).value_or("");
    s.name = top.texts("name", true);
    s.citation = top.string("citation", false).value_or("");
    s.licence = top.string("licence", false).value_or("");
    s.completedBy = top.string("completed_by", false).value_or("");
    s.note = top.texts("note", false);
    s.provenance = readProvenance(top, Provenance::Provisional);
    Provenance dflt = s.provenance;

    readCollection(top, "targets", "target", {"id", "kind", "min_members_present", "actor", "to", "name", "provenance"},
                   s.targets, dflt, readTarget);
    readCollection(top, "scales", "scale", {"id", "min", "max", "step", "anchors", "provenance"}, s.scales, dflt,
                   readScale);
    readCollection(top, "dimensions", "dimension", {"id", "target", "scale", "name", "description", "provenance"},
                   s.dimensions, dflt, readDimension);
    readCollection(top, "items", "item",
                   {"id", "kind", "dimension", "target", "polarity", "channel", "key", "scale", "reverse", "label",
                    "description", "see_also", "not_confused_with", "provenance"},
                   s.items, dflt, readItem);
    readCollection(top, "rules", "rule",
                   {"id", "dimensions", "items", "positive", "negative", "total", "rating", "message", "provenance"},
                   s.rules, dflt, readRule);
    readCollection(top, "scores", "score",
                   {"id", "kind", "of", "items_of", "polarity", "threshold", "label", "provenance"}, s.scores, dflt,
                   readScore);
    if (!top.withTable("rating_unit", "rating unit", {"kind", "segment_seconds", "sessions", "provenance"},
                       [&](TableReader& r) {
                           s.unit.loc = r.loc();
                           readUnit(r, s.unit, dflt);
                       }))
        top.missing("rating_unit");
    s.multiRater.provenance = dflt;
    top.withTable("multi_rater", "multi_rater",
                  {"consensus", "reliability", "icc_form", "training_within", "training_proportion", "provenance"},
                  [&](TableReader& r) {
                      s.multiRater.loc = r.loc();
                      readMultiRater(r, s.multiRater, dflt);
                  });
    top.finish();

    // Items inherit the dimension's target and (for rated items) scale.
    std::unordered_map<std::string_view, const Dimension*> dims;
    for (const Dimension& d : s.dimensions)
        dims.emplace(d.id, &d);
    for (Item& it : s.items) {
        if (const Dimension* d = detail::SchemeIndex::get(dims, it.dimension)) {
            if (it.target.empty())
                it.target = d->target;
            if (it.kind == ItemKind::Rated && it.scale.empty())
                it.scale = d->scale;
        }
    }
    resolveScoreTargets(s);
    detail::checkScheme(s, locs, sink);
    sortDiagnostics(res.diagnostics);
    return res;
}

LoadResult load(const std::filesystem::path& path)
{
    std::string text, error;
    if (!readFile(path, text, error)) {
        LoadResult res;
        res.diagnostics.push_back({path.string(), 0, 0, error});
        return res;
    }
    LoadResult res = loadFromString(text, path.string());
    res.scheme.path = path.string();
    return res;
}

// ---------------------------------------------------------------------------------
// Overrides: texts only, keyed by id.

namespace {

template <class T>
void overrideCollection(TableReader& top, std::string_view key, const char* what, std::vector<T>& vec,
                        std::initializer_list<std::string_view> allowed,
                        const std::function<void(TableReader&, T&)>& apply)
{
    std::vector<std::string> ids;
    for (const T& x : vec)
        ids.push_back(x.id);
    std::unordered_map<std::string_view, T*> byId;
    for (T& x : vec)
        byId.emplace(x.id, &x);
    top.forEachKeyedTable(key, what, allowed, ids, [&](std::string_view id, TableReader& r) {
        if (auto it = byId.find(id); it != byId.end())
            apply(r, *it->second);
    });
}

void mergeTexts(Texts& into, const Texts& from)
{
    for (auto& [lang, text] : from)
        into[lang] = text;
}

} // namespace

void applyOverrideFromString(LoadResult& res, std::string_view text, std::string fileName)
{
    std::vector<Diagnostic> diags;
    auto doc = parseToml(text, fileName, diags);
    if (doc) {
        Scheme& s = res.scheme;
        FieldLocs locs;
        DiagSink sink{fileName, &diags};
        TableReader top(sink, locs, *doc, "", "",
                        {"overrides", "base_hash", "name", "note", "targets", "scales", "dimensions", "items",
                         "rules", "scores"});
        if (auto id = top.string("overrides", true); id && *id != s.id)
            top.valueError("overrides", "this override is for scheme " + q(*id) + ", not " + q(s.id));
        if (auto h = top.string("base_hash", false); h && *h != s.contentHash)
            top.valueError("base_hash", "'base_hash' " + *h + " does not match the scheme's content hash " + s.contentHash);
        mergeTexts(s.name, top.texts("name", false));
        mergeTexts(s.note, top.texts("note", false));
        overrideCollection<Target>(top, "targets", "target", s.targets, {"name"},
                                   [](TableReader& r, Target& t) { mergeTexts(t.name, r.texts("name", false)); });
        overrideCollection<Scale>(top, "scales", "scale", s.scales, {"anchors"}, [](TableReader& r, Scale& sc) {
            for (ScaleAnchor& a : r.anchors("anchors")) {
                auto it = std::find_if(sc.anchors.begin(), sc.anchors.end(),
                                       [&](const ScaleAnchor& b) { return b.value == a.value; });
                if (it != sc.anchors.end())
                    mergeTexts(it->label, a.label);
                else if (sc.contains(a.value)) {
                    sc.anchors.push_back(a);
                    std::sort(sc.anchors.begin(), sc.anchors.end(),
                              [](const ScaleAnchor& x, const ScaleAnchor& y) { return x.value < y.value; });
                } else {
                    char buf[64];
                    std::snprintf(buf, sizeof buf, "%g", a.value);
                    r.valueError("anchors", std::string("anchor ") + buf + " is not a value of the scale");
                }
            }
        });
        overrideCollection<Dimension>(top, "dimensions", "dimension", s.dimensions, {"name", "description"},
                                      [](TableReader& r, Dimension& d) {
                                          mergeTexts(d.name, r.texts("name", false));
                                          mergeTexts(d.description, r.texts("description", false));
                                      });
        overrideCollection<Item>(top, "items", "item", s.items, {"label", "description"},
                                 [](TableReader& r, Item& it) {
                                     mergeTexts(it.label, r.texts("label", false));
                                     mergeTexts(it.description, r.texts("description", false));
                                 });
        overrideCollection<RatingRule>(top, "rules", "rule", s.rules, {"message"}, [](TableReader& r, RatingRule& x) {
            mergeTexts(x.message, r.texts("message", false));
        });
        overrideCollection<DerivedScore>(top, "scores", "score", s.scores, {"label"},
                                         [](TableReader& r, DerivedScore& x) {
                                             mergeTexts(x.label, r.texts("label", false));
                                         });
        top.finish();
        sortDiagnostics(diags);
    }
    res.scheme.overrides.push_back(fileName);
    res.diagnostics.insert(res.diagnostics.end(), diags.begin(), diags.end());
}

void applyOverride(LoadResult& res, const std::filesystem::path& path)
{
    std::string text, error;
    if (!readFile(path, text, error)) {
        res.diagnostics.push_back({path.string(), 0, 0, error});
        return;
    }
    applyOverrideFromString(res, text, path.string());
}

} // namespace schemes
