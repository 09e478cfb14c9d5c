#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <regex>
#include <sstream>
#include <tuple>

#include "coding_schemes/scheme_loader.h"
#include "projects/exchange_eaf.h"
#include "projects/store.h"
#include "tests/projects/project_fixture.h"

using namespace projects;
namespace fs = std::filesystem;

namespace {

// (item, actor code, onset µs, offset µs or -1) of `coder`'s codings in `d`, sorted.
using Row = std::tuple<std::string, std::string, int64_t, int64_t>;
std::vector<Row> rows(const ProjectData& d, RowId coderId)
{
    std::map<RowId, std::string> codes;
    for (const auto& p : d.participants)
        codes[p.id] = p.code;
    std::vector<Row> out;
    for (const auto& c : d.codings)
        if (c.coderId == coderId)
            out.emplace_back(c.item, codes.at(c.actorId), c.onsetUs, c.offsetUs.value_or(-1));
    std::sort(out.begin(), out.end());
    return out;
}

fs::path eafPath(const std::string& name)
{
    const fs::path p = fixture::freshPath(name);
    fs::remove(p);
    return p;
}

// The error's text must start with "<file>:<line>: ".
void checkFileLine(const ProjectError& e, const fs::path& file, int line)
{
    const std::string what = e.what();
    INFO(what);
    CHECK(what.rfind(file.string() + ":" + std::to_string(line) + ": ", 0) == 0);
    CHECK(what.find('\n') == std::string::npos);
}

int lineOf(const ProjectError& e, const fs::path& file)
{
    const std::string what = e.what();
    std::smatch m;
    const std::string rest = what.substr(std::min(what.size(), file.string().size()));
    if (std::regex_search(rest, m, std::regex("^:([0-9]+): ")))
        return std::stoi(m[1]);
    return -1;
}

struct Exported {
    Store store;
    fixture::Family f;
    ProjectData data;
    fs::path eaf;
};

Exported exportFamily(const std::string& name)
{
    Store store = Store::create(fixture::freshPath(name + ".bondline"));
    auto f = fixture::addFamily(store);
    store.addMedia({.sessionId = f.session.id, .path = "video/session 1.mp4", .sizeBytes = 1000});
    // Point events (mother, father) and state events (youth), some at frame-odd times.
    store.addCoding(fixture::coding(f, f.anna, "ENG+plan", 1'000'000));
    auto c = fixture::coding(f, f.anna, "ENG+plan", 2'480'000);
    c.actorId = f.father.id;
    store.addCoding(c);
    c = fixture::coding(f, f.anna, "SAF-hostile", 10'123'456);
    c.actorId = f.youth.id;
    c.offsetUs = 14'000'400;
    store.addCoding(c);
    c = fixture::coding(f, f.anna, "ENG+plan", 20'000'000);
    c.actorId = f.youth.id;
    c.offsetUs = 20'040'001; // a state event as long as a point event's span: must stay a state event
    store.addCoding(c);
    // bram's coding must not be exported with anna's.
    store.addCoding(fixture::coding(f, f.bram, "other", 5'000'000));
    ProjectData data = store.snapshot();
    const fs::path eaf = eafPath(name + ".eaf");
    exportEaf(data, f.session.id, f.anna.id, eaf);
    return {std::move(store), f, std::move(data), eaf};
}

} // namespace

