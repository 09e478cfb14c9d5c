// The project commands end to end, as a reliability lead would script them: create,
// fill, sample, package, code in the package, merge, export, import.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "projects/store.h"
#include "tests/app_cli/cli_test_support.h"

namespace fs = std::filesystem;
using cli_test::run;

namespace {
std::string fresh(const std::string& name)
{
    const fs::path p = fs::path(BONDLINE_TEST_DATA_DIR) / ("cli-project-" + name);
    for (const char* s : {"", "-wal", "-shm"}) {
        fs::path q = p;
        q += s;
        fs::remove(q);
    }
    return p.string();
}
std::string shipped(const char* name) { return std::string(BONDLINE_SCHEMES_SOURCE_DIR) + "/" + name; }
} // namespace

TEST_CASE("project create, fill, sample, package, merge, export and import", "[cli][project]")
{
    const auto project = fresh("study.bondline");
    REQUIRE(run({"project", "create", project}).code == 0);
    auto again = run({"project", "create", project});
    CHECK(again.code == 1);
    CHECK(again.err.find("already exists") != std::string::npos);

    REQUIRE(run({"project", "add-scheme", project, shipped("softa-o-client.toml")}).code == 0);
    REQUIRE(run({"project", "add-coder", project, "anna"}).code == 0);
    REQUIRE(run({"project", "add-coder", project, "bram"}).code == 0);
    REQUIRE(run({"project", "add-coder", project, "lead", "--role", "reliability-lead"}).code == 0);
    // A real (tiny) WAV recording: 0.1 s of 8 kHz mono silence. add-session refuses
    // files that are not recordings.
    std::string wav = "RIFF";
    auto le = [&wav](uint32_t v, int n) {
        for (int i = 0; i < n; ++i)
            wav.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
    };
    const uint32_t dataBytes = 1600;
    le(36 + dataBytes, 4);
    wav += "WAVEfmt ";
    le(16, 4); le(1, 2); le(1, 2); le(8000, 4); le(16000, 4); le(2, 2); le(16, 2);
    wav += "data";
    le(dataBytes, 4);
    wav += std::string(dataBytes, '\0');
    const std::string media = cli_test::writeFile("cli-project-s1.wav", wav);
    for (int n = 1; n <= 10; ++n) {
        std::vector<std::string> args{"project", "add-session", project, "--case", n <= 5 ? "F001" : "F002",
                                      "--number", std::to_string((n - 1) % 5 + 1), "--people",
                                      "M:mother,Y:youth,T:therapist", "--phase", "early"};
        if (n == 1) {
            args.push_back("--media");
            args.push_back(media);
        }
        auto r = run(args);
        REQUIRE(r.code == 0);
    }
    auto bad = run({"project", "add-session", project, "--case", "F3", "--number", "1", "--people", "M:aunt"});
    CHECK(bad.code == 2);
    CHECK(bad.err.find("M:aunt") != std::string::npos);

    auto assign = run({"project", "assign", project, "--coder", "anna", "--scheme", "softa-o-client"});
    REQUIRE(assign.code == 0);
    CHECK(assign.out == "10 session(s) assigned to anna\n");

    auto sample = run({"sample", project, "--scheme", "softa-o-client", "--coder", "bram", "--share", "0.2", "--seed", "3"});
    REQUIRE(sample.code == 0);
    CHECK(sample.out.rfind("drew 2 of 10 session(s) (share 0.2, seed 3) for bram:", 0) == 0);

    auto info = run({"project", "info", project});
    REQUIRE(info.code == 0);
    CHECK(info.out.find("2 cases, 10 sessions, 3 coders, 0 codings, 0 ratings") != std::string::npos);
    CHECK(info.out.find("scheme softa-o-client") != std::string::npos);

    // bram's package: his two sessions only.
    const auto pkg = fresh("bram.bondline");
    auto made = run({"package", project, "--coder", "bram", "-o", pkg});
    REQUIRE(made.code == 0);
    CHECK(made.out.find("2 session(s) for bram") != std::string::npos);
    {
        projects::Store p = projects::Store::open(pkg);
        auto d = p.snapshot();
        REQUIRE(d.sessions.size() == 2);
        projects::Coding c;
        c.sessionId = d.sessions[0].id;
        c.coderId = d.coders[0].id;
        c.schemeRefId = d.schemes[0].id;
        c.item = "ENG+goals";
        c.actorId = d.participants[0].id;
        c.onsetUs = 12'000'000;
        p.addCoding(c);
    }
    auto merged = run({"merge", project, pkg});
    REQUIRE(merged.code == 0);
    CHECK(merged.out.rfind("merged bram: 1 new row(s)", 0) == 0);
    auto merged2 = run({"merge", project, pkg});
    CHECK(merged2.out.rfind("merged bram: 0 new row(s)", 0) == 0);

    const auto csv = fresh("out.csv");
    auto exported = run({"export", project, "-o", csv});
    REQUIRE(exported.code == 0);
    CHECK(exported.out.find(": 1 codings") != std::string::npos);
    const auto json = fresh("out.json");
    REQUIRE(run({"export", project, "--format", "json", "-o", json}).code == 0);
    const auto wide = fresh("wide.csv");
    REQUIRE(run({"export", project, "--format", "wide-csv", "-o", wide}).code == 0);

    // Into a second project: the CSV needs the scheme there first.
    const auto second = fresh("second.bondline");
    REQUIRE(run({"project", "create", second}).code == 0);
    auto noScheme = run({"import", second, csv});
    CHECK(noScheme.code == 1);
    CHECK(noScheme.err.find("add the scheme file to the project first") != std::string::npos);
    REQUIRE(run({"project", "add-scheme", second, shipped("softa-o-client.toml")}).code == 0);
    auto imported = run({"import", second, csv});
    REQUIRE(imported.code == 0);
    CHECK(imported.out.find("0 conflict(s)") != std::string::npos);
    CHECK(run({"import", second, json}).code == 0);
    auto secondInfo = run({"project", "info", second, "--json"});
    CHECK(secondInfo.out.find("\"codings\":1,") != std::string::npos);
    CHECK(run({"project", "check", second}).out.find(": ok") != std::string::npos);
}

