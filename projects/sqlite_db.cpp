#include "projects/sqlite_db.h"

#include <sqlite3.h>

#include <utility>

namespace projects::sql {

namespace {

constexpr int kBusyTimeoutMs = 5000;

[[noreturn]] void fail(sqlite3* db, int rc, const std::string& what)
{
    std::string msg = what;
    const char* err = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    if (err && *err)
        msg += std::string(msg.empty() ? "" : ": ") + err;
    throw SqliteError(rc & 0xff, msg);
}

} // namespace

bool SqliteError::corrupt() const noexcept
{
    return m_code == SQLITE_CORRUPT || m_code == SQLITE_NOTADB;
}

Database::Database(const std::string& path, Mode mode)
{
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
    case Mode::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    case Mode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case Mode::Create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    }
    int rc = sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        sqlite3_close(m_db);
        m_db = nullptr;
        throw SqliteError(rc & 0xff, msg);
    }
    sqlite3_extended_result_codes(m_db, 0);
    // Before anything reads the file: a second process opening a project that is busy
    // (a writer, a checkpoint) then waits up to this long instead of failing at once with
    // "database is locked" (docs/projects.md promises the wait).
    sqlite3_busy_timeout(m_db, kBusyTimeoutMs);
}

Database::~Database()
{
    if (m_db)
        sqlite3_close_v2(m_db);
}

Database::Database(Database&& o) noexcept
    : m_db(std::exchange(o.m_db, nullptr)), m_savepointSerial(o.m_savepointSerial)
{
}

Database& Database::operator=(Database&& o) noexcept
{
    if (this != &o) {
        if (m_db)
            sqlite3_close_v2(m_db);
        m_db = std::exchange(o.m_db, nullptr);
        m_savepointSerial = o.m_savepointSerial;
    }
    return *this;
}

void Database::exec(std::string_view sql)
{
    std::string s(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw SqliteError(rc & 0xff, msg);
    }
}

int64_t Database::lastInsertRowId() const { return sqlite3_last_insert_rowid(m_db); }
int Database::changes() const { return sqlite3_changes(m_db); }

int64_t Database::pragmaInt(std::string_view name)
{
    Statement st(*this, "PRAGMA " + std::string(name));
    return st.step() ? st.getInt(0) : 0;
}

std::string Database::pragmaText(std::string_view name)
{
    Statement st(*this, "PRAGMA " + std::string(name));
    return st.step() ? st.getText(0) : std::string();
}

void Database::backupTo(const std::string& dest)
{
    Database out(dest, Mode::Create);
    sqlite3_backup* b = sqlite3_backup_init(out.m_db, "main", m_db, "main");
    if (!b)
        fail(out.m_db, sqlite3_errcode(out.m_db), "backup to " + dest);
    int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE)
        fail(nullptr, rc, "backup to " + dest);
}

Statement::Statement(Database& db, std::string_view sql) : m_db(&db)
{
    int rc = sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr);
    if (rc != SQLITE_OK)
        fail(db.handle(), rc, "");
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& o) noexcept : m_db(o.m_db), m_stmt(std::exchange(o.m_stmt, nullptr)) {}

Statement& Statement::bind(int i, int64_t v)
{
    sqlite3_bind_int64(m_stmt, i, v);
    return *this;
}
Statement& Statement::bind(int i, double v)
{
    sqlite3_bind_double(m_stmt, i, v);
    return *this;
}
Statement& Statement::bind(int i, std::string_view v)
{
    sqlite3_bind_text64(m_stmt, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    return *this;
}
Statement& Statement::bind(int i, std::optional<int64_t> v)
{
    return v ? bind(i, *v) : bindNull(i);
}
Statement& Statement::bindNull(int i)
{
    sqlite3_bind_null(m_stmt, i);
    return *this;
}

bool Statement::step()
{
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    fail(m_db->handle(), rc, "");
}

void Statement::run()
{
    while (step()) {
    }
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

int64_t Statement::getInt(int col) const { return sqlite3_column_int64(m_stmt, col); }
double Statement::getDouble(int col) const { return sqlite3_column_double(m_stmt, col); }
std::string Statement::getText(int col) const
{
    const auto* p = sqlite3_column_text(m_stmt, col);
    return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(m_stmt, col)) : std::string();
}
bool Statement::isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
std::optional<int64_t> Statement::getOptInt(int col) const
{
    if (isNull(col))
        return std::nullopt;
    return getInt(col);
}

bool Database::inTransaction() const noexcept { return m_db && sqlite3_get_autocommit(m_db) == 0; }

Transaction::Transaction(Database& db) : m_db(db)
{
    if (m_db.inTransaction()) {
        m_savepoint = "bl_sp" + std::to_string(++m_db.m_savepointSerial);
        m_db.exec("SAVEPOINT " + m_savepoint);
    } else {
        m_db.exec("BEGIN IMMEDIATE");
    }
}

Transaction::~Transaction()
{
    if (m_done)
        return;
    try {
        if (m_savepoint.empty()) {
            m_db.exec("ROLLBACK");
        } else if (m_db.inTransaction()) {
            // ROLLBACK TO undoes the savepoint's changes but keeps it open; RELEASE closes it.
            m_db.exec("ROLLBACK TO " + m_savepoint);
            m_db.exec("RELEASE " + m_savepoint);
        }
    } catch (...) {
        // Nothing to do: when ROLLBACK itself fails SQLite has already rolled back the
        // whole transaction (an I/O error or a full disk), which the outer scope reports.
    }
}

void Transaction::commit()
{
    m_db.exec(m_savepoint.empty() ? std::string("COMMIT") : "RELEASE " + m_savepoint);
    m_done = true;
}

} // namespace projects::sql
