// Opening what is not a (current, healthy) Bondline project: a one-line error naming the
// file and the problem; the file is never changed.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include "projects/store.h"
#include "tests/projects/project_fixture.h"

namespace fs = std::filesystem;
using namespace projects;
using Kind = ProjectError::Kind;

namespace {

// Opens `file`, expects a ProjectError of `kind` whose message names the file and
// contains `words`, and checks the file's bytes did not change.
void expectRefused(const fs::path& file, Kind kind, const std::string& words)
{
    const bool existed = fs::exists(file);
    const std::string before = existed ? fixture::readAll(file) : std::string();
    try {
        Store::open(file);
        FAIL("opened " << file);
    } catch (const ProjectError& e) {
        INFO(e.what());
        CHECK(e.kind() == kind);
        const std::string msg = e.what();
        CHECK(msg.rfind(file.string() + ": ", 0) == 0);
        CHECK(msg.find(words) != std::string::npos);
        CHECK(msg.find('\n') == std::string::npos);
    }
    CHECK(fs::exists(file) == existed);
    if (existed)
        CHECK(fixture::readAll(file) == before);
}

void rawSql(const fs::path& file, const char* sqlText)
{
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.string().c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, sqlText, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
}

} // namespace

TEST_CASE("a missing project file", "[store][errors]")
{
    expectRefused(fixture::freshPath("missing.bondline"), Kind::NotFound, "no such file");
}

TEST_CASE("a zero-byte project file is not turned into an empty database", "[store][errors]")
{
    auto file = fixture::freshPath("empty.bondline");
    fixture::writeAll(file, "");
    expectRefused(file, Kind::NotAProject, "empty file");
    CHECK(fs::file_size(file) == 0);
}

TEST_CASE("a text file named .bondline", "[store][errors]")
{
    auto file = fixture::freshPath("text.bondline");
    fixture::writeAll(file, "case,session,coder\nF017,1,anna\n");
    expectRefused(file, Kind::NotAProject, "not an SQLite database");
}

TEST_CASE("another program's SQLite database", "[store][errors]")
{
    auto file = fixture::freshPath("other-app.bondline");
    rawSql(file, "CREATE TABLE t(x); INSERT INTO t VALUES (1);");
    expectRefused(file, Kind::NotAProject, "another program");
}

TEST_CASE("a project from a newer Bondline is refused and left untouched", "[store][errors]")
{
    auto file = fixture::freshPath("newer.bondline");
    {
        Store s = Store::create(file);
        fixture::addFamily(s);
    }
    rawSql(file, "PRAGMA user_version = 99;");
    expectRefused(file, Kind::TooNew, "newer Bondline");
}

TEST_CASE("a truncated project file", "[store][errors]")
{
    auto file = fixture::freshPath("truncated.bondline");
    {
        Store s = Store::create(file);
        auto f = fixture::addFamily(s);
        for (int i = 0; i < 300; ++i)
            s.addCoding(fixture::coding(f, f.anna, "item-with-a-longer-name-" + std::to_string(i), i * 1000));
    }
    const std::string whole = fixture::readAll(file);
    REQUIRE(whole.size() > 8192);
    SECTION("to a few bytes")
    {
        fixture::writeAll(file, whole.substr(0, 100));
        expectRefused(file, Kind::Damaged, "truncated");
    }
    SECTION("to its first pages")
    {
        fixture::writeAll(file, whole.substr(0, 4096));
        // The schema page survives, the tables do not: refused as damaged on open, or
        // (if SQLite reads lazily) reported by the integrity check, never a crash.
        try {
            Store s = Store::open(file);
            CHECK(s.integrityCheck() != "ok");
        } catch (const ProjectError& e) {
            CHECK(e.kind() == Kind::Damaged);
            CHECK(std::string(e.what()).rfind(file.string(), 0) == 0);
        }
    }
}

TEST_CASE("a project whose pages were overwritten is reported as damaged", "[store][errors]")
{
    auto file = fixture::freshPath("garbled.bondline");
    {
        Store s = Store::create(file);
        auto f = fixture::addFamily(s);
        for (int i = 0; i < 300; ++i)
            s.addCoding(fixture::coding(f, f.anna, "item-" + std::to_string(i), i * 1000));
    }
    std::string bytes = fixture::readAll(file);
    uint32_t x = 7;
    for (size_t i = 4096; i < bytes.size(); ++i) { // keep the header page, garble the rest
        x = x * 1103515245u + 12345u;
        bytes[i] = static_cast<char>(x >> 24);
    }
    fixture::writeAll(file, bytes);
    try {
        Store s = Store::open(file);
        const auto report = s.integrityCheck();
        CHECK(report != "ok");
        // Reading the damaged rows gives a typed error, not a crash.
        try {
            (void)s.codings();
        } catch (const ProjectError& e) {
            CHECK(e.kind() == Kind::Damaged);
        }
    } catch (const ProjectError& e) {
        CHECK(e.kind() == Kind::Damaged);
        CHECK(std::string(e.what()).find("damaged") != std::string::npos);
    }
}

TEST_CASE("creating over an existing file is refused", "[store][errors]")
{
    auto file = fixture::freshPath("exists.bondline");
    fixture::writeAll(file, "keep me");
    CHECK_THROWS_MATCHES(Store::create(file), ProjectError,
                         Catch::Matchers::Predicate<ProjectError>(
                             [](const ProjectError& e) { return e.kind() == Kind::AlreadyExists; }));
    CHECK(fixture::readAll(file) == "keep me");
}