TEST_CASE("project commands give one-line errors for bad files", "[cli][project]")
{
    const auto text = cli_test::writeFile("cli-project-notes.bondline", "just notes\n");
    auto r = run({"project", "info", text});
    CHECK(r.code == 1);
    CHECK(r.err == "bondline-cli: " + text + ": not a Bondline project (not an SQLite database)\n");
    const auto empty = cli_test::writeFile("cli-project-empty.bondline", "");
    r = run({"export", empty, "-o", fresh("x.csv")});
    CHECK(r.code == 1);
    CHECK(r.err.find("empty file") != std::string::npos);
    r = run({"merge", fresh("missing.bondline"), text});
    CHECK(r.code == 1);
    CHECK(r.err.find("no such file") != std::string::npos);
    r = run({"project"});
    CHECK(r.code == 2);
    r = run({"export", text, "-o", "out.xyz"});
    CHECK(r.code == 2);
    CHECK(r.err.find("--format") != std::string::npos);
    const auto truncated = cli_test::writeFile("cli-project-trunc.json", "{\"format\": \"bondline-project\", \"cases\": [");
    const auto proj = fresh("for-trunc.bondline");
    REQUIRE(run({"project", "create", proj}).code == 0);
    r = run({"import", proj, truncated});
    CHECK(r.code == 1);
    CHECK(r.err.find(truncated + ":1:") != std::string::npos);
    CHECK(r.err.find("truncated") != std::string::npos);
}

