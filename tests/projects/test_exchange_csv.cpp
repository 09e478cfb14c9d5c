#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "coding_schemes/scheme_loader.h"
#include "projects/exchange_csv.h"
#include "projects/store.h"
#include "tests/projects/project_fixture.h"

namespace fs = std::filesystem;
using namespace projects;

namespace {

// The family of the fixture coded with the shipped SOFTA-o client scheme: tallies by two
// coders and Engagement / Emotional Connection ratings per member.
struct SoftaProject {
    fixture::Family f;
    SchemeRef softa;
};

SoftaProject softaProject(Store& s)
{
    SoftaProject p;
    p.f = fixture::addFamily(s);
    const fs::path file = fs::path(BONDLINE_SCHEMES_SOURCE_DIR) / "softa-o-client.toml";
    const std::string text = fixture::readAll(file);
    auto loaded = schemes::loadFromString(text, file.string());
    REQUIRE(loaded.ok());
    p.softa = s.addScheme({.schemeId = loaded.scheme.id, .version = loaded.scheme.version,
                           .contentHash = loaded.scheme.contentHash, .sourceText = text});
    for (const auto* coder : {&p.f.anna, &p.f.bram}) {
        for (int i = 0; i < 3; ++i) {
            Coding c = fixture::coding(p.f, *coder, "ENG+goals", 1'000'000 * (i + 1));
            c.schemeRefId = p.softa.id;
            c.targetId.reset();
            s.addCoding(c);
        }
        for (const auto* who : {&p.f.mother, &p.f.father, &p.f.youth}) {
            s.setRating({.sessionId = p.f.session.id, .coderId = coder->id, .schemeRefId = p.softa.id,
                         .ref = "ENG", .target = who->uuid, .unit = 0, .value = who == &p.f.mother ? 2.0 : 1.0});
            s.setRating({.sessionId = p.f.session.id, .coderId = coder->id, .schemeRefId = p.softa.id,
                         .ref = "EC", .target = who->uuid, .unit = 0, .value = who == &p.f.youth ? -1.0 : 1.0});
        }
    }
    return p;
}

std::vector<std::string> lines(const fs::path& p)
{
    std::ifstream in(p);
    std::vector<std::string> out;
    for (std::string l; std::getline(in, l);)
        out.push_back(l);
    return out;
}

size_t countPrefix(const std::vector<std::string>& ls, const std::string& prefix)
{
    size_t n = 0;
    for (const auto& l : ls)
        n += l.rfind(prefix, 0) == 0;
    return n;
}

} // namespace

TEST_CASE("seconds are parsed and printed exactly", "[exchange][csv]")
{
    int64_t us = 0;
    CHECK(parseSecondsUs("12.04", &us));
    CHECK(us == 12'040'000);
    CHECK(parseSecondsUs("0.000001", &us));
    CHECK(us == 1);
    CHECK(parseSecondsUs("-1.5", &us));
    CHECK(us == -1'500'000);
    CHECK_FALSE(parseSecondsUs("1.0000001", &us));
    CHECK_FALSE(parseSecondsUs("abc", &us));
    CHECK_FALSE(parseSecondsUs("", &us));
    CHECK(formatSecondsUs(12'040'000) == "12.040000");
    CHECK(formatSecondsUs(-1) == "-0.000001");
}

