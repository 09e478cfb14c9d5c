// bondline-cli project | export | import | package | merge | sample: the project store
// from scripts. The store and the formats live in projects/; this file parses arguments
// and prints results.
#include <array>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <set>
#include <sstream>

#include "app/cli/arg_parser.h"
#include "app/cli/cli.h"
#include "app/cli/json_writer.h"
#include "codec/media_error.h"
#include "codec/media_info.h"
#include "coding_schemes/scheme_loader.h"
#include "projects/exchange_csv.h"
#include "projects/exchange_boris.h"
#include "projects/exchange_eaf.h"
#include "projects/exchange_json.h"
#include "projects/exchange_opf.h"
#include "projects/exchange_sav.h"
#include "projects/fingerprint.h"
#include "projects/import_file.h"
#include "projects/project_setup.h"
#include "projects/packages.h"
#include "projects/store.h"

namespace fs = std::filesystem;

namespace app::cli {

namespace {

using projects::ProjectError;
using projects::Store;

int fail(Io& io, const std::exception& e)
{
    io.err << "bondline-cli: " << e.what() << "\n";
    return UserError;
}

std::string lower(std::string s)
{
    for (char& c : s)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// The coder named `coder` and the scheme whose id or content hash is `scheme`.
std::pair<std::optional<projects::Coder>, std::optional<projects::SchemeRef>>
findCoderAndScheme(Store& s, const std::string& coder, const std::string& scheme)
{
    return {s.coderByName(coder), s.schemeByIdOrHash(scheme)};
}

// --- project ---------------------------------------------------------------------------

constexpr const char* kProjectUsage =
    "usage: bondline-cli project SUBCOMMAND ...\n\n"
    "Create and inspect .bondline project files (docs/projects.md).\n\n"
    "subcommands:\n"
    "  create FILE                                  a new, empty project\n"
    "  info FILE [--json]                           counts, format version, missing media\n"
    "  add-scheme FILE SCHEME.toml                  pin a scheme file (by content hash) in the project\n"
    "  add-coder FILE NAME [--role ROLE]            coder, supervisor or reliability-lead\n"
    "  add-session FILE --case CODE --number N --people CODE:ROLE,... [--media PATH]... [--date D] [--phase P]\n"
    "                                               a session (creates the case and people as needed)\n"
    "  assign FILE --coder NAME --scheme ID [--case CODE --number N] [--open]\n"
    "                                               assign sessions (all, or one) to a coder, blind unless --open\n"
    "  relink FILE DIR                              find moved media under DIR by fingerprint\n"
    "  check FILE                                   SQLite integrity check\n";

int runCreate(Args args, Io& io)
{
    ArgParser p("bondline-cli project create FILE", "Create a new, empty project file.");
    int code = Ok;
    if (!p.parse(args, io, &code))
        return code;
    if (p.positionals().size() != 1)
        return p.usageError(io, "project create needs exactly one FILE");
    try {
        Store s = Store::create(p.positionals()[0]);
        io.out << "created " << s.path().string() << " (project " << s.projectUuid() << ")\n";
        return Ok;
    } catch (const std::exception& e) {
        return fail(io, e);
    }
}

int runInfo(Args args, Io& io)
{
    ArgParser p("bondline-cli project info FILE [--json]", "Summarise a project: what it holds, what is missing.");
    p.flag("json", "print one JSON document");
    int code = Ok;
    if (!p.parse(args, io, &code))
        return code;
    if (p.positionals().size() != 1)
        return p.usageError(io, "project info needs exactly one FILE");
    try {
        Store s = Store::open(p.positionals()[0]);
        const auto cases = s.cases();
        const auto sessions = s.sessions();
        const auto coders = s.coders();
        const auto schemes = s.schemes();
        const auto missing = s.missingMedia();
        const auto ratings = s.ratings();
        const int64_t codings = s.codingCount();
        const auto kind = s.meta("kind").value_or("project");
        if (p.has("json")) {
            JsonWriter w(io.out);
            w.beginObject().field("file", s.path().string()).field("kind", kind).field("uuid", s.projectUuid());
            w.field("format_version", static_cast<int64_t>(s.openReport().fileVersion));
            w.field("cases", static_cast<int64_t>(cases.size())).field("sessions", static_cast<int64_t>(sessions.size()));
            w.field("coders", static_cast<int64_t>(coders.size())).field("codings", codings);
            w.field("ratings", static_cast<int64_t>(ratings.size()));
            w.key("schemes").beginArray();
            for (const auto& x : schemes)
                w.beginObject().field("id", x.schemeId).field("version", x.version).field("content_hash", x.contentHash).endObject();
            w.endArray();
            w.key("missing_media").beginArray();
            for (const auto& m : missing)
                w.value(m.path);
            w.endArray().endObject();
            io.out << "\n";
            return Ok;
        }
        io.out << s.path().string() << ": Bondline " << kind << " " << s.projectUuid() << " (format "
               << s.openReport().fileVersion << ")\n";
        if (s.openReport().migrated)
            io.out << "  migrated; the previous version is backed up as " << s.openReport().backup.string() << "\n";
        io.out << "  " << cases.size() << " cases, " << sessions.size() << " sessions, " << coders.size()
               << " coders, " << codings << " codings, " << ratings.size() << " ratings\n";
        for (const auto& x : schemes)
            io.out << "  scheme " << x.schemeId << " " << x.version << " " << x.contentHash << "\n";
        for (const auto& c : coders)
            io.out << "  coder " << c.name << " (" << projects::coderRoleName(c.role) << ")\n";
        if (!missing.empty()) {
            io.out << "  " << missing.size() << " media file(s) not found (bondline-cli project relink FILE DIR):\n";
            for (const auto& m : missing)
                io.out << "    " << m.path << "\n";
        }
        return Ok;
    } catch (const std::exception& e) {
        return fail(io, e);
    }
}

int runAddScheme(Args args, Io& io)
{
    ArgParser p("bondline-cli project add-scheme FILE SCHEME.toml",
                "Store a scheme file in the project, pinned by its content hash. The file must load\n"
                "without problems (bondline-cli scheme check).");
    int code = Ok;
    if (!p.parse(args, io, &code))
        return code;
    if (p.positionals().size() != 2)
        return p.usageError(io, "project add-scheme needs FILE and SCHEME.toml");
    try {
        const std::string schemeFile = p.positionals()[1];
        Store s = Store::open(p.positionals()[0]);
        const auto ref = projects::pinSchemeFile(s, schemeFile);
        io.out << "scheme " << ref.schemeId << " " << ref.version << " " << ref.contentHash << "\n";
        return Ok;
    } catch (const std::exception& e) {
        return fail(io, e);
    }
}

int runAddCoder(Args args, Io& io)
{
    ArgParser p("bondline-cli project add-coder FILE NAME [--role ROLE]",
                "Add a coder. ROLE: coder (default), supervisor, reliability-lead.");
    p.option("role", "ROLE", "coder, supervisor or reliability-lead");
    int code = Ok;
    if (!p.parse(args, io, &code))
        return code;
    if (p.positionals().size() != 2)
        return p.usageError(io, "project add-coder needs FILE and NAME");
    auto role = projects::parseCoderRole(p.value("role").value_or("coder"));
    if (!role)
        return p.usageError(io, "unknown role '" + *p.value("role") + "' (coder, supervisor, reliability-lead)");
    try {
        Store s = Store::open(p.positionals()[0]);
        auto c = s.addCoder({.name = p.positionals()[1], .role = *role});
        io.out << "coder " << c.name << " (" << projects::coderRoleName(c.role) << ")\n";
        return Ok;
    } catch (const std::exception& e) {
        return fail(io, e);
    }
}

int runAddSession(Args args, Io& io)
{
    ArgParser p("bondline-cli project add-session FILE --case CODE --number N --people CODE:ROLE,... "
                "[--media PATH] [--date YYYY-MM-DD] [--phase P]",
                "Add a session of a case (the case and its people are created when new). --people lists\n"
                "who attended, e.g. M:mother,F:father,Y:youth,T:therapist (roles: youth, mother, father,\n"
                "step-parent, foster-parent, parent, sibling, network, therapist, co-therapist, other).\n"
                "--media stores the recording's path (relative to the project) and fingerprint.");
    p.option("case", "CODE", "the family's pseudonymised code");
    p.option("number", "N", "session number (1-based)");
    p.option("people", "LIST", "who attended: CODE:ROLE,...");
    p.option("media", "PATH", "the session's recording");
    p.option("date", "DATE", "YYYY-MM-DD");
    p.option("phase", "PHASE", "e.g. early, middle, late");
    int code = Ok;
    if (!p.parse(args, io, &code))
        return code;
    if (p.positionals().size() != 1 || !p.value("case") || !p.value("number"))
        return p.usageError(io, "project add-session needs FILE, --case and --number");
    int number = 0;
    try {
        number = std::stoi(*p.value("number"));
    } catch (...) {
    }
    if (number <= 0)
        return p.usageError(io, "--number must be a positive whole number");
    projects::NewSession n;
    n.caseCode = *p.value("case");
    n.number = number;
    n.date = p.value("date").value_or("");
    n.phase = p.value("phase").value_or("");
    try {
        n.people = projects::parsePeople(p.value("people").value_or(""));
    } catch (const std::invalid_argument& e) {
        return p.usageError(io, std::string("--people: ") + e.what());
    }
    if (auto media = p.value("media")) {
        // Only a recording FFmpeg can read becomes a session's media (not random bytes,
        // a PDF or a ZIP); a missing file is reported by addSession as before.
        if (fs::exists(*media)) {
            try {
                (void)codec::probeMedia(*media);
            } catch (const codec::MediaError& e) {
                io.err << "bondline-cli: " << e.what() << "\n";
                return UserError;
            }
        }
        n.media = *media;
    }
    try {
        Store s = Store::open(p.positionals()[0]);
        const projects::Session session = projects::addSession(s, n);
        io.out << "session " << n.caseCode << "/" << session.number << " with " << session.attended.size()
               << " people\n";
        return Ok;
    } catch (const std::exception& e) {
        return fail(io, e);
    }
}

int runAssign(Args args, Io& io)
{
    ArgParser p("bondline-cli project assign FILE --coder NAME --scheme ID [--case CODE --number N] [--open] [--gold]",
                "Assign sessions to a coder with a scheme: every session, or the one given by --case and\n"
                "--number. Assignments are blind (the coder does not see other coders' work) unless --open.");
    p.option("coder", "NAME", "the coder");
    p.option("scheme", "ID", "scheme id or content hash");
    p.option("case", "CODE", "only sessions of this case");
    p.option("number", "N", "only this session number");
    p.flag("open", "not blind");
    p.flag("gold", "this coder's codings are the gold standard");
    int code = Ok;
    if (!p.parse(args, io, &code))
        return code;
    if (p.positionals().size() != 1 || !p.value("coder") || !p.value("scheme"))
        return p.usageError(io, "project assign needs FILE, --coder and --scheme");
    try {
        Store s = Store::open(p.positionals()[0]);
        auto [coder, scheme] = findCoderAndScheme(s, *p.value("coder"), *p.value("scheme"));
        if (!coder || !scheme) {
            io.err << "bondline-cli: " << s.path().string() << ": no "
                   << (!coder ? "coder named '" + *p.value("coder") + "'" : "scheme '" + *p.value("scheme") + "'")
                   << " in the project\n";
            return UserError;
        }
        std::optional<int> number;
        if (p.value("number")) {
            try {
                number = std::stoi(*p.value("number"));
            } catch (...) {
                return p.usageError(io, "--number must be a whole number");
            }
        }
        const int added = projects::assignSessions(s, coder->id, scheme->id, p.value("case").value_or(""), number,
                                                   !p.has("open"), p.has("gold"));
        io.out << added << " session(s) assigned to " << coder->name << "\n";
        return Ok;
    } catch (const std::exception& e) {
        return fail(io, e);
    }
}

int runRelink(Args args, Io& io)
{
    ArgParser p("bondline-cli project relink FILE DIR",
                "Find media files that moved: search DIR (recursively) for files with the stored\n"
                "fingerprints and store their new paths. Codings are not touched.");
    int code = Ok;
    if (!p.parse(args, io, &code))
        return code;
    if (p.positionals().size() != 2)
        return p.usageError(io, "project relink needs FILE and DIR");
    try {
        Store s = Store::open(p.positionals()[0]);
        if (!fs::is_directory(p.positionals()[1])) {
            io.err << "bondline-cli: " << p.positionals()[1] << ": not a folder\n";
            return UserError;
        }
        auto r = s.relink(p.positionals()[1]);
        io.out << "relinked " << r.relinked << " media file(s)\n";
        for (const auto& m : r.stillMissing)
            io.out << "still missing: " << m << "\n";
        return r.stillMissing.empty() ? Ok : UserError;
    } catch (const std::exception& e) {
        return fail(io, e);
    }
}

int runCheck(Args args, Io& io)
{
    ArgParser p("bondline-cli project check FILE", "Run SQLite's integrity check on a project file.");
    int code = Ok;
    if (!p.parse(args, io, &code))
        return code;
    if (p.positionals().size() != 1)
        return p.usageError(io, "project check needs exactly one FILE");
    try {
        Store s = Store::open(p.positionals()[0]);
        const auto r = s.integrityCheck();
        if (r == "ok") {
            io.out << s.path().string() << ": ok\n";
            return Ok;
        }
        io.err << "bondline-cli: " << s.path().string() << ": damaged project file (" << r << ")\n";
        return UserError;
    } catch (const std::exception& e) {
        return fail(io, e);
    }
}

} // namespace

int runProject(Args args, Io& io)
{
    static constexpr std::array subs{
        Subcommand{"create", runCreate},       Subcommand{"info", runInfo},     Subcommand{"add-scheme", runAddScheme},
        Subcommand{"add-coder", runAddCoder},  Subcommand{"add-session", runAddSession},
        Subcommand{"assign", runAssign},       Subcommand{"relink", runRelink}, Subcommand{"check", runCheck},
    };
    return dispatchSubcommand("project", kProjectUsage, subs, args, io);
}

// --- export / import ---------------------------------------------------------------------

int runExport(Args args, Io& io)
{
    ArgParser p("bondline-cli export PROJECT --format FORMAT -o OUT [--case CODE --session N --coder NAME]",
                "Export a project. FORMAT:\n"
                "  long-csv   one row per coding, rating and derived score (tidy; R, pandas)\n"
                "  wide-csv   one row per coder x session x rated person, a column per rating/score (SPSS)\n"
                "  json       the whole project, lossless\n"
                "  sav        SPSS .sav, one row per rating, with variable and value labels\n"
                "  eaf        ELAN, one coder's codings of one session (--case, --session, --coder),\n"
                "             one tier per participant per dimension\n"
                "  irr-events the codings of one session (--case, --session) as the input of\n"
                "             `bondline-cli irr events` (code = <participant>:<item>)\n"
                "  irr-ratings every rating as the input of `bondline-cli irr ratings`\n"
                "Without --format the extension of OUT decides (.csv, .json, .sav, .eaf).");
    p.option("format", "FORMAT", "long-csv, wide-csv, json, sav, eaf, irr-events or irr-ratings");
    p.option("case", "CODE", "eaf, irr-events: the case");
    p.option("session", "N", "eaf, irr-events: the session number");
    p.option("coder", "NAME", "eaf: the coder");
    p.option("output", "OUT", "the file to write");
    p.alias("-o", "output");
    int code = Ok;
    if (!p.parse(args, io, &code))
        return code;
    if (p.positionals().size() != 1 || !p.value("output"))
        return p.usageError(io, "export needs PROJECT and -o OUT");
    const fs::path out = *p.value("output");
    std::string format = p.value("format").value_or("");
    if (format.empty()) {
        const auto ext = lower(out.extension().string());
        format = ext == ".json" ? "json" : ext == ".csv" ? "long-csv" : ext == ".sav" ? "sav" : ext == ".eaf" ? "eaf" : "";
        if (format.empty())
            return p.usageError(io, "cannot tell the format from '" + out.string() + "'; give --format");
    }
    try {
        Store s = Store::open(p.positionals()[0]);
        if (format == "long-csv") {
            auto n = projects::exportLongCsv(s, out);
            io.out << "wrote " << out.string() << ": " << n.codings << " codings, " << n.ratings << " ratings, "
                   << n.scores << " scores\n";
        } else if (format == "wide-csv") {
            auto n = projects::exportWideCsv(s, out);
            io.out << "wrote " << out.string() << ": " << n.rows << " rows\n";
        } else if (format == "json") {
            projects::exportJson(s, out);
            io.out << "wrote " << out.string() << "\n";
        } else if (format == "sav") {
            const auto d = s.snapshot();
            projects::exportSav(d, out);
            io.out << "wrote " << out.string() << ": " << d.ratings.size() << " ratings\n";
        } else if (format == "irr-ratings") {
            const auto n = projects::exportIrrRatings(s, out);
            io.out << "wrote " << out.string() << ": " << n << " ratings\n";
        } else if (format == "eaf" || format == "irr-events") {
            const bool eaf = format == "eaf";
            if (!p.value("case") || !p.value("session") || (eaf && !p.value("coder")))
                return p.usageError(io, eaf ? "eaf exports one session of one coder: give --case, --session and --coder"
                                            : "irr-events exports one session: give --case and --session");
            std::optional<projects::RowId> sessionId, coderId;
            int number = 0;
            try {
                number = std::stoi(*p.value("session"));
            } catch (...) {
            }
            if (const auto kase = s.caseByCode(*p.value("case")))
                if (const auto session = s.sessionByNumber(kase->id, number);
                    session && std::to_string(number) == *p.value("session"))
                    sessionId = session->id;
            if (const auto coder = s.coderByName(p.value("coder").value_or("")))
                coderId = coder->id;
            if (!eaf && sessionId) {
                const auto n = projects::exportIrrEvents(s, *sessionId, out);
                io.out << "wrote " << out.string() << ": " << n << " codings\n";
                return Ok;
            }
            if (!sessionId || !coderId) {
                io.err << "bondline-cli: " << s.path().string() << ": no "
                       << (!sessionId ? "session " + *p.value("case") + "/" + *p.value("session")
                                      : "coder named '" + *p.value("coder") + "'")
                       << " in the project\n";
                return UserError;
            }
            projects::exportEaf(s.snapshot(), *sessionId, *coderId, out, fs::absolute(s.path()).parent_path());
            io.out << "wrote " << out.string() << "\n";
        } else {
            return p.usageError(io, "unknown format '" + format
                                        + "' (long-csv, wide-csv, json, sav, eaf, irr-events, irr-ratings)");
        }
        return Ok;
    } catch (const std::exception& e) {
        return fail(io, e);
    }
}

int runImport(Args args, Io& io)
{
    ArgParser p("bondline-cli import PROJECT FILE [--format FORMAT] [--dry-run] [--close-unpaired] "
                "[--tier-map TIER=PARTICIPANT:ITEM]... [--column-map COLUMN=participant|item]...",
                "Import codings and ratings into a project, matching rows by uuid; rows of files without\n"
                "uuids (BORIS, ELAN, CSV rows with an empty uuid) get one made from where they come from\n"
                "in the file, so importing the same file twice adds nothing (\"0 new, N unchanged\");\n"
                "rows that differ from the project's are reported as conflicts and the project's are\n"
                "kept. One transaction: a bad file imports nothing. --dry-run reports what would be\n"
                "added, matched and skipped and changes nothing.\n"
                "FORMAT: csv (the long CSV of export), json, eaf (ELAN: every time-aligned tier; the\n"
                "participant from --tier-map, the tier's PARTICIPANT or a name \"<participant> <item>\";\n"
                "controlled vocabularies become scheme items; dependent tiers go to the comments),\n"
                "boris (a BORIS project: observations become sessions, subjects participants,\n"
                "events codings), opf (a Datavyu project: each column an item, each cell a coding;\n"
                "--column-map makes columns participants or items). Default: from the extension.");
    p.option("format", "FORMAT", "csv, json, eaf, boris or opf");
    p.option("column-map", "COLUMN=participant|item",
             "opf: the column's cells are that participant's codings (item = first value), or that\n"
             "item's codings (participant = first value); repeatable");
    p.flag("close-unpaired", "boris: end a state event that never stops at the observation's end");
    p.flag("dry-run", "report what would be imported; change nothing");
    p.option("tier-map", "TIER=PARTICIPANT:ITEM",
             "eaf: read tier TIER as PARTICIPANT's codings of ITEM (ITEM empty: as usual); repeatable");
    int code = Ok;
    if (!p.parse(args, io, &code))
        return code;
    if (p.positionals().size() != 2)
        return p.usageError(io, "import needs PROJECT and FILE");
    const fs::path in = p.positionals()[1];
    projects::FileImportOptions options;
    if (const auto name = p.value("format")) {
        const auto f = projects::parseImportFormat(*name);
        if (!f)
            return p.usageError(io, "unknown format '" + *name + "' (csv, json, eaf, boris, opf)");
        options.format = *f;
    } else if (const auto f = projects::importFormatOf(in)) {
        options.format = *f;
    } else {
        return p.usageError(io, "cannot tell the format from '" + in.string() + "'; give --format");
    }
    for (const auto& m : p.values("tier-map")) {
        // The tier name may hold '=' and ':' too: split at the last '=' before the last ':'.
        const auto colon = m.rfind(':');
        const auto eq = colon == std::string::npos ? std::string::npos : m.rfind('=', colon);
        if (eq == std::string::npos || eq == 0 || colon == eq + 1)
            return p.usageError(io, "--tier-map '" + m + "' is not TIER=PARTICIPANT:ITEM");
        options.eaf.tierMap[m.substr(0, eq)] = {m.substr(eq + 1, colon - eq - 1), m.substr(colon + 1)};
    }
    for (const auto& m : p.values("column-map")) {
        const auto eq = m.rfind('=');
        const std::string what = eq == std::string::npos ? "" : lower(m.substr(eq + 1));
        if (eq == std::string::npos || eq == 0 || (what != "participant" && what != "item"))
            return p.usageError(io, "--column-map '" + m + "' is not COLUMN=participant or COLUMN=item");
        options.opf.columnMap[m.substr(0, eq)] =
            what == "participant" ? projects::OpfOptions::Column::Participant : projects::OpfOptions::Column::Item;
    }
    try {
        Store s = Store::open(p.positionals()[0]);
        options.boris.closeUnpaired = p.has("close-unpaired");
        options.dryRun = p.has("dry-run");
        const auto [r, notes] = projects::importFile(s, in, options);
        if (options.dryRun)
            io.out << "dry run (nothing was changed): would import " << r.inserted << " new, " << r.unchanged
                   << " unchanged, " << r.conflicts.size() << " conflict(s) skipped, " << notes.warnings.size()
                   << " warning(s)\n";
        else
            io.out << "imported " << r.inserted << " new, " << r.unchanged << " unchanged, " << r.conflicts.size()
                   << " conflict(s)\n";
        for (const auto& c : r.conflicts)
            io.out << "conflict: " << c << "\n";
        for (const auto& m : r.missingMedia)
            io.out << "media not found: " << m << " (bondline-cli project relink)\n";
        for (const auto& line : notes.summary)
            io.out << line << "\n";
        for (const auto& w : notes.warnings)
            io.err << "bondline-cli: warning: " << w << "\n";
        return Ok;
    } catch (const std::exception& e) {
        return fail(io, e);
    }
}

// --- packages ------------------------------------------------------------------------------

int runPackage(Args args, Io& io)
{
    ArgParser p("bondline-cli package PROJECT --coder NAME -o OUT.bondline",
                "Make a coder package: a project file holding only NAME's assigned sessions, the\n"
                "schemes, the media fingerprints and NAME's own codings; nothing of other coders.");
    p.option("coder", "NAME", "the coder");
    p.option("output", "OUT", "the package file to write");
    p.alias("-o", "output");
    int code = Ok;
    if (!p.parse(args, io, &code))
        return code;
    if (p.positionals().size() != 1 || !p.value("coder") || !p.value("output"))
        return p.usageError(io, "package needs PROJECT, --coder and -o OUT");
    try {
        Store s = Store::open(p.positionals()[0]);
        auto r = projects::createPackage(s, *p.value("coder"), *p.value("output"));
        io.out << "wrote " << *p.value("output") << ": " << r.sessions << " session(s) for " << r.coder << "\n";
        return Ok;
    } catch (const std::exception& e) {
        return fail(io, e);
    }
}

int runMerge(Args args, Io& io)
{
    ArgParser p("bondline-cli merge PROJECT PACKAGE",
                "Merge a returned coder package: checks that it belongs to PROJECT and that schemes and\n"
                "media match, then adds the coder's new work. Merging twice changes nothing; rows that\n"
                "differ from the project's are reported as conflicts (exit 1) and the project's are kept.");
    int code = Ok;
    if (!p.parse(args, io, &code))
        return code;
    if (p.positionals().size() != 2)
        return p.usageError(io, "merge needs PROJECT and PACKAGE");
    try {
        Store s = Store::open(p.positionals()[0]);
        auto r = projects::mergePackage(s, p.positionals()[1]);
        io.out << "merged " << r.coder << ": " << r.import.inserted << " new row(s), " << r.import.unchanged
               << " already present, " << r.import.conflicts.size() << " conflict(s)\n";
        for (const auto& c : r.import.conflicts)
            io.out << "conflict: " << c << "\n";
        return r.import.conflicts.empty() ? Ok : UserError;
    } catch (const std::exception& e) {
        return fail(io, e);
    }
}

int runSample(Args args, Io& io)
{
    ArgParser p("bondline-cli sample PROJECT --scheme ID --coder NAME [--share 0.2] [--seed N]",
                "Draw a reproducible random share of the sessions coded with a scheme and assign them,\n"
                "blind, to a second coder for reliability (same project, share and seed: same draw).");
    p.option("scheme", "ID", "scheme id or content hash");
    p.option("coder", "NAME", "the second coder");
    p.option("share", "P", "share of sessions, 0..1 (default 0.2)");
    p.option("seed", "N", "random seed (default 1); write it in your methods section");
    int code = Ok;
    if (!p.parse(args, io, &code))
        return code;
    if (p.positionals().size() != 1 || !p.value("scheme") || !p.value("coder"))
        return p.usageError(io, "sample needs PROJECT, --scheme and --coder");
    double share = 0;
    uint64_t seed = 0;
    try {
        share = std::stod(p.value("share").value_or("0.2"));
        seed = std::stoull(p.value("seed").value_or("1"));
    } catch (...) {
        return p.usageError(io, "--share must be a number and --seed a whole number");
    }
    try {
        Store s = Store::open(p.positionals()[0]);
        auto [coder, scheme] = findCoderAndScheme(s, *p.value("coder"), *p.value("scheme"));
        if (!coder || !scheme) {
            io.err << "bondline-cli: " << s.path().string() << ": no "
                   << (!coder ? "coder named '" + *p.value("coder") + "'" : "scheme '" + *p.value("scheme") + "'")
                   << " in the project\n";
            return UserError;
        }
        auto r = projects::sampleForReliability(s, scheme->id, coder->id, share, seed);
        std::map<projects::RowId, std::string> names;
        std::map<projects::RowId, std::string> caseCode;
        for (const auto& c : s.cases())
            caseCode[c.id] = c.code;
        for (const auto& x : s.sessions())
            names[x.id] = caseCode[x.caseId] + "/" + std::to_string(x.number);
        io.out << "drew " << r.chosen.size() << " of " << r.eligible << " session(s) (share " << share << ", seed "
               << seed << ") for " << coder->name << ":";
        for (auto id : r.chosen)
            io.out << " " << names[id];
        io.out << "\n";
        return Ok;
    } catch (const std::exception& e) {
        return fail(io, e);
    }
}

} // namespace app::cli