TEST_CASE("export to SPSS and ELAN, import ELAN and BORIS from the command line", "[cli][project][exchange]")
{
    const auto project = fresh("formats.bondline");
    REQUIRE(run({"project", "create", project}).code == 0);
    REQUIRE(run({"project", "add-scheme", project, shipped("softa-o-client.toml")}).code == 0);
    REQUIRE(run({"project", "add-coder", project, "anna"}).code == 0);
    REQUIRE(run({"project", "add-session", project, "--case", "F9", "--number", "2", "--people",
                 "M:mother,Y:youth,T:therapist"}).code == 0);
    {
        projects::Store s = projects::Store::open(project);
        auto d = s.snapshot();
        projects::Coding c;
        c.sessionId = d.sessions[0].id;
        c.coderId = d.coders[0].id;
        c.schemeRefId = d.schemes[0].id;
        c.item = "ENG+goals";
        c.actorId = d.participants[0].id;
        c.onsetUs = 3'200'000;
        c.offsetUs = 4'000'000;
        s.addCoding(c);
        s.setRating({.sessionId = d.sessions[0].id, .coderId = d.coders[0].id, .schemeRefId = d.schemes[0].id,
                     .ref = "ENG", .target = d.participants[1].uuid, .unit = 0, .value = 2});
    }
    const auto sav = fresh("ratings.sav");
    auto r = run({"export", project, "-o", sav});
    REQUIRE(r.code == 0);
    CHECK(r.out.find("1 ratings") != std::string::npos);
    CHECK(fs::file_size(sav) > 100);

    const auto eaf = fresh("anna.eaf");
    r = run({"export", project, "-o", eaf});
    CHECK(r.code == 2); // which session and coder?
    r = run({"export", project, "-o", eaf, "--case", "F9", "--session", "2", "--coder", "anna"});
    REQUIRE(r.code == 0);
    r = run({"export", project, "-o", eaf, "--case", "F9", "--session", "7", "--coder", "anna"});
    CHECK(r.code == 1);
    CHECK(r.err.find("no session F9/7") != std::string::npos);

    const auto fromElan = fresh("from-elan.bondline");
    REQUIRE(run({"project", "create", fromElan}).code == 0);
    // Bondline's .eaf names its scheme by content hash: another project needs it first.
    r = run({"import", fromElan, eaf});
    CHECK(r.code == 1);
    CHECK(r.err.find("add the scheme file to the project first") != std::string::npos);
    REQUIRE(run({"project", "add-scheme", fromElan, shipped("softa-o-client.toml")}).code == 0);
    r = run({"import", fromElan, eaf});
    REQUIRE(r.code == 0);
    {
        projects::Store s = projects::Store::open(fromElan);
        auto codings = s.codings();
        REQUIRE(codings.size() == 1);
        CHECK(codings[0].item == "ENG+goals");
        CHECK(codings[0].onsetUs == 3'200'000);
        CHECK(codings[0].offsetUs == 4'000'000);
    }

    const auto boris = cli_test::writeFile("cli-project-obs.boris", R"({
 "subjects_conf": {"0": {"key": "1", "name": "mother", "description": ""}},
 "behaviors_conf": {"0": {"type": "Point event", "key": "n", "code": "nod", "description": ""}},
 "observations": {"s1": {"date": "2026-03-02T14:05:00", "time offset": 0.0, "file": {},
   "events": [[1.5, "mother", "nod", "", ""], [2.25, "mother", "nod", "", "again"]]}}})");
    const auto fromBoris = fresh("from-boris.bondline");
    REQUIRE(run({"project", "create", fromBoris}).code == 0);
    r = run({"import", fromBoris, boris});
    REQUIRE(r.code == 0);
    {
        projects::Store s = projects::Store::open(fromBoris);
        auto codings = s.codings();
        REQUIRE(codings.size() == 2);
        CHECK(codings[1].onsetUs == 2'250'000);
        CHECK(codings[1].comment == "again");
    }
    const auto notBoris = cli_test::writeFile("cli-project-bad.boris", "{\"observations\": 3}");
    r = run({"import", fromBoris, notBoris});
    CHECK(r.code == 1);
    CHECK(r.err.find(notBoris) != std::string::npos);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    projects::Store s = projects::Store::open(fromBoris);
    CHECK(s.codingCount() == 2); // nothing half-imported
}

