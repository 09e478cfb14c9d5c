// Schema migrations, each from the previous version, with a backup first.
#include <catch2/catch.hpp>

#include "projects/schema.h"
#include "projects/sqlite_db.h"
#include "projects/store.h"
#include "tests/projects/project_fixture.h"

namespace fs = std::filesystem;
using namespace projects;

TEST_CASE("a version 1 project is backed up, then migrated to the current version with its data", "[store][migration]")
{
    const auto file = fixture::freshPath("v1.bondline");
    {
        // A v1 file exactly as the first Bondline wrote it, with one family and a coding.
        sql::Database db(file.string(), sql::Database::Mode::Create);
        db.exec("PRAGMA journal_mode = WAL");
        detail::createSchemaV1(db);
        db.exec(R"sql(
            INSERT INTO meta VALUES ('project_uuid', '11111111-2222-4333-8444-555555555555');
            INSERT INTO cases(id, uuid, code) VALUES (1, 'c1', 'F001');
            INSERT INTO participants(id, uuid, case_id, code, role) VALUES (1, 'p1', 1, 'M', 'mother');
            INSERT INTO sessions(id, uuid, case_id, number) VALUES (1, 's1', 1, 1);
            INSERT INTO coders(id, uuid, name, role) VALUES (1, 'k1', 'anna', 'coder');
            INSERT INTO schemes(id, scheme_id, version, content_hash, source_text) VALUES (1, 'x', '1', 'sha256:aa', '');
            INSERT INTO codings(uuid, session_id, coder_id, scheme_id, item, actor_id, onset_us)
                VALUES ('u1', 1, 1, 1, 'item', 1, 42);
        )sql");
        CHECK(db.pragmaInt("user_version") == 1);
    }

    Store s = Store::open(file);
    CHECK(s.openReport().fileVersion == 1);
    CHECK(s.openReport().migrated);
    CHECK(s.database().pragmaInt("user_version") == detail::kSchemaVersion);
    CHECK(s.projectUuid() == "11111111-2222-4333-8444-555555555555");
    auto c = s.codingByUuid("u1");
    REQUIRE(c);
    CHECK(c->onsetUs == 42);
    // What version 2 added works.
    auto sessions = s.sessions();
    REQUIRE(sessions.size() == 1);
    CHECK_FALSE(sessions[0].endUs);
    Episode e;
    e.sessionId = sessions[0].id;
    e.coderId = s.coders()[0].id;
    e.startUs = 1;
    e.endUs = 2;
    e.type = "withdrawal";
    CHECK_NOTHROW(s.addEpisode(e));
    // What version 3 added: a session label, empty for sessions of older files.
    CHECK(sessions[0].label.empty());
    CHECK_NOTHROW(s.addSession({.caseId = sessions[0].caseId, .number = 2, .label = "observation 2"}));
    CHECK(s.sessions().at(1).label == "observation 2");

    // The backup is the untouched version 1 file.
    const fs::path backup = s.openReport().backup;
    REQUIRE(fs::exists(backup));
    CHECK(backup.string() == file.string() + ".v1.bak");
    sql::Database old(backup.string(), sql::Database::Mode::ReadOnly);
    CHECK(old.pragmaInt("user_version") == 1);
    CHECK(old.pragmaInt("application_id") == detail::kApplicationId);
    sql::Statement st(old, "SELECT count(*) FROM codings");
    REQUIRE(st.step());
    CHECK(st.getInt(0) == 1);
}

TEST_CASE("a migrated project opens again without migrating", "[store][migration]")
{
    const auto file = fixture::freshPath("v1-twice.bondline");
    {
        sql::Database db(file.string(), sql::Database::Mode::Create);
        detail::createSchemaV1(db);
    }
    { Store s = Store::open(file); CHECK(s.openReport().migrated); }
    Store s = Store::open(file);
    CHECK_FALSE(s.openReport().migrated);
    CHECK(s.openReport().fileVersion == detail::kSchemaVersion);
    CHECK(s.integrityCheck() == "ok");
}

TEST_CASE("a new project is at the current version and fully configured", "[store][migration]")
{
    Store s = Store::create(fixture::freshPath("fresh.bondline"));
    auto& db = s.database();
    CHECK(db.pragmaInt("user_version") == detail::kSchemaVersion);
    CHECK(db.pragmaInt("application_id") == detail::kApplicationId);
    CHECK(db.pragmaText("journal_mode") == "wal");
    CHECK(db.pragmaInt("synchronous") == 2); // FULL
    CHECK(db.pragmaInt("foreign_keys") == 1);
}
