// The input tables of `bondline-cli irr` straight from a project. See exchange_csv.h.
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

} // namespace projects
