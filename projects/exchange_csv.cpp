#include "projects/exchange_csv.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "interrater/csv_reader.h"
#include "interrater/input_error.h"
#include "projects/exchange_common.h"
#include "projects/project_scores.h"
#include "projects/store.h"

namespace fs = std::filesystem;

namespace projects {

namespace {

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

constexpr const char* kLongColumns[] = {
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

void sessionColumns(CsvOut& out, const Index& ix, const Session& s, const std::string& coder, RowId schemeRefId)
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

std::string coderName(const Index& ix, RowId id)
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

} // namespace

std::string formatSecondsUs(int64_t us)
{
    const bool neg = us < 0;
    const uint64_t a = neg ? static_cast<uint64_t>(-(us + 1)) + 1 : static_cast<uint64_t>(us);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s%llu.%06llu", neg ? "-" : "", static_cast<unsigned long long>(a / 1000000),
                  static_cast<unsigned long long>(a % 1000000));
    return buf;
}

bool parseSecondsUs(const std::string& s, int64_t* us)
{
    size_t i = 0;
    bool neg = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    int64_t whole = 0;
    int digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        if (whole > 9'000'000'000'000)
            return false;
        whole = whole * 10 + (s[i++] - '0');
        ++digits;
    }
    int64_t frac = 0;
    int fracDigits = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            if (fracDigits == 6)
                return false;
            frac = frac * 10 + (s[i++] - '0');
            ++fracDigits;
        }
    }
    if (i != s.size() || digits + fracDigits == 0)
        return false;
    for (int k = fracDigits; k < 6; ++k)
        frac *= 10;
    *us = (whole * 1000000 + frac) * (neg ? -1 : 1);
    return true;
}

ExportCounts exportLongCsv(Store& store, const fs::path& path)
{
    Index ix(store);
    CsvOut out(path);
    for (const char* c : kLongColumns)
        out.field(c);
    out.endRow();
    ExportCounts n;
    for (const auto& s : store.sessions()) {
        const auto codings = store.codings(s.id);
        const auto ratings = store.ratings(s.id);
        for (const auto& c : codings) {
            const schemes::Scheme* sch = ix.schemes.get(c.schemeRefId);
            const schemes::Item* item = sch ? sch->findItem(c.item) : nullptr;
            out.field("coding");
            sessionColumns(out, ix, s, coderName(ix, c.coderId), c.schemeRefId);
            out.field(ix.code(c.actorId));
            out.field(ix.role(c.actorId));
            out.field(c.targetId ? ix.code(*c.targetId) : std::string());
            out.field(c.targetId ? ix.role(*c.targetId) : std::string());
            out.field(item ? item->dimension : std::string());
            out.field(c.item);
            out.empty(); // unit
            out.empty(); // value
            out.field(c.onsetUs);
            out.field(c.offsetUs);
            out.field(formatSecondsUs(c.onsetUs));
            out.field(c.framePts);
            out.field(c.comment);
            out.field(c.uuid);
            out.endRow();
            ++n.codings;
        }
        for (const auto& r : ratings) {
            const schemes::Scheme* sch = ix.schemes.get(r.schemeRefId);
            const schemes::Item* item = sch ? sch->findItem(r.ref) : nullptr;
            auto t = ix.target(r.target);
            out.field("rating");
            sessionColumns(out, ix, s, coderName(ix, r.coderId), r.schemeRefId);
            for (const auto& x : t)
                out.field(x);
            out.field(item ? item->dimension : r.ref);
            out.field(item ? r.ref : std::string());
            out.field(static_cast<int64_t>(r.unit));
            out.number(r.value);
            for (int k = 0; k < 4; ++k)
                out.empty(); // onset, offset, time, pts
            out.field(r.note);
            out.field(r.uuid);
            out.endRow();
            ++n.ratings;
        }
        forEachScoredScheme(ix, s, codings, ratings, [&](RowId schemeRefId, const schemes::SessionScores& scored) {
            for (const auto& v : scored.scores) {
                auto t = ix.target(v.target);
                out.field("score");
                sessionColumns(out, ix, s, v.coder, schemeRefId);
                for (const auto& x : t)
                    out.field(x);
                out.field(v.score);
                out.empty();
                out.field(static_cast<int64_t>(v.unit));
                out.number(v.value);
                for (int k = 0; k < 6; ++k)
                    out.empty(); // onset, offset, time, pts, comment, uuid
                out.endRow();
                ++n.scores;
            }
        });
    }
    out.close();
    n.rows = n.codings + n.ratings + n.scores;
    return n;
}

