#include "projects/store_rows.h"

#include "projects/sqlite_db.h"

namespace projects::detail {

using sql::Statement;

std::string joinUuids(const std::vector<std::string>& uuids)
{
    std::string s;
    for (const auto& u : uuids) {
        if (!s.empty())
            s += ',';
        s += u;
    }
    return s;
}

RowId insertRow(sql::Database& db, const Case& c)
{
    Statement st(db, "INSERT INTO cases(uuid, code, setting, programme, note) VALUES (?, ?, ?, ?, ?)");
    st.bind(1, c.uuid).bind(2, c.code).bind(3, c.setting).bind(4, c.programme).bind(5, c.note).run();
    return db.lastInsertRowId();
}

RowId insertRow(sql::Database& db, const Participant& p)
{
    Statement st(db, "INSERT INTO participants(uuid, case_id, code, role, note) VALUES (?, ?, ?, ?, ?)");
    st.bind(1, p.uuid).bind(2, p.caseId).bind(3, p.code).bind(4, roleName(p.role)).bind(5, p.note).run();
    return db.lastInsertRowId();
}

RowId insertRow(sql::Database& db, const Session& s)
{
    Statement st(db, "INSERT INTO sessions(uuid, case_id, number, date, phase, start_us, end_us, label) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, s.uuid).bind(2, s.caseId).bind(3, s.number).bind(4, s.date).bind(5, s.phase).bind(6, s.startUs).bind(7, s.endUs);
    st.bind(8, s.label);
    st.run();
    const RowId id = db.lastInsertRowId();
    Statement att(db, "INSERT OR IGNORE INTO attendance(session_id, participant_id) VALUES (?, ?)");
    for (RowId p : s.attended) {
        att.reset();
        att.bind(1, id).bind(2, p).run();
    }
    return id;
}

RowId insertRow(sql::Database& db, const Media& m)
{
    Statement st(db, "INSERT INTO media(uuid, session_id, path, size_bytes, fingerprint, offset_us, reference) VALUES (?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, m.uuid).bind(2, m.sessionId).bind(3, m.path).bind(4, m.sizeBytes).bind(5, m.fingerprint);
    st.bind(6, m.offsetUs).bind(7, m.reference).run();
    return db.lastInsertRowId();
}

RowId insertRow(sql::Database& db, const Coder& c)
{
    Statement st(db, "INSERT INTO coders(uuid, name, role) VALUES (?, ?, ?)");
    st.bind(1, c.uuid).bind(2, c.name).bind(3, coderRoleName(c.role)).run();
    return db.lastInsertRowId();
}

RowId insertRow(sql::Database& db, const SchemeRef& s)
{
    Statement st(db, "INSERT INTO schemes(scheme_id, version, content_hash, source_text) VALUES (?, ?, ?, ?)");
    st.bind(1, s.schemeId).bind(2, s.version).bind(3, s.contentHash).bind(4, s.sourceText).run();
    return db.lastInsertRowId();
}

RowId insertRow(sql::Database& db, const Assignment& a)
{
    Statement st(db, "INSERT INTO assignments(uuid, session_id, coder_id, scheme_id, blind, gold, reliability, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, a.uuid).bind(2, a.sessionId).bind(3, a.coderId).bind(4, a.schemeRefId).bind(5, a.blind);
    st.bind(6, a.goldStandard).bind(7, a.reliability).bind(8, a.status).run();
    return db.lastInsertRowId();
}

RowId insertRow(sql::Database& db, const Coding& c)
{
    Statement st(db, "INSERT INTO codings(uuid, session_id, coder_id, scheme_id, item, actor_id, target_id, onset_us, offset_us, frame_pts, comment) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, c.uuid).bind(2, c.sessionId).bind(3, c.coderId).bind(4, c.schemeRefId).bind(5, c.item);
    st.bind(6, c.actorId).bind(7, c.targetId).bind(8, c.onsetUs).bind(9, c.offsetUs).bind(10, c.framePts);
    st.bind(11, c.comment).run();
    return db.lastInsertRowId();
}

RowId insertRow(sql::Database& db, const Rating& r)
{
    Statement st(db, "INSERT INTO ratings(uuid, session_id, coder_id, scheme_id, ref, target, unit, value, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, r.uuid).bind(2, r.sessionId).bind(3, r.coderId).bind(4, r.schemeRefId).bind(5, r.ref);
    st.bind(6, r.target).bind(7, r.unit).bind(8, r.value).bind(9, r.note).run();
    return db.lastInsertRowId();
}

RowId insertRow(sql::Database& db, const Episode& e)
{
    Statement st(db, "INSERT INTO episodes(uuid, session_id, coder_id, start_us, end_us, type, resolution, coding_uuids, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, e.uuid).bind(2, e.sessionId).bind(3, e.coderId).bind(4, e.startUs).bind(5, e.endUs).bind(6, e.type);
    st.bind(7, e.resolution).bind(8, joinUuids(e.codingUuids)).bind(9, e.comment).run();
    return db.lastInsertRowId();
}

// --- reading rows ---------------------------------------------------------------------

std::vector<std::string> splitUuids(const std::string& s)
{
    std::vector<std::string> out;
    std::string cur;
    for (char c : s) {
        if (c == ',') {
            if (!cur.empty())
                out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty())
        out.push_back(cur);
    return out;
}

Case readCase(const Statement& st)
{
    Case c;
    c.id = st.getInt(0);
    c.uuid = st.getText(1);
    c.code = st.getText(2);
    c.setting = st.getText(3);
    c.programme = st.getText(4);
    c.note = st.getText(5);
    return c;
}

Participant readParticipant(const Statement& st)
{
    Participant p;
    p.id = st.getInt(0);
    p.uuid = st.getText(1);
    p.caseId = st.getInt(2);
    p.code = st.getText(3);
    p.role = parseRole(st.getText(4)).value_or(Role::Other);
    p.note = st.getText(5);
    return p;
}

Coding readCoding(const Statement& st)
{
    Coding c;
    c.id = st.getInt(0);
    c.uuid = st.getText(1);
    c.sessionId = st.getInt(2);
    c.coderId = st.getInt(3);
    c.schemeRefId = st.getInt(4);
    c.item = st.getText(5);
    c.actorId = st.getInt(6);
    c.targetId = st.getOptInt(7);
    c.onsetUs = st.getInt(8);
    c.offsetUs = st.getOptInt(9);
    c.framePts = st.getOptInt(10);
    c.comment = st.getText(11);
    return c;
}

Rating readRating(const Statement& st)
{
    Rating r;
    r.id = st.getInt(0);
    r.uuid = st.getText(1);
    r.sessionId = st.getInt(2);
    r.coderId = st.getInt(3);
    r.schemeRefId = st.getInt(4);
    r.ref = st.getText(5);
    r.target = st.getText(6);
    r.unit = static_cast<int>(st.getInt(7));
    r.value = st.getDouble(8);
    r.note = st.getText(9);
    return r;
}

Episode readEpisode(const Statement& st)
{
    Episode e;
    e.id = st.getInt(0);
    e.uuid = st.getText(1);
    e.sessionId = st.getInt(2);
    e.coderId = st.getInt(3);
    e.startUs = st.getInt(4);
    e.endUs = st.getInt(5);
    e.type = st.getText(6);
    e.resolution = st.getText(7);
    e.codingUuids = splitUuids(st.getText(8));
    e.comment = st.getText(9);
    return e;
}

// "WHERE a = ? AND b = ?" for the optional filters that are set.

Session readSession(const Statement& st)
{
    Session s;
    s.id = st.getInt(0);
    s.uuid = st.getText(1);
    s.caseId = st.getInt(2);
    s.number = static_cast<int>(st.getInt(3));
    s.date = st.getText(4);
    s.phase = st.getText(5);
    s.startUs = st.getInt(6);
    s.endUs = st.getOptInt(7);
    s.label = st.getText(8);
    return s;
}

Media readMedia(const Statement& st)
{
    Media m;
    m.id = st.getInt(0);
    m.uuid = st.getText(1);
    m.sessionId = st.getInt(2);
    m.path = st.getText(3);
    m.sizeBytes = st.getInt(4);
    m.fingerprint = st.getText(5);
    m.offsetUs = st.getInt(6);
    m.reference = st.getInt(7) != 0;
    return m;
}

Coder readCoder(const Statement& st)
{
    Coder c;
    c.id = st.getInt(0);
    c.uuid = st.getText(1);
    c.name = st.getText(2);
    c.role = parseCoderRole(st.getText(3)).value_or(CoderRole::Coder);
    return c;
}

SchemeRef readScheme(const Statement& st)
{
    SchemeRef s;
    s.id = st.getInt(0);
    s.schemeId = st.getText(1);
    s.version = st.getText(2);
    s.contentHash = st.getText(3);
    s.sourceText = st.getText(4);
    return s;
}

Assignment readAssignment(const Statement& st)
{
    Assignment a;
    a.id = st.getInt(0);
    a.uuid = st.getText(1);
    a.sessionId = st.getInt(2);
    a.coderId = st.getInt(3);
    a.schemeRefId = st.getInt(4);
    a.blind = st.getInt(5) != 0;
    a.goldStandard = st.getInt(6) != 0;
    a.reliability = st.getInt(7) != 0;
    a.status = st.getText(8);
    return a;
}

AuditEntry readAudit(const Statement& st)
{
    AuditEntry a;
    a.id = st.getInt(0);
    a.when = st.getText(1);
    a.who = st.getText(2);
    a.action = st.getText(3);
    a.table = st.getText(4);
    a.rowUuid = st.getText(5);
    a.detail = st.getText(6);
    return a;
}

} // namespace projects::detail