TEST_CASE("ELAN export writes an EAF 3.0 document with media, time slots in ms and a tier per participant and item", "[exchange][eaf]")
{
    auto x = exportFamily("eaf-export");
    const std::string text = fixture::readAll(x.eaf);
    CHECK(text.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) == 0);
    CHECK(text.find("<ANNOTATION_DOCUMENT AUTHOR=\"anna\"") != std::string::npos);
    CHECK(text.find("FORMAT=\"3.0\" VERSION=\"3.0\"") != std::string::npos);
    CHECK(text.find("TIME_UNITS=\"milliseconds\"") != std::string::npos);
    CHECK(text.find("MIME_TYPE=\"video/mp4\"") != std::string::npos);
    CHECK(text.find("RELATIVE_MEDIA_URL=\"./video/session%201.mp4\"") != std::string::npos);
    CHECK(text.find("MEDIA_URL=\"file:///") != std::string::npos);
    CHECK(text.find("TIER_ID=\"M ENG+plan\"") != std::string::npos);
    CHECK(text.find("TIER_ID=\"F ENG+plan\"") != std::string::npos);
    CHECK(text.find("TIER_ID=\"Y SAF-hostile\"") != std::string::npos);
    CHECK(text.find("PARTICIPANT=\"Y\"") != std::string::npos);
    CHECK(text.find(" other\"") == std::string::npos); // bram's coding (item "other")
    CHECK(text.find(">other<") == std::string::npos);
    // 10.123456 s -> 10123 ms; the point event at 2.48 s spans one frame to 2.52 s.
    CHECK(text.find("TIME_VALUE=\"10123\"") != std::string::npos);
    CHECK(text.find("TIME_VALUE=\"14000\"") != std::string::npos);
    CHECK(text.find("TIME_VALUE=\"2480\"") != std::string::npos);
    CHECK(text.find("TIME_VALUE=\"2520\"") != std::string::npos);
    CHECK(text.find("<LINGUISTIC_TYPE GRAPHIC_REFERENCES=\"false\" LINGUISTIC_TYPE_ID=\"bondline-coding\" TIME_ALIGNABLE=\"true\"/>")
          != std::string::npos);
    // Element order of the EAF schema: HEADER, TIME_ORDER, TIER..., LINGUISTIC_TYPE.
    CHECK(text.find("<HEADER") < text.find("<TIME_ORDER>"));
    CHECK(text.find("<TIME_ORDER>") < text.find("<TIER "));
    CHECK(text.rfind("</TIER>") < text.find("<LINGUISTIC_TYPE "));
}

TEST_CASE("ELAN export then import gives the same codings (item, actor, onset/offset within 1 ms)", "[exchange][eaf]")
{
    auto x = exportFamily("eaf-roundtrip");
    const ProjectData back = importEaf(x.eaf, x.data, x.f.session.id, x.f.anna.id);

    ProjectData original = x.data;
    const auto want = rows(original, x.f.anna.id);
    const auto got = rows(back, x.f.anna.id);
    REQUIRE(want.size() == 4);
    REQUIRE(got.size() == want.size());
    for (size_t i = 0; i < want.size(); ++i) {
        INFO(std::get<0>(want[i]) << " " << std::get<1>(want[i]) << " " << std::get<2>(want[i]));
        CHECK(std::get<0>(got[i]) == std::get<0>(want[i]));
        CHECK(std::get<1>(got[i]) == std::get<1>(want[i]));
        CHECK(std::abs(std::get<2>(got[i]) - std::get<2>(want[i])) <= 1000);
        if (std::get<3>(want[i]) < 0)
            CHECK(std::get<3>(got[i]) < 0); // point events come back as point events
        else
            CHECK(std::abs(std::get<3>(got[i]) - std::get<3>(want[i])) <= 1000);
    }
    // Known participants keep their rows (same uuids); no new ones.
    CHECK(back.participants.size() == 4);
    REQUIRE(back.schemes.size() == 1);
    CHECK(back.schemes[0].contentHash == x.f.scheme.contentHash);

    // The result merges into the project: the same case, session, people and codings
    // (the file names them), so nothing is added and nothing conflicts.
    const auto report = x.store.importData(back);
    CHECK(report.conflicts.empty());
    CHECK(report.inserted == 0);
    CHECK(x.store.participants().size() == 4);
    CHECK(x.store.codings(x.f.session.id, x.f.anna.id).size() == 4);
}

TEST_CASE("ELAN import creates participants (role Other) for unknown tier codes", "[exchange][eaf]")
{
    Store store = Store::create(fixture::freshPath("eaf-unknown.bondline"));
    auto f = fixture::addFamily(store);
    const fs::path eaf = eafPath("eaf-unknown.eaf");
    fixture::writeAll(eaf, R"(<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT AUTHOR="someone" DATE="2026-01-01T00:00:00+00:00" FORMAT="3.0" VERSION="3.0">
  <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>
  <TIME_ORDER>
    <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="1500"/>
    <TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="2750"/>
  </TIME_ORDER>
  <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="GM withdraws">
    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
      <ANNOTATION_VALUE>looks away</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
  </TIER>
  <TIER LINGUISTIC_TYPE_REF="default-lt" TIER_ID="M withdraws">
    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
      <ANNOTATION_VALUE>
        withdraws
      </ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
  </TIER>
  <LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="default-lt" TIME_ALIGNABLE="true"/>
</ANNOTATION_DOCUMENT>
)");
    const ProjectData d = importEaf(eaf, store.snapshot(), f.session.id, f.bram.id);
    REQUIRE(d.codings.size() == 2);
    const auto gm = std::find_if(d.participants.begin(), d.participants.end(), [](const Participant& p) { return p.code == "GM"; });
    REQUIRE(gm != d.participants.end());
    CHECK(gm->role == Role::Other);
    CHECK(gm->caseId == f.kase.id);
    for (const auto& c : d.codings) {
        CHECK(c.item == "withdraws");
        CHECK(c.onsetUs == 1'500'000);
        CHECK(c.offsetUs == 2'750'000); // a foreign file: no point-span property, every annotation is a span
        CHECK(c.coderId == f.bram.id);
        if (c.actorId == gm->id) {
            CHECK(c.comment == "looks away");
        } else {
            CHECK(c.actorId == f.mother.id);
            CHECK(c.comment.empty()); // the value equals the tier's item once trimmed
        }
    }
    const auto report = store.importData(d);
    CHECK(report.inserted == 3); // GM and two codings
    auto parts = store.participants(f.kase.id);
    CHECK(std::count_if(parts.begin(), parts.end(), [](const Participant& p) { return p.code == "GM" && p.role == Role::Other; }) == 1);
}

