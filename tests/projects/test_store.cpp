#include <catch2/catch.hpp>

#include <set>

#include "projects/store.h"
#include "tests/projects/project_fixture.h"

using namespace projects;

TEST_CASE("a new project stores the family, sessions, coders and codings, and reads them back", "[store]")
{
    const auto file = fixture::freshPath("roundtrip.bondline");
    std::string codingUuid;
    {
        Store s = Store::create(file);
        s.setActor("anna");
        auto f = fixture::addFamily(s);
        Media m;
        m.sessionId = f.session.id;
        m.path = "media/F017-s1.mp4";
        m.sizeBytes = 1234;
        m.fingerprint = "size:1234:sha256:ab";
        m.offsetUs = -250000;
        s.addMedia(m);
        s.addAssignment({.sessionId = f.session.id, .coderId = f.anna.id, .schemeRefId = f.scheme.id});
        auto c = fixture::coding(f, f.anna, "softa.eng.leans-forward", 1'040'000);
        c.offsetUs = 3'000'000;
        c.comment = "nods, \"yes\"";
        codingUuid = s.addCoding(c).uuid;
        s.setRating({.sessionId = f.session.id, .coderId = f.anna.id, .schemeRefId = f.scheme.id,
                     .ref = "engagement", .target = f.mother.uuid, .unit = 0, .value = 2, .note = "clear"});
        Episode e;
        e.sessionId = f.session.id;
        e.coderId = f.anna.id;
        e.startUs = 60'000'000;
        e.endUs = 95'000'000;
        e.type = "withdrawal";
        e.codingUuids = {codingUuid};
        s.addEpisode(e);
    }
    Store s = Store::open(file);
    CHECK_FALSE(s.openReport().migrated);
    CHECK(s.integrityCheck() == "ok");
    CHECK(s.projectUuid().size() == 36);

    auto cases = s.cases();
    REQUIRE(cases.size() == 1);
    CHECK(cases[0].code == "F017");
    CHECK(cases[0].programme == "MDFT");
    auto people = s.participants(cases[0].id);
    REQUIRE(people.size() == 4);
    CHECK(people[0].role == Role::Mother);
    CHECK(people[2].role == Role::Youth);
    CHECK(people[3].role == Role::Therapist);
    auto sessions = s.sessions();
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0].attended.size() == 4);
    CHECK(sessions[0].date == "2026-03-02");
    CHECK_FALSE(sessions[0].endUs);
    auto media = s.media(sessions[0].id);
    REQUIRE(media.size() == 1);
    CHECK(media[0].offsetUs == -250000);
    CHECK(media[0].path == "media/F017-s1.mp4");

    auto codings = s.codings(sessions[0].id);
    REQUIRE(codings.size() == 1);
    CHECK(codings[0].uuid == codingUuid);
    CHECK(codings[0].onsetUs == 1'040'000);
    CHECK(codings[0].offsetUs == 3'000'000);
    CHECK(codings[0].framePts == 1'040'000 / 40000 * 512);
    CHECK(codings[0].targetId == people[3].id);
    CHECK(codings[0].comment == "nods, \"yes\"");
    CHECK(s.codingCount() == 1);

    auto ratings = s.ratings();
    REQUIRE(ratings.size() == 1);
    CHECK(ratings[0].value == 2);
    CHECK(ratings[0].target == people[0].uuid);
    auto eps = s.episodes();
    REQUIRE(eps.size() == 1);
    CHECK(eps[0].codingUuids == std::vector<std::string>{codingUuid});
    CHECK(s.assignments().size() == 1);
    CHECK(s.assignments()[0].blind);
}

TEST_CASE("every write appends an audit row naming who made it", "[store]")
{
    Store s = Store::create(fixture::freshPath("audit.bondline"));
    auto f = fixture::addFamily(s);
    s.setActor("bram");
    auto c = s.addCoding(fixture::coding(f, f.bram, "x", 10));
    c.onsetUs = 20;
    s.updateCoding(c);
    s.deleteCoding(c.uuid);
    auto log = s.audit(3);
    REQUIRE(log.size() == 3);
    CHECK(log[0].action == "delete");
    CHECK(log[1].action == "update");
    CHECK(log[2].action == "insert");
    for (const auto& a : log) {
        CHECK(a.who == "bram");
        CHECK(a.table == "codings");
        CHECK(a.rowUuid == c.uuid);
        CHECK(a.when.size() >= 20);
    }
    CHECK(log[1].detail.find("\"onset_us\":20") != std::string::npos);
}