TEST_CASE("a project's codings and ratings feed bondline-cli irr directly", "[cli][project][irr]")
{
    const auto project = fresh("irr.bondline");
    REQUIRE(run({"project", "create", project}).code == 0);
    REQUIRE(run({"project", "add-scheme", project, shipped("softa-o-client.toml")}).code == 0);
    REQUIRE(run({"project", "add-coder", project, "anna"}).code == 0);
    REQUIRE(run({"project", "add-coder", project, "bram"}).code == 0);
    REQUIRE(run({"project", "add-session", project, "--case", "F1", "--number", "1", "--people", "M:mother,Y:youth"}).code == 0);
    {
        projects::Store s = projects::Store::open(project);
        auto d = s.snapshot();
        for (const auto& coder : d.coders)
            for (int i = 0; i < 4; ++i) {
                projects::Coding c;
                c.sessionId = d.sessions[0].id;
                c.coderId = coder.id;
                c.schemeRefId = d.schemes[0].id;
                c.item = i % 2 ? "EC+joke" : "ENG+goals";
                c.actorId = d.participants[static_cast<size_t>(i % 2)].id;
                c.onsetUs = 10'000'000 * (i + 1) + (coder.name == "bram" ? 300'000 : 0);
                s.addCoding(c);
            }
        for (const auto& coder : d.coders)
            for (const auto& who : d.participants)
                s.setRating({.sessionId = d.sessions[0].id, .coderId = coder.id, .schemeRefId = d.schemes[0].id,
                             .ref = "ENG", .target = who.uuid, .unit = 0, .value = who.code == "M" ? 2.0 : -1.0});
    }
    const auto events = fresh("irr-events.csv");
    auto r = run({"export", project, "--format", "irr-events", "--case", "F1", "--session", "1", "-o", events});
    REQUIRE(r.code == 0);
    CHECK(r.out.find(": 8 codings") != std::string::npos);
    r = run({"irr", "events", events, "--coders", "anna,bram", "--tolerance", "0.5", "--json"});
    REQUIRE(r.code == 0);
    CHECK(r.out.find("\"pairs\":4,\"agreements\":4,") != std::string::npos);
    // Outside the tolerance nothing matches.
    r = run({"irr", "events", events, "--coders", "anna,bram", "--tolerance", "0.2", "--json"});
    REQUIRE(r.code == 0);
    CHECK(r.out.find("\"pairs\":0,\"agreements\":0,\"disagreements\"") != std::string::npos);

    const auto ratings = fresh("irr-ratings.csv");
    r = run({"export", project, "--format", "irr-ratings", "-o", ratings});
    REQUIRE(r.code == 0);
    CHECK(r.out.find(": 4 ratings") != std::string::npos);
    r = run({"irr", "ratings", ratings});
    REQUIRE(r.code == 0);
    CHECK(r.out.find("2 units, 2 raters (anna, bram)") != std::string::npos);
    CHECK(r.out.find("percent agreement                  1.000") != std::string::npos);

    r = run({"export", project, "--format", "irr-events", "-o", events});
    CHECK(r.code == 2);
}

TEST_CASE("project set-up commands refuse bad input with one line naming the file", "[cli][project]")
{
    const auto project = fresh("setup-errors.bondline");
    REQUIRE(run({"project", "create", project}).code == 0);
    // A malformed scheme file: the first problem as file:line:col, nothing stored.
    const auto scheme = cli_test::writeFile("cli-project-bad-scheme.toml", "format = 1\nid = \"x\"\nversion = \n");
    auto r = run({"project", "add-scheme", project, scheme});
    CHECK(r.code == 1);
    CHECK(r.err.rfind("bondline-cli: " + scheme + ":", 0) == 0);
    CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    r = run({"project", "add-scheme", project, fresh("no-such-scheme.toml")});
    CHECK(r.code == 1);
    CHECK(r.err.find("cannot open the file") != std::string::npos);
    // Relink needs a folder; a media file that cannot be read is refused.
    r = run({"project", "relink", project, scheme});
    CHECK(r.code == 1);
    CHECK(r.err == "bondline-cli: " + scheme + ": not a folder\n");
    r = run({"project", "add-session", project, "--case", "F1", "--number", "1", "--media", fresh("missing.mp4")});
    CHECK(r.code == 1);
    CHECK(r.err.find("cannot read the media file") != std::string::npos);
    auto info = run({"project", "info", project, "--json"});
    CHECK(info.out.find("\"schemes\":[]") != std::string::npos);
    CHECK(info.out.find("\"sessions\":0,") != std::string::npos);
}

TEST_CASE("a folder given where a file is expected is named as a folder", "[cli][project][irr]")
{
    const auto project = fresh("folder-input.bondline");
    REQUIRE(run({"project", "create", project}).code == 0);
    const fs::path folder = fs::path(BONDLINE_TEST_DATA_DIR) / "cli-project-a-folder.csv";
    fs::create_directories(folder);
    for (const char* format : {"csv", "json", "eaf", "boris"}) {
        auto r = run({"import", project, folder.string(), "--format", format});
        INFO(format << ": " << r.err);
        CHECK(r.code == 1);
        CHECK(r.err.rfind("bondline-cli: " + folder.string() + ": is a folder, not ", 0) == 0);
        CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
    }
    const std::vector<std::vector<std::string>> irr{
        {"irr", "ratings", folder.string()},
        {"irr", "events", folder.string(), "--coders", "A,B", "--tolerance", "1"},
        {"irr", "slices", folder.string(), "--coders", "A,B", "--slice", "1", "--start", "0", "--end", "10"}};
    for (const auto& args : irr) {
        auto r = run(args);
        INFO(args[1] << ": " << r.err);
        CHECK(r.code == 1);
        CHECK(r.err.find(folder.string() + ": is a folder, not a CSV file") != std::string::npos);
    }
}

TEST_CASE("import of a BORIS project with a state that never stops", "[cli][project][boris]")
{
    const auto project = fresh("boris-unpaired.bondline");
    REQUIRE(run({"project", "create", project}).code == 0);
    const auto boris = cli_test::writeFile("cli-project-unpaired.boris", R"({"subjects_conf": {"0": {"name": "youth"}},
        "behaviors_conf": {"0": {"code": "gaze at", "type": "State event"}, "1": {"code": "nod", "type": "Point event"}},
        "observations": {"obs 7": {"file": {"1": ["no-such-clip.mp4"]}, "media_info": {"length": {"no-such-clip.mp4": 12.0}},
            "events": [[1.0, "youth", "gaze at", "", ""], [2.0, "youth", "gaze at", "", ""], [3.0, "youth", "gaze at", "", ""],
                       [4.0, "youth", "nod", "", ""]]}}})");
    auto r = run({"import", project, boris});
    INFO(r.out << r.err);
    CHECK(r.code == 0);
    CHECK(r.err == "bondline-cli: warning: " + boris
                       + ": observation \"obs 7\": event 3: state event \"gaze at\" of subject \"youth\" starts at 3.000 s "
                         "and never stops; imported as an open state (no offset; --close-unpaired closes it at the "
                         "observation's end)\n");
    CHECK(r.out.find("media not found: " + (fs::path(boris).parent_path() / "no-such-clip.mp4").string()) != std::string::npos);
    projects::Store s = projects::Store::open(project);
    CHECK(s.codingCount() == 3);
    REQUIRE(s.sessions().size() == 1);
    CHECK(s.sessions()[0].label == "obs 7");
    // The generated scheme passes the validator.
    REQUIRE(s.schemes().size() == 1);
    const auto toml = cli_test::writeFile("cli-project-unpaired-scheme.toml", s.schemes()[0].sourceText);
    CHECK(run({"scheme", "check", toml}).code == 0);

    const auto closed = fresh("boris-closed.bondline");
    REQUIRE(run({"project", "create", closed}).code == 0);
    r = run({"import", closed, boris, "--close-unpaired"});
    CHECK(r.code == 0);
    CHECK(r.err.find("closed at the observation's end (12.000 s)") != std::string::npos);
    projects::Store c = projects::Store::open(closed);
    bool found = false;
    for (const auto& x : c.codings())
        if (x.onsetUs == 3'000'000)
            found = x.offsetUs == std::optional<int64_t>(12'000'000);
    CHECK(found);
}

