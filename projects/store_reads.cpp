// Store reads: each query maps rows with the readers of store_rows.h.
#include <functional>

#include "projects/sqlite_db.h"
#include "projects/store.h"
#include "projects/store_rows.h"

namespace projects {

using sql::Statement;
using namespace detail;

// --- reads -----------------------------------------------------------------------------

namespace {


struct Filter {
    std::string where;
    std::vector<int64_t> values;
    void add(const char* column, std::optional<int64_t> v)
    {
        if (!v)
            return;
        where += where.empty() ? " WHERE " : " AND ";
        where += column;
        where += " = ?";
        values.push_back(*v);
    }
    void bind(Statement& st) const
    {
        for (size_t i = 0; i < values.size(); ++i)
            st.bind(static_cast<int>(i + 1), values[i]);
    }
};

} // namespace

std::vector<Case> Store::cases()
{
    return guarded([&]() -> std::vector<Case> {
        std::vector<Case> out;
        Statement st(*m_db, "SELECT id, uuid, code, setting, programme, note FROM cases ORDER BY code");
        while (st.step())
            out.push_back(readCase(st));
        return out;
    });
}

std::vector<Participant> Store::participants(std::optional<RowId> caseId)
{
    return guarded([&]() -> std::vector<Participant> {
        Filter f;
        f.add("case_id", caseId);
        std::vector<Participant> out;
        Statement st(*m_db, "SELECT id, uuid, case_id, code, role, note FROM participants" + f.where + " ORDER BY case_id, id");
        f.bind(st);
        while (st.step())
            out.push_back(readParticipant(st));
        return out;
    });
}

std::vector<Session> Store::sessions(std::optional<RowId> caseId)
{
    return guarded([&]() -> std::vector<Session> {
        Filter f;
        f.add("case_id", caseId);
        std::vector<Session> out;
        Statement st(*m_db, "SELECT id, uuid, case_id, number, date, phase, start_us, end_us, label FROM sessions" + f.where
                                + " ORDER BY case_id, number");
        f.bind(st);
        while (st.step())
            out.push_back(readSession(st));
        Statement att(*m_db, "SELECT participant_id FROM attendance WHERE session_id = ? ORDER BY participant_id");
        for (auto& s : out) {
            att.reset();
            att.bind(1, s.id);
            while (att.step())
                s.attended.push_back(att.getInt(0));
        }
        return out;
    });
}

std::vector<Media> Store::media(std::optional<RowId> sessionId)
{
    return guarded([&]() -> std::vector<Media> {
        Filter f;
        f.add("session_id", sessionId);
        std::vector<Media> out;
        Statement st(*m_db, "SELECT id, uuid, session_id, path, size_bytes, fingerprint, offset_us, reference FROM media"
                                + f.where + " ORDER BY session_id, id");
        f.bind(st);
        while (st.step())
            out.push_back(readMedia(st));
        return out;
    });
}

std::vector<Coder> Store::coders()
{
    return guarded([&]() -> std::vector<Coder> {
        std::vector<Coder> out;
        Statement st(*m_db, "SELECT id, uuid, name, role FROM coders ORDER BY name");
        while (st.step())
            out.push_back(readCoder(st));
        return out;
    });
}

std::vector<SchemeRef> Store::schemes()
{
    return guarded([&]() -> std::vector<SchemeRef> {
        std::vector<SchemeRef> out;
        Statement st(*m_db, "SELECT id, scheme_id, version, content_hash, source_text FROM schemes ORDER BY id");
        while (st.step())
            out.push_back(readScheme(st));
        return out;
    });
}

std::vector<Assignment> Store::assignments(std::optional<RowId> sessionId)
{
    return guarded([&]() -> std::vector<Assignment> {
        Filter f;
        f.add("session_id", sessionId);
        std::vector<Assignment> out;
        Statement st(*m_db, "SELECT id, uuid, session_id, coder_id, scheme_id, blind, gold, reliability, status FROM assignments"
                                + f.where + " ORDER BY session_id, coder_id");
        f.bind(st);
        while (st.step())
            out.push_back(readAssignment(st));
        return out;
    });
}

std::vector<Coding> Store::codings(std::optional<RowId> sessionId, std::optional<RowId> coderId)
{
    return guarded([&]() -> std::vector<Coding> {
        Filter f;
        f.add("session_id", sessionId);
        f.add("coder_id", coderId);
        std::vector<Coding> out;
        Statement st(*m_db, std::string("SELECT ") + kCodingCols + " FROM codings" + f.where
                                + " ORDER BY session_id, coder_id, onset_us, id");
        f.bind(st);
        while (st.step())
            out.push_back(readCoding(st));
        return out;
    });
}

void Store::forEachCoding(const std::function<void(const Coding&)>& fn)
{
    return guarded([&] {
        Statement st(*m_db, std::string("SELECT ") + kCodingCols + " FROM codings ORDER BY session_id, coder_id, onset_us, id");
        while (st.step())
            fn(readCoding(st));
    });
}

std::optional<Coding> Store::codingByUuid(const std::string& uuid)
{
    return guarded([&]() -> std::optional<Coding> {
        Statement st(*m_db, std::string("SELECT ") + kCodingCols + " FROM codings WHERE uuid = ?");
        st.bind(1, uuid);
        if (st.step())
            return readCoding(st);
        return std::nullopt;
    });
}

int64_t Store::codingCount()
{
    return guarded([&]() -> int64_t {
        Statement st(*m_db, "SELECT count(*) FROM codings");
        return st.step() ? st.getInt(0) : 0;
    });
}

std::vector<Rating> Store::ratings(std::optional<RowId> sessionId, std::optional<RowId> coderId)
{
    return guarded([&]() -> std::vector<Rating> {
        Filter f;
        f.add("session_id", sessionId);
        f.add("coder_id", coderId);
        std::vector<Rating> out;
        Statement st(*m_db, std::string("SELECT ") + kRatingCols + " FROM ratings" + f.where
                                + " ORDER BY session_id, coder_id, unit, ref, target");
        f.bind(st);
        while (st.step())
            out.push_back(readRating(st));
        return out;
    });
}

std::optional<Rating> Store::ratingByUuid(const std::string& uuid)
{
    return guarded([&]() -> std::optional<Rating> {
        Statement st(*m_db, std::string("SELECT ") + kRatingCols + " FROM ratings WHERE uuid = ?");
        st.bind(1, uuid);
        if (st.step())
            return readRating(st);
        return std::nullopt;
    });
}

std::vector<Episode> Store::episodes(std::optional<RowId> sessionId)
{
    return guarded([&]() -> std::vector<Episode> {
        Filter f;
        f.add("session_id", sessionId);
        std::vector<Episode> out;
        Statement st(*m_db, std::string("SELECT ") + kEpisodeCols + " FROM episodes" + f.where
                                + " ORDER BY session_id, start_us, id");
        f.bind(st);
        while (st.step())
            out.push_back(readEpisode(st));
        return out;
    });
}

std::optional<Episode> Store::episodeByUuid(const std::string& uuid)
{
    return guarded([&]() -> std::optional<Episode> {
        Statement st(*m_db, std::string("SELECT ") + kEpisodeCols + " FROM episodes WHERE uuid = ?");
        st.bind(1, uuid);
        if (st.step())
            return readEpisode(st);
        return std::nullopt;
    });
}

std::vector<AuditEntry> Store::audit(int limit)
{
    return guarded([&]() -> std::vector<AuditEntry> {
        std::vector<AuditEntry> out;
        Statement st(*m_db, "SELECT id, at, who, action, tbl, row_uuid, detail FROM audit ORDER BY id DESC LIMIT ?");
        st.bind(1, static_cast<int64_t>(limit));
        while (st.step())
            out.push_back(readAudit(st));
        return out;
    });
}

ProjectData Store::snapshot()
{
    ProjectData d;
    d.cases = cases();
    d.participants = participants();
    d.sessions = sessions();
    d.media = media();
    d.coders = coders();
    d.schemes = schemes();
    d.assignments = assignments();
    d.codings = codings();
    d.ratings = ratings();
    d.episodes = episodes();
    return d;
}

// --- lookups ---------------------------------------------------------------------------

std::optional<Case> Store::caseByCode(const std::string& code)
{
    return guarded([&]() -> std::optional<Case> {
        Statement st(*m_db, "SELECT id, uuid, code, setting, programme, note FROM cases WHERE code = ?");
        st.bind(1, code);
        if (st.step())
            return readCase(st);
        return std::nullopt;
    });
}

std::optional<Session> Store::sessionByNumber(RowId caseId, int number)
{
    return guarded([&]() -> std::optional<Session> {
        Statement st(*m_db, "SELECT id FROM sessions WHERE case_id = ? AND number = ?");
        st.bind(1, caseId).bind(2, number);
        if (!st.step())
            return std::nullopt;
        const RowId id = st.getInt(0);
        for (auto& s : sessions(caseId)) // one case's sessions, with their attendance
            if (s.id == id)
                return s;
        return std::nullopt;
    });
}

std::optional<Coder> Store::coderByName(const std::string& name)
{
    return guarded([&]() -> std::optional<Coder> {
        Statement st(*m_db, "SELECT id, uuid, name, role FROM coders WHERE name = ?");
        st.bind(1, name);
        if (!st.step())
            return std::nullopt;
        return readCoder(st);
    });
}

std::optional<SchemeRef> Store::schemeByIdOrHash(const std::string& idOrHash)
{
    return guarded([&]() -> std::optional<SchemeRef> {
        Statement st(*m_db, "SELECT id, scheme_id, version, content_hash, source_text FROM schemes "
                            "WHERE scheme_id = ? OR content_hash = ? ORDER BY id DESC LIMIT 1");
        st.bind(1, idOrHash).bind(2, idOrHash);
        if (!st.step())
            return std::nullopt;
        return readScheme(st);
    });
}

} // namespace projects