TEST_CASE("ELAN export groups a parsed scheme's items into one tier per participant and dimension", "[exchange][eaf]")
{
    const std::string schemeText = R"(format = 1
id = "mini"
version = "1"
name.en = "Mini"
[[targets]]
id = "client"
kind = "member"
[[scales]]
id = "s7"
min = -3
max = 3
[rating_unit]
kind = "session"
[[dimensions]]
id = "ENG"
target = "client"
scale = "s7"
name.en = "Engagement"
[[items]]
id = "ENG+plan"
kind = "event"
dimension = "ENG"
polarity = "+"
label.en = "discusses a plan"
[[items]]
id = "ENG-bored"
kind = "event"
dimension = "ENG"
polarity = "-"
label.en = "looks bored"
)";
    REQUIRE(schemes::loadFromString(schemeText, "mini.toml").ok());
    Store store = Store::create(fixture::freshPath("eaf-dims.bondline"));
    auto f = fixture::addFamily(store);
    auto scheme = store.addScheme({.schemeId = "mini", .version = "1", .contentHash = schemes::contentHash(schemeText),
                                   .sourceText = schemeText});
    for (auto [item, t] : {std::pair{"ENG+plan", 1'000'000}, {"ENG-bored", 3'000'000}, {"ENG+plan", 7'000'000}}) {
        auto c = fixture::coding(f, f.anna, item, t);
        c.schemeRefId = scheme.id;
        store.addCoding(c);
    }
    const auto data = store.snapshot();
    const fs::path eaf = eafPath("eaf-dims.eaf");
    exportEaf(data, f.session.id, f.anna.id, eaf);
    const std::string text = fixture::readAll(eaf);
    CHECK(text.find("TIER_ID=\"M ENG\"") != std::string::npos);
    CHECK(text.find("TIER_ID=\"M ENG+plan\"") == std::string::npos);
    CHECK(text.find("<ANNOTATION_VALUE>ENG-bored</ANNOTATION_VALUE>") != std::string::npos);

    const auto back = importEaf(eaf, data, f.session.id, f.anna.id);
    CHECK(rows(back, f.anna.id) == std::vector<Row>{{"ENG+plan", "M", 1'000'000, -1}, {"ENG+plan", "M", 7'000'000, -1},
                                                     {"ENG-bored", "M", 3'000'000, -1}});
    for (const auto& c : back.codings)
        CHECK(c.schemeRefId == scheme.id);
}

TEST_CASE("ELAN import on its own makes a case, session, coder and scheme that a store accepts", "[exchange][eaf]")
{
    // A file another tool wrote, in the layout "<participant> <item>".
    auto x = exportFamily("eaf-standalone-src");
    std::string text = fixture::readAll(x.eaf);
    text = std::regex_replace(text, std::regex("        <PROPERTY NAME=\"bondline:[^\n]*\n"), "");
    const fs::path eaf = eafPath("eaf-standalone.eaf");
    fixture::writeAll(eaf, text);
    const ProjectData d = importEaf(eaf);
    REQUIRE(d.cases.size() == 1);
    CHECK(d.cases[0].code == "eaf-standalone");
    REQUIRE(d.coders.size() == 1);
    CHECK(d.coders[0].name == "anna");
    REQUIRE(d.media.size() == 1);
    CHECK(fs::path(d.media[0].path).filename() == "session 1.mp4");
    CHECK(d.participants.size() == 3); // M, F, Y
    for (const auto& p : d.participants)
        CHECK(p.role == Role::Other);
    REQUIRE(d.schemes.size() == 1);
    CHECK(schemes::loadFromString(d.schemes[0].sourceText, "generated.toml").ok());
    CHECK(rows(d, d.coders[0].id).size() == 4);

    Store fresh = Store::create(fixture::freshPath("eaf-standalone-into.bondline"));
    const auto report = fresh.importData(d);
    CHECK(report.conflicts.empty());
    CHECK(fresh.codingCount() == 4);
    CHECK(fresh.cases().at(0).code == "eaf-standalone");
}

TEST_CASE("Bondline's own .eaf imports back onto the same case, session, scheme, coder and participants", "[exchange][eaf]")
{
    Store store = Store::create(fixture::freshPath("eaf-own.bondline"));
    auto f = fixture::addFamily(store);
    // A participant code with a space, and a second case that must not be touched.
    auto zoe = store.addParticipant({.caseId = f.kase.id, .code = "Zoë Jansen", .role = Role::Sibling});
    auto s = store.sessions().at(0);
    s.attended.push_back(zoe.id);
    store.setAttendance(s.id, s.attended);
    auto c = fixture::coding(f, f.anna, "ENG+plan", 1'234'567);
    c.actorId = zoe.id;
    c.comment = "two\nlines";
    store.addCoding(c);
    store.addCoding(fixture::coding(f, f.anna, "ENG+plan", 3'000'000));
    const fs::path eaf = eafPath("eaf-own.eaf");
    exportEaf(store.snapshot(), f.session.id, f.anna.id, eaf);
    const std::string text = fixture::readAll(eaf);
    CHECK(text.find("PARTICIPANT=\"Zoë Jansen\"") != std::string::npos);

    const ProjectData d = importEaf(eaf);
    REQUIRE(d.cases.size() == 1);
    CHECK(d.cases[0].uuid == f.kase.uuid);
    CHECK(d.cases[0].code == "F017");
    REQUIRE(d.sessions.size() == 1);
    CHECK(d.sessions[0].uuid == f.session.uuid);
    REQUIRE(d.coders.size() == 1);
    CHECK(d.coders[0].uuid == f.anna.uuid);
    REQUIRE(d.schemes.size() == 1);
    CHECK(d.schemes[0].contentHash == f.scheme.contentHash);
    const auto z = std::find_if(d.participants.begin(), d.participants.end(), [](const Participant& p) { return p.code == "Zoë Jansen"; });
    REQUIRE(z != d.participants.end());
    CHECK(z->uuid == zoe.uuid);
    CHECK(z->role == Role::Sibling);
    for (const auto& p : d.participants)
        CHECK(p.role != Role::Other);

    const auto cases = store.cases().size(), sessions = store.sessions().size(), people = store.participants().size();
    const auto report = store.importData(d);
    INFO(report.conflicts.size());
    CHECK(report.conflicts.empty());
    CHECK(report.inserted == 0);
    CHECK(store.cases().size() == cases);
    CHECK(store.sessions().size() == sessions);
    CHECK(store.participants().size() == people);
    CHECK(store.schemes().size() == 1);
    CHECK(store.codingCount() == 2);
}

