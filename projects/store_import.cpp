// Store::importData: merge a ProjectData (ids local to it) into a store, matching rows by
// uuid. One transaction; idempotent; conflicts are reported and ours are kept.
#include <filesystem>
#include <map>

#include "projects/exchange_common.h"
#include "projects/fingerprint.h"
#include "projects/sqlite_db.h"
#include "projects/store.h"
#include "projects/store_rows.h"

namespace projects {

namespace fs = std::filesystem;
using sql::Statement;
using sql::Transaction;

namespace {

std::optional<RowId> findId(sql::Database& db, const char* table, const char* column, const std::string& value)
{
    Statement st(db, std::string("SELECT id FROM ") + table + " WHERE " + column + " = ?");
    st.bind(1, value);
    if (st.step())
        return st.getInt(0);
    return std::nullopt;
}

struct IdMap {
    std::map<RowId, RowId> ids;
    const char* what;
    RowId at(RowId src, const std::string& path) const
    {
        auto it = ids.find(src);
        if (it == ids.end())
            throw ProjectError(ProjectError::Kind::Invalid, path,
                               std::string("the imported data names an unknown ") + what + " (id " + std::to_string(src) + ")");
        return it->second;
    }
    std::optional<RowId> at(std::optional<RowId> src, const std::string& path) const
    {
        if (!src)
            return std::nullopt;
        return at(*src, path);
    }
};

bool sameCoding(const Coding& a, const Coding& b)
{
    return a.sessionId == b.sessionId && a.coderId == b.coderId && a.schemeRefId == b.schemeRefId && a.item == b.item
        && a.actorId == b.actorId && a.targetId == b.targetId && a.onsetUs == b.onsetUs && a.offsetUs == b.offsetUs
        && a.framePts == b.framePts && a.comment == b.comment;
}

} // namespace

ImportReport Store::importData(const ProjectData& d, const ImportOptions& options)
{
    ImportReport report;
    const std::string path = m_path.string();
    const std::string savedActor = m_actor;
    try {
        // Nested writes below each open their own transaction; run them inside one outer
        // SAVEPOINT-free transaction by doing the inserts directly here.
        Transaction tx(*m_db);
        auto& db = *m_db;
        auto audit = [&](const char* table, const std::string& uuid) {
            std::string detail = "{}";
            if (auto k = d.sourceKeys.find(uuid); k != d.sourceKeys.end())
                detail = "{\"source\":" + exchange::quoted(options.source) + ",\"key\":" + exchange::quoted(k->second) + "}";
            auditRow(options.action, table, uuid, detail);
        };

        IdMap cases{{}, "case"}, parts{{}, "participant"}, sessions{{}, "session"}, coders{{}, "coder"},
            schemes{{}, "scheme"};
        // Participant uuids of the source -> ours (they differ when matched by code);
        // rating targets name participants by uuid.
        std::map<std::string, std::string> partUuid;
        auto mapTarget = [&](const std::string& t) {
            auto one = [&](const std::string& u) {
                auto it = partUuid.find(u);
                return it == partUuid.end() ? u : it->second;
            };
            if (t == "family")
                return t;
            if (auto arrow = t.find("->"); arrow != std::string::npos)
                return one(t.substr(0, arrow)) + "->" + one(t.substr(arrow + 2));
            return one(t);
        };

        for (const auto& c : d.cases) {
            auto id = c.uuid.empty() ? std::nullopt : findId(db, "cases", "uuid", c.uuid);
            if (!id)
                id = findId(db, "cases", "code", c.code);
            if (id) {
                cases.ids[c.id] = *id;
                ++report.unchanged;
                continue;
            }
            if (!options.structure)
                throw ProjectError(ProjectError::Kind::Invalid, path, "case " + c.code + " is not in this project");
            Case row = c;
            if (row.uuid.empty())
                row.uuid = newUuid();
            cases.ids[c.id] = detail::insertRow(db, row);
            audit("cases", row.uuid);
            ++report.inserted;
        }
        for (const auto& p : d.participants) {
            const RowId caseId = cases.at(p.caseId, path);
            std::optional<RowId> id = p.uuid.empty() ? std::nullopt : findId(db, "participants", "uuid", p.uuid);
            if (!id) {
                Statement st(db, "SELECT id FROM participants WHERE case_id = ? AND code = ?");
                st.bind(1, caseId).bind(2, p.code);
                if (st.step())
                    id = st.getInt(0);
            }
            if (id) {
                parts.ids[p.id] = *id;
                Statement uu(db, "SELECT uuid FROM participants WHERE id = ?");
                uu.bind(1, *id);
                if (uu.step() && !p.uuid.empty())
                    partUuid[p.uuid] = uu.getText(0);
                ++report.unchanged;
                continue;
            }
            if (!options.structure)
                throw ProjectError(ProjectError::Kind::Invalid, path, "participant " + p.code + " is not in this project");
            Participant row = p;
            if (row.uuid.empty())
                row.uuid = newUuid();
            row.caseId = caseId;
            parts.ids[p.id] = detail::insertRow(db, row);
            if (!p.uuid.empty())
                partUuid[p.uuid] = row.uuid;
            audit("participants", row.uuid);
            ++report.inserted;
        }
        for (const auto& s : d.sessions) {
            const RowId caseId = cases.at(s.caseId, path);
            std::optional<RowId> id = s.uuid.empty() ? std::nullopt : findId(db, "sessions", "uuid", s.uuid);
            if (!id) {
                Statement st(db, "SELECT id FROM sessions WHERE case_id = ? AND number = ?");
                st.bind(1, caseId).bind(2, s.number);
                if (st.step())
                    id = st.getInt(0);
            }
            if (id) {
                sessions.ids[s.id] = *id;
                ++report.unchanged;
                continue;
            }
            if (!options.structure)
                throw ProjectError(ProjectError::Kind::Invalid, path,
                                   "session " + std::to_string(s.number) + " is not in this project");
            Session row = s;
            if (row.uuid.empty())
                row.uuid = newUuid();
            row.caseId = caseId;
            for (RowId& p : row.attended)
                p = parts.at(p, path);
            sessions.ids[s.id] = detail::insertRow(db, row);
            audit("sessions", row.uuid);
            ++report.inserted;
        }
        for (const auto& m : d.media) {
            const RowId sid = sessions.at(m.sessionId, path);
            if (!m.uuid.empty() && findId(db, "media", "uuid", m.uuid)) {
                ++report.unchanged;
                continue;
            }
            if (!options.structure)
                continue;
            Media row = m;
            if (row.uuid.empty())
                row.uuid = newUuid();
            row.sessionId = sid;
            // An importer gives the path it resolved against the imported file's folder
            // (absolute); store it relative to the project, as add-session does, with the
            // fingerprint when the file is there.
            if (options.mediaRelativeToProject && fs::path(row.path).is_absolute()) {
                std::error_code ec;
                const fs::path abs = fs::path(row.path).lexically_normal();
                if (fs::is_regular_file(abs, ec)) {
                    if (row.fingerprint.empty())
                        if (auto fp = mediaFingerprint(abs)) {
                            row.fingerprint = *fp;
                            row.sizeBytes = fingerprintSize(*fp);
                        }
                } else {
                    report.missingMedia.push_back(abs.string());
                }
                const fs::path rel = abs.lexically_relative(fs::absolute(m_path, ec).parent_path());
                row.path = (rel.empty() ? abs : rel).generic_string();
            }
            detail::insertRow(db, row);
            audit("media", row.uuid);
            ++report.inserted;
        }
        for (const auto& c : d.coders) {
            std::optional<RowId> id = c.uuid.empty() ? std::nullopt : findId(db, "coders", "uuid", c.uuid);
            if (!id)
                id = findId(db, "coders", "name", c.name);
            if (id) {
                coders.ids[c.id] = *id;
                ++report.unchanged;
                continue;
            }
            if (!options.structure)
                throw ProjectError(ProjectError::Kind::Invalid, path, "coder " + c.name + " is not in this project");
            Coder row = c;
            if (row.uuid.empty())
                row.uuid = newUuid();
            coders.ids[c.id] = detail::insertRow(db, row);
            audit("coders", row.uuid);
            ++report.inserted;
        }
        for (const auto& s : d.schemes) {
            if (auto id = findId(db, "schemes", "content_hash", s.contentHash)) {
                schemes.ids[s.id] = *id;
                ++report.unchanged;
                continue;
            }
            if (!options.structure || s.sourceText.empty())
                throw ProjectError(ProjectError::Kind::Invalid, path,
                                   "scheme " + s.schemeId + " " + s.version + " (" + s.contentHash
                                       + ") is not the version this project uses"
                                       + (s.sourceText.empty() ? "; add the scheme file to the project first" : ""));
            schemes.ids[s.id] = detail::insertRow(db, s);
            audit("schemes", s.contentHash);
            ++report.inserted;
        }
        for (const auto& a : d.assignments) {
            const RowId sid = sessions.at(a.sessionId, path), cid = coders.at(a.coderId, path),
                        kid = schemes.at(a.schemeRefId, path);
            std::optional<RowId> id = a.uuid.empty() ? std::nullopt : findId(db, "assignments", "uuid", a.uuid);
            if (!id) {
                Statement st(db, "SELECT id FROM assignments WHERE session_id = ? AND coder_id = ? AND scheme_id = ?");
                st.bind(1, sid).bind(2, cid).bind(3, kid);
                if (st.step())
                    id = st.getInt(0);
            }
            if (id) {
                // A returned package may carry a newer status ("done"); take it.
                Statement up(db, "UPDATE assignments SET status = ? WHERE id = ? AND status <> ?");
                up.bind(1, a.status).bind(2, *id).bind(3, a.status).run();
                ++report.unchanged;
                continue;
            }
            if (!options.structure)
                continue;
            Assignment row = a;
            if (row.uuid.empty())
                row.uuid = newUuid();
            row.sessionId = sid;
            row.coderId = cid;
            row.schemeRefId = kid;
            detail::insertRow(db, row);
            audit("assignments", row.uuid);
            ++report.inserted;
        }

        if (options.codings) {
            for (const auto& c0 : d.codings) {
                Coding c = c0;
                c.sessionId = sessions.at(c0.sessionId, path);
                c.coderId = coders.at(c0.coderId, path);
                c.schemeRefId = schemes.at(c0.schemeRefId, path);
                c.actorId = parts.at(c0.actorId, path);
                c.targetId = parts.at(c0.targetId, path);
                if (c.uuid.empty())
                    c.uuid = newUuid();
                if (c.item.empty() || c.onsetUs < 0 || (c.offsetUs && *c.offsetUs < c.onsetUs))
                    throw ProjectError(ProjectError::Kind::Invalid, path, "coding " + c.uuid + " has no item or a bad time");
                if (auto ours = codingByUuid(c.uuid)) {
                    if (sameCoding(*ours, c))
                        ++report.unchanged;
                    else
                        report.conflicts.push_back("coding " + c.uuid + " (" + c.item + ") differs from the one in the project; kept the project's");
                    continue;
                }
                detail::insertRow(db, c);
                audit("codings", c.uuid);
                ++report.inserted;
            }
            for (const auto& r0 : d.ratings) {
                Rating r = r0;
                r.sessionId = sessions.at(r0.sessionId, path);
                r.coderId = coders.at(r0.coderId, path);
                r.schemeRefId = schemes.at(r0.schemeRefId, path);
                r.target = mapTarget(r0.target);
                Statement find(db, "SELECT uuid, value, note FROM ratings WHERE uuid = ? OR (session_id = ? AND coder_id = ? AND scheme_id = ? AND ref = ? AND target = ? AND unit = ?)");
                find.bind(1, r.uuid).bind(2, r.sessionId).bind(3, r.coderId).bind(4, r.schemeRefId).bind(5, r.ref);
                find.bind(6, r.target).bind(7, r.unit);
                if (find.step()) {
                    if (find.getDouble(1) == r.value && find.getText(2) == r.note)
                        ++report.unchanged;
                    else
                        report.conflicts.push_back("rating " + r.ref + " for " + r.target + " (unit " + std::to_string(r.unit)
                                                   + "): project has " + std::to_string(find.getDouble(1)) + ", import has "
                                                   + std::to_string(r.value) + "; kept the project's");
                    continue;
                }
                if (r.uuid.empty())
                    r.uuid = newUuid();
                detail::insertRow(db, r);
                audit("ratings", r.uuid);
                ++report.inserted;
            }
            for (const auto& e0 : d.episodes) {
                Episode e = e0;
                e.sessionId = sessions.at(e0.sessionId, path);
                e.coderId = coders.at(e0.coderId, path);
                if (e.uuid.empty())
                    e.uuid = newUuid();
                if (auto ours = episodeByUuid(e.uuid)) {
                    if (ours->startUs == e.startUs && ours->endUs == e.endUs && ours->type == e.type
                        && ours->resolution == e.resolution && ours->comment == e.comment && ours->codingUuids == e.codingUuids)
                        ++report.unchanged;
                    else
                        report.conflicts.push_back("episode " + e.uuid + " (" + e.type + ") differs; kept the project's");
                    continue;
                }
                detail::insertRow(db, e);
                audit("episodes", e.uuid);
                ++report.inserted;
            }
        }
        if (!options.dryRun)
            tx.commit(); // (a dry run rolls back as `tx` goes)
        return report;
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

} // namespace projects