namespace {

std::string spssName(const std::string& s)
{
    std::string out;
    for (char c : s) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        out += alnum ? static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) : '_';
    }
    if (out.empty() || (out[0] >= '0' && out[0] <= '9') || out[0] == '_')
        out = "v" + out;
    if (out.size() > 64)
        out.resize(64);
    return out;
}

} // namespace

ExportCounts exportWideCsv(Store& store, const fs::path& path)
{
    Index ix(store);
    // Row key: session, coder, scheme, target instance. Values by column name.
    using Key = std::tuple<RowId, std::string, RowId, std::string>;
    std::map<Key, std::map<std::string, double>> rows;
    std::vector<std::string> columns; // in first-seen order
    std::set<std::string> seen;
    auto col = [&](const std::string& c) {
        if (seen.insert(c).second)
            columns.push_back(c);
        return c;
    };
    std::map<RowId, Session> sessions;
    ExportCounts n;
    for (const auto& s : store.sessions()) {
        sessions[s.id] = s;
        const auto codings = store.codings(s.id);
        const auto ratings = store.ratings(s.id);
        for (const auto& r : ratings) {
            const std::string name = spssName(r.unit > 0 ? r.ref + "_u" + std::to_string(r.unit) : r.ref);
            rows[{s.id, coderName(ix, r.coderId), r.schemeRefId, r.target}][col(name)] = r.value;
            ++n.ratings;
        }
        n.codings += static_cast<int64_t>(codings.size());
        forEachScoredScheme(ix, s, codings, ratings, [&](RowId schemeRefId, const schemes::SessionScores& scored) {
            for (const auto& t : scored.tallies)
                if (t.unit == 0 || scored.units == 1)
                    rows[{s.id, t.coder, schemeRefId, t.target}][col(spssName("n_" + t.item))] += t.count;
            for (const auto& v : scored.scores)
                if (v.unit == 0 && v.coder != "consensus") {
                    rows[{s.id, v.coder, schemeRefId, v.target}][col(spssName(v.score))] = v.value;
                    ++n.scores;
                }
        });
    }
    // Every tallied item of every scheme in the table is a column, used or not; in a row
    // of that scheme whose target is of the item's kind (a person, the family, a dyad) a
    // missing tally is 0, not blank (R and SPSS would read blank as missing).
    auto targetClass = [](const std::string& target) { return target == "family" ? 1 : target.find("->") != std::string::npos ? 2 : 0; };
    std::map<RowId, std::map<std::string, int>> tallyColumns; // scheme -> column -> target class
    for (const auto& [key, values] : rows) {
        const RowId schemeRefId = std::get<2>(key);
        if (tallyColumns.count(schemeRefId))
            continue;
        auto& cols = tallyColumns[schemeRefId];
        if (const schemes::Scheme* sc = ix.schemes.get(schemeRefId))
            for (const auto& item : sc->items) {
                if (item.kind == schemes::ItemKind::Rated)
                    continue;
                const schemes::Target* t = sc->findTarget(item.target);
                const int cls = !t ? 0 : t->kind == schemes::TargetKind::Family ? 1 : t->kind == schemes::TargetKind::Dyad ? 2 : 0;
                cols.emplace(col(spssName("n_" + item.id)), cls);
            }
    }
    CsvOut out(path);
    for (const char* c : {"case", "session", "phase", "date", "coder", "scheme", "scheme_version", "scheme_hash",
                          "participant", "role", "target", "target_role"})
        out.field(c);
    for (const auto& c : columns)
        out.field(c);
    out.endRow();
    for (const auto& [key, values] : rows) {
        const auto& [sessionId, coder, schemeRefId, target] = key;
        sessionColumns(out, ix, sessions[sessionId], coder, schemeRefId);
        for (const auto& x : ix.target(target))
            out.field(x);
        const auto& tallies = tallyColumns[schemeRefId];
        for (const auto& c : columns) {
            auto it = values.find(c);
            if (it != values.end()) {
                out.number(it->second);
                continue;
            }
            auto t = tallies.find(c);
            if (t != tallies.end() && t->second == targetClass(target))
                out.number(0);
            else
                out.empty();
        }
        out.endRow();
        ++n.rows;
    }
    out.close();
    return n;
}

// --- reliability tables ------------------------------------------------------------------

int64_t exportIrrEvents(Store& store, RowId sessionId, const fs::path& path)
{
    Index ix(store);
    CsvOut out(path);
    for (const char* c : {"coder", "code", "onset", "offset"})
        out.field(c);
    out.endRow();
    int64_t n = 0;
    for (const auto& c : store.codings(sessionId)) {
        out.field(coderName(ix, c.coderId));
        out.field(ix.code(c.actorId) + ":" + c.item);
        out.field(formatSecondsUs(c.onsetUs));
        if (c.offsetUs)
            out.field(formatSecondsUs(*c.offsetUs));
        else
            out.empty();
        out.endRow();
        ++n;
    }
    out.close();
    return n;
}