TEST_CASE("import twice: the second reports 0 new, N unchanged, --dry-run changes nothing", "[cli][project][reimport]")
{
    const auto project = fresh("reimport.bondline");
    REQUIRE(run({"project", "create", project}).code == 0);
    const auto boris = cli_test::writeFile("cli-project-reimport.boris", R"({"subjects_conf": {"0": {"name": "youth"}},
        "behaviors_conf": {"0": {"code": "gaze", "type": "State event"}, "1": {"code": "nod", "type": "Point event"}},
        "observations": {"o1": {"events": [[1.0, "youth", "gaze", "", ""], [2.0, "youth", "gaze", "", ""],
                                           [4.0, "youth", "nod", "", ""], [4.0, "youth", "nod", "", ""]]}}})");
    auto dry = run({"import", project, boris, "--dry-run"});
    INFO(dry.out << dry.err);
    CHECK(dry.code == 0);
    CHECK(dry.out.rfind("dry run (nothing was changed): would import ", 0) == 0);
    {
        projects::Store s = projects::Store::open(project);
        CHECK(s.codingCount() == 0);
        CHECK(s.cases().empty());
    }
    auto first = run({"import", project, boris});
    CHECK(first.code == 0);
    const auto n = first.out.substr(0, first.out.find('\n'));
    CHECK(n.find("imported ") == 0);
    CHECK(n.find(" new, 0 unchanged, 0 conflict(s)") != std::string::npos);
    const int added = std::stoi(n.substr(9));
    auto second = run({"import", project, boris});
    CHECK(second.code == 0);
    CHECK(second.out == "imported 0 new, " + std::to_string(added) + " unchanged, 0 conflict(s)\n");
    auto dry2 = run({"import", project, boris, "--dry-run"});
    CHECK(dry2.out.rfind("dry run (nothing was changed): would import 0 new, " + std::to_string(added) + " unchanged", 0) == 0);
    projects::Store s = projects::Store::open(project);
    CHECK(s.codingCount() == 3);
}

