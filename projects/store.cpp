// Store: opening and creating the file, metadata, the audit log, errors, media files.
// Reads are in store_reads.cpp, single-row writes in store_writes.cpp, importData in
// store_import.cpp, the row <-> struct mapping in store_rows.cpp.
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
    std::string hidden = ".";
    hidden += file.filename().string();
    hidden += ".creating-";
    hidden += std::to_string(::getpid());
    hidden += '-';
    hidden += makeUuid().substr(0, 8);
    const fs::path tmp = folder / hidden;
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
    return guarded([&]() -> std::optional<std::string> {
        Statement st(*m_db, "SELECT value FROM meta WHERE key = ?");
        st.bind(1, key);
        if (st.step())
            return st.getText(0);
        return std::nullopt;
    });
}

void Store::setMeta(const std::string& key, const std::string& value)
{
    return guarded([&] {
        Transaction tx(*m_db);
        Statement st(*m_db, "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        st.bind(1, key).bind(2, value).run();
        auditRow("set meta", "meta", key, "{\"value\":" + jsonStr(value) + "}");
        tx.commit();
    });
}

void Store::auditRow(const std::string& action, const std::string& table, const std::string& uuid,
                     const std::string& detail)
{
    Statement st(*m_db, "INSERT INTO audit(at, who, action, tbl, row_uuid, detail) "
                        "VALUES (strftime('%Y-%m-%dT%H:%M:%fZ','now'), ?, ?, ?, ?, ?)");
    st.bind(1, m_actor).bind(2, action).bind(3, table).bind(4, uuid).bind(5, detail).run();
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