// bondline-cli scheme check|show|list: validate scheme files, summarise one, list the
// shipped ones. The loader and its messages live in coding_schemes/; this file only
// formats them.
#include <array>
#include <map>
#include <ostream>

#include "app/cli/arg_parser.h"
#include "app/cli/cli.h"
#include "app/cli/json_writer.h"
#include "coding_schemes/scheme_loader.h"

namespace app::cli {

namespace {

using schemes::Diagnostic;
using schemes::LoadResult;

constexpr const char* kUsage =
    "usage: bondline-cli scheme SUBCOMMAND ...\n\n"
    "Coding-scheme files (docs/schemes.md).\n\n"
    "subcommands:\n"
    "  check FILE... [--override FILE] [--json]   validate; every problem as file:line:col: message\n"
    "  show FILE [--override FILE] [--lang LANG] [--json]   summarise a scheme\n"
    "  list [--json]                              the shipped schemes\n";

LoadResult loadWithOverride(const std::string& file, const std::optional<std::string>& overrideFile)
{
    LoadResult r = schemes::load(file);
    if (overrideFile)
        schemes::applyOverride(r, *overrideFile);
    return r;
}

void writeDiagnostics(JsonWriter& w, const std::vector<Diagnostic>& diags)
{
    w.key("diagnostics").beginArray();
    for (const Diagnostic& d : diags) {
        w.beginObject().field("file", d.file).field("line", d.line).field("column", d.column);
        w.field("message", d.message).endObject();
    }
    w.endArray();
}

int runCheck(Args args, Io& io)
{
    ArgParser p("bondline-cli scheme check FILE... [--override FILE] [--json]",
                "Validate scheme files and report every problem as file:line:col: message.\n"
                "Exit status 1 when any file has a problem. --override applies an override file\n"
                "(texts only) to the single scheme FILE and checks it too.");
    p.option("override", "FILE", "an override file for the (single) scheme FILE");
    p.flag("json", "print one JSON document");
    int code = Ok;
    if (!p.parse(args, io, &code))
        return code;
    const auto& files = p.positionals();
    if (files.empty())
        return p.usageError(io, "scheme check needs at least one FILE");
    auto overrideFile = p.value("override");
    if (overrideFile && files.size() != 1)
        return p.usageError(io, "--override applies to exactly one scheme FILE");

    size_t problems = 0, badFiles = 0;
    std::vector<LoadResult> results;
    for (const std::string& f : files) {
        results.push_back(loadWithOverride(f, overrideFile));
        problems += results.back().diagnostics.size();
        badFiles += results.back().ok() ? 0 : 1;
    }
    if (p.has("json")) {
        JsonWriter w(io.out);
        w.beginObject().field("ok", problems == 0).field("problems", static_cast<int64_t>(problems));
        w.key("files").beginArray();
        for (size_t i = 0; i < files.size(); ++i) {
            const LoadResult& r = results[i];
            w.beginObject().field("file", files[i]).field("ok", r.ok()).field("id", r.scheme.id);
            w.field("version", r.scheme.version).field("content_hash", r.scheme.contentHash);
            writeDiagnostics(w, r.diagnostics);
            w.endObject();
        }
        w.endArray().endObject();
    } else {
        for (size_t i = 0; i < files.size(); ++i) {
            const LoadResult& r = results[i];
            for (const Diagnostic& d : r.diagnostics)
                io.out << d.toString() << "\n";
            if (r.ok())
                io.out << files[i] << ": ok (" << r.scheme.id << " " << r.scheme.version << ", "
                       << r.scheme.contentHash << ")\n";
        }
        if (problems)
            io.err << "bondline-cli: scheme check: " << problems << (problems == 1 ? " problem" : " problems")
                   << " in " << badFiles << (badFiles == 1 ? " file" : " files") << "\n";
    }
    return problems ? UserError : Ok;
}

std::string provisionalParts(const schemes::Scheme& s)
{
    std::map<std::string, int> count;
    auto add = [&](const char* what, schemes::Provenance p) {
        if (p == schemes::Provenance::Provisional)
            ++count[what];
    };
    for (auto& x : s.targets) add("targets", x.provenance);
    for (auto& x : s.scales) add("scales", x.provenance);
    for (auto& x : s.dimensions) add("dimensions", x.provenance);
    for (auto& x : s.items) add("items", x.provenance);
    for (auto& x : s.rules) add("rules", x.provenance);
    for (auto& x : s.scores) add("scores", x.provenance);
    add("rating unit", s.unit.provenance);
    add("multi-rater conventions", s.multiRater.provenance);
    std::string out;
    for (auto& [what, n] : count)
        out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + what;
    return out.empty() ? "none" : out;
}

int runShow(Args args, Io& io)
{
    ArgParser p("bondline-cli scheme show FILE [--override FILE] [--lang LANG] [--json]",
                "Summarise a scheme: identity, content hash, targets, scales, dimensions, items,\n"
                "rating unit, rules, derived scores, multi-rater conventions, provisional parts.");
    p.option("override", "FILE", "apply an override file first");
    p.option("lang", "LANG", "label language (default en; falls back to en)");
    p.flag("json", "print one JSON document");
    int code = Ok;
    if (!p.parse(args, io, &code))
        return code;
    if (p.positionals().size() != 1)
        return p.usageError(io, "scheme show takes exactly one FILE");
    LoadResult r = loadWithOverride(p.positionals()[0], p.value("override"));
    if (!r.ok()) {
        const Diagnostic& d = r.diagnostics.front();
        io.err << "bondline-cli: scheme show: " << d.toString();
        if (r.diagnostics.size() > 1)
            io.err << " (and " << r.diagnostics.size() - 1 << " more; run scheme check)";
        io.err << "\n";
        return UserError;
    }
    const schemes::Scheme& s = r.scheme;
    std::string lang = p.value("lang").value_or("en");
    using schemes::textIn;
    using schemes::toString;
    if (p.has("json")) {
        JsonWriter w(io.out);
        w.beginObject().field("id", s.id).field("version", s.version).field("content_hash", s.contentHash);
        w.field("name", textIn(s.name, lang)).field("provenance", toString(s.provenance));
        w.field("completed_by", s.completedBy);
        w.key("targets").beginArray();
        for (auto& t : s.targets)
            w.beginObject().field("id", t.id).field("kind", toString(t.kind)).endObject();
        w.endArray().key("dimensions").beginArray();
        for (auto& d : s.dimensions)
            w.beginObject().field("id", d.id).field("target", d.target).field("scale", d.scale)
                .field("name", textIn(d.name, lang)).field("provenance", toString(d.provenance)).endObject();
        w.endArray().key("items").beginArray();
        for (auto& it : s.items)
            w.beginObject().field("id", it.id).field("kind", toString(it.kind)).field("dimension", it.dimension)
                .field("target", it.target).field("polarity", toString(it.polarity))
                .field("label", textIn(it.label, lang)).field("provenance", toString(it.provenance)).endObject();
        w.endArray().key("scales").beginArray();
        for (auto& sc : s.scales)
            w.beginObject().field("id", sc.id).field("min", sc.min).field("max", sc.max).field("step", sc.step).endObject();
        w.endArray();
        w.field("rating_unit", s.unit.kind == schemes::UnitKind::Session ? "session" : "segment");
        w.field("segment_seconds", s.unit.segmentUs / 1'000'000);
        w.key("sessions").beginArray();
        for (int n : s.unit.sessions)
            w.value(n);
        w.endArray().field("rules", static_cast<int64_t>(s.rules.size()));
        w.field("scores", static_cast<int64_t>(s.scores.size()));
        w.field("consensus", toString(s.multiRater.consensus)).endObject();
        return Ok;
    }
    std::ostream& o = io.out;
    o << s.id << " " << s.version << "  " << textIn(s.name, lang) << "\n";
    o << "content hash: " << s.contentHash << "\n";
    o << "provenance: " << toString(s.provenance) << "; provisional parts: " << provisionalParts(s) << "\n";
    if (!s.completedBy.empty())
        o << "completed by: " << s.completedBy << "\n";
    o << "targets:";
    for (auto& t : s.targets)
        o << " " << t.id << " (" << toString(t.kind) << ")";
    o << "\nscales:";
    for (auto& sc : s.scales)
        o << " " << sc.id << " [" << sc.min << ".." << sc.max << " step " << sc.step << "]";
    o << "\nrating unit: ";
    if (s.unit.kind == schemes::UnitKind::Session)
        o << "session";
    else
        o << s.unit.segmentUs / 1'000'000 << "-second segments";
    if (!s.unit.sessions.empty()) {
        o << ", sessions";
        for (int n : s.unit.sessions)
            o << " " << n;
    }
    o << "\ndimensions:\n";
    for (auto& d : s.dimensions) {
        int n = 0;
        for (auto& it : s.items)
            n += it.dimension == d.id;
        o << "  " << d.id << "  " << textIn(d.name, lang) << " (" << d.target
          << (d.scale.empty() ? "" : ", rated on " + d.scale) << ", " << n << " items)\n";
    }
    o << "items: " << s.items.size() << "; rules: " << s.rules.size() << "; derived scores: " << s.scores.size()
      << "; consensus: " << toString(s.multiRater.consensus) << "\n";
    return Ok;
}

int runList(Args args, Io& io)
{
    ArgParser p("bondline-cli scheme list [--json]",
                "List the shipped schemes (directory: $BONDLINE_SCHEMES_DIR, else next to the\n"
                "executable, else the source tree).");
    p.flag("json", "print one JSON document");
    int code = Ok;
    if (!p.parse(args, io, &code))
        return code;
    if (!p.positionals().empty())
        return p.usageError(io, "scheme list takes no arguments");
    auto dir = schemes::shippedSchemesDir();
    if (dir.empty()) {
        io.err << "bondline-cli: scheme list: no shipped schemes directory found (set BONDLINE_SCHEMES_DIR)\n";
        return UserError;
    }
    auto files = schemes::schemeFilesIn(dir);
    if (p.has("json")) {
        JsonWriter w(io.out);
        w.beginObject().field("directory", dir.string()).key("schemes").beginArray();
        for (auto& f : files) {
            LoadResult r = schemes::load(f);
            w.beginObject().field("file", f.string()).field("id", r.scheme.id).field("version", r.scheme.version)
                .field("content_hash", r.scheme.contentHash).field("ok", r.ok()).endObject();
        }
        w.endArray().endObject();
        return Ok;
    }
    io.out << dir.string() << "\n";
    for (auto& f : files) {
        LoadResult r = schemes::load(f);
        io.out << "  " << f.filename().string() << "  " << r.scheme.id << " " << r.scheme.version << "  "
               << (r.ok() ? r.scheme.contentHash : "INVALID (run scheme check)") << "\n";
    }
    return Ok;
}

} // namespace

int runScheme(Args args, Io& io)
{
    static constexpr std::array subs{
        Subcommand{"check", runCheck},
        Subcommand{"show", runShow},
        Subcommand{"list", runList},
    };
    return dispatchSubcommand("scheme", kUsage, subs, args, io);
}

} // namespace app::cli
