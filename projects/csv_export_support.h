#pragma once
// Internal to projects/: what the CSV exports share (exchange_csv_export.cpp,
// exchange_irr_tables.cpp): a buffered RFC 4180 writer, the long format's columns, and an
// index of a project's people, coders and schemes for naming rows.
#include <array>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "projects/model.h"
#include "projects/project_error.h"
#include "projects/project_scores.h"
#include "projects/store.h"

namespace projects::csv_export {

namespace fs = std::filesystem;

// Buffered CSV output with RFC 4180 quoting.
class CsvOut {
public:
    explicit CsvOut(const fs::path& path) : m_path(path)
    {
        m_file = std::fopen(path.string().c_str(), "wb");
        if (!m_file)
            throw ProjectError(ProjectError::Kind::Io, path.string(), "cannot write the file");
        m_buf.reserve(1 << 20);
    }
    ~CsvOut()
    {
        if (m_file)
            std::fclose(m_file);
    }
    CsvOut(const CsvOut&) = delete;
    CsvOut& operator=(const CsvOut&) = delete;

    void field(std::string_view s)
    {
        sep();
        // Quoted when it holds a separator, a quote or a line break (kept as they are: R's
        // read.csv and Python's csv read them back), or starts or ends with a space or tab
        // (which readers trim from unquoted fields).
        bool quote = !s.empty() && (s.front() == ' ' || s.front() == '\t' || s.back() == ' ' || s.back() == '\t');
        for (char c : s)
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                quote = true;
                break;
            }
        if (!quote) {
            m_buf.append(s);
            return;
        }
        m_buf += '"';
        for (char c : s) {
            if (c == '"')
                m_buf += "\"\"";
            else
                m_buf += c;
        }
        m_buf += '"';
    }
    void field(int64_t v)
    {
        sep();
        char tmp[24];
        int n = std::snprintf(tmp, sizeof tmp, "%lld", static_cast<long long>(v));
        m_buf.append(tmp, static_cast<size_t>(n));
    }
    void field(std::optional<int64_t> v)
    {
        if (v)
            field(*v);
        else
            sep();
    }
    void number(double v)
    {
        sep();
        char tmp[32];
        int n = std::snprintf(tmp, sizeof tmp, "%.10g", v);
        m_buf.append(tmp, static_cast<size_t>(n));
    }
    void empty() { sep(); }
    void endRow()
    {
        m_buf += '\n';
        m_first = true;
        if (m_buf.size() > (1 << 20) - 4096)
            flush();
    }
    void close()
    {
        flush();
        if (std::fclose(m_file) != 0) {
            m_file = nullptr;
            throw ProjectError(ProjectError::Kind::Io, m_path.string(), "cannot write the file (disk full?)");
        }
        m_file = nullptr;
    }

private:
    void sep()
    {
        if (!m_first)
            m_buf += ',';
        m_first = false;
    }
    void flush()
    {
        if (!m_buf.empty() && std::fwrite(m_buf.data(), 1, m_buf.size(), m_file) != m_buf.size())
            throw ProjectError(ProjectError::Kind::Io, m_path.string(), "cannot write the file (disk full?)");
        m_buf.clear();
    }

    fs::path m_path;
    std::FILE* m_file = nullptr;
    std::string m_buf;
    bool m_first = true;
};

inline constexpr const char* kLongColumns[] = {
    "record", "case",  "session", "phase",    "date",      "coder",  "scheme",  "scheme_version",
    "scheme_hash", "participant", "role", "target", "target_role", "dimension", "item", "unit",
    "value", "onset_us", "offset_us", "time_s", "frame_pts", "comment", "uuid"};

// Everything about a project except its codings and ratings, indexed for export.
struct Index {
    std::map<RowId, Case> cases;
    std::map<RowId, Participant> people;
    std::map<std::string, const Participant*> peopleByUuid;
    std::map<RowId, Coder> coders;
    std::vector<Participant> participantList;
    std::vector<Coder> coderList;
    SchemeCache schemes;

    explicit Index(Store& s) : schemes(s.schemes())
    {
        for (auto& c : s.cases())
            cases[c.id] = c;
        participantList = s.participants();
        for (auto& p : participantList)
            people[p.id] = p;
        for (auto& [id, p] : people)
            peopleByUuid[p.uuid] = &p;
        coderList = s.coders();
        for (auto& c : coderList)
            coders[c.id] = c;
    }
    std::string code(RowId participant) const
    {
        auto it = people.find(participant);
        return it == people.end() ? std::string() : it->second.code;
    }
    std::string role(RowId participant) const
    {
        auto it = people.find(participant);
        return it == people.end() ? std::string() : roleName(it->second.role);
    }
    // Target instance (uuid, "family", "a->b") -> participant code/role, target code/role.
    std::array<std::string, 4> target(const std::string& t) const
    {
        auto one = [&](const std::string& u) -> std::pair<std::string, std::string> {
            auto it = peopleByUuid.find(u);
            if (it == peopleByUuid.end())
                return {u, ""};
            return {it->second->code, roleName(it->second->role)};
        };
        if (t == "family")
            return {"family", "", "", ""};
        if (auto arrow = t.find("->"); arrow != std::string::npos) {
            auto a = one(t.substr(0, arrow));
            auto b = one(t.substr(arrow + 2));
            return {a.first, a.second, b.first, b.second};
        }
        auto a = one(t);
        return {a.first, a.second, "", ""};
    }
};

inline void sessionColumns(CsvOut& out, const Index& ix, const Session& s, const std::string& coder, RowId schemeRefId)
{
    auto c = ix.cases.find(s.caseId);
    out.field(c == ix.cases.end() ? std::string() : c->second.code);
    out.field(static_cast<int64_t>(s.number));
    out.field(s.phase);
    out.field(s.date);
    out.field(coder);
    const SchemeRef* ref = ix.schemes.ref(schemeRefId);
    out.field(ref ? ref->schemeId : std::string());
    out.field(ref ? ref->version : std::string());
    out.field(ref ? ref->contentHash : std::string());
}

inline std::string coderName(const Index& ix, RowId id)
{
    auto it = ix.coders.find(id);
    return it == ix.coders.end() ? std::string() : it->second.name;
}

// Scores the session once per scheme used in it (schemes whose stored text does not
// parse are skipped) and hands each result to fn(schemeRefId, scores).
template <class F>
void forEachScoredScheme(const Index& ix, const Session& s, const std::vector<Coding>& codings,
                         const std::vector<Rating>& ratings, F&& fn)
{
    std::set<RowId> used;
    for (const auto& c : codings)
        used.insert(c.schemeRefId);
    for (const auto& r : ratings)
        used.insert(r.schemeRefId);
    for (RowId schemeRefId : used) {
        const schemes::Scheme* sch = ix.schemes.get(schemeRefId);
        if (!sch)
            continue;
        std::vector<Coding> sc;
        for (const auto& c : codings)
            if (c.schemeRefId == schemeRefId)
                sc.push_back(c);
        std::vector<Rating> sr;
        for (const auto& r : ratings)
            if (r.schemeRefId == schemeRefId)
                sr.push_back(r);
        fn(schemeRefId, scoreStoredSession(*sch, s, ix.participantList, ix.coderList, sc, sr));
    }
}

} // namespace projects::csv_export
