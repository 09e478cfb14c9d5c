#include <catch2/catch.hpp>

#include <algorithm>

#include "coding_schemes/scheme_loader.h"
#include "projects/exchange_boris.h"
#include "projects/store.h"
#include "tests/projects/project_fixture.h"

using namespace projects;
namespace fs = std::filesystem;

namespace {

// A small project in the layout BORIS 7/8 writes: two subjects, a point and a state
// behavior, two observations (one on video with two players, one live).
const char* kProject = R"({
 "time_format": "hh:mm:ss",
 "project_name": "family sessions",
 "project_date": "2026-03-01T10:00:00",
 "subjects_conf": {
  "0": {"key": "1", "name": "mother", "description": "Mother"},
  "1": {"key": "2", "name": "youth", "description": "Index client"}
 },
 "behaviors_conf": {
  "0": {"type": "Point event", "key": "n", "code": "nod", "description": "", "category": "", "modifiers": {}, "excluded": "", "coding map": ""},
  "1": {"type": "State event", "key": "g", "code": "gaze", "description": "", "category": "",
        "modifiers": {"0": {"name": "to", "type": 0, "values": ["therapist", "mother"]}}, "excluded": "", "coding map": ""}
 },
 "observations": {
  "session one": {
   "date": "2026-03-02T14:05:00",
   "type": "MEDIA",
   "time offset": 0.0,
   "file": {"1": ["video/s1-part1.mp4", "video/s1-part2.mp4"], "2": ["video/s1-cam2.mp4"]},
   "media_info": {"length": {"video/s1-part1.mp4": 600.5, "video/s1-part2.mp4": 300.0, "video/s1-cam2.mp4": 900.0},
                  "fps": {"video/s1-part1.mp4": 25.0}, "offset": {"1": 0.0, "2": 1.25}},
   "events": [
    [1.0000004, "mother", "nod", "", "first nod"],
    [2.4999996, "youth", "gaze", "therapist", ""],
    [3.0000005, "", "nod", "", ""],
    [4.75, "youth", "gaze", "mother", ""],
    [7.125, "youth", "gaze", "therapist", "looks back"],
    [9.5, "youth", "gaze", "mother", ""]
   ]
  },
  "a live one": {
   "date": "2026-03-09T14:00:00",
   "type": "LIVE",
   "time offset": 0.0,
   "file": [],
   "events": [[0.5, "mother", "nod", "", "", 12]]
  }
 },
 "project_format_version": "7.0"
})";

fs::path borisPath(const std::string& name)
{
    const fs::path p = fixture::freshPath(name);
    fs::remove(p);
    return p;
}

const Participant& participant(const ProjectData& d, const std::string& code)
{
    auto it = std::find_if(d.participants.begin(), d.participants.end(), [&](const Participant& p) { return p.code == code; });
    REQUIRE(it != d.participants.end());
    return *it;
}