TEST_CASE("ELAN export keeps every tier free of overlaps", "[exchange][eaf]")
{
    Store store = Store::create(fixture::freshPath("eaf-overlap.bondline"));
    auto f = fixture::addFamily(store);
    // Point codings 20 ms apart (40 ms spans) and a state nested in another.
    store.addCoding(fixture::coding(f, f.anna, "nod", 1'000'000));
    store.addCoding(fixture::coding(f, f.anna, "nod", 1'020'000));
    store.addCoding(fixture::coding(f, f.anna, "nod", 1'040'000));
    auto outer = fixture::coding(f, f.anna, "gaze", 5'000'000);
    outer.offsetUs = 9'000'000;
    store.addCoding(outer);
    auto inner = fixture::coding(f, f.anna, "gaze", 6'000'000);
    inner.offsetUs = 7'000'000;
    store.addCoding(inner);
    const fs::path eaf = eafPath("eaf-overlap.eaf");
    const auto data = store.snapshot();
    exportEaf(data, f.session.id, f.anna.id, eaf);
    const std::string text = fixture::readAll(eaf);

    // Read the written tiers back (slot times, then each tier's intervals) and check them.
    std::map<std::string, int64_t> slot;
    const std::regex slotRe("TIME_SLOT_ID=\"(ts[0-9]+)\" TIME_VALUE=\"([0-9]+)\"");
    for (std::sregex_iterator it(text.begin(), text.end(), slotRe), end; it != end; ++it)
        slot[(*it)[1]] = std::stoll((*it)[2]);
    std::map<std::string, std::vector<std::pair<int64_t, int64_t>>> tiers;
    std::string tier;
    std::istringstream lines(text);
    for (std::string l; std::getline(lines, l);) {
        std::smatch m;
        if (std::regex_search(l, m, std::regex("<TIER .*TIER_ID=\"([^\"]+)\"")))
            tier = m[1];
        else if (std::regex_search(l, m, std::regex("TIME_SLOT_REF1=\"(ts[0-9]+)\" TIME_SLOT_REF2=\"(ts[0-9]+)\"")))
            tiers[tier].emplace_back(slot.at(m[1]), slot.at(m[2]));
    }
    size_t annotations = 0;
    for (auto& [id, spans] : tiers) {
        std::sort(spans.begin(), spans.end());
        for (size_t i = 1; i < spans.size(); ++i) {
            INFO(id << ": " << spans[i - 1].first << "-" << spans[i - 1].second << " and " << spans[i].first << "-" << spans[i].second);
            CHECK(spans[i].first >= spans[i - 1].second);
        }
        annotations += spans.size();
    }
    CHECK(annotations == 5);
    CHECK(tiers.size() == 4); // "M nod", "M nod (2)", "M gaze", "M gaze (2)"
    CHECK(tiers.count("M nod (2)") == 1);

    // The split tiers read back as the same codings.
    const auto back = importEaf(eaf, data, f.session.id, f.anna.id);
    CHECK(rows(back, f.anna.id) == rows(data, f.anna.id));
}

TEST_CASE("ELAN import reports bad input as file:line: problem", "[exchange][eaf][errors]")
{
    const fs::path eaf = eafPath("eaf-bad.eaf");

    SECTION("not XML")
    {
        fixture::writeAll(eaf, "WEBVTT\n\n00:01.000 --> 00:02.000\nhello\n");
        try {
            importEaf(eaf);
            FAIL("no error");
        } catch (const ProjectError& e) {
            checkFileLine(e, eaf, 1);
            CHECK(std::string(e.what()).find("not an XML file") != std::string::npos);
        }
    }
    SECTION("XML that is not EAF")
    {
        fixture::writeAll(eaf, "<?xml version=\"1.0\"?>\n<html>\n<body/></html>\n");
        try {
            importEaf(eaf);
            FAIL("no error");
        } catch (const ProjectError& e) {
            checkFileLine(e, eaf, 2);
            CHECK(std::string(e.what()).find("not an ELAN annotation document") != std::string::npos);
        }
    }
    SECTION("a missing time slot")
    {
        fixture::writeAll(eaf, "<ANNOTATION_DOCUMENT AUTHOR=\"\" DATE=\"\" FORMAT=\"3.0\" VERSION=\"3.0\">\n"
                               "<HEADER/>\n<TIME_ORDER><TIME_SLOT TIME_SLOT_ID=\"ts1\" TIME_VALUE=\"10\"/></TIME_ORDER>\n"
                               "<TIER LINGUISTIC_TYPE_REF=\"x\" TIER_ID=\"M a\"><ANNOTATION>\n"
                               "<ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a1\" TIME_SLOT_REF1=\"ts1\" TIME_SLOT_REF2=\"ts9\">\n"
                               "<ANNOTATION_VALUE>a</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION></TIER>\n"
                               "</ANNOTATION_DOCUMENT>\n");
        try {
            importEaf(eaf);
            FAIL("no error");
        } catch (const ProjectError& e) {
            checkFileLine(e, eaf, 5);
            CHECK(std::string(e.what()).find("ts9") != std::string::npos);
        }
    }
    SECTION("an unaligned time slot")
    {
        fixture::writeAll(eaf, "<ANNOTATION_DOCUMENT>\n<HEADER/>\n<TIME_ORDER><TIME_SLOT TIME_SLOT_ID=\"ts1\"/>"
                               "<TIME_SLOT TIME_SLOT_ID=\"ts2\" TIME_VALUE=\"5\"/></TIME_ORDER>\n"
                               "<TIER TIER_ID=\"M a\"><ANNOTATION>\n"
                               "<ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a1\" TIME_SLOT_REF1=\"ts1\" TIME_SLOT_REF2=\"ts2\">\n"
                               "</ALIGNABLE_ANNOTATION></ANNOTATION></TIER></ANNOTATION_DOCUMENT>\n");
        try {
            importEaf(eaf);
            FAIL("no error");
        } catch (const ProjectError& e) {
            checkFileLine(e, eaf, 5);
            CHECK(std::string(e.what()).find("no time value") != std::string::npos);
        }
    }
    SECTION("a truncated file")
    {
        auto x = exportFamily("eaf-truncated-src");
        const std::string full = fixture::readAll(x.eaf);
        const std::string cut = full.substr(0, full.find("</TIER>") + 3);
        fixture::writeAll(eaf, cut);
        try {
            importEaf(eaf);
            FAIL("no error");
        } catch (const ProjectError& e) {
            const int lines = static_cast<int>(std::count(cut.begin(), cut.end(), '\n')) + 1;
            checkFileLine(e, eaf, lines);
            CHECK(std::string(e.what()).find("broken XML") != std::string::npos);
        }
    }
    SECTION("an empty file")
    {
        fixture::writeAll(eaf, "");
        try {
            importEaf(eaf);
            FAIL("no error");
        } catch (const ProjectError& e) {
            CHECK(lineOf(e, eaf) == 1);
        }
    }
}

