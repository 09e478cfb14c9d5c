#include "projects/exchange_json.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "projects/exchange_common.h"
#include "projects/store.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace projects {

namespace {

json opt(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

} // namespace

std::string toJson(const ProjectData& d, const std::string& projectUuid)
{
    json j;
    j["format"] = "bondline-project";
    j["format_version"] = 1;
    j["project_uuid"] = projectUuid;
    auto& cases = j["cases"] = json::array();
    for (const auto& c : d.cases)
        cases.push_back({{"id", c.id}, {"uuid", c.uuid}, {"code", c.code}, {"setting", c.setting},
                         {"programme", c.programme}, {"note", c.note}});
    auto& parts = j["participants"] = json::array();
    for (const auto& p : d.participants)
        parts.push_back({{"id", p.id}, {"uuid", p.uuid}, {"case", p.caseId}, {"code", p.code},
                         {"role", roleName(p.role)}, {"note", p.note}});
    auto& sessions = j["sessions"] = json::array();
    for (const auto& s : d.sessions)
        sessions.push_back({{"id", s.id}, {"uuid", s.uuid}, {"case", s.caseId}, {"number", s.number},
                            {"date", s.date}, {"phase", s.phase}, {"attended", s.attended},
                            {"start_us", s.startUs}, {"end_us", opt(s.endUs)}, {"label", s.label}});
    auto& media = j["media"] = json::array();
    for (const auto& m : d.media)
        media.push_back({{"id", m.id}, {"uuid", m.uuid}, {"session", m.sessionId}, {"path", m.path},
                         {"size_bytes", m.sizeBytes}, {"fingerprint", m.fingerprint}, {"offset_us", m.offsetUs},
                         {"reference", m.reference}});
    auto& coders = j["coders"] = json::array();
    for (const auto& c : d.coders)
        coders.push_back({{"id", c.id}, {"uuid", c.uuid}, {"name", c.name}, {"role", coderRoleName(c.role)}});
    auto& schemes = j["schemes"] = json::array();
    for (const auto& s : d.schemes)
        schemes.push_back({{"id", s.id}, {"scheme_id", s.schemeId}, {"version", s.version},
                           {"content_hash", s.contentHash}, {"source_text", s.sourceText}});
    auto& assignments = j["assignments"] = json::array();
    for (const auto& a : d.assignments)
        assignments.push_back({{"id", a.id}, {"uuid", a.uuid}, {"session", a.sessionId}, {"coder", a.coderId},
                               {"scheme", a.schemeRefId}, {"blind", a.blind}, {"gold_standard", a.goldStandard},
                               {"reliability", a.reliability}, {"status", a.status}});
    auto& codings = j["codings"] = json::array();
    for (const auto& c : d.codings)
        codings.push_back({{"id", c.id}, {"uuid", c.uuid}, {"session", c.sessionId}, {"coder", c.coderId},
                           {"scheme", c.schemeRefId}, {"item", c.item}, {"actor", c.actorId},
                           {"target", opt(c.targetId)}, {"onset_us", c.onsetUs}, {"offset_us", opt(c.offsetUs)},
                           {"frame_pts", opt(c.framePts)}, {"comment", c.comment}});
    auto& ratings = j["ratings"] = json::array();
    for (const auto& r : d.ratings)
        ratings.push_back({{"id", r.id}, {"uuid", r.uuid}, {"session", r.sessionId}, {"coder", r.coderId},
                           {"scheme", r.schemeRefId}, {"ref", r.ref}, {"target", r.target}, {"unit", r.unit},
                           {"value", r.value}, {"note", r.note}});
    auto& episodes = j["episodes"] = json::array();
    for (const auto& e : d.episodes)
        episodes.push_back({{"id", e.id}, {"uuid", e.uuid}, {"session", e.sessionId}, {"coder", e.coderId},
                            {"start_us", e.startUs}, {"end_us", e.endUs}, {"type", e.type},
                            {"resolution", e.resolution}, {"codings", e.codingUuids}, {"comment", e.comment}});
    return j.dump(1, '\t', false, json::error_handler_t::replace) + "\n";
}

void exportJson(Store& store, const fs::path& out)
{
    const std::string text = toJson(store.snapshot(), store.projectUuid());
    std::ofstream f(out, std::ios::binary | std::ios::trunc);
    f << text;
    f.close();
    if (!f)
        throw ProjectError(ProjectError::Kind::Io, out.string(), "cannot write the file (disk full?)");
}

namespace {

// Field access with the path in every error ("codings[3].onset_us: expected an integer").
class Reader {
public:
    explicit Reader(std::string file) : m_file(std::move(file)) {}

