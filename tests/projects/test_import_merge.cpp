#include <catch2/catch.hpp>

#include "projects/store.h"
#include "tests/projects/project_fixture.h"

using namespace projects;

TEST_CASE("importing a project's data into an empty one copies everything, and again changes nothing", "[store][import]")
{
    Store a = Store::create(fixture::freshPath("import-a.bondline"));
    auto f = fixture::addFamily(a);
    for (int i = 0; i < 20; ++i)
        a.addCoding(fixture::coding(f, i % 2 ? f.anna : f.bram, "item" + std::to_string(i % 3), i * 100000));
    a.setRating({.sessionId = f.session.id, .coderId = f.anna.id, .schemeRefId = f.scheme.id,
                 .ref = "engagement", .target = "family", .unit = 0, .value = 2});
    const auto data = a.snapshot();

    Store b = Store::create(fixture::freshPath("import-b.bondline"));
    auto first = b.importData(data);
    CHECK(first.conflicts.empty());
    CHECK(first.inserted > 20);
    auto second = b.importData(data);
    CHECK(second.inserted == 0);
    CHECK(second.conflicts.empty());
    CHECK(b.codingCount() == 20);

    // Same content, same uuids; the local ids may differ.
    auto ca = a.codings();
    auto cb = b.codings();
    REQUIRE(ca.size() == cb.size());
    for (size_t i = 0; i < ca.size(); ++i) {
        CHECK(ca[i].uuid == cb[i].uuid);
        CHECK(ca[i].onsetUs == cb[i].onsetUs);
        CHECK(ca[i].item == cb[i].item);
    }
    CHECK(b.sessions()[0].attended.size() == 4);
    CHECK(b.ratings().size() == 1);
}

TEST_CASE("an import that changed a stored coding is reported as a conflict, ours is kept", "[store][import]")
{
    Store a = Store::create(fixture::freshPath("conflict.bondline"));
    auto f = fixture::addFamily(a);
    auto c = a.addCoding(fixture::coding(f, f.anna, "x", 1000));
    auto data = a.snapshot();
    data.codings[0].onsetUs = 9999;
    data.ratings.push_back({.sessionId = f.session.id, .coderId = f.anna.id, .schemeRefId = f.scheme.id,
                            .ref = "engagement", .target = "family", .unit = 0, .value = 1});
    a.setRating({.sessionId = f.session.id, .coderId = f.anna.id, .schemeRefId = f.scheme.id,
                 .ref = "engagement", .target = "family", .unit = 0, .value = 3});
    auto report = a.importData(data);
    REQUIRE(report.conflicts.size() == 2);
    CHECK(report.conflicts[0].find(c.uuid) != std::string::npos);
    CHECK(a.codingByUuid(c.uuid)->onsetUs == 1000);
    CHECK(a.ratings()[0].value == 3);
}

TEST_CASE("an import that references something missing imports nothing", "[store][import]")
{
    Store a = Store::create(fixture::freshPath("atomic.bondline"));
    auto f = fixture::addFamily(a);
    a.addCoding(fixture::coding(f, f.anna, "x", 1000));
    auto data = a.snapshot();
    auto bad = data.codings[0];
    bad.uuid.clear();
    bad.actorId = 4242; // no such participant in the data
    data.codings.push_back(bad);

    Store b = Store::create(fixture::freshPath("atomic-b.bondline"));
    const auto auditBefore = b.audit(100000).size();
    CHECK_THROWS_AS(b.importData(data), ProjectError);
    CHECK(b.cases().empty());
    CHECK(b.codingCount() == 0);
    CHECK(b.audit(100000).size() == auditBefore);
}

TEST_CASE("codings-only imports refuse a scheme version the project does not use", "[store][import]")
{
    Store a = Store::create(fixture::freshPath("scheme-mismatch.bondline"));
    auto f = fixture::addFamily(a);
    a.addCoding(fixture::coding(f, f.anna, "x", 1000));
    auto data = a.snapshot();
    data.schemes[0].contentHash = "sha256:ffff";
    ImportOptions codingsOnly;
    codingsOnly.structure = false;
    try {
        a.importData(data, codingsOnly);
        FAIL("imported");
    } catch (const ProjectError& e) {
        CHECK(std::string(e.what()).find("not the version this project uses") != std::string::npos);
    }
}
