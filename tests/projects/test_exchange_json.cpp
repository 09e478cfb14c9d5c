#include <catch2/catch.hpp>

#include "projects/exchange_json.h"
#include "projects/store.h"
#include "tests/projects/project_fixture.h"

using namespace projects;

TEST_CASE("the JSON export holds the whole project and imports into an empty one unchanged", "[exchange][json]")
{
    Store a = Store::create(fixture::freshPath("json-a.bondline"));
    auto f = fixture::addFamily(a);
    auto c = fixture::coding(f, f.anna, "x", 1'234'567);
    c.comment = "line one\nline two, \"quoted\" – ünïcode";
    c = a.addCoding(c);
    a.addCoding(fixture::coding(f, f.bram, "y", 5));
    a.setRating({.sessionId = f.session.id, .coderId = f.anna.id, .schemeRefId = f.scheme.id, .ref = "ENG",
                 .target = f.youth.uuid + "->" + f.therapist.uuid, .unit = 2, .value = -1.5, .note = "n"});
    Episode e;
    e.sessionId = f.session.id;
    e.coderId = f.anna.id;
    e.startUs = 1;
    e.endUs = 2;
    e.type = "withdrawal";
    e.codingUuids = {c.uuid};
    a.addEpisode(e);
    Media m;
    m.sessionId = f.session.id;
    m.path = "m.mp4";
    m.fingerprint = "size:1:sha256:00";
    m.offsetUs = 40000;
    m.reference = false;
    a.addMedia(m);
    a.addSession({.caseId = f.kase.id, .number = 2, .label = "observation \"B\""});

    const auto file = fixture::freshPath("export.json");
    exportJson(a, file);
    auto data = importJson(file);
    CHECK(data.codings.size() == 2);

    Store b = Store::create(fixture::freshPath("json-b.bondline"));
    auto report = b.importData(data);
    CHECK(report.conflicts.empty());
    auto before = a.snapshot();
    auto after = b.snapshot();
    REQUIRE(after.codings.size() == before.codings.size());
    for (size_t i = 0; i < before.codings.size(); ++i) {
        CHECK(after.codings[i].uuid == before.codings[i].uuid);
        CHECK(after.codings[i].comment == before.codings[i].comment);
        CHECK(after.codings[i].framePts == before.codings[i].framePts);
    }
    REQUIRE(after.ratings.size() == 1);
    CHECK(after.ratings[0].target == before.ratings[0].target);
    CHECK(after.ratings[0].unit == 2);
    CHECK(after.ratings[0].value == -1.5);
    REQUIRE(after.episodes.size() == 1);
    CHECK(after.episodes[0].codingUuids == before.episodes[0].codingUuids);
    REQUIRE(after.media.size() == 1);
    CHECK(after.media[0].offsetUs == 40000);
    CHECK_FALSE(after.media[0].reference);
    CHECK(after.schemes[0].sourceText == before.schemes[0].sourceText);
    CHECK(after.participants.size() == 4);
    CHECK(after.sessions[0].attended.size() == 4);
    REQUIRE(after.sessions.size() == 2);
    CHECK(after.sessions[1].label == "observation \"B\"");
    // Again: nothing new.
    CHECK(b.importData(data).inserted == 0);
}

TEST_CASE("bad JSON names the file, the line and column, or the field", "[exchange][json]")
{
    Store a = Store::create(fixture::freshPath("json-bad-src.bondline"));
    auto f = fixture::addFamily(a);
    a.addCoding(fixture::coding(f, f.anna, "x", 1));
    const auto good = toJson(a.snapshot(), a.projectUuid());

    auto error = [](const std::string& text) {
        try {
            parseJson(text, "in.json");
        } catch (const ProjectError& e) {
            return std::string(e.what());
        }
        return std::string("(no error)");
    };
    CHECK_THAT(error(good.substr(0, good.size() / 2)), Catch::StartsWith("in.json:") && Catch::Contains("truncated"));
    CHECK_THAT(error("{\n  \"format\": \"bondline-project\",\n  oops\n}"), Catch::StartsWith("in.json:3:3: "));
    CHECK_THAT(error("[1, 2, 3]"), Catch::Contains("not a Bondline project export"));
    CHECK_THAT(error("{\"format\": \"bondline-project\", \"format_version\": 7}"), Catch::Contains("newer Bondline"));
    // Found by fuzzing: values nlohmann cannot represent, fields of unexpected types.
    CHECK_THAT(error(std::string(400, '4')), Catch::StartsWith("in.json: not a valid Bondline project export: "));
    CHECK_THAT(error("{\"format\": 3}"), Catch::Contains("not a Bondline project export"));
    CHECK(error("{\"format\": \"bondline-project\", \"format_version\": \"2\"}")
          == "in.json: format_version: expected an integer");
    std::string wrongType = good;
    auto pos = wrongType.find("\"onset_us\": 1");
    REQUIRE(pos != std::string::npos);
    wrongType.replace(pos, 13, "\"onset_us\": \"1\"");
    CHECK(error(wrongType) == "in.json: codings[0].onset_us: expected an integer");
    std::string badRole = good;
    pos = badRole.find("\"mother\"");
    badRole.replace(pos, 8, "\"aunt\"");
    CHECK(error(badRole) == "in.json: participants[0].role: unknown role 'aunt'");
}