TEST_CASE("the long CSV has one row per coding, rating and derived score", "[exchange][csv]")
{
    Store s = Store::create(fixture::freshPath("csv-long.bondline"));
    auto p = softaProject(s);
    const auto out = fixture::freshPath("csv-long.csv");
    auto n = exportLongCsv(s, out);
    CHECK(n.codings == 6);
    CHECK(n.ratings == 12);
    CHECK(n.scores > 0);
    auto ls = lines(out);
    REQUIRE(ls.size() == static_cast<size_t>(1 + n.rows));
    CHECK(ls[0].rfind("record,case,session,phase,date,coder,scheme,scheme_version,scheme_hash,participant,role,", 0) == 0);
    CHECK(countPrefix(ls, "coding,F017,1,early,2026-03-02,anna,softa-o-client,") == 3);
    // A coding row: dimension from the scheme, exact microseconds.
    bool sawCoding = false, sawIndividual = false, sawSpread = false;
    for (const auto& l : ls) {
        if (l.rfind("coding,", 0) == 0 && l.find(",M,mother,,,ENG,ENG+goals,,,1000000,,1.000000,") != std::string::npos)
            sawCoding = true;
        // SOFTA individual alliance of the youth = mean(ENG 1, EC -1) = 0.
        if (l.rfind("score,", 0) == 0 && l.find(",anna,") != std::string::npos
            && l.find(",Y,youth,,,individual_alliance,,0,0,") != std::string::npos)
            sawIndividual = true;
        if (l.rfind("score,", 0) == 0 && l.find(",consensus,") != std::string::npos)
            sawSpread = true;
    }
    CHECK(sawCoding);
    CHECK(sawIndividual);
    CHECK(sawSpread);
}

TEST_CASE("the long CSV reads back into an empty project with the same codings and ratings", "[exchange][csv]")
{
    const auto csv = fixture::freshPath("csv-roundtrip.csv");
    Store a = Store::create(fixture::freshPath("csv-a.bondline"));
    auto p = softaProject(a);
    auto c = fixture::coding(p.f, p.f.anna, "EC+joke", 7'654'321);
    c.schemeRefId = p.softa.id;
    c.offsetUs = 8'000'000;
    c.comment = "hand on \"shoulder\", brief";
    a.addCoding(c);
    exportLongCsv(a, csv);

    Store b = Store::create(fixture::freshPath("csv-b.bondline"));
    // The scheme must be in the project first.
    CHECK_THROWS_WITH(b.importData(importLongCsv(csv)), Catch::Contains("add the scheme file to the project first"));
    b.addScheme(a.schemes()[1]);
    auto report = b.importData(importLongCsv(csv));
    CHECK(report.conflicts.empty());
    CHECK(b.codingCount() == a.codingCount());
    auto again = b.importData(importLongCsv(csv));
    CHECK(again.inserted == 0);

    auto ca = a.codings();
    auto cb = b.codings();
    REQUIRE(ca.size() == cb.size());
    for (size_t i = 0; i < ca.size(); ++i) {
        CHECK(ca[i].uuid == cb[i].uuid);
        CHECK(ca[i].onsetUs == cb[i].onsetUs);
        CHECK(ca[i].offsetUs == cb[i].offsetUs);
        CHECK(ca[i].framePts == cb[i].framePts);
        CHECK(ca[i].comment == cb[i].comment);
    }
    auto ra = a.ratings();
    auto rb = b.ratings();
    REQUIRE(ra.size() == rb.size());
    auto people = b.participants();
    for (const auto& r : rb) {
        bool known = r.target == "family";
        for (const auto& person : people)
            known = known || person.uuid == r.target;
        CHECK(known);
    }
    // Roles and attendance came along.
    CHECK(people.size() == 4);
    CHECK(b.sessions()[0].attended.size() == 4);
}

