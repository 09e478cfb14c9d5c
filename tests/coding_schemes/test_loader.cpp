#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "coding_schemes/scheme_loader.h"

using namespace schemes;

namespace {
std::string shipped(const char* name) { return std::string(BONDLINE_SCHEMES_SOURCE_DIR) + "/" + name; }

std::string allDiagnostics(const LoadResult& r)
{
    std::string s;
    for (const Diagnostic& d : r.diagnostics)
        s += d.toString() + "\n";
    return s;
}
} // namespace

TEST_CASE("every shipped scheme validates clean", "[loader][shipped]")
{
    auto files = schemeFilesIn(BONDLINE_SCHEMES_SOURCE_DIR);
    REQUIRE(files.size() == 6);
    for (const auto& f : files) {
        INFO(f.string());
        LoadResult r = load(f);
        CHECK(allDiagnostics(r) == "");
        CHECK(!r.scheme.id.empty());
        CHECK(r.scheme.contentHash.size() == 7 + 64);
        CHECK(!r.scheme.completedBy.empty());
        // English and Dutch for every label the UI shows.
        CHECK(r.scheme.name.count("en") == 1);
        CHECK(r.scheme.name.count("nl") == 1);
        for (const Item& it : r.scheme.items) {
            INFO(it.id);
            CHECK(it.label.count("en") == 1);
            CHECK(it.label.count("nl") == 1);
        }
        for (const Dimension& d : r.scheme.dimensions) {
            CHECK(d.name.count("nl") == 1);
        }
        for (const Scale& s : r.scheme.scales)
            for (const ScaleAnchor& a : s.anchors)
                CHECK(a.label.count("nl") == 1);
    }
}

TEST_CASE("SOFTA-o client: targets, scale, dimensions, items, rules, conventions", "[loader][softa]")
{
    LoadResult r = load(shipped("softa-o-client.toml"));
    REQUIRE(r.ok());
    const Scheme& s = r.scheme;
    CHECK(s.id == "softa-o-client");
    CHECK(s.path == shipped("softa-o-client.toml"));
    REQUIRE(s.targets.size() == 2);
    CHECK(s.targets[0].kind == TargetKind::Member);
    CHECK(s.targets[1].kind == TargetKind::Family);
    CHECK(s.targets[1].minMembersPresent == 2);

    const Scale* sc = s.findScale("softa7");
    REQUIRE(sc);
    CHECK(sc->min == -3);
    CHECK(sc->max == 3);
    REQUIRE(sc->anchors.size() == 7);
    CHECK(sc->anchors.front().value == -3);
    CHECK(textIn(sc->anchors.front().label, "en") == "extremely problematic");
    CHECK(textIn(sc->anchors[3].label, "en") == "unremarkable or neutral");
    CHECK(textIn(sc->anchors.back().label, "en") == "extremely strong");
    CHECK(sc->contains(0));
    CHECK_FALSE(sc->contains(0.5));
    CHECK_FALSE(sc->contains(4));

    REQUIRE(s.dimensions.size() == 4);
    CHECK(s.dimensions[0].id == "ENG"); // file order is kept
    CHECK(s.findDimension("SSP")->target == "family");
    CHECK(textIn(s.findDimension("SAF")->name, "nl") == "Veiligheid binnen het therapeutisch systeem");

    const Item* tone = s.findItem("SAF+tone");
    REQUIRE(tone);
    CHECK(tone->kind == ItemKind::Flag);
    CHECK(tone->target == "client"); // inherited from the dimension
    const Item* comp = s.findItem("SSP+compromise");
    REQUIRE(comp);
    CHECK(comp->target == "family");
    CHECK(comp->notConfusedWith == std::vector<std::string>{"ENG+plan"});
    CHECK(s.findItem("ENG+leans")->channel == Channel::NonVerbal);
    CHECK(s.findItem("ENG-indifferent")->polarity == Polarity::Negative);
    CHECK(s.findItem("ENG+goals")->key == "g");
    CHECK(s.findItem("EC-hostile")->provenance == Provenance::Provisional);
    CHECK(s.findItem("EC-eyes")->provenance == Provenance::Confirmed);

    REQUIRE(s.rules.size() == 3);
    CHECK(s.rules[0].positive->toString() == "> 0");
    CHECK(s.rules[0].rating.toString() == "> 0");
    CHECK(s.unit.kind == UnitKind::Session);
    CHECK(s.multiRater.consensus == ConsensusRule::TwoOfThree);
    CHECK(s.multiRater.iccForm == "ICC(A,1)");
    CHECK(s.multiRater.trainingWithin == 1);
    CHECK(s.multiRater.trainingProportion == Approx(0.9));
    const DerivedScore* split = s.findScore("split_EC");
    REQUIRE(split);
    CHECK(split->kind == ScoreKind::Spread);
    CHECK(split->threshold == 2);
    CHECK(split->target == "client");
}