TEST_CASE("ELAN export refuses an unknown session or coder", "[exchange][eaf][errors]")
{
    Store store = Store::create(fixture::freshPath("eaf-unknown-session.bondline"));
    auto f = fixture::addFamily(store);
    const fs::path eaf = eafPath("eaf-unknown-session.eaf");
    CHECK_THROWS_AS(exportEaf(store.snapshot(), 999, f.anna.id, eaf), ProjectError);
    CHECK_THROWS_AS(exportEaf(store.snapshot(), f.session.id, 999, eaf), ProjectError);
    CHECK_FALSE(fs::exists(eaf));
}

TEST_CASE("importing the same ELAN file twice adds nothing", "[exchange][eaf][reimport]")
{
    auto x = exportFamily("eaf-twice");
    Store fresh = Store::create(fixture::freshPath("eaf-twice-into.bondline"));
    fresh.addScheme(x.f.scheme); // a Bondline file names its scheme by hash
    const auto first = fresh.importData(importEaf(x.eaf));
    CHECK(fresh.codingCount() == 4);
    const auto mediaCount = fresh.media().size();
    const auto second = fresh.importData(importEaf(x.eaf));
    CHECK(second.inserted == 0);
    CHECK(second.unchanged == first.inserted + first.unchanged);
    CHECK(fresh.codingCount() == 4);
    CHECK(fresh.media().size() == mediaCount);
}