std::string errorOf(const fs::path& file)
{
    try {
        importBoris(file);
    } catch (const ProjectError& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("BORIS import: observations become sessions, subjects participants, events codings", "[exchange][boris]")
{
    const fs::path file = borisPath("family-study.boris");
    fixture::writeAll(file, kProject);
    const ProjectData d = importBoris(file);

    REQUIRE(d.cases.size() == 1);
    CHECK(d.cases[0].code == "family-study");
    REQUIRE(d.coders.size() == 1);
    CHECK(d.coders[0].name == "boris-import");
    REQUIRE(d.schemes.size() == 1);
    CHECK(schemes::loadFromString(d.schemes[0].sourceText, "generated.toml").ok());

    REQUIRE(d.sessions.size() == 2);
    CHECK(d.sessions[0].number == 1); // file order, not alphabetical
    CHECK(d.sessions[0].date == "2026-03-02");
    CHECK(d.sessions[1].number == 2);
    CHECK(d.sessions[1].date == "2026-03-09");

    // Subjects, plus "no subject" for the event without one.
    REQUIRE(d.participants.size() == 3);
    CHECK(participant(d, "mother").role == Role::Other);
    CHECK(participant(d, "mother").note == "Mother");
    CHECK(participant(d, "youth").role == Role::Other);
    CHECK(participant(d, "no subject").role == Role::Other);
    CHECK(d.sessions[0].attended.size() == 3);

    // Media: player 1's two files (the second starts where the first ends) and player 2.
    REQUIRE(d.media.size() == 3);
    // Resolved against the .boris file's folder (stored relative to the project on import).
    CHECK(d.media[0].path == (file.parent_path() / "video/s1-part1.mp4").string());
    CHECK(d.media[0].reference);
    CHECK(d.media[0].offsetUs == 0);
    CHECK_FALSE(d.media[1].reference);
    CHECK(d.media[1].offsetUs == -600'500'000);
    CHECK(d.media[2].path == (file.parent_path() / "video/s1-cam2.mp4").string());
    CHECK(d.media[2].offsetUs == -1'250'000);

    std::vector<Coding> s1;
    for (const auto& c : d.codings)
        if (c.sessionId == d.sessions[0].id)
            s1.push_back(c);
    REQUIRE(s1.size() == 4); // 2 point events + 2 state pairs
    // Rounded, never truncated: 1.0000004 s -> 1000000 µs, 2.4999996 s -> 2500000 µs,
    // 3.0000005 s -> 3000001 µs.
    CHECK(s1[0].item == "nod");
    CHECK(s1[0].actorId == participant(d, "mother").id);
    CHECK(s1[0].onsetUs == 1'000'000);
    CHECK_FALSE(s1[0].offsetUs);
    CHECK(s1[0].comment == "first nod");

    CHECK(s1[1].item == "gaze");
    CHECK(s1[1].actorId == participant(d, "youth").id);
    CHECK(s1[1].onsetUs == 2'500'000);
    REQUIRE(s1[1].offsetUs);
    CHECK(*s1[1].offsetUs == 7'125'000); // paired by modifier: the "therapist" gaze
    CHECK(s1[1].comment == "modifier: therapist; looks back");

    CHECK(s1[2].item == "nod");
    CHECK(s1[2].actorId == participant(d, "no subject").id);
    CHECK(s1[2].onsetUs == 3'000'001);

    CHECK(s1[3].item == "gaze");
    CHECK(s1[3].onsetUs == 4'750'000);
    CHECK(s1[3].offsetUs == 9'500'000);
    CHECK(s1[3].comment == "modifier: mother");

    for (const auto& c : d.codings) {
        CHECK(c.coderId == d.coders[0].id);
        CHECK(c.schemeRefId == d.schemes[0].id);
    }

    // A live observation: no media, one coding (the 6th field, a frame index, is ignored).
    std::vector<Coding> s2;
    for (const auto& c : d.codings)
        if (c.sessionId == d.sessions[1].id)
            s2.push_back(c);
    REQUIRE(s2.size() == 1);
    CHECK(s2[0].onsetUs == 500'000);

    // The store accepts it as it is.
    Store store = Store::create(fixture::freshPath("boris-into.bondline"));
    const auto report = store.importData(d);
    CHECK(report.conflicts.empty());
    CHECK(store.codingCount() == 5);
    CHECK(store.sessions().size() == 2);
    CHECK(store.participants().size() == 3);
}

TEST_CASE("BORIS import subtracts the observation's time offset", "[exchange][boris]")
{
    const fs::path file = borisPath("boris-offset.boris");
    fixture::writeAll(file, R"({"subjects_conf": {}, "behaviors_conf": {"0": {"code": "p", "type": "Point event"}},
        "observations": {"o": {"time offset": 10.0, "events": [[12.5, "", "p", "", ""]]}}})");
    const auto d = importBoris(file);
    REQUIRE(d.codings.size() == 1);
    CHECK(d.codings[0].onsetUs == 2'500'000);
}

TEST_CASE("BORIS import reports bad input naming the file", "[exchange][boris][errors]")
{
    const fs::path file = borisPath("boris-bad.boris");
    const std::string path = file.string();

    SECTION("truncated JSON: file, line and byte position")
    {
        const std::string text(kProject);
        const std::string cut = text.substr(0, text.find("\"events\""));
        fixture::writeAll(file, cut);
        const std::string what = errorOf(file);
        const auto lines = std::count(cut.begin(), cut.end(), '\n') + 1;
        INFO(what);
        CHECK(what.rfind(path + ":" + std::to_string(lines) + ": not valid JSON", 0) == 0);
        CHECK(what.find("(byte ") != std::string::npos);
        CHECK(what.find('\n') == std::string::npos);
    }
    SECTION("a number too large for 64 bits (found by fuzzing)")
    {
        fixture::writeAll(file, "{\"observations\": " + std::string(400, '9') + "}");
        const std::string what = errorOf(file);
        INFO(what);
        CHECK(what.rfind(path + ": not a valid BORIS project: ", 0) == 0);
        CHECK(what.find('\n') == std::string::npos);
    }
    SECTION("a syntax error in the middle")
    {
        fixture::writeAll(file, "{\n \"observations\": {},\n \"behaviors_conf\": {,}\n}\n");
        const std::string what = errorOf(file);
        INFO(what);
        CHECK(what.rfind(path + ":3: not valid JSON", 0) == 0);
        CHECK(what.find("(byte 44)") != std::string::npos); // the 1-based offset of the stray ","
    }
    SECTION("JSON that is not BORIS")
    {
        fixture::writeAll(file, R"({"name": "a package.json", "version": "1.0.0"})");
        const std::string what = errorOf(file);
        CHECK(what == path + ": not a BORIS project (no \"observations\" and \"behaviors_conf\" at the top level)");
    }
    SECTION("wrong types")
    {
        fixture::writeAll(file, R"({"behaviors_conf": {"0": {"code": "p", "type": "Point event"}},
            "observations": {"obs 1": {"events": [["12.5", "", "p", "", ""]]}}})");
        const std::string what = errorOf(file);
        CHECK(what == path + ": observation \"obs 1\": event 1: the time is string, not a number");

        fixture::writeAll(file, R"({"behaviors_conf": [], "observations": {}})");
        CHECK(errorOf(file) == path + ": \"behaviors_conf\" is array, not an object");

        fixture::writeAll(file, R"({"behaviors_conf": {"0": {"code": "p", "type": "Point event"}},
            "observations": {"obs 1": {"events": {"a": 1}}}})");
        CHECK(errorOf(file) == path + ": observation \"obs 1\": \"events\" is object, not a list");
    }
    SECTION("a behavior that is not in the ethogram")
    {
        fixture::writeAll(file, R"({"behaviors_conf": {}, "observations": {"o": {"events": [[1.0, "", "x", "", ""]]}}})");
        CHECK(errorOf(file) == path + ": observation \"o\": event 1: behavior \"x\" is not in the ethogram (behaviors_conf)");
    }
    SECTION("a missing file")
    {
        fs::remove(file);
        CHECK(errorOf(file) == path + ": no such file");
    }
}

