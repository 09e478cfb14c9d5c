// Store::importData: merge a ProjectData (ids local to it) into a store, matching rows by
// uuid. One transaction; idempotent; conflicts are reported and ours are kept.
#include <map>

#include "projects/sqlite_db.h"
#include "projects/store.h"

namespace projects {

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
        auto audit = [&](const char* table, const std::string& uuid) { auditRow(options.action, table, uuid, "{}"); };

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
            Statement st(db, "INSERT INTO cases(uuid, code, setting, programme, note) VALUES (?, ?, ?, ?, ?)");
            const std::string uuid = c.uuid.empty() ? newUuid() : c.uuid;
            st.bind(1, uuid).bind(2, c.code).bind(3, c.setting).bind(4, c.programme).bind(5, c.note).run();
            cases.ids[c.id] = db.lastInsertRowId();
            audit("cases", uuid);
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
            const std::string uuid = p.uuid.empty() ? newUuid() : p.uuid;
            Statement st(db, "INSERT INTO participants(uuid, case_id, code, role, note) VALUES (?, ?, ?, ?, ?)");
            st.bind(1, uuid).bind(2, caseId).bind(3, p.code).bind(4, roleName(p.role)).bind(5, p.note).run();
            parts.ids[p.id] = db.lastInsertRowId();
            if (!p.uuid.empty())
                partUuid[p.uuid] = uuid;
            audit("participants", uuid);
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
            const std::string uuid = s.uuid.empty() ? newUuid() : s.uuid;
            Statement st(db, "INSERT INTO sessions(uuid, case_id, number, date, phase, start_us, end_us) VALUES (?, ?, ?, ?, ?, ?, ?)");
            st.bind(1, uuid).bind(2, caseId).bind(3, s.number).bind(4, s.date).bind(5, s.phase).bind(6, s.startUs).bind(7, s.endUs);
            st.run();
            const RowId sid = db.lastInsertRowId();
            sessions.ids[s.id] = sid;
            Statement att(db, "INSERT OR IGNORE INTO attendance(session_id, participant_id) VALUES (?, ?)");
            for (RowId p : s.attended) {
                att.reset();
                att.bind(1, sid).bind(2, parts.at(p, path)).run();
            }
            audit("sessions", uuid);
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
            const std::string uuid = m.uuid.empty() ? newUuid() : m.uuid;
            Statement st(db, "INSERT INTO media(uuid, session_id, path, size_bytes, fingerprint, offset_us, reference) VALUES (?, ?, ?, ?, ?, ?, ?)");
            st.bind(1, uuid).bind(2, sid).bind(3, m.path).bind(4, m.sizeBytes).bind(5, m.fingerprint).bind(6, m.offsetUs);
            st.bind(7, m.reference).run();
            audit("media", uuid);
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
            const std::string uuid = c.uuid.empty() ? newUuid() : c.uuid;
            Statement st(db, "INSERT INTO coders(uuid, name, role) VALUES (?, ?, ?)");
            st.bind(1, uuid).bind(2, c.name).bind(3, coderRoleName(c.role)).run();
            coders.ids[c.id] = db.lastInsertRowId();
            audit("coders", uuid);
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
            Statement st(db, "INSERT INTO schemes(scheme_id, version, content_hash, source_text) VALUES (?, ?, ?, ?)");
            st.bind(1, s.schemeId).bind(2, s.version).bind(3, s.contentHash).bind(4, s.sourceText).run();
            schemes.ids[s.id] = db.lastInsertRowId();
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
            const std::string uuid = a.uuid.empty() ? newUuid() : a.uuid;
            Statement st(db, "INSERT INTO assignments(uuid, session_id, coder_id, scheme_id, blind, gold, reliability, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
            st.bind(1, uuid).bind(2, sid).bind(3, cid).bind(4, kid).bind(5, a.blind).bind(6, a.goldStandard);
            st.bind(7, a.reliability).bind(8, a.status).run();
            audit("assignments", uuid);
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
                Statement st(db, "INSERT INTO codings(uuid, session_id, coder_id, scheme_id, item, actor_id, target_id, onset_us, offset_us, frame_pts, comment) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                st.bind(1, c.uuid).bind(2, c.sessionId).bind(3, c.coderId).bind(4, c.schemeRefId).bind(5, c.item);
                st.bind(6, c.actorId).bind(7, c.targetId).bind(8, c.onsetUs).bind(9, c.offsetUs).bind(10, c.framePts);
                st.bind(11, c.comment).run();
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
                Statement st(db, "INSERT INTO ratings(uuid, session_id, coder_id, scheme_id, ref, target, unit, value, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                st.bind(1, r.uuid).bind(2, r.sessionId).bind(3, r.coderId).bind(4, r.schemeRefId).bind(5, r.ref);
                st.bind(6, r.target).bind(7, r.unit).bind(8, r.value).bind(9, r.note).run();
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
                std::string links;
                for (const auto& u : e.codingUuids)
                    {
                    if (!links.empty())
                        links += ',';
                    links += u;
                }
                Statement st(db, "INSERT INTO episodes(uuid, session_id, coder_id, start_us, end_us, type, resolution, coding_uuids, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                st.bind(1, e.uuid).bind(2, e.sessionId).bind(3, e.coderId).bind(4, e.startUs).bind(5, e.endUs).bind(6, e.type);
                st.bind(7, e.resolution).bind(8, links).bind(9, e.comment).run();
                audit("episodes", e.uuid);
                ++report.inserted;
            }
        }
        tx.commit();
        return report;
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

} // namespace projects
