// Store single-row writes: each one transaction with its audit row.
#include "projects/exchange_common.h"
#include "projects/sqlite_db.h"
#include "projects/store.h"
#include "projects/store_rows.h"

namespace fs = std::filesystem;

namespace projects {

using sql::Database;
using sql::Statement;
using sql::Transaction;

namespace {

// Audit details are JSON.
std::string jsonStr(const std::string& s) { return exchange::quoted(s); }

std::string optJson(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : "null"; }


std::string codingDetail(const Coding& c)
{
    return "{\"item\":" + jsonStr(c.item) + ",\"actor\":" + std::to_string(c.actorId) + ",\"target\":"
        + optJson(c.targetId) + ",\"onset_us\":" + std::to_string(c.onsetUs) + ",\"offset_us\":"
        + optJson(c.offsetUs) + ",\"frame_pts\":" + optJson(c.framePts) + ",\"comment\":" + jsonStr(c.comment)
        + "}";
}


} // namespace

namespace {

void requireRow(Database& db, const fs::path& file, const char* table, RowId id, const char* what)
{
    Statement st(db, std::string("SELECT 1 FROM ") + table + " WHERE id = ?");
    st.bind(1, id);
    if (!st.step())
        throw ProjectError(ProjectError::Kind::Invalid, file.string(),
                           std::string("unknown ") + what + " (id " + std::to_string(id) + ")");
}

void checkCoding(Database& db, const fs::path& file, const Coding& c)
{
    if (c.item.empty())
        throw ProjectError(ProjectError::Kind::Invalid, file.string(), "a coding needs an item");
    if (c.onsetUs < 0)
        throw ProjectError(ProjectError::Kind::Invalid, file.string(), "coding onset before the start of the media");
    if (c.offsetUs && *c.offsetUs < c.onsetUs)
        throw ProjectError(ProjectError::Kind::Invalid, file.string(), "coding offset before its onset");
    requireRow(db, file, "sessions", c.sessionId, "session");
    requireRow(db, file, "coders", c.coderId, "coder");
    requireRow(db, file, "schemes", c.schemeRefId, "scheme");
    requireRow(db, file, "participants", c.actorId, "actor participant");
    if (c.targetId)
        requireRow(db, file, "participants", *c.targetId, "target participant");
}

void bindCoding(Statement& st, const Coding& c)
{
    st.bind(1, c.uuid)
        .bind(2, c.sessionId)
        .bind(3, c.coderId)
        .bind(4, c.schemeRefId)
        .bind(5, c.item)
        .bind(6, c.actorId)
        .bind(7, c.targetId)
        .bind(8, c.onsetUs)
        .bind(9, c.offsetUs)
        .bind(10, c.framePts)
        .bind(11, c.comment);
}

} // namespace

Case Store::addCase(Case c)
{
    return guarded([&]() -> Case {
        if (c.code.empty())
            throw ProjectError(ProjectError::Kind::Invalid, m_path.string(), "a case needs a code");
        if (c.uuid.empty())
            c.uuid = newUuid();
        Transaction tx(*m_db);
        c.id = detail::insertRow(*m_db, c);
        auditRow("insert", "cases", c.uuid, "{\"code\":" + jsonStr(c.code) + "}");
        tx.commit();
        return c;
    });
}

Participant Store::addParticipant(Participant p)
{
    return guarded([&]() -> Participant {
        if (p.code.empty())
            throw ProjectError(ProjectError::Kind::Invalid, m_path.string(), "a participant needs a code");
        if (p.uuid.empty())
            p.uuid = newUuid();
        Transaction tx(*m_db);
        requireRow(*m_db, m_path, "cases", p.caseId, "case");
        p.id = detail::insertRow(*m_db, p);
        auditRow("insert", "participants", p.uuid,
                 "{\"code\":" + jsonStr(p.code) + ",\"role\":" + jsonStr(roleName(p.role)) + "}");
        tx.commit();
        return p;
    });
}

Session Store::addSession(Session s)
{
    return guarded([&]() -> Session {
        if (s.uuid.empty())
            s.uuid = newUuid();
        Transaction tx(*m_db);
        requireRow(*m_db, m_path, "cases", s.caseId, "case");
        for (RowId p : s.attended)
            requireRow(*m_db, m_path, "participants", p, "participant");
        s.id = detail::insertRow(*m_db, s);
        auditRow("insert", "sessions", s.uuid, "{\"number\":" + std::to_string(s.number) + "}");
        tx.commit();
        return s;
    });
}

void Store::setAttendance(RowId sessionId, const std::vector<RowId>& participantIds)
{
    return guarded([&] {
        Transaction tx(*m_db);
        requireRow(*m_db, m_path, "sessions", sessionId, "session");
        Statement del(*m_db, "DELETE FROM attendance WHERE session_id = ?");
        del.bind(1, sessionId).run();
        Statement att(*m_db, "INSERT OR IGNORE INTO attendance(session_id, participant_id) VALUES (?, ?)");
        std::string ids;
        for (RowId p : participantIds) {
            requireRow(*m_db, m_path, "participants", p, "participant");
            att.reset();
            att.bind(1, sessionId).bind(2, p).run();
            if (!ids.empty())
                ids += ',';
            ids += std::to_string(p);
        }
        Statement uu(*m_db, "SELECT uuid FROM sessions WHERE id = ?");
        uu.bind(1, sessionId);
        uu.step();
        auditRow("update attendance", "sessions", uu.getText(0), "{\"attended\":[" + ids + "]}");
        tx.commit();
    });
}

Media Store::addMedia(Media m)
{
    return guarded([&]() -> Media {
        if (m.uuid.empty())
            m.uuid = newUuid();
        Transaction tx(*m_db);
        requireRow(*m_db, m_path, "sessions", m.sessionId, "session");
        m.id = detail::insertRow(*m_db, m);
        auditRow("insert", "media", m.uuid, "{\"path\":" + jsonStr(m.path) + "}");
        tx.commit();
        return m;
    });
}

void Store::updateMedia(const Media& m)
{
    return guarded([&] {
        Transaction tx(*m_db);
        Statement st(*m_db, "UPDATE media SET path = ?, size_bytes = ?, fingerprint = ?, offset_us = ?, reference = ? WHERE uuid = ?");
        st.bind(1, m.path).bind(2, m.sizeBytes).bind(3, m.fingerprint).bind(4, m.offsetUs).bind(5, m.reference).bind(6, m.uuid);
        st.run();
        if (m_db->changes() == 0)
            throw ProjectError(ProjectError::Kind::NotFoundRow, m_path.string(), "no media " + m.uuid);
        auditRow("update", "media", m.uuid,
                 "{\"path\":" + jsonStr(m.path) + ",\"offset_us\":" + std::to_string(m.offsetUs) + "}");
        tx.commit();
    });
}

Coder Store::addCoder(Coder c)
{
    return guarded([&]() -> Coder {
        if (c.name.empty())
            throw ProjectError(ProjectError::Kind::Invalid, m_path.string(), "a coder needs a name");
        if (c.uuid.empty())
            c.uuid = newUuid();
        Transaction tx(*m_db);
        c.id = detail::insertRow(*m_db, c);
        auditRow("insert", "coders", c.uuid, "{\"name\":" + jsonStr(c.name) + "}");
        tx.commit();
        return c;
    });
}

SchemeRef Store::addScheme(SchemeRef s)
{
    return guarded([&]() -> SchemeRef {
        if (s.contentHash.empty())
            throw ProjectError(ProjectError::Kind::Invalid, m_path.string(), "a scheme needs its content hash");
        Transaction tx(*m_db);
        Statement find(*m_db, "SELECT id, scheme_id, version, source_text FROM schemes WHERE content_hash = ?");
        find.bind(1, s.contentHash);
        if (find.step()) {
            s.id = find.getInt(0);
            s.schemeId = find.getText(1);
            s.version = find.getText(2);
            s.sourceText = find.getText(3);
            return s;
        }
        s.id = detail::insertRow(*m_db, s);
        auditRow("insert", "schemes", s.contentHash, "{\"scheme\":" + jsonStr(s.schemeId) + ",\"version\":" + jsonStr(s.version) + "}");
        tx.commit();
        return s;
    });
}

Assignment Store::addAssignment(Assignment a)
{
    return guarded([&]() -> Assignment {
        if (a.uuid.empty())
            a.uuid = newUuid();
        Transaction tx(*m_db);
        requireRow(*m_db, m_path, "sessions", a.sessionId, "session");
        requireRow(*m_db, m_path, "coders", a.coderId, "coder");
        requireRow(*m_db, m_path, "schemes", a.schemeRefId, "scheme");
        a.id = detail::insertRow(*m_db, a);
        auditRow("insert", "assignments", a.uuid, "{\"status\":" + jsonStr(a.status) + "}");
        tx.commit();
        return a;
    });
}

void Store::updateAssignment(const Assignment& a)
{
    return guarded([&] {
        Transaction tx(*m_db);
        Statement st(*m_db, "UPDATE assignments SET blind = ?, gold = ?, reliability = ?, status = ? WHERE uuid = ?");
        st.bind(1, a.blind).bind(2, a.goldStandard).bind(3, a.reliability).bind(4, a.status).bind(5, a.uuid).run();
        if (m_db->changes() == 0)
            throw ProjectError(ProjectError::Kind::NotFoundRow, m_path.string(), "no assignment " + a.uuid);
        auditRow("update", "assignments", a.uuid,
                 "{\"status\":" + jsonStr(a.status) + ",\"reliability\":" + (a.reliability ? "true" : "false") + "}");
        tx.commit();
    });
}

Coding Store::addCoding(Coding c)
{
    return guarded([&]() -> Coding {
        if (c.uuid.empty())
            c.uuid = newUuid();
        Transaction tx(*m_db);
        checkCoding(*m_db, m_path, c);
        c.id = detail::insertRow(*m_db, c);
        auditRow("insert", "codings", c.uuid, codingDetail(c));
        tx.commit();
        return c;
    });
}

void Store::updateCoding(const Coding& c)
{
    return guarded([&] {
        Transaction tx(*m_db);
        checkCoding(*m_db, m_path, c);
        Statement st(*m_db, "UPDATE codings SET session_id = ?2, coder_id = ?3, scheme_id = ?4, item = ?5, actor_id = ?6, "
                            "target_id = ?7, onset_us = ?8, offset_us = ?9, frame_pts = ?10, comment = ?11 WHERE uuid = ?1");
        bindCoding(st, c);
        st.run();
        if (m_db->changes() == 0)
            throw ProjectError(ProjectError::Kind::NotFoundRow, m_path.string(), "no coding " + c.uuid + " (deleted meanwhile?)");
        auditRow("update", "codings", c.uuid, codingDetail(c));
        tx.commit();
    });
}

void Store::deleteCoding(const std::string& uuid)
{
    return guarded([&] {
        Transaction tx(*m_db);
        auto before = codingByUuid(uuid);
        if (!before)
            throw ProjectError(ProjectError::Kind::NotFoundRow, m_path.string(), "no coding " + uuid + " (deleted meanwhile?)");
        Statement st(*m_db, "DELETE FROM codings WHERE uuid = ?");
        st.bind(1, uuid).run();
        auditRow("delete", "codings", uuid, codingDetail(*before));
        tx.commit();
    });
}

Rating Store::setRating(Rating r)
{
    return guarded([&]() -> Rating {
        Transaction tx(*m_db);
        requireRow(*m_db, m_path, "sessions", r.sessionId, "session");
        requireRow(*m_db, m_path, "coders", r.coderId, "coder");
        requireRow(*m_db, m_path, "schemes", r.schemeRefId, "scheme");
        if (r.ref.empty() || r.target.empty())
            throw ProjectError(ProjectError::Kind::Invalid, m_path.string(), "a rating needs a dimension or item and a target");
        Statement find(*m_db, "SELECT uuid FROM ratings WHERE session_id = ? AND coder_id = ? AND scheme_id = ? AND ref = ? AND target = ? AND unit = ?");
        find.bind(1, r.sessionId).bind(2, r.coderId).bind(3, r.schemeRefId).bind(4, r.ref).bind(5, r.target).bind(6, r.unit);
        const std::string detail = "{\"ref\":" + jsonStr(r.ref) + ",\"target\":" + jsonStr(r.target) + ",\"unit\":"
            + std::to_string(r.unit) + ",\"value\":" + std::to_string(r.value) + "}";
        if (find.step()) {
            r.uuid = find.getText(0);
            Statement up(*m_db, "UPDATE ratings SET value = ?, note = ? WHERE uuid = ?");
            up.bind(1, r.value).bind(2, r.note).bind(3, r.uuid).run();
            auditRow("update", "ratings", r.uuid, detail);
        } else {
            if (r.uuid.empty())
                r.uuid = newUuid();
            detail::insertRow(*m_db, r);
            auditRow("insert", "ratings", r.uuid, detail);
        }
        Statement id(*m_db, "SELECT id FROM ratings WHERE uuid = ?");
        id.bind(1, r.uuid);
        id.step();
        r.id = id.getInt(0);
        tx.commit();
        return r;
    });
}

void Store::deleteRating(const std::string& uuid)
{
    return guarded([&] {
        Transaction tx(*m_db);
        Statement st(*m_db, "DELETE FROM ratings WHERE uuid = ?");
        st.bind(1, uuid).run();
        if (m_db->changes() == 0)
            throw ProjectError(ProjectError::Kind::NotFoundRow, m_path.string(), "no rating " + uuid);
        auditRow("delete", "ratings", uuid, "{}");
        tx.commit();
    });
}

namespace {
void checkEpisode(Database& db, const fs::path& file, const Episode& e)
{
    if (e.endUs < e.startUs)
        throw ProjectError(ProjectError::Kind::Invalid, file.string(), "episode ends before it starts");
    if (e.type.empty())
        throw ProjectError(ProjectError::Kind::Invalid, file.string(), "an episode needs a type");
    requireRow(db, file, "sessions", e.sessionId, "session");
    requireRow(db, file, "coders", e.coderId, "coder");
}
std::string episodeDetail(const Episode& e)
{
    return "{\"type\":" + jsonStr(e.type) + ",\"start_us\":" + std::to_string(e.startUs) + ",\"end_us\":"
        + std::to_string(e.endUs) + ",\"resolution\":" + jsonStr(e.resolution) + "}";
}
} // namespace

Episode Store::addEpisode(Episode e)
{
    try {
        if (e.uuid.empty())
            e.uuid = newUuid();
        Transaction tx(*m_db);
        checkEpisode(*m_db, m_path, e);
        e.id = detail::insertRow(*m_db, e);
        auditRow("insert", "episodes", e.uuid, episodeDetail(e));
        tx.commit();
        return e;
    } catch (const std::exception& ex) {
        rethrow(ex);
    }
}

void Store::updateEpisode(const Episode& e)
{
    try {
        Transaction tx(*m_db);
        checkEpisode(*m_db, m_path, e);
        Statement st(*m_db, "UPDATE episodes SET start_us = ?, end_us = ?, type = ?, resolution = ?, coding_uuids = ?, comment = ? WHERE uuid = ?");
        st.bind(1, e.startUs).bind(2, e.endUs).bind(3, e.type).bind(4, e.resolution).bind(5, detail::joinUuids(e.codingUuids));
        st.bind(6, e.comment).bind(7, e.uuid).run();
        if (m_db->changes() == 0)
            throw ProjectError(ProjectError::Kind::NotFoundRow, m_path.string(), "no episode " + e.uuid);
        auditRow("update", "episodes", e.uuid, episodeDetail(e));
        tx.commit();
    } catch (const std::exception& ex) {
        rethrow(ex);
    }
}

void Store::deleteEpisode(const std::string& uuid)
{
    try {
        Transaction tx(*m_db);
        Statement st(*m_db, "DELETE FROM episodes WHERE uuid = ?");
        st.bind(1, uuid).run();
        if (m_db->changes() == 0)
            throw ProjectError(ProjectError::Kind::NotFoundRow, m_path.string(), "no episode " + uuid);
        auditRow("delete", "episodes", uuid, "{}");
        tx.commit();
    } catch (const std::exception& ex) {
        rethrow(ex);
    }
}

} // namespace projects