TEST_CASE("an exported .eaf imports back onto its own project, --tier-map", "[cli][project][eaf]")
{
    const auto project = fresh("eaf-own.bondline");
    REQUIRE(run({"project", "create", project}).code == 0);
    REQUIRE(run({"project", "add-scheme", project, shipped("softa-o-client.toml")}).code == 0);
    REQUIRE(run({"project", "add-coder", project, "anna"}).code == 0);
    REQUIRE(run({"project", "add-session", project, "--case", "F1", "--number", "1", "--people", "Zoë Jansen:sibling,T:therapist"}).code == 0);
    {
        projects::Store s = projects::Store::open(project);
        const auto d = s.snapshot();
        for (int i = 0; i < 3; ++i) {
            projects::Coding c;
            c.sessionId = d.sessions[0].id;
            c.coderId = d.coders[0].id;
            c.schemeRefId = d.schemes[0].id;
            c.item = "ENG+goals";
            c.actorId = d.participants[0].code == "Zoë Jansen" ? d.participants[0].id : d.participants[1].id;
            c.onsetUs = 1'000'000 + i * 20'000; // 20 ms apart: overlapping 40 ms spans
            s.addCoding(c);
        }
    }
    const auto eaf = fresh("own.eaf");
    REQUIRE(run({"export", project, "-o", eaf, "--case", "F1", "--session", "1", "--coder", "anna"}).code == 0);
    auto back = run({"import", project, eaf});
    INFO(back.out << back.err);
    CHECK(back.code == 0);
    CHECK(back.out.rfind("imported 0 new, ", 0) == 0);
    CHECK(back.out.find(" unchanged, 0 conflict(s)\n") != std::string::npos);
    auto info = run({"project", "info", project});
    CHECK(info.out.find("1 cases, 1 sessions, 1 coders, 3 codings") != std::string::npos);

    auto bad = run({"import", project, eaf, "--tier-map", "no-equals"});
    CHECK(bad.code == 2);
    CHECK(bad.err.find("--tier-map 'no-equals' is not TIER=PARTICIPANT:ITEM") != std::string::npos);
    const auto other = fresh("other-tool.eaf");
    cli_test::writeFile("cli-project-other-tool.eaf", R"(<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT AUTHOR="x" FORMAT="3.0" VERSION="3.0"><HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>
<TIME_ORDER><TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="100"/><TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="900"/></TIME_ORDER>
<TIER LINGUISTIC_TYPE_REF="d" TIER_ID="remarks"><ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2"><ANNOTATION_VALUE>laughs</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION></TIER>
<LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="d" TIME_ALIGNABLE="true"/></ANNOTATION_DOCUMENT>
)");
    const auto p2 = fresh("other-tool.bondline");
    REQUIRE(run({"project", "create", p2}).code == 0);
    const std::string otherEaf = std::string(BONDLINE_TEST_DATA_DIR) + "/cli-project-other-tool.eaf";
    auto skipped = run({"import", p2, otherEaf});
    CHECK(skipped.err.find("tier \"remarks\": 1 annotation(s) skipped: no participant") != std::string::npos);
    auto mapped = run({"import", p2, otherEaf, "--tier-map", "remarks=Y:laughter"});
    CHECK(mapped.code == 0);
    CHECK(mapped.out.find("imported ") == 0);
    CHECK(mapped.out.find("tier \"remarks\": 1 coding(s), participant \"Y\", item \"laughter\"") != std::string::npos);
}