namespace {
// The structure of ELAN files from corpora and other tools: tiers named freely with a
// PARTICIPANT attribute, a controlled vocabulary (EAF 3.0 multilingual entries), a
// symbolic association tier of translations, a time subdivision with unaligned slots, an
// included-in tier, a tier without any participant, and an external CV.
const char* kRealEaf = R"(<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT AUTHOR="" DATE="2020-05-01T10:00:00+01:00" FORMAT="3.0" VERSION="3.0">
  <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">
    <MEDIA_DESCRIPTOR MEDIA_URL="file:///C:/Users/lab/Desktop/rec.wav" MIME_TYPE="audio/x-wav" RELATIVE_MEDIA_URL="../Desktop/rec.wav"/>
    <PROPERTY NAME="lastUsedAnnotationId">20</PROPERTY>
  </HEADER>
  <TIME_ORDER>
    <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="1000"/>
    <TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="2000"/>
    <TIME_SLOT TIME_SLOT_ID="ts3"/>
    <TIME_SLOT TIME_SLOT_ID="ts4" TIME_VALUE="3000"/>
    <TIME_SLOT TIME_SLOT_ID="ts5" TIME_VALUE="4000"/>
    <TIME_SLOT TIME_SLOT_ID="ts6" TIME_VALUE="5000"/>
    <TIME_SLOT TIME_SLOT_ID="ts7" TIME_VALUE="1200"/>
    <TIME_SLOT TIME_SLOT_ID="ts8" TIME_VALUE="1800"/>
  </TIME_ORDER>
  <TIER LINGUISTIC_TYPE_REF="gesture" PARTICIPANT="Zoë Jansen" TIER_ID="gestures">
    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts4">
      <ANNOTATION_VALUE>point at</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts5" TIME_SLOT_REF2="ts6">
      <ANNOTATION_VALUE>nod</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
  </TIER>
  <TIER LINGUISTIC_TYPE_REF="translation" PARENT_REF="gestures" PARTICIPANT="Zoë Jansen" TIER_ID="gestures-en">
    <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a3" ANNOTATION_REF="a1">
      <ANNOTATION_VALUE>points at the door</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
  </TIER>
  <TIER LINGUISTIC_TYPE_REF="phases" PARENT_REF="gestures" TIER_ID="gesture phases">
    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a4" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts3">
      <ANNOTATION_VALUE>prep</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a5" TIME_SLOT_REF1="ts3" TIME_SLOT_REF2="ts4">
      <ANNOTATION_VALUE>stroke</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
  </TIER>
  <TIER LINGUISTIC_TYPE_REF="words" PARENT_REF="gestures" TIER_ID="inside">
    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a6" TIME_SLOT_REF1="ts7" TIME_SLOT_REF2="ts8">
      <ANNOTATION_VALUE>hm</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
  </TIER>
  <TIER LINGUISTIC_TYPE_REF="words" TIER_ID="M speech">
    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a7" TIME_SLOT_REF1="ts2" TIME_SLOT_REF2="ts4">
      <ANNOTATION_VALUE>hello there</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
  </TIER>
  <TIER LINGUISTIC_TYPE_REF="words" TIER_ID="notes">
    <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a8" TIME_SLOT_REF1="ts5" TIME_SLOT_REF2="ts6">
      <ANNOTATION_VALUE>camera moved</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
  </TIER>
  <LINGUISTIC_TYPE CONTROLLED_VOCABULARY_REF="gesture-cv" GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="gesture" TIME_ALIGNABLE="true"/>
  <LINGUISTIC_TYPE CONSTRAINTS="Symbolic_Association" LINGUISTIC_TYPE_ID="translation" TIME_ALIGNABLE="false"/>
  <LINGUISTIC_TYPE CONSTRAINTS="Time_Subdivision" LINGUISTIC_TYPE_ID="phases" TIME_ALIGNABLE="true"/>
  <LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="words" TIME_ALIGNABLE="true"/>
  <CONSTRAINT DESCRIPTION="1-1 association with a parent annotation" STEREOTYPE="Symbolic_Association"/>
  <CONTROLLED_VOCABULARY CV_ID="gesture-cv">
    <DESCRIPTION LANG_REF="eng"/>
    <CV_ENTRY_ML CVE_ID="c1"><CVE_VALUE DESCRIPTION="" LANG_REF="eng">point at</CVE_VALUE><CVE_VALUE LANG_REF="nld">wijst</CVE_VALUE></CV_ENTRY_ML>
    <CV_ENTRY_ML CVE_ID="c2"><CVE_VALUE DESCRIPTION="" LANG_REF="eng">nod</CVE_VALUE></CV_ENTRY_ML>
    <CV_ENTRY_ML CVE_ID="c3"><CVE_VALUE DESCRIPTION="" LANG_REF="eng">shrug</CVE_VALUE></CV_ENTRY_ML>
  </CONTROLLED_VOCABULARY>
  <CONTROLLED_VOCABULARY CV_ID="ext" EXT_REF="e1"/>
  <EXTERNAL_REF EXT_REF_ID="e1" TYPE="ecv" VALUE="http://example.org/cv.ecv"/>
</ANNOTATION_DOCUMENT>
)";
} // namespace

TEST_CASE("eafTiers tells how each tier would be read, before and after a mapping", "[exchange][eaf]")
{
    const fs::path eaf = eafPath("eaf-tiers.eaf");
    fixture::writeAll(eaf, kRealEaf);
    const auto tiers = eafTiers(eaf);
    REQUIRE(tiers.size() == 6);
    CHECK(tiers[0].id == "gestures");
    CHECK(tiers[0].participant == "Zoë Jansen");
    CHECK(tiers[0].annotations == 2);
    CHECK(tiers[0].item.find("controlled vocabulary") != std::string::npos);
    CHECK(tiers[1].parent == "gestures"); // dependent: its values go to the comments
    CHECK(tiers[1].participant.empty());
    CHECK(tiers[4].id == "M speech");
    CHECK(tiers[4].participant == "M");
    CHECK(tiers[5].id == "notes");
    CHECK(tiers[5].participant.empty());
    CHECK(tiers[5].skipReason.find("no participant") != std::string::npos);
    // With a mapping the skipped tier is read as T's codings of "remark".
    EafImportOptions o;
    o.tierMap["notes"] = {"T", "remark"};
    const auto mapped = eafTiers(eaf, o);
    CHECK(mapped[5].participant == "T");
    CHECK(mapped[5].skipReason.empty());
    CHECK(mapped[5].item.find("remark") != std::string::npos);
    CHECK_THROWS_AS(eafTiers(eafPath("no-such.eaf")), ProjectError);
}

