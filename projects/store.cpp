#include "projects/store.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "projects/exchange_common.h"
#include "projects/fingerprint.h"
#include "projects/schema.h"
#include "projects/sqlite_db.h"
#include "projects/store_rows.h"

namespace fs = std::filesystem;

namespace projects {

using sql::Database;
using sql::SqliteError;
using sql::Statement;
using sql::Transaction;

namespace {

constexpr const char* kTables[] = {"meta",     "cases",   "participants", "sessions", "attendance", "media",
                                   "coders",   "schemes", "assignments",  "codings",  "ratings",    "audit",
                                   "episodes"};

std::string uuidFrom(uint64_t hi, uint64_t lo)
{
    hi = (hi & 0xffffffffffff0fffull) | 0x0000000000004000ull; // version 4
    lo = (lo & 0x3fffffffffffffffull) | 0x8000000000000000ull; // variant 10
    static const char* kHex = "0123456789abcdef";
    std::string s;
    s.reserve(36);
    for (int i = 0; i < 16; ++i) {
        const uint64_t w = i < 8 ? hi : lo;
        const int shift = 56 - 8 * (i % 8);
        const auto b = static_cast<unsigned>((w >> shift) & 0xff);
        if (i == 4 || i == 6 || i == 8 || i == 10)
            s += '-';
        s += kHex[b >> 4];
        s += kHex[b & 15];
    }
    return s;
}

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

// What the first bytes say, before SQLite sees the file (SQLite would treat a zero-byte
// file as an empty database and happily write to it).
void checkHeader(const fs::path& file)
{
    std::error_code ec;
    if (!fs::exists(file, ec))
        throw ProjectError(ProjectError::Kind::NotFound, file.string(), "no such file");
    if (fs::is_directory(file, ec))
        throw ProjectError(ProjectError::Kind::NotAProject, file.string(), "is a folder, not a Bondline project");
    const auto size = fs::file_size(file, ec);
    if (ec)
        throw ProjectError(ProjectError::Kind::Io, file.string(), "cannot read the file (" + ec.message() + ")");
    if (size == 0)
        throw ProjectError(ProjectError::Kind::NotAProject, file.string(), "empty file (0 bytes), not a Bondline project");
    std::ifstream in(file, std::ios::binary);
    char head[16] = {};
    in.read(head, sizeof head);
    if (in.gcount() < 16 || std::memcmp(head, "SQLite format 3", 16) != 0)
        throw ProjectError(ProjectError::Kind::NotAProject, file.string(),
                           "not a Bondline project (not an SQLite database)");
    if (size < 512)
        throw ProjectError(ProjectError::Kind::Damaged, file.string(), "damaged project file (truncated to "
                                                                            + std::to_string(size) + " bytes)");
}

void configure(Database& db)
{
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = FULL");
    db.exec("PRAGMA foreign_keys = ON");
}

// The process that holds a lock SQLite takes on `file`, when the system can tell: the WAL
// write lock (byte 120 of the -shm file, SQLite's WALINDEX_LOCK_OFFSET + WAL_WRITE_LOCK)
// or the rollback-journal lock bytes of the database file (PENDING_BYTE 0x40000000 and
// the RESERVED and SHARED bytes after it). POSIX record locks report their owner's pid.
std::optional<long> lockHolder(const fs::path& file)
{
    auto probe = [](const std::string& path, off_t start, off_t len) -> std::optional<long> {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return std::nullopt;
        struct flock fl {};
        fl.l_type = F_WRLCK;
        fl.l_whence = SEEK_SET;
        fl.l_start = start;
        fl.l_len = len;
        std::optional<long> pid;
        if (::fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK && fl.l_pid > 0)
            pid = static_cast<long>(fl.l_pid);
        ::close(fd);
        return pid;
    };
    if (auto pid = probe(file.string() + "-shm", 120, 1))
        return pid;
    return probe(file.string(), 0x40000000, 512);
}

// SQLITE_BUSY after the busy timeout: another connection kept the project locked.
ProjectError busyError(const fs::path& file)
{
    const auto pid = lockHolder(file);
    return ProjectError(ProjectError::Kind::Busy, file.string(),
                        "the project is busy: " + (pid ? "process " + std::to_string(*pid) : std::string("another program"))
                            + " holds it and did not let go within 5 s; nothing was stored. Try again when it is done");
}

} // namespace

std::string makeUuid()
{
    static thread_local std::mt19937_64 rng{std::random_device{}() ^ (static_cast<uint64_t>(std::random_device{}()) << 32)
                                            ^ static_cast<uint64_t>(
                                                std::chrono::steady_clock::now().time_since_epoch().count())};
    const uint64_t hi = rng();
    const uint64_t lo = rng();
    return uuidFrom(hi, lo);
}

// ---------------------------------------------------------------------------------------

Store::Store(fs::path path, std::unique_ptr<Database> db, OpenReport report)
    : m_path(std::move(path)), m_db(std::move(db)), m_open(std::move(report))
{
}

Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

Database& Store::database() { return *m_db; }

std::string Store::newUuid() { return makeUuid(); }

void Store::rethrow(const std::exception& e) const
{
    if (const auto* pe = dynamic_cast<const ProjectError*>(&e))
        throw *pe;
    if (const auto* se = dynamic_cast<const SqliteError*>(&e)) {
        if (se->corrupt())
            throw ProjectError(ProjectError::Kind::Damaged, m_path.string(), std::string("damaged project file (") + se->what() + ")");
        if (se->code() == SQLITE_CONSTRAINT)
            throw ProjectError(ProjectError::Kind::Invalid, m_path.string(), se->what());
        if (se->code() == SQLITE_BUSY || se->code() == SQLITE_LOCKED)
            throw busyError(m_path);
        throw ProjectError(ProjectError::Kind::Io, m_path.string(), se->what());
    }
    throw ProjectError(ProjectError::Kind::Io, m_path.string(), e.what());
}

namespace {

// fsync of a file or folder; false when it could not be opened or synced.
bool syncPath(const fs::path& p, bool folder)
{
    const int fd = ::open(p.c_str(), (folder ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

void removeWithSidecars(const fs::path& p)
{
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(fs::path(p.string() + suffix), ec);
}

} // namespace

// The new project is written completely into a hidden temporary file beside the target
// (same folder, so same file system), closed (which checkpoints the WAL into the main
// file and removes it), synced, and only then linked into place under its name. A kill
// at any moment leaves either no file at `file` or a whole project; link() instead of
// rename() refuses to replace a file that appeared meanwhile. A kill can leave the
// hidden temporary file (".NAME.creating-PID-N") behind; nothing reads it.
Store Store::create(const fs::path& file)
{
    std::error_code ec;
    if (fs::exists(file, ec))
        throw ProjectError(ProjectError::Kind::AlreadyExists, file.string(), "already exists; open it instead");
    const fs::path folder = file.has_parent_path() ? file.parent_path() : fs::path(".");
    const fs::path tmp = folder / ("." + file.filename().string() + ".creating-" + std::to_string(::getpid()) + "-"
                                   + makeUuid().substr(0, 8));
    try {
        {
            Database db(tmp.string(), Database::Mode::Create);
            configure(db);
            Transaction tx(db);
            detail::createSchema(db);
            Statement st(db, "INSERT INTO meta(key, value) VALUES ('project_uuid', ?), ('created', strftime('%Y-%m-%dT%H:%M:%SZ','now'))");
            st.bind(1, makeUuid()).run();
            tx.commit();
        }
        if (!syncPath(tmp, false))
            throw ProjectError(ProjectError::Kind::Io, file.string(), "cannot create the project: cannot sync the new file");
        if (::link(tmp.c_str(), file.c_str()) != 0) {
            const int err = errno;
            if (err == EEXIST) {
                removeWithSidecars(tmp);
                throw ProjectError(ProjectError::Kind::AlreadyExists, file.string(), "already exists; open it instead");
            }
            // A file system without hard links (FAT, some network shares): rename, which
            // is still atomic but would replace a file created in the last moments.
            if (fs::exists(file, ec)) {
                removeWithSidecars(tmp);
                throw ProjectError(ProjectError::Kind::AlreadyExists, file.string(), "already exists; open it instead");
            }
            fs::rename(tmp, file);
        } else {
            fs::remove(tmp, ec);
        }
        syncPath(folder, true);
    } catch (const SqliteError& e) {
        removeWithSidecars(tmp);
        throw ProjectError(ProjectError::Kind::Io, file.string(), std::string("cannot create the project: ") + e.what());
    } catch (const fs::filesystem_error& e) {
        removeWithSidecars(tmp);
        throw ProjectError(ProjectError::Kind::Io, file.string(), std::string("cannot create the project: ") + e.code().message());
    } catch (...) {
        removeWithSidecars(tmp);
        throw;
    }
    return open(file);
}

Store Store::open(const fs::path& file)
{
    checkHeader(file);
    const std::string name = file.string();
    try {
        auto db = std::make_unique<Database>(name, Database::Mode::ReadWrite);
        const int64_t app = db->pragmaInt("application_id");
        const int64_t version = db->pragmaInt("user_version");
        if (app != detail::kApplicationId)
            throw ProjectError(ProjectError::Kind::NotAProject, name,
                               "not a Bondline project (an SQLite database of another program)");
        if (version > detail::kSchemaVersion)
            throw ProjectError(ProjectError::Kind::TooNew, name,
                               "written by a newer Bondline (project format " + std::to_string(version)
                                   + ", this version reads up to " + std::to_string(detail::kSchemaVersion)
                                   + "); update Bondline to open it. The file was not changed");
        if (version < 1)
            throw ProjectError(ProjectError::Kind::Damaged, name, "damaged project file (no format version)");
        // Every table of that version must be there.
        std::set<std::string> have;
        {
            Statement st(*db, "SELECT name FROM sqlite_master WHERE type = 'table'");
            while (st.step())
                have.insert(st.getText(0));
        }
        for (const char* t : kTables) {
            if (version < 2 && std::string(t) == "episodes")
                continue;
            if (!have.count(t))
                throw ProjectError(ProjectError::Kind::Damaged, name,
                                   std::string("damaged project file (table '") + t + "' is missing)");
        }
        configure(*db);
        OpenReport report;
        report.fileVersion = static_cast<int>(version);
        if (version < detail::kSchemaVersion) {
            fs::path backup = file;
            backup += ".v" + std::to_string(version) + ".bak";
            for (int n = 2; fs::exists(backup); ++n) {
                backup = file;
                backup += ".v" + std::to_string(version) + "." + std::to_string(n) + ".bak";
            }
            db->backupTo(backup.string());
            Transaction tx(*db);
            detail::migrate(*db, static_cast<int>(version));
            tx.commit();
            report.migrated = true;
            report.backup = backup;
        }
        Store s(file, std::move(db), report);
        if (!s.meta("project_uuid"))
            s.setMeta("project_uuid", makeUuid());
        return s;
    } catch (const ProjectError&) {
        throw;
    } catch (const SqliteError& e) {
        if (e.corrupt())
            throw ProjectError(ProjectError::Kind::Damaged, name, std::string("damaged project file (") + e.what() + ")");
        if (e.code() == SQLITE_BUSY || e.code() == SQLITE_LOCKED)
            throw busyError(file);
        throw ProjectError(ProjectError::Kind::Io, name, std::string("cannot open the project: ") + e.what());
    }
}

std::string Store::projectUuid() { return meta("project_uuid").value_or(""); }

std::optional<std::string> Store::meta(const std::string& key)
{
    try {
        Statement st(*m_db, "SELECT value FROM meta WHERE key = ?");
        st.bind(1, key);
        if (st.step())
            return st.getText(0);
        return std::nullopt;
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

void Store::setMeta(const std::string& key, const std::string& value)
{
    try {
        Transaction tx(*m_db);
        Statement st(*m_db, "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        st.bind(1, key).bind(2, value).run();
        auditRow("set meta", "meta", key, "{\"value\":" + jsonStr(value) + "}");
        tx.commit();
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

void Store::auditRow(const std::string& action, const std::string& table, const std::string& uuid,
                     const std::string& detail)
{
    Statement st(*m_db, "INSERT INTO audit(at, who, action, tbl, row_uuid, detail) "
                        "VALUES (strftime('%Y-%m-%dT%H:%M:%fZ','now'), ?, ?, ?, ?, ?)");
    st.bind(1, m_actor).bind(2, action).bind(3, table).bind(4, uuid).bind(5, detail).run();
}

// --- reads -----------------------------------------------------------------------------

namespace {

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

constexpr const char* kCodingCols =
    "id, uuid, session_id, coder_id, scheme_id, item, actor_id, target_id, onset_us, offset_us, frame_pts, comment";

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

constexpr const char* kRatingCols = "id, uuid, session_id, coder_id, scheme_id, ref, target, unit, value, note";

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

constexpr const char* kEpisodeCols =
    "id, uuid, session_id, coder_id, start_us, end_us, type, resolution, coding_uuids, comment";

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
    try {
        std::vector<Case> out;
        Statement st(*m_db, "SELECT id, uuid, code, setting, programme, note FROM cases ORDER BY code");
        while (st.step())
            out.push_back(readCase(st));
        return out;
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

std::vector<Participant> Store::participants(std::optional<RowId> caseId)
{
    try {
        Filter f;
        f.add("case_id", caseId);
        std::vector<Participant> out;
        Statement st(*m_db, "SELECT id, uuid, case_id, code, role, note FROM participants" + f.where + " ORDER BY case_id, id");
        f.bind(st);
        while (st.step())
            out.push_back(readParticipant(st));
        return out;
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

std::vector<Session> Store::sessions(std::optional<RowId> caseId)
{
    try {
        Filter f;
        f.add("case_id", caseId);
        std::vector<Session> out;
        Statement st(*m_db, "SELECT id, uuid, case_id, number, date, phase, start_us, end_us, label FROM sessions" + f.where
                                + " ORDER BY case_id, number");
        f.bind(st);
        while (st.step()) {
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
            out.push_back(std::move(s));
        }
        Statement att(*m_db, "SELECT participant_id FROM attendance WHERE session_id = ? ORDER BY participant_id");
        for (auto& s : out) {
            att.reset();
            att.bind(1, s.id);
            while (att.step())
                s.attended.push_back(att.getInt(0));
        }
        return out;
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

std::vector<Media> Store::media(std::optional<RowId> sessionId)
{
    try {
        Filter f;
        f.add("session_id", sessionId);
        std::vector<Media> out;
        Statement st(*m_db, "SELECT id, uuid, session_id, path, size_bytes, fingerprint, offset_us, reference FROM media"
                                + f.where + " ORDER BY session_id, id");
        f.bind(st);
        while (st.step()) {
            Media m;
            m.id = st.getInt(0);
            m.uuid = st.getText(1);
            m.sessionId = st.getInt(2);
            m.path = st.getText(3);
            m.sizeBytes = st.getInt(4);
            m.fingerprint = st.getText(5);
            m.offsetUs = st.getInt(6);
            m.reference = st.getInt(7) != 0;
            out.push_back(std::move(m));
        }
        return out;
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

std::vector<Coder> Store::coders()
{
    try {
        std::vector<Coder> out;
        Statement st(*m_db, "SELECT id, uuid, name, role FROM coders ORDER BY name");
        while (st.step()) {
            Coder c;
            c.id = st.getInt(0);
            c.uuid = st.getText(1);
            c.name = st.getText(2);
            c.role = parseCoderRole(st.getText(3)).value_or(CoderRole::Coder);
            out.push_back(std::move(c));
        }
        return out;
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

std::vector<SchemeRef> Store::schemes()
{
    try {
        std::vector<SchemeRef> out;
        Statement st(*m_db, "SELECT id, scheme_id, version, content_hash, source_text FROM schemes ORDER BY id");
        while (st.step()) {
            SchemeRef s;
            s.id = st.getInt(0);
            s.schemeId = st.getText(1);
            s.version = st.getText(2);
            s.contentHash = st.getText(3);
            s.sourceText = st.getText(4);
            out.push_back(std::move(s));
        }
        return out;
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

std::vector<Assignment> Store::assignments(std::optional<RowId> sessionId)
{
    try {
        Filter f;
        f.add("session_id", sessionId);
        std::vector<Assignment> out;
        Statement st(*m_db, "SELECT id, uuid, session_id, coder_id, scheme_id, blind, gold, reliability, status FROM assignments"
                                + f.where + " ORDER BY session_id, coder_id");
        f.bind(st);
        while (st.step()) {
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
            out.push_back(std::move(a));
        }
        return out;
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

std::vector<Coding> Store::codings(std::optional<RowId> sessionId, std::optional<RowId> coderId)
{
    try {
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
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

void Store::forEachCoding(const std::function<void(const Coding&)>& fn)
{
    try {
        Statement st(*m_db, std::string("SELECT ") + kCodingCols + " FROM codings ORDER BY session_id, coder_id, onset_us, id");
        while (st.step())
            fn(readCoding(st));
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

std::optional<Coding> Store::codingByUuid(const std::string& uuid)
{
    try {
        Statement st(*m_db, std::string("SELECT ") + kCodingCols + " FROM codings WHERE uuid = ?");
        st.bind(1, uuid);
        if (st.step())
            return readCoding(st);
        return std::nullopt;
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

int64_t Store::codingCount()
{
    try {
        Statement st(*m_db, "SELECT count(*) FROM codings");
        return st.step() ? st.getInt(0) : 0;
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

std::vector<Rating> Store::ratings(std::optional<RowId> sessionId, std::optional<RowId> coderId)
{
    try {
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
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

std::optional<Rating> Store::ratingByUuid(const std::string& uuid)
{
    try {
        Statement st(*m_db, std::string("SELECT ") + kRatingCols + " FROM ratings WHERE uuid = ?");
        st.bind(1, uuid);
        if (st.step())
            return readRating(st);
        return std::nullopt;
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

std::vector<Episode> Store::episodes(std::optional<RowId> sessionId)
{
    try {
        Filter f;
        f.add("session_id", sessionId);
        std::vector<Episode> out;
        Statement st(*m_db, std::string("SELECT ") + kEpisodeCols + " FROM episodes" + f.where
                                + " ORDER BY session_id, start_us, id");
        f.bind(st);
        while (st.step())
            out.push_back(readEpisode(st));
        return out;
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

std::optional<Episode> Store::episodeByUuid(const std::string& uuid)
{
    try {
        Statement st(*m_db, std::string("SELECT ") + kEpisodeCols + " FROM episodes WHERE uuid = ?");
        st.bind(1, uuid);
        if (st.step())
            return readEpisode(st);
        return std::nullopt;
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

std::vector<AuditEntry> Store::audit(int limit)
{
    try {
        std::vector<AuditEntry> out;
        Statement st(*m_db, "SELECT id, at, who, action, tbl, row_uuid, detail FROM audit ORDER BY id DESC LIMIT ?");
        st.bind(1, static_cast<int64_t>(limit));
        while (st.step()) {
            AuditEntry a;
            a.id = st.getInt(0);
            a.when = st.getText(1);
            a.who = st.getText(2);
            a.action = st.getText(3);
            a.table = st.getText(4);
            a.rowUuid = st.getText(5);
            a.detail = st.getText(6);
            out.push_back(std::move(a));
        }
        return out;
    } catch (const std::exception& e) {
        rethrow(e);
    }
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

// --- writes ----------------------------------------------------------------------------

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
    try {
        if (c.code.empty())
            throw ProjectError(ProjectError::Kind::Invalid, m_path.string(), "a case needs a code");
        if (c.uuid.empty())
            c.uuid = newUuid();
        Transaction tx(*m_db);
        c.id = detail::insertRow(*m_db, c);
        auditRow("insert", "cases", c.uuid, "{\"code\":" + jsonStr(c.code) + "}");
        tx.commit();
        return c;
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

Participant Store::addParticipant(Participant p)
{
    try {
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
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

Session Store::addSession(Session s)
{
    try {
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
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

void Store::setAttendance(RowId sessionId, const std::vector<RowId>& participantIds)
{
    try {
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
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

Media Store::addMedia(Media m)
{
    try {
        if (m.uuid.empty())
            m.uuid = newUuid();
        Transaction tx(*m_db);
        requireRow(*m_db, m_path, "sessions", m.sessionId, "session");
        m.id = detail::insertRow(*m_db, m);
        auditRow("insert", "media", m.uuid, "{\"path\":" + jsonStr(m.path) + "}");
        tx.commit();
        return m;
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

void Store::updateMedia(const Media& m)
{
    try {
        Transaction tx(*m_db);
        Statement st(*m_db, "UPDATE media SET path = ?, size_bytes = ?, fingerprint = ?, offset_us = ?, reference = ? WHERE uuid = ?");
        st.bind(1, m.path).bind(2, m.sizeBytes).bind(3, m.fingerprint).bind(4, m.offsetUs).bind(5, m.reference).bind(6, m.uuid);
        st.run();
        if (m_db->changes() == 0)
            throw ProjectError(ProjectError::Kind::NotFoundRow, m_path.string(), "no media " + m.uuid);
        auditRow("update", "media", m.uuid,
                 "{\"path\":" + jsonStr(m.path) + ",\"offset_us\":" + std::to_string(m.offsetUs) + "}");
        tx.commit();
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

Coder Store::addCoder(Coder c)
{
    try {
        if (c.name.empty())
            throw ProjectError(ProjectError::Kind::Invalid, m_path.string(), "a coder needs a name");
        if (c.uuid.empty())
            c.uuid = newUuid();
        Transaction tx(*m_db);
        c.id = detail::insertRow(*m_db, c);
        auditRow("insert", "coders", c.uuid, "{\"name\":" + jsonStr(c.name) + "}");
        tx.commit();
        return c;
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

SchemeRef Store::addScheme(SchemeRef s)
{
    try {
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
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

Assignment Store::addAssignment(Assignment a)
{
    try {
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
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

void Store::updateAssignment(const Assignment& a)
{
    try {
        Transaction tx(*m_db);
        Statement st(*m_db, "UPDATE assignments SET blind = ?, gold = ?, reliability = ?, status = ? WHERE uuid = ?");
        st.bind(1, a.blind).bind(2, a.goldStandard).bind(3, a.reliability).bind(4, a.status).bind(5, a.uuid).run();
        if (m_db->changes() == 0)
            throw ProjectError(ProjectError::Kind::NotFoundRow, m_path.string(), "no assignment " + a.uuid);
        auditRow("update", "assignments", a.uuid,
                 "{\"status\":" + jsonStr(a.status) + ",\"reliability\":" + (a.reliability ? "true" : "false") + "}");
        tx.commit();
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

Coding Store::addCoding(Coding c)
{
    try {
        if (c.uuid.empty())
            c.uuid = newUuid();
        Transaction tx(*m_db);
        checkCoding(*m_db, m_path, c);
        c.id = detail::insertRow(*m_db, c);
        auditRow("insert", "codings", c.uuid, codingDetail(c));
        tx.commit();
        return c;
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

void Store::updateCoding(const Coding& c)
{
    try {
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
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

void Store::deleteCoding(const std::string& uuid)
{
    try {
        Transaction tx(*m_db);
        auto before = codingByUuid(uuid);
        if (!before)
            throw ProjectError(ProjectError::Kind::NotFoundRow, m_path.string(), "no coding " + uuid + " (deleted meanwhile?)");
        Statement st(*m_db, "DELETE FROM codings WHERE uuid = ?");
        st.bind(1, uuid).run();
        auditRow("delete", "codings", uuid, codingDetail(*before));
        tx.commit();
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

Rating Store::setRating(Rating r)
{
    try {
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
    } catch (const std::exception& e) {
        rethrow(e);
    }
}

void Store::deleteRating(const std::string& uuid)
{
    try {
        Transaction tx(*m_db);
        Statement st(*m_db, "DELETE FROM ratings WHERE uuid = ?");
        st.bind(1, uuid).run();
        if (m_db->changes() == 0)
            throw ProjectError(ProjectError::Kind::NotFoundRow, m_path.string(), "no rating " + uuid);
        auditRow("delete", "ratings", uuid, "{}");
        tx.commit();
    } catch (const std::exception& e) {
        rethrow(e);
    }
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

// --- media files -----------------------------------------------------------------------

fs::path Store::resolve(const Media& m) const
{
    fs::path p(m.path);
    if (p.is_absolute())
        return p;
    return m_path.parent_path() / p;
}

std::vector<Media> Store::missingMedia()
{
    std::vector<Media> out;
    for (auto& m : media()) {
        std::error_code ec;
        if (!fs::exists(resolve(m), ec))
            out.push_back(std::move(m));
    }
    return out;
}

RelinkReport Store::relink(const fs::path& searchDir)
{
    RelinkReport report;
    auto missing = missingMedia();
    if (missing.empty())
        return report;
    std::map<int64_t, std::vector<fs::path>> bySize;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(searchDir, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::error_code e2;
        if (it->is_regular_file(e2))
            bySize[static_cast<int64_t>(it->file_size(e2))].push_back(it->path());
    }
    std::map<fs::path, std::string> fingerprints;
    const fs::path base = m_path.parent_path().empty() ? fs::current_path() : fs::absolute(m_path.parent_path());
    for (auto& m : missing) {
        bool found = false;
        auto candidates = bySize.find(fingerprintSize(m.fingerprint));
        if (candidates != bySize.end()) {
            for (const auto& p : candidates->second) {
                auto& fp = fingerprints[p];
                if (fp.empty())
                    fp = mediaFingerprint(p).value_or("?");
                if (fp != m.fingerprint)
                    continue;
                const fs::path abs = fs::absolute(p);
                fs::path rel = abs.lexically_relative(base);
                m.path = (rel.empty() || rel.is_absolute() ? abs : rel).generic_string();
                updateMedia(m);
                ++report.relinked;
                found = true;
                break;
            }
        }
        if (!found)
            report.stillMissing.push_back(m.path);
    }
    return report;
}

std::string Store::integrityCheck()
{
    try {
        Statement st(*m_db, "PRAGMA integrity_check");
        std::string out;
        while (st.step()) {
            if (!out.empty())
                out += "; ";
            out += st.getText(0);
        }
        return out;
    } catch (const SqliteError& e) {
        return e.what();
    }
}

} // namespace projects