    [[noreturn]] void fail(const std::string& where, const std::string& problem) const
    {
        throw ProjectError(ProjectError::Kind::Invalid, m_file, where + ": " + problem);
    }
    const json& field(const json& obj, const std::string& where, const char* key) const
    {
        if (!obj.is_object())
            fail(where, "expected an object");
        auto it = obj.find(key);
        if (it == obj.end())
            fail(where, std::string("missing field '") + key + "'");
        return *it;
    }
    int64_t integer(const json& obj, const std::string& where, const char* key) const
    {
        const json& v = field(obj, where, key);
        if (!v.is_number_integer())
            fail(where + "." + key, "expected an integer");
        return v.get<int64_t>();
    }
    std::optional<int64_t> optInteger(const json& obj, const std::string& where, const char* key) const
    {
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null())
            return std::nullopt;
        if (!it->is_number_integer())
            fail(where + "." + key, "expected an integer or null");
        return it->get<int64_t>();
    }
    double number(const json& obj, const std::string& where, const char* key) const
    {
        const json& v = field(obj, where, key);
        if (!v.is_number())
            fail(where + "." + key, "expected a number");
        return v.get<double>();
    }
    std::string text(const json& obj, const std::string& where, const char* key, bool required = true) const
    {
        auto it = obj.find(key);
        if (it == obj.end()) {
            if (required)
                fail(where, std::string("missing field '") + key + "'");
            return {};
        }
        if (!it->is_string())
            fail(where + "." + key, "expected a string");
        return it->get<std::string>();
    }
    bool boolean(const json& obj, const std::string& where, const char* key, bool fallback) const
    {
        auto it = obj.find(key);
        if (it == obj.end())
            return fallback;
        if (!it->is_boolean())
            fail(where + "." + key, "expected true or false");
        return it->get<bool>();
    }
    template <class F>
    void each(const json& root, const char* key, F&& fn) const
    {
        auto it = root.find(key);
        if (it == root.end())
            return;
        if (!it->is_array())
            fail(key, "expected an array");
        for (size_t i = 0; i < it->size(); ++i)
            fn((*it)[i], std::string(key) + "[" + std::to_string(i) + "]");
    }

private:
    std::string m_file;
};

std::pair<int, int> lineCol(const std::string& text, size_t byte)
{
    int line = 1, col = 1;
    for (size_t i = 0; i < text.size() && i + 1 < byte; ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    return {line, col};
}

} // namespace

namespace {

// nlohmann's message without its "[json.exception.type_error.302] " prefix.
std::string jsonProblem(const json::exception& e)
{
    std::string what = e.what();
    if (what.rfind("[json.exception", 0) == 0)
        if (auto close = what.find("] "); close != std::string::npos)
            return what.substr(close + 2);
    return what;
}

ProjectData parseJsonChecked(const std::string& text, const std::string& name);

} // namespace

ProjectData parseJson(const std::string& text, const std::string& name)
{
    try {
        return parseJsonChecked(text, name);
    } catch (const json::exception& e) {
        // Anything the field checks did not anticipate (a number too large for 64 bits, a
        // value of an unexpected type): still one line naming the file.
        throw ProjectError(ProjectError::Kind::Invalid, name, "not a valid Bondline project export: " + jsonProblem(e));
    }
}

namespace {

ProjectData parseJsonChecked(const std::string& text, const std::string& name)
{
    json root;
    try {
        root = json::parse(text);
    } catch (const json::parse_error& e) {
        auto [line, col] = lineCol(text, e.byte);
        std::string what = e.what();
        // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error ..."
        auto colon = what.find(": ");
        std::string problem = colon == std::string::npos ? what : what.substr(colon + 2);
        if (text.empty() || e.byte >= text.size())
            problem = "the file ends early (truncated?): " + problem;
        throw ProjectError(ProjectError::Kind::Invalid,
                           ProjectError::Whole{name + ":" + std::to_string(line) + ":" + std::to_string(col) + ": " + problem});
    }
    Reader r(name);
    if (!root.is_object() || !root.contains("format") || root["format"] != "bondline-project")
        throw ProjectError(ProjectError::Kind::NotAProject, name,
                           "not a Bondline project export (no \"format\": \"bondline-project\")");
    const json version = root.contains("format_version") ? root["format_version"] : json(1);
    if (!version.is_number_integer())
        r.fail("format_version", "expected an integer");
    if (version.get<int64_t>() > 1)
        throw ProjectError(ProjectError::Kind::TooNew, name,
                           "written by a newer Bondline (JSON format " + std::to_string(version.get<int64_t>()) + ")");
    ProjectData d;
    r.each(root, "cases", [&](const json& o, const std::string& w) {
        d.cases.push_back({.id = r.integer(o, w, "id"), .uuid = r.text(o, w, "uuid"), .code = r.text(o, w, "code"),
                           .setting = r.text(o, w, "setting", false), .programme = r.text(o, w, "programme", false),
                           .note = r.text(o, w, "note", false)});
    });
    r.each(root, "participants", [&](const json& o, const std::string& w) {
        auto role = parseRole(r.text(o, w, "role"));
        if (!role)
            r.fail(w + ".role", "unknown role '" + r.text(o, w, "role") + "'");
        d.participants.push_back({.id = r.integer(o, w, "id"), .uuid = r.text(o, w, "uuid"),
                                  .caseId = r.integer(o, w, "case"), .code = r.text(o, w, "code"), .role = *role,
                                  .note = r.text(o, w, "note", false)});
    });
    r.each(root, "sessions", [&](const json& o, const std::string& w) {
        Session s;
        s.id = r.integer(o, w, "id");
        s.uuid = r.text(o, w, "uuid");
        s.caseId = r.integer(o, w, "case");
        s.number = static_cast<int>(r.integer(o, w, "number"));
        s.date = r.text(o, w, "date", false);
        s.phase = r.text(o, w, "phase", false);
        s.label = r.text(o, w, "label", false);
        r.each(o, "attended", [&](const json& v, const std::string& w2) {
            if (!v.is_number_integer())
                r.fail(w + "." + w2, "expected a participant id");
            s.attended.push_back(v.get<int64_t>());
        });
        s.startUs = r.optInteger(o, w, "start_us").value_or(0);
        s.endUs = r.optInteger(o, w, "end_us");
        d.sessions.push_back(std::move(s));
    });
    r.each(root, "media", [&](const json& o, const std::string& w) {
        d.media.push_back({.id = r.integer(o, w, "id"), .uuid = r.text(o, w, "uuid"),
                           .sessionId = r.integer(o, w, "session"), .path = r.text(o, w, "path"),
                           .sizeBytes = r.optInteger(o, w, "size_bytes").value_or(0),
                           .fingerprint = r.text(o, w, "fingerprint", false),
                           .offsetUs = r.optInteger(o, w, "offset_us").value_or(0),
                           .reference = r.boolean(o, w, "reference", true)});
    });
    r.each(root, "coders", [&](const json& o, const std::string& w) {
        auto role = parseCoderRole(r.text(o, w, "role"));
        if (!role)
            r.fail(w + ".role", "unknown coder role '" + r.text(o, w, "role") + "'");
        d.coders.push_back({.id = r.integer(o, w, "id"), .uuid = r.text(o, w, "uuid"), .name = r.text(o, w, "name"),
                            .role = *role});
    });
    r.each(root, "schemes", [&](const json& o, const std::string& w) {
        d.schemes.push_back({.id = r.integer(o, w, "id"), .schemeId = r.text(o, w, "scheme_id"),
                             .version = r.text(o, w, "version"), .contentHash = r.text(o, w, "content_hash"),
                             .sourceText = r.text(o, w, "source_text", false)});
    });
    r.each(root, "assignments", [&](const json& o, const std::string& w) {
        d.assignments.push_back({.id = r.integer(o, w, "id"), .uuid = r.text(o, w, "uuid"),
                                 .sessionId = r.integer(o, w, "session"), .coderId = r.integer(o, w, "coder"),
                                 .schemeRefId = r.integer(o, w, "scheme"), .blind = r.boolean(o, w, "blind", true),
                                 .goldStandard = r.boolean(o, w, "gold_standard", false),
                                 .reliability = r.boolean(o, w, "reliability", false),
                                 .status = r.text(o, w, "status", false)});
        if (d.assignments.back().status.empty())
            d.assignments.back().status = "assigned";
    });
    r.each(root, "codings", [&](const json& o, const std::string& w) {
        Coding c;
        c.id = r.integer(o, w, "id");
        c.uuid = r.text(o, w, "uuid");
        c.sessionId = r.integer(o, w, "session");
        c.coderId = r.integer(o, w, "coder");
        c.schemeRefId = r.integer(o, w, "scheme");
        c.item = r.text(o, w, "item");
        c.actorId = r.integer(o, w, "actor");
        c.targetId = r.optInteger(o, w, "target");
        c.onsetUs = r.integer(o, w, "onset_us");
        c.offsetUs = r.optInteger(o, w, "offset_us");
        c.framePts = r.optInteger(o, w, "frame_pts");
        c.comment = r.text(o, w, "comment", false);
        d.codings.push_back(std::move(c));
    });
    r.each(root, "ratings", [&](const json& o, const std::string& w) {
        d.ratings.push_back({.id = r.integer(o, w, "id"), .uuid = r.text(o, w, "uuid"),
                             .sessionId = r.integer(o, w, "session"), .coderId = r.integer(o, w, "coder"),
                             .schemeRefId = r.integer(o, w, "scheme"), .ref = r.text(o, w, "ref"),
                             .target = r.text(o, w, "target"), .unit = static_cast<int>(r.integer(o, w, "unit")),
                             .value = r.number(o, w, "value"), .note = r.text(o, w, "note", false)});
    });
    r.each(root, "episodes", [&](const json& o, const std::string& w) {
        Episode e;
        e.id = r.integer(o, w, "id");
        e.uuid = r.text(o, w, "uuid");
        e.sessionId = r.integer(o, w, "session");
        e.coderId = r.integer(o, w, "coder");
        e.startUs = r.integer(o, w, "start_us");
        e.endUs = r.integer(o, w, "end_us");
        e.type = r.text(o, w, "type");
        e.resolution = r.text(o, w, "resolution", false);
        r.each(o, "codings", [&](const json& v, const std::string& w2) {
            if (!v.is_string())
                r.fail(w + "." + w2, "expected a coding uuid");
            e.codingUuids.push_back(v.get<std::string>());
        });
        e.comment = r.text(o, w, "comment", false);
        d.episodes.push_back(std::move(e));
    });
    return d;
}

} // namespace

ProjectData importJson(const fs::path& in)
{
    return parseJson(exchange::readInputFile(in, "a JSON file"), in.string());
}

} // namespace projects
