#pragma once
// A thin RAII layer over SQLite (in the spirit of SQLiteCpp): a connection, prepared
// statements with typed bind/column, and a transaction guard that rolls back unless
// committed. sqlite3.h stays in sqlite_db.cpp. Errors throw SqliteError carrying the
// SQLite result code and the database's message.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace projects::sql {

class SqliteError : public std::runtime_error {
public:
    SqliteError(int code, const std::string& message) : std::runtime_error(message), m_code(code) {}
    int code() const noexcept { return m_code; }           // primary result code (SQLITE_CORRUPT, ...)
    bool corrupt() const noexcept;                          // SQLITE_CORRUPT or SQLITE_NOTADB

private:
    int m_code;
};

class Database {
public:
    enum class Mode { ReadOnly, ReadWrite, Create };
    Database(const std::string& path, Mode mode);
    ~Database();
    Database(Database&& o) noexcept;
    Database& operator=(Database&& o) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(std::string_view sql);                        // one or more statements, no results
    int64_t lastInsertRowId() const;
    int changes() const;
    int64_t pragmaInt(std::string_view name);               // PRAGMA name (single integer result)
    std::string pragmaText(std::string_view name);
    // Copies this database into a new file `dest` with SQLite's online backup API.
    void backupTo(const std::string& dest);
    sqlite3* handle() const noexcept { return m_db; }
    bool inTransaction() const noexcept; // a BEGIN is active on this connection

private:
    friend class Transaction;
    sqlite3* m_db = nullptr;
    int m_savepointSerial = 0; // names nested Transaction savepoints uniquely
};

class Statement {
public:
    Statement(Database& db, std::string_view sql);
    ~Statement();
    Statement(Statement&& o) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement& operator=(Statement&&) = delete;

    // Bind by 1-based index. std::nullopt binds NULL.
    Statement& bind(int i, int64_t v);
    Statement& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
    Statement& bind(int i, double v);
    Statement& bind(int i, std::string_view v);
    Statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
    Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
    Statement& bind(int i, bool v) { return bind(i, static_cast<int64_t>(v ? 1 : 0)); }
    Statement& bind(int i, std::optional<int64_t> v);
    Statement& bindNull(int i);

    bool step();        // true: a row is available; false: done
    void run();         // step to completion, expecting no rows
    void reset();       // ready to bind again (bindings cleared)

    int64_t getInt(int col) const;
    double getDouble(int col) const;
    std::string getText(int col) const;
    std::optional<int64_t> getOptInt(int col) const;
    bool isNull(int col) const;

private:
    Database* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

// A transaction scope that nests. The outermost one is BEGIN IMMEDIATE (takes the write
// lock at once, so a transaction never fails halfway for lack of it) and COMMIT; one
// opened while another is active on the same connection is a SAVEPOINT, released on
// commit() (its changes then become part of the enclosing transaction and reach the disk
// only when the outermost one commits). Destroyed without commit(), it rolls back exactly
// its own changes (ROLLBACK, or ROLLBACK TO its savepoint), leaving the enclosing
// transaction usable. This is how one user gesture (a multi-delete, a paste) made of
// several store writes becomes one transaction (as SQLiteCpp's Savepoint).
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();
    bool nested() const { return !m_savepoint.empty(); }

private:
    Database& m_db;
    std::string m_savepoint; // empty for the outermost transaction
    bool m_done = false;
};

} // namespace projects::sql