TEST_CASE("import of a Datavyu .opf from the command line, --column-map", "[cli][project][opf]")
{
    const auto project = fresh("opf.bondline");
    REQUIRE(run({"project", "create", project}).code == 0);
    // A stored (uncompressed) zip written here byte by byte: one "db" member.
    const std::string db = "#4\nMother (MATRIX,true,)-behaviour|nominal\n00:00:01:000,00:00:02:000,(smiles)\n";
    auto le = [](std::string& s, uint32_t v, int n) {
        for (int i = 0; i < n; ++i)
            s += static_cast<char>((v >> (8 * i)) & 0xff);
    };
    std::string zip = "PK\x03\x04";
    le(zip, 10, 2), le(zip, 0, 2), le(zip, 0, 2), le(zip, 0, 4), le(zip, 0, 4);
    le(zip, static_cast<uint32_t>(db.size()), 4), le(zip, static_cast<uint32_t>(db.size()), 4), le(zip, 2, 2), le(zip, 0, 2);
    zip += "db" + db;
    const uint32_t cd = static_cast<uint32_t>(zip.size());
    zip += "PK\x01\x02";
    le(zip, 10, 2), le(zip, 10, 2), le(zip, 0, 2), le(zip, 0, 2), le(zip, 0, 4), le(zip, 0, 4);
    le(zip, static_cast<uint32_t>(db.size()), 4), le(zip, static_cast<uint32_t>(db.size()), 4), le(zip, 2, 2);
    le(zip, 0, 2), le(zip, 0, 2), le(zip, 0, 2), le(zip, 0, 2), le(zip, 0, 4), le(zip, 0, 4);
    zip += "db";
    const uint32_t cdSize = static_cast<uint32_t>(zip.size()) - cd;
    zip += "PK\x05\x06";
    le(zip, 0, 2), le(zip, 0, 2), le(zip, 1, 2), le(zip, 1, 2), le(zip, cdSize, 4), le(zip, cd, 4), le(zip, 0, 2);
    const auto opf = cli_test::writeFile("cli-project-study.opf", zip);
    auto bad = run({"import", project, opf, "--column-map", "Mother=parent"});
    CHECK(bad.code == 2);
    auto r = run({"import", project, opf, "--column-map", "Mother=participant"});
    INFO(r.out << r.err);
    CHECK(r.code == 0);
    CHECK(r.out.find("column \"Mother\": 1 coding(s) (a participant)") != std::string::npos);
    projects::Store s = projects::Store::open(project);
    const auto c = s.codings();
    REQUIRE(c.size() == 1);
    CHECK(c[0].item == "smiles");
    auto help = run({"import", "--help"});
    CHECK(help.out.find("opf (a Datavyu project") != std::string::npos);
}