TEST_CASE("TPOCS-A, TABBS and rupture schemes carry their structure", "[loader]")
{
    LoadResult t = load(shipped("tpocs-a-child.toml"));
    REQUIRE(t.ok());
    CHECK(t.scheme.items.size() == 9);
    int reversed = 0;
    for (const Item& it : t.scheme.items) {
        CHECK(it.kind == ItemKind::Rated);
        CHECK(it.scale == "tpocs6");
        reversed += it.reverse;
    }
    CHECK(reversed == 4);
    CHECK(t.scheme.findScale("tpocs6")->max - t.scheme.findScale("tpocs6")->min == 5); // 6 points
    CHECK(t.scheme.multiRater.iccForm == "ICC(2,2)");

    LoadResult b = load(shipped("tabbs.toml"));
    REQUIRE(b.ok());
    CHECK(b.scheme.unit.sessions == std::vector<int>{1, 2, 3});
    CHECK(b.scheme.codesSession(2));
    CHECK_FALSE(b.scheme.codesSession(4));

    LoadResult r = load(shipped("rupture-3rs.toml"));
    REQUIRE(r.ok());
    CHECK(r.scheme.unit.kind == UnitKind::Segment);
    CHECK(r.scheme.unit.segmentUs == 300'000'000);
    const Target* dyad = r.scheme.findTarget("within_family");
    REQUIRE(dyad);
    CHECK(dyad->kind == TargetKind::Dyad);
    CHECK(dyad->actor == TargetKind::Member);
    CHECK(dyad->to == TargetKind::Member);
    CHECK(r.scheme.findScale("significance5")->min == 1);
    CHECK(r.scheme.findScale("significance5")->max == 5);
    // Rupture episodes are state items (they have a duration); directed family ruptures
    // have a key; no item binds a digit (digits select people in the window).
    REQUIRE(r.scheme.findItem("W-episode"));
    CHECK(r.scheme.findItem("W-episode")->kind == ItemKind::State);
    CHECK(r.scheme.findItem("W-episode")->key == "w");
    CHECK(r.scheme.findItem("F-confronts")->key == "f");
}

TEST_CASE("no shipped scheme binds a digit key", "[loader][shipped]")
{
    for (const char* f : {"rupture-3rs.toml", "softa-o-client.toml", "softa-o-therapist.toml", "tabbs.toml",
                          "tpocs-a-child.toml", "tpocs-a-parent.toml"}) {
        LoadResult r = load(shipped(f));
        REQUIRE(r.ok());
        for (const Item& it : r.scheme.items) {
            INFO(f << ": " << it.id);
            CHECK((it.key.size() != 1 || it.key[0] < '0' || it.key[0] > '9'));
        }
    }
}

TEST_CASE("load: I/O problems are one diagnostic naming the file", "[loader]")
{
    LoadResult missing = load("/nonexistent/x.toml");
    REQUIRE(missing.diagnostics.size() == 1);
    CHECK(missing.diagnostics[0].toString() == "/nonexistent/x.toml: cannot open the file");
    LoadResult dir = load(BONDLINE_SCHEMES_SOURCE_DIR);
    REQUIRE(dir.diagnostics.size() == 1);
    CHECK(dir.diagnostics[0].message == "is a directory, not a scheme file");
    LoadResult empty = loadFromString("", "empty.toml");
    REQUIRE(empty.diagnostics.size() == 1);
    CHECK(empty.diagnostics[0].toString() == "empty.toml: the file is empty");
}

TEST_CASE("shippedSchemesDir honours BONDLINE_SCHEMES_DIR", "[loader]")
{
    setenv("BONDLINE_SCHEMES_DIR", BONDLINE_SCHEMES_SOURCE_DIR, 1);
    CHECK(shippedSchemesDir() == std::filesystem::path(BONDLINE_SCHEMES_SOURCE_DIR));
    setenv("BONDLINE_SCHEMES_DIR", "/nonexistent-dir", 1);
    CHECK(shippedSchemesDir().empty());
    unsetenv("BONDLINE_SCHEMES_DIR");
    CHECK(!shippedSchemesDir().empty());
}

TEST_CASE("the complete example and the override example in docs/schemes.md are valid", "[loader][docs]")
{
    std::ifstream in(std::string(BONDLINE_DOCS_DIR) + "/schemes.md");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string doc = ss.str();
    auto block = [&](size_t from, size_t* end) {
        size_t b = doc.find("```toml\n", from);
        REQUIRE(b != std::string::npos);
        b += 8;
        *end = doc.find("```", b);
        return doc.substr(b, *end - b);
    };
    size_t end = 0;
    LoadResult r = loadFromString(block(0, &end), "example.toml");
    CHECK(allDiagnostics(r) == "");
    CHECK(r.scheme.items.size() == 3);
    CHECK(r.scheme.findTarget("mother_to_therapist")->kind == TargetKind::Dyad);

    std::string over = block(end + 3, &end);
    LoadResult softa = load(shipped("softa-o-client.toml"));
    size_t h = over.find("sha256:515f...");
    REQUIRE(h != std::string::npos);
    over.replace(h, 14, softa.scheme.contentHash);
    applyOverrideFromString(softa, over, "override.toml");
    CHECK(allDiagnostics(softa) == "");
}