TEST_CASE("a rating is one value per coder, target and unit, setting it again replaces it", "[store]")
{
    Store s = Store::create(fixture::freshPath("ratings.bondline"));
    auto f = fixture::addFamily(s);
    Rating r{.sessionId = f.session.id, .coderId = f.anna.id, .schemeRefId = f.scheme.id,
             .ref = "safety", .target = "family", .unit = 0, .value = 1};
    auto first = s.setRating(r);
    r.value = -2;
    auto second = s.setRating(r);
    CHECK(first.uuid == second.uuid);
    auto all = s.ratings();
    REQUIRE(all.size() == 1);
    CHECK(all[0].value == -2);
}

TEST_CASE("writes that break a rule are refused and store nothing", "[store]")
{
    const auto file = fixture::freshPath("invalid.bondline");
    Store s = Store::create(file);
    auto f = fixture::addFamily(s);
    const auto auditBefore = s.audit(100000).size();

    auto c = fixture::coding(f, f.anna, "x", 5'000'000);
    c.offsetUs = 4'000'000;
    CHECK_THROWS_MATCHES(s.addCoding(c), ProjectError,
                         Catch::Matchers::Predicate<ProjectError>([&](const ProjectError& e) {
                             return e.kind() == ProjectError::Kind::Invalid
                                 && std::string(e.what()).find("offset before its onset") != std::string::npos
                                 && std::string(e.what()).rfind(file.string(), 0) == 0;
                         }));
    c.offsetUs.reset();
    c.actorId = 999;
    CHECK_THROWS_AS(s.addCoding(c), ProjectError);
    c.actorId = f.mother.id;
    c.item.clear();
    CHECK_THROWS_AS(s.addCoding(c), ProjectError);
    CHECK_THROWS_AS(s.addCoder({.name = "anna"}), ProjectError); // names are unique
    CHECK_THROWS_AS(s.deleteCoding("no-such-uuid"), ProjectError);

    CHECK(s.codingCount() == 0);
    CHECK(s.coders().size() == 2);
    CHECK(s.audit(100000).size() == auditBefore);
}

TEST_CASE("the same scheme content is stored once", "[store]")
{
    Store s = Store::create(fixture::freshPath("schemes.bondline"));
    auto f = fixture::addFamily(s);
    auto again = s.addScheme({.schemeId = "other-name", .version = "9", .contentHash = f.scheme.contentHash});
    CHECK(again.id == f.scheme.id);
    CHECK(again.schemeId == "softa-o-client");
    CHECK(s.schemes().size() == 1);
}

TEST_CASE("uuids are version 4 and distinct", "[store]")
{
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) {
        auto u = makeUuid();
        REQUIRE(u.size() == 36);
        CHECK(u[14] == '4');
        CHECK((u[19] == '8' || u[19] == '9' || u[19] == 'a' || u[19] == 'b'));
        seen.insert(u);
    }
    CHECK(seen.size() == 1000);
}

TEST_CASE("Store lookups by case code, session number, coder name and scheme id or hash", "[store]")
{
    Store s = Store::create(fixture::freshPath("lookups.bondline"));
    auto f = fixture::addFamily(s);
    const auto kase = s.caseByCode("F017");
    REQUIRE(kase);
    CHECK(kase->id == f.kase.id);
    CHECK_FALSE(s.caseByCode("F999"));
    const auto session = s.sessionByNumber(f.kase.id, 1);
    REQUIRE(session);
    CHECK(session->uuid == f.session.uuid);
    CHECK(session->attended.size() == 4);
    CHECK_FALSE(s.sessionByNumber(f.kase.id, 2));
    const auto bram = s.coderByName("bram");
    REQUIRE(bram);
    CHECK(bram->uuid == f.bram.uuid);
    CHECK_FALSE(s.coderByName("nobody"));
    const auto byId = s.schemeByIdOrHash(f.scheme.schemeId);
    REQUIRE(byId);
    CHECK(byId->contentHash == f.scheme.contentHash);
    CHECK(s.schemeByIdOrHash(f.scheme.contentHash));
    CHECK_FALSE(s.schemeByIdOrHash("no-such-scheme"));
}