int64_t exportIrrRatings(Store& store, const fs::path& path)
{
    Index ix(store);
    std::map<RowId, Session> sessions;
    for (const auto& s : store.sessions())
        sessions[s.id] = s;
    CsvOut out(path);
    for (const char* c : {"unit", "rater", "value"})
        out.field(c);
    out.endRow();
    int64_t n = 0;
    for (const auto& r : store.ratings()) {
        const Session& s = sessions[r.sessionId];
        auto c = ix.cases.find(s.caseId);
        const auto t = ix.target(r.target);
        std::string unit = (c == ix.cases.end() ? std::string("?") : c->second.code) + "/" + std::to_string(s.number) + "/"
            + r.ref + "/" + t[0] + (t[2].empty() ? "" : "->" + t[2]);
        if (r.unit > 0)
            unit += "/u" + std::to_string(r.unit);
        out.field(unit);
        out.field(coderName(ix, r.coderId));
        out.number(r.value);
        out.endRow();
        ++n;
    }
    out.close();
    return n;
}

// --- import ----------------------------------------------------------------------------

namespace {
bool parseInt(const std::string& s, int64_t* out)
{
    if (s.empty())
        return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
    return ec == std::errc() && p == s.data() + s.size();
}
} // namespace

ProjectData importLongCsv(const fs::path& path)
{
    const std::string name = path.string();
    try {
        auto csv = irr::CsvReader::fromFile(name);
        if (!csv.next())
            throw ProjectError(ProjectError::Kind::Invalid, name, "no header row");
        std::map<std::string, size_t> colIndex;
        for (size_t i = 0; i < csv.size(); ++i)
            colIndex[std::string(csv.field(i))] = i;
        for (const char* required : {"record", "case", "session", "coder", "scheme_hash", "participant", "item",
                                     "dimension", "onset_us", "value"})
            if (!colIndex.count(required))
                throw ProjectError(ProjectError::Kind::Invalid, name + ":1",
                                   std::string("missing column '") + required
                                       + "' (expected the long format of bondline-cli export --format long-csv)");
        const size_t headerSize = csv.size();

        ProjectData d;
        exchange::StableUuids uuids(d, "csv");
        std::map<std::string, RowId> caseIds, coderIds, schemeIds;
        std::map<std::pair<RowId, std::string>, RowId> partIds;
        std::map<std::pair<RowId, int>, RowId> sessionIds;
        std::map<RowId, std::string> partUuid;

        while (csv.next()) {
            const long line = csv.line();
            auto fail = [&](const std::string& problem) -> ProjectError {
                return ProjectError(ProjectError::Kind::Invalid, name + ":" + std::to_string(line), problem);
            };
            if (csv.size() != headerSize)
                throw fail("expected " + std::to_string(headerSize) + " fields, found " + std::to_string(csv.size()));
            auto get = [&](const char* c) -> std::string {
                auto it = colIndex.find(c);
                return it == colIndex.end() ? std::string() : std::string(csv.field(it->second));
            };
            const std::string record = get("record");
            if (record == "score")
                continue; // derived; recomputed from the ratings
            if (record != "coding" && record != "rating")
                throw fail("unknown record '" + record + "' (coding, rating or score)");

            const std::string caseCode = get("case");
            if (caseCode.empty())
                throw fail("empty case");
            RowId& caseId = caseIds[caseCode];
            if (!caseId) {
                caseId = static_cast<RowId>(d.cases.size() + 1);
                d.cases.push_back({.id = caseId, .code = caseCode});
            }
            int64_t sessionNumber = 0;
            if (!parseInt(get("session"), &sessionNumber) || sessionNumber <= 0 || sessionNumber > 100000)
                throw fail("session must be a positive whole number, not '" + get("session") + "'");
            const int number = static_cast<int>(sessionNumber);
            RowId& sessionId = sessionIds[{caseId, number}];
            if (!sessionId) {
                sessionId = static_cast<RowId>(d.sessions.size() + 1);
                Session s;
                s.id = sessionId;
                s.caseId = caseId;
                s.number = number;
                s.phase = get("phase");
                s.date = get("date");
                d.sessions.push_back(s);
            }
            const std::string coder = get("coder");
            if (coder.empty())
                throw fail("empty coder");
            RowId& coderId = coderIds[coder];
            if (!coderId) {
                coderId = static_cast<RowId>(d.coders.size() + 1);
                d.coders.push_back({.id = coderId, .name = coder});
            }
            const std::string hash = get("scheme_hash");
            if (hash.rfind("sha256:", 0) != 0)
                throw fail("scheme_hash must be the scheme's content hash (sha256:...), not '" + hash + "'");
            RowId& schemeId = schemeIds[hash];
            if (!schemeId) {
                schemeId = static_cast<RowId>(d.schemes.size() + 1);
                d.schemes.push_back({.id = schemeId, .schemeId = get("scheme"), .version = get("scheme_version"),
                                     .contentHash = hash});
            }
            auto person = [&](const std::string& code, const std::string& role) -> RowId {
                RowId& id = partIds[{caseId, code}];
                if (!id) {
                    Participant p;
                    p.id = id = static_cast<RowId>(d.participants.size() + 1);
                    p.uuid = makeUuid();
                    p.caseId = caseId;
                    p.code = code;
                    if (!role.empty()) {
                        auto r = parseRole(role);
                        if (!r)
                            throw fail("unknown role '" + role + "'");
                        p.role = *r;
                    }
                    partUuid[p.id] = p.uuid;
                    d.participants.push_back(p);
                }
                return id;
            };
            auto attend = [&](RowId participant) {
                auto& att = d.sessions[static_cast<size_t>(sessionId - 1)].attended;
                if (std::find(att.begin(), att.end(), participant) == att.end())
                    att.push_back(participant);
            };

            const std::string participant = get("participant");
            if (record == "coding") {
                Coding c;
                c.uuid = get("uuid");
                c.sessionId = sessionId;
                c.coderId = coderId;
                c.schemeRefId = schemeId;
                c.item = get("item");
                if (c.item.empty())
                    throw fail("a coding row needs an item");
                if (participant.empty())
                    throw fail("a coding row needs a participant (the actor)");
                c.actorId = person(participant, get("role"));
                attend(c.actorId);
                if (const auto t = get("target"); !t.empty()) {
                    c.targetId = person(t, get("target_role"));
                    attend(*c.targetId);
                }
                int64_t v = 0;
                const std::string onset = get("onset_us");
                if (!onset.empty()) {
                    if (!parseInt(onset, &c.onsetUs))
                        throw fail("onset_us must be whole microseconds, not '" + onset + "'");
                } else if (!parseSecondsUs(get("time_s"), &c.onsetUs)) {
                    throw fail("a coding row needs onset_us (or time_s)");
                }
                if (const auto off = get("offset_us"); !off.empty()) {
                    if (!parseInt(off, &v))
                        throw fail("offset_us must be whole microseconds, not '" + off + "'");
                    c.offsetUs = v;
                    if (*c.offsetUs < c.onsetUs)
                        throw fail("offset_us before onset_us");
                }
                if (const auto pts = get("frame_pts"); !pts.empty()) {
                    if (!parseInt(pts, &v))
                        throw fail("frame_pts must be an integer, not '" + pts + "'");
                    c.framePts = v;
                }
                c.comment = get("comment");
                if (c.uuid.empty()) // a row made or edited elsewhere: identity from what it is
                    c.uuid = uuids("coding|" + caseCode + "|" + std::to_string(number) + "|" + coder + "|" + hash + "|"
                                   + c.item + "|" + participant + "|" + get("target") + "|" + std::to_string(c.onsetUs));
                d.codings.push_back(std::move(c));
            } else {
                Rating r;
                r.uuid = get("uuid");
                r.sessionId = sessionId;
                r.coderId = coderId;
                r.schemeRefId = schemeId;
                r.ref = get("item").empty() ? get("dimension") : get("item");
                if (r.ref.empty())
                    throw fail("a rating row needs a dimension or an item");
                if (participant.empty())
                    throw fail("a rating row needs a participant (or 'family')");
                if (participant == "family") {
                    r.target = "family";
                } else {
                    const RowId a = person(participant, get("role"));
                    attend(a);
                    r.target = partUuid[a];
                    if (const auto t = get("target"); !t.empty()) {
                        const RowId b = person(t, get("target_role"));
                        attend(b);
                        r.target += "->" + partUuid[b];
                    }
                }
                int64_t unit = 0;
                if (const auto u = get("unit"); !u.empty()) {
                    if (!parseInt(u, &unit) || unit < 0 || unit > 100000)
                        throw fail("unit must be a whole number >= 0, not '" + u + "'");
                }
                r.unit = static_cast<int>(unit);
                if (!irr::parseNumber(get("value"), &r.value))
                    throw fail("value must be a number, not '" + get("value") + "'");
                r.note = get("comment");
                d.ratings.push_back(std::move(r));
            }
        }
        return d;
    } catch (const irr::InputError& e) {
        throw ProjectError(ProjectError::Kind::Invalid, ProjectError::Whole{e.what()});
    }
}

} // namespace projects