TEST_CASE("a bad CSV names the file and line and imports nothing", "[exchange][csv]")
{
    Store b = Store::create(fixture::freshPath("csv-bad.bondline"));
    const auto file = fixture::freshPath("bad.csv");
    auto expectError = [&](const std::string& text, const std::string& words) {
        fixture::writeAll(file, text);
        try {
            b.importData(importLongCsv(file));
            FAIL("imported " << text);
        } catch (const ProjectError& e) {
            INFO(e.what());
            CHECK(std::string(e.what()).find(words) != std::string::npos);
            CHECK(std::string(e.what()).rfind(file.string() + ":", 0) == 0);
        }
        CHECK(b.codingCount() == 0);
        CHECK(b.cases().empty());
    };
    const std::string header = "record,case,session,coder,scheme_hash,participant,item,dimension,onset_us,value\n";
    expectError("", "empty");
    expectError("a,b,c\n1,2,3\n", ":1: missing column 'record'");
    expectError(header + "coding,F1,1,anna,sha256:ab,M,x,,100\n", ":2: expected 10 fields, found 9");
    expectError(header + "coding,F1,one,anna,sha256:ab,M,x,,100,\n", ":2: session must be a positive whole number");
    expectError(header + "coding,F1,1,anna,sha256:ab,M,x,,1.5,\n", ":2: onset_us must be whole microseconds");
    expectError(header + "rating,F1,1,anna,sha256:ab,M,,ENG,,high\n", ":2: value must be a number");
    expectError(header + "event,F1,1,anna,sha256:ab,M,x,,100,\n", ":2: unknown record 'event'");
    expectError(header + "coding,F1,1,anna,sha256:ab,M,x,,100,\ncoding,F1,1,anna,\"sha256:ab,M,x,,100,\n",
                ":3: unterminated quoted field");
}

TEST_CASE("the wide CSV has one row per coder and rated person, a column per rating and score", "[exchange][csv]")
{
    Store s = Store::create(fixture::freshPath("csv-wide.bondline"));
    softaProject(s);
    const auto out = fixture::freshPath("csv-wide.csv");
    exportWideCsv(s, out);
    auto ls = lines(out);
    REQUIRE(ls.size() >= 7); // header + 2 coders x 3 members (+ family rows)
    const auto& header = ls[0];
    CHECK(header.find(",eng,") != std::string::npos);
    CHECK(header.find(",ec") != std::string::npos);
    CHECK(header.find("individual_alliance") != std::string::npos);
    CHECK(header.find("n_eng_goals") != std::string::npos);
    CHECK(countPrefix(ls, "F017,1,early,2026-03-02,anna,softa-o-client,") >= 3);
}

TEST_CASE("a long CSV whose rows have no uuid (made or edited elsewhere) imports once", "[exchange][csv][reimport]")
{
    Store s = Store::create(fixture::freshPath("csv-nouuid.bondline"));
    auto p = softaProject(s);
    const fs::path out = fixture::freshPath("csv-nouuid.csv");
    exportLongCsv(s, out);
    // Blank every uuid, as a spreadsheet edit or R's own table would.
    std::string text;
    for (const auto& l : lines(out)) {
        std::string row = l;
        if ((row.rfind("coding,", 0) == 0 || row.rfind("rating,", 0) == 0) && row.size() > 36 && row[row.size() - 37] == ',')
            row = row.substr(0, row.size() - 36);
        text += row + "\n";
    }
    const fs::path blank = fixture::freshPath("csv-nouuid-blank.csv");
    fixture::writeAll(blank, text);
    Store t = Store::create(fixture::freshPath("csv-nouuid-into.bondline"));
    t.addScheme(p.softa);
    const auto first = t.importData(importLongCsv(blank));
    CHECK(first.conflicts.empty());
    CHECK(t.codingCount() == 6);
    const auto second = t.importData(importLongCsv(blank));
    CHECK(second.inserted == 0);
    CHECK(second.conflicts.empty());
    CHECK(t.codingCount() == 6);
}

namespace {
// A comment with everything RFC 4180 has to carry: line breaks, a comma, quotes and
// leading/trailing spaces.
const std::string kHardComment = " first line\nsecond line, with \"quotes\"\n\nafter a blank line ";

std::string codingCommentAfterImport(const fs::path& csv, const SchemeRef& scheme, const std::string& uuid)
{
    Store t = Store::create(fixture::freshPath(csv.stem().string() + "-into.bondline"));
    t.addScheme(scheme);
    t.importData(importLongCsv(csv));
    const auto c = t.codingByUuid(uuid);
    REQUIRE(c);
    return c->comment;
}
} // namespace