TEST_CASE("ELAN import reads real files: PARTICIPANT, controlled vocabularies, dependent tiers", "[exchange][eaf]")
{
    const fs::path eaf = eafPath("eaf-real.eaf");
    fixture::writeAll(eaf, kRealEaf);
    ImportNotes notes;
    const ProjectData d = importEaf(eaf, {}, &notes);
    std::map<RowId, std::string> who;
    for (const auto& p : d.participants)
        who[p.id] = p.code;
    REQUIRE(d.codings.size() == 3); // two gestures, one speech annotation; "notes" has no participant
    const auto& point = d.codings[0];
    CHECK(who.at(point.actorId) == "Zoë Jansen");
    CHECK(point.item == "point-at");
    CHECK(point.onsetUs == 1'000'000);
    CHECK(point.offsetUs == 3'000'000);
    // The dependent tiers' values, attached to their parent's coding.
    CHECK(point.comment == "gestures-en: points at the door; gesture phases: prep; gesture phases: stroke; inside: hm");
    CHECK(d.codings[1].item == "nod");
    CHECK(d.codings[1].comment.empty());
    CHECK(who.at(d.codings[2].actorId) == "M");
    CHECK(d.codings[2].item == "speech");
    CHECK(d.codings[2].comment == "hello there");

    // The controlled vocabulary's entries are the generated scheme's items (also unused ones).
    REQUIRE(d.schemes.size() == 1);
    const auto loaded = schemes::loadFromString(d.schemes[0].sourceText, "generated.toml");
    REQUIRE(loaded.ok());
    REQUIRE(loaded.scheme.findItem("shrug"));
    CHECK(loaded.scheme.findItem("point-at")->label.at("en") == "point at");
    CHECK(loaded.scheme.findItem("speech"));

    // Per tier: what was imported and what was skipped.
    std::string all;
    for (const auto& s : notes.summary)
        all += s + "\n";
    INFO(all);
    CHECK(all.find("tier \"gestures\": 2 coding(s), participant \"Zoë Jansen\", item from the value (controlled vocabulary \"gesture-cv\")") != std::string::npos);
    CHECK(all.find("tier \"gestures-en\" (Symbolic_Association of \"gestures\"): 1 value(s)") != std::string::npos);
    CHECK(all.find("tier \"gesture phases\" (Time_Subdivision of \"gestures\"): 2 value(s)") != std::string::npos);
    REQUIRE(notes.warnings.size() == 1);
    CHECK(notes.warnings[0].rfind(eaf.string() + ": tier \"notes\": 1 annotation(s) skipped: no participant", 0) == 0);
    CHECK(notes.warnings[0].find("--tier-map 'notes=PARTICIPANT:ITEM'") != std::string::npos);

    // The store takes it (the media is missing: reported, not refused).
    Store store = Store::create(fixture::freshPath("eaf-real.bondline"));
    const auto r = store.importData(d);
    CHECK(r.conflicts.empty());
    CHECK(store.codingCount() == 3);
    CHECK(r.missingMedia.size() == 1);
}

TEST_CASE("ELAN import with a tier map names participant and item of a tier", "[exchange][eaf]")
{
    const fs::path eaf = eafPath("eaf-tiermap.eaf");
    fixture::writeAll(eaf, kRealEaf);
    EafImportOptions options;
    options.tierMap["notes"] = {"T", "remark"};
    options.tierMap["M speech"] = {"F", ""};
    ImportNotes notes;
    const ProjectData d = importEaf(eaf, options, &notes);
    std::map<RowId, std::string> who;
    for (const auto& p : d.participants)
        who[p.id] = p.code;
    REQUIRE(d.codings.size() == 4);
    CHECK(notes.warnings.empty());
    const auto remark = std::find_if(d.codings.begin(), d.codings.end(), [](const Coding& c) { return c.item == "remark"; });
    REQUIRE(remark != d.codings.end());
    CHECK(who.at(remark->actorId) == "T");
    CHECK(remark->comment == "camera moved");
    const auto speech = std::find_if(d.codings.begin(), d.codings.end(), [](const Coding& c) { return c.onsetUs == 2'000'000; });
    REQUIRE(speech != d.codings.end());
    CHECK(who.at(speech->actorId) == "F");
    CHECK(speech->item == "M-speech"); // the whole tier name when the participant is mapped
}