namespace {
// The structure of real BORIS projects where a state starts and never stops: the last
// START of an observation without its STOP, beside paired states and point events.
const char* kUnpaired = R"({"subjects_conf": {"0": {"name": "youth"}},
    "behaviors_conf": {"0": {"code": "gaze", "type": "State event"}, "1": {"code": "nod", "type": "Point event"}},
    "observations": {"obs 7": {"file": {"1": ["clip.mp4"]}, "media_info": {"length": {"clip.mp4": 12.0}},
                               "events": [[1.0, "youth", "gaze", "", ""], [2.0, "youth", "gaze", "", ""],
                                          [3.0, "youth", "gaze", "", ""], [4.0, "youth", "nod", "", ""]]},
                     "obs 8": {"events": [[0.5, "youth", "nod", "", ""]]}}})";
} // namespace

TEST_CASE("BORIS import keeps a state that never stops as an open state, with a warning", "[exchange][boris]")
{
    const fs::path file = borisPath("boris-unpaired.boris");
    fixture::writeAll(file, kUnpaired);
    ImportNotes notes;
    const ProjectData d = importBoris(file, {}, &notes);
    REQUIRE(d.codings.size() == 4); // the pair, the open state, two nods
    CHECK(d.sessions.size() == 2);
    const auto open = std::find_if(d.codings.begin(), d.codings.end(), [](const Coding& c) { return c.onsetUs == 3'000'000; });
    REQUIRE(open != d.codings.end());
    CHECK_FALSE(open->offsetUs);
    CHECK(open->comment.find("open state") != std::string::npos);
    REQUIRE(notes.warnings.size() == 1);
    INFO(notes.warnings[0]);
    CHECK(notes.warnings[0].rfind(file.string() + ": observation \"obs 7\": event 3: state event \"gaze\" of subject \"youth\" starts at 3.000 s and never stops", 0) == 0);

    SECTION("--close-unpaired ends it at the observation's end (the media's length)")
    {
        ImportNotes closed;
        const ProjectData c = importBoris(file, {.closeUnpaired = true}, &closed);
        const auto it = std::find_if(c.codings.begin(), c.codings.end(), [](const Coding& x) { return x.onsetUs == 3'000'000; });
        REQUIRE(it != c.codings.end());
        CHECK(it->offsetUs == 12'000'000);
        REQUIRE(closed.warnings.size() == 1);
        CHECK(closed.warnings[0].find("closed at the observation's end (12.000 s)") != std::string::npos);
    }
    SECTION("a live observation ends at its last event")
    {
        fixture::writeAll(file, R"({"behaviors_conf": {"0": {"code": "gaze", "type": "State event"}},
            "observations": {"o": {"events": [[1.0, "", "gaze", "", ""], [5.5, "", "gaze", "x", ""]]}}})");
        ImportNotes closed;
        const ProjectData c = importBoris(file, {.closeUnpaired = true}, &closed);
        REQUIRE(c.codings.size() == 2);
        CHECK(c.codings[0].offsetUs == 5'500'000);
        CHECK(c.codings[1].offsetUs == 5'500'000);
        CHECK(closed.warnings.size() == 2);
    }
}