TEST_CASE("a comment with line breaks round-trips through the long CSV (RFC 4180)", "[exchange][csv]")
{
    Store s = Store::create(fixture::freshPath("csv-breaks.bondline"));
    auto p = softaProject(s);
    Coding c = fixture::coding(p.f, p.f.anna, "ENG+goals", 9'000'000);
    c.schemeRefId = p.softa.id;
    c.targetId.reset();
    c.comment = kHardComment;
    c = s.addCoding(c);
    const fs::path out = fixture::freshPath("csv-breaks.csv");
    exportLongCsv(s, out);
    const std::string text = fixture::readAll(out);
    CHECK(text.find("\" first line\nsecond line, with \"\"quotes\"\"\n\nafter a blank line \"") != std::string::npos);
    CHECK(codingCommentAfterImport(out, p.softa, c.uuid) == kHardComment);
}

TEST_CASE("a comment with line breaks round-trips through R's read.csv and write.csv", "[exchange][csv][r]")
{
    if (std::system("command -v Rscript >/dev/null 2>&1") != 0) {
        WARN("Rscript not found (scripts/install-deps installs r-base-core); the R round trip was not run");
        return;
    }
    Store s = Store::create(fixture::freshPath("csv-r.bondline"));
    auto p = softaProject(s);
    Coding c = fixture::coding(p.f, p.f.anna, "ENG+goals", 9'000'000);
    c.schemeRefId = p.softa.id;
    c.targetId.reset();
    c.comment = kHardComment;
    c = s.addCoding(c);
    const fs::path out = fixture::freshPath("csv-r.csv");
    const fs::path back = fixture::freshPath("csv-r-written-by-r.csv");
    exportLongCsv(s, out);
    const std::string cmd = "Rscript -e 'a <- commandArgs(TRUE); d <- read.csv(a[1], colClasses = \"character\", "
                            "na.strings = character(0), check.names = FALSE); "
                            "stopifnot(nrow(d) > 0); write.csv(d, a[2], row.names = FALSE)' '"
        + out.string() + "' '" + back.string() + "' 2>&1";
    INFO(cmd);
    REQUIRE(std::system(cmd.c_str()) == 0);
    REQUIRE(fs::exists(back));
    CHECK(codingCommentAfterImport(back, p.softa, c.uuid) == kHardComment);
}

namespace {
std::vector<std::string> splitRow(const std::string& row)
{
    std::vector<std::string> out(1);
    for (char c : row) {
        if (c == ',')
            out.emplace_back();
        else
            out.back() += c;
    }
    return out;
}
} // namespace

TEST_CASE("the wide CSV has a column per tallied scheme item, 0 where a coded person has none", "[exchange][csv]")
{
    Store s = Store::create(fixture::freshPath("csv-wide-zeros.bondline"));
    auto p = softaProject(s); // only ENG+goals is coded, by the mother
    const auto out = fixture::freshPath("csv-wide-zeros.csv");
    exportWideCsv(s, out);
    const auto ls = lines(out);
    const auto header = splitRow(ls.at(0));
    auto column = [&](const std::string& name) {
        auto it = std::find(header.begin(), header.end(), name);
        REQUIRE(it != header.end());
        return static_cast<size_t>(it - header.begin());
    };
    const size_t goals = column("n_eng_goals");
    const size_t plan = column("n_eng_plan"); // an item nobody used
    const size_t participant = column("participant");
    int checked = 0;
    for (size_t i = 1; i < ls.size(); ++i) {
        const auto row = splitRow(ls[i]);
        REQUIRE(row.size() == header.size());
        if (row[participant] == "M") {
            CHECK(row[goals] == "3");
            CHECK(row[plan] == "0");
            ++checked;
        } else if (row[participant] == "Y" || row[participant] == "F") {
            CHECK(row[goals] == "0");
            CHECK(row[plan] == "0");
            ++checked;
        }
    }
    CHECK(checked == 6); // 2 coders x 3 members
}
