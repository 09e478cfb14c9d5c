// Long and wide CSV export. See exchange_csv.h.
#include "projects/exchange_csv.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "projects/csv_export_support.h"
#include "projects/store.h"

namespace fs = std::filesystem;

namespace projects {

using namespace csv_export;

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

} // namespace projects