TEST_CASE("BORIS behaviour codes that are not scheme ids get valid ids and keep the code as label", "[exchange][boris]")
{
    const fs::path file = borisPath("boris ids (v2).boris");
    fixture::writeAll(file, R"({"behaviors_conf": {"0": {"code": "looks at", "type": "Point event"},
        "1": {"code": "looks/at", "type": "Point event"}, "2": {"code": "Zoë lacht", "type": "Point event"},
        "3": {"code": "ok_1", "type": "Point event"}},
        "observations": {"o": {"events": [[1.0, "", "looks at", "", ""], [2.0, "", "looks/at", "", ""],
                                          [3.0, "", "Zoë lacht", "", ""], [4.0, "", "ok_1", "", ""]]}}})");
    const ProjectData d = importBoris(file);
    REQUIRE(d.schemes.size() == 1);
    const auto loaded = schemes::loadFromString(d.schemes[0].sourceText, "generated.toml");
    INFO(d.schemes[0].sourceText);
    REQUIRE(loaded.ok());
    CHECK(loaded.scheme.id == "boris-boris-ids-v2");
    REQUIRE(d.codings.size() == 4);
    CHECK(d.codings[0].item == "looks-at");
    CHECK(d.codings[1].item == "looks-at-2");
    CHECK(d.codings[2].item == "Zo-lacht");
    CHECK(d.codings[3].item == "ok_1");
    for (const auto& c : d.codings) {
        const auto* item = loaded.scheme.findItem(c.item);
        REQUIRE(item);
    }
    CHECK(d.schemes[0].sourceText.find("label.en = \"looks at\"") != std::string::npos);
    CHECK(d.schemes[0].sourceText.find("label.en = \"Zoë lacht\"") != std::string::npos);
}

TEST_CASE("BORIS observation names become session labels", "[exchange][boris]")
{
    const fs::path file = borisPath("boris-labels.boris");
    fixture::writeAll(file, kUnpaired);
    const ProjectData d = importBoris(file);
    REQUIRE(d.sessions.size() == 2);
    CHECK(d.sessions[0].label == "obs 7");
    CHECK(d.sessions[1].label == "obs 8");
    Store store = Store::create(fixture::freshPath("boris-labels.bondline"));
    store.importData(d);
    const auto stored = store.sessions();
    REQUIRE(stored.size() == 2);
    CHECK(stored[0].label == "obs 7");
    CHECK(stored[1].label == "obs 8");
}

TEST_CASE("BORIS media paths are resolved against the .boris file's folder and stored relative to the project", "[exchange][boris]")
{
    // data/study/boris/s.boris names "video/clip.mp4" (beside it) and a Windows path whose
    // file lies beside the .boris file; the project lives in data/study/projects/.
    const fs::path root = fixture::freshPath("boris-media.probe").parent_path() / "boris-media";
    fs::remove_all(root);
    fs::create_directories(root / "boris" / "video");
    fs::create_directories(root / "projects");
    fixture::writeAll(root / "boris" / "video" / "clip.mp4", std::string(3000, 'v'));
    fixture::writeAll(root / "boris" / "cam2.mp4", std::string(2000, 'w'));
    const fs::path file = root / "boris" / "s.boris";
    fixture::writeAll(file, R"({"behaviors_conf": {"0": {"code": "nod", "type": "Point event"}},
        "observations": {"o": {"file": {"1": ["video/clip.mp4"], "2": ["C:\\Users\\lab\\cam2.mp4"], "3": ["gone.mp4"]},
                               "events": [[1.0, "", "nod", "", ""]]}}})");
    const fs::path cwd = fs::current_path();
    fs::current_path(root / "projects"); // neither the .boris folder nor the project's
    const ProjectData d = importBoris(fs::relative(file));
    fs::current_path(cwd);
    REQUIRE(d.media.size() == 3);
    Store store = Store::create(root / "projects" / "study.bondline");
    const auto r = store.importData(d);
    const auto media = store.media();
    REQUIRE(media.size() == 3);
    CHECK(media[0].path == "../boris/video/clip.mp4");
    CHECK(media[0].fingerprint.rfind("size:3000:", 0) == 0);
    CHECK(media[1].path == "../boris/cam2.mp4");
    CHECK(media[2].path == "../boris/gone.mp4");
    REQUIRE(r.missingMedia.size() == 1);
    CHECK(r.missingMedia[0] == (root / "boris" / "gone.mp4").string());
    const auto missing = store.missingMedia();
    REQUIRE(missing.size() == 1);
    CHECK(missing[0].path == "../boris/gone.mp4");
}

TEST_CASE("importing the same BORIS file twice adds nothing, an edited file adds only what is new", "[exchange][boris][reimport]")
{
    const fs::path file = borisPath("boris-twice.boris");
    fixture::writeAll(file, kProject);
    Store store = Store::create(fixture::freshPath("boris-twice.bondline"));
    const auto first = store.importData(importBoris(file), {.source = "boris-twice.boris"});
    CHECK(first.inserted > 0);
    CHECK(store.codingCount() == 5);
    const auto mediaCount = store.media().size();
    const auto auditCount = store.audit(100000).size();
    const auto second = store.importData(importBoris(file));
    CHECK(store.audit(100000).size() == auditCount); // nothing changed, not even the log
    CHECK(second.inserted == 0);
    CHECK(second.unchanged == first.inserted + first.unchanged);
    CHECK(second.conflicts.empty());
    CHECK(store.codingCount() == 5);
    CHECK(store.media().size() == mediaCount);
    // Where each coding came from is in the audit log.
    bool keyed = false;
    for (const auto& a : store.audit())
        if (a.table == "codings" && a.detail.find("\"source\":\"boris-twice.boris\"") != std::string::npos
            && a.detail.find("obs session one|event|mother|nod||1000000#1") != std::string::npos)
            keyed = true;
    CHECK(keyed);

    // One event added in BORIS (and the file saved again): one new coding.
    std::string edited(kProject);
    const std::string anchor = "[9.5, \"youth\", \"gaze\", \"mother\", \"\"]";
    edited.replace(edited.find(anchor), anchor.size(), anchor + ",\n    [11.0, \"mother\", \"nod\", \"\", \"\"]");
    fixture::writeAll(file, edited);
    const auto third = store.importData(importBoris(file));
    CHECK(third.inserted == 1);
    CHECK(store.codingCount() == 6);
    // Two identical events stay two codings, also on re-import.
    const auto dup = importBoris(file);
    CHECK(dup.codings.size() == 6);
}
