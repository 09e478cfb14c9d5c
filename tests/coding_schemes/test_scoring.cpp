// Hand-worked examples for each shipped instrument.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>

#include "coding_schemes/consensus.h"
#include "coding_schemes/scheme_loader.h"
#include "coding_schemes/scoring.h"

using namespace schemes;

namespace {

constexpr int64_t kMin = 60'000'000; // one minute in microseconds

Scheme shipped(const char* name)
{
    LoadResult r = load(std::string(BONDLINE_SCHEMES_SOURCE_DIR) + "/" + name);
    REQUIRE(r.ok());
    return r.scheme;
}

int tally(const SessionScores& s, const std::string& coder, const std::string& item, const std::string& target,
          int unit = 0)
{
    for (const Tally& t : s.tallies)
        if (t.coder == coder && t.item == item && t.target == target && t.unit == unit)
            return t.count;
    return 0;
}

const ScoreValue* score(const SessionScores& s, const std::string& coder, const std::string& id,
                        const std::string& target, int unit = 0)
{
    for (const ScoreValue& v : s.scores)
        if (v.coder == coder && v.score == id && v.target == target && v.unit == unit)
            return &v;
    return nullptr;
}

std::vector<std::string> warnings(const SessionScores& s, const std::string& coder)
{
    std::vector<std::string> out;
    for (const RuleWarning& w : s.warnings)
        if (w.coder == coder)
            out.push_back(w.rule + " " + w.dimension + " " + w.target);
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<Participant> family3()
{
    return {{"mother", Role::Mother}, {"father", Role::Father}, {"youth", Role::Youth}, {"ther", Role::Therapist}};
}

} // namespace

TEST_CASE("SOFTA-o client: tallies, flags once, family-level items, rule warnings", "[scoring][softa]")
{
    Scheme s = shipped("softa-o-client.toml");
    SessionInput in;
    in.startUs = 0;
    in.endUs = 30 * kMin;
    in.present = family3();
    in.events = {
        {"A", "ENG+goals", "mother", "", 1 * kMin},
        {"A", "ENG+goals", "mother", "", 2 * kMin},
        {"A", "ENG+leans", "mother", "", 3 * kMin},
        {"A", "SAF+tone", "mother", "", 4 * kMin},
        {"A", "SAF+tone", "mother", "", 9 * kMin}, // a flag: counted once per session
        {"A", "ENG-indifferent", "father", "", 5 * kMin},
        {"A", "SSP+compromise", "mother", "", 6 * kMin}, // family level
        {"A", "SSP+joke", "youth", "", 7 * kMin},
        {"A", "ENG+goals", "mother", "", 31 * kMin}, // after the end marker: not coded
    };
    in.ratings = {
        {"A", "ENG", "mother", 0, -1}, // only positive tallied but rated below 0 -> warning
        {"A", "ENG", "father", 0, 1},  // only negative tallied but rated above 0 -> warning
        {"A", "ENG", "youth", 0, 2},   // nothing tallied but not 0 -> warning
        {"A", "SAF", "mother", 0, 2},  // only positive, above 0 -> fine
        {"A", "EC", "youth", 0, 0},    // nothing tallied, 0 -> fine
        {"A", "SSP", "family", 0, 2},  // family: two positive indicators, above 0 -> fine
    };
    SessionScores r = scoreSession(s, in);
    CHECK(r.problems.empty());
    CHECK(tally(r, "A", "ENG+goals", "mother") == 2);
    CHECK(tally(r, "A", "ENG+leans", "mother") == 1);
    CHECK(tally(r, "A", "SAF+tone", "mother") == 1);
    CHECK(tally(r, "A", "ENG-indifferent", "father") == 1);
    CHECK(tally(r, "A", "SSP+compromise", "family") == 1);
    CHECK(tally(r, "A", "SSP+joke", "family") == 1);
    CHECK(tally(r, "A", "SSP+compromise", "mother") == 0);
    CHECK(warnings(r, "A")
          == std::vector<std::string>{"none ENG youth", "only-negative ENG father", "only-positive ENG mother"});
    auto w = std::find_if(r.warnings.begin(), r.warnings.end(), [](auto& x) { return x.target == "mother"; });
    REQUIRE(w != r.warnings.end());
    CHECK(w->positive == 3);
    CHECK(w->negative == 0);
    CHECK(w->rating == -1);
    CHECK(textIn(w->message, "nl").find("boven 0") != std::string::npos);

    // Rates per hour over the 30-minute session: the mother has 2 + 1 ENG and 1 SAF
    // positive indicators (the family-level ones are not hers) = 4 in half an hour.
    const ScoreValue* rate = score(r, "A", "positive_per_hour", "mother");
    REQUIRE(rate);
    CHECK(rate->value == Approx(8.0));
    CHECK(score(r, "A", "negative_per_hour", "father")->value == Approx(2.0));
    CHECK(score(r, "A", "positive_per_hour", "ther") == nullptr); // not a family member
}

TEST_CASE("SOFTA-o client: split alliance across three members and individual alliance", "[scoring][softa]")
{
    Scheme s = shipped("softa-o-client.toml");
    SessionInput in;
    in.endUs = 50 * kMin;
    in.present = family3();
    in.ratings = {
        {"A", "EC", "mother", 0, 2}, {"A", "EC", "father", 0, -1}, {"A", "EC", "youth", 0, 1},
        {"A", "ENG", "mother", 0, -1}, {"A", "ENG", "father", 0, 0}, {"A", "ENG", "youth", 0, 0},
        {"A", "SAF", "mother", 0, 1}, {"A", "SAF", "father", 0, 1}, {"A", "SAF", "youth", 0, 2},
    };
    SessionScores r = scoreSession(s, in);
    const ScoreValue* ec = score(r, "A", "split_EC", "family");
    REQUIRE(ec);
    CHECK(ec->value == 3); // 2 - (-1)
    CHECK(ec->flagged);    // threshold 2
    CHECK(ec->low == "father");
    CHECK(ec->high == "mother");
    CHECK(ec->n == 3);
    const ScoreValue* eng = score(r, "A", "split_ENG", "family");
    CHECK(eng->value == 1);
    CHECK_FALSE(eng->flagged);
    CHECK(score(r, "A", "split_SAF", "family")->value == 1);
    // A supervisor's own threshold replaces the scheme's.
    in.spreadThresholds = {{"split_EC", 4}, {"split_ENG", 1}};
    SessionScores custom = scoreSession(s, in);
    CHECK_FALSE(score(custom, "A", "split_EC", "family")->flagged);
    CHECK(score(custom, "A", "split_ENG", "family")->flagged);
    CHECK_FALSE(score(custom, "A", "split_SAF", "family")->flagged); // scheme's 2 kept
    CHECK(score(r, "A", "family_EC", "family")->value == Approx(2.0 / 3.0));
    // individual alliance = mean(ENG, EC) per member
    CHECK(score(r, "A", "individual_alliance", "mother")->value == Approx(0.5));
    CHECK(score(r, "A", "individual_alliance", "father")->value == Approx(-0.5));
    CHECK(score(r, "A", "individual_alliance", "youth")->value == Approx(0.5));
}

TEST_CASE("SOFTA-o client: 2-of-3 consensus and the drop-outlier half point", "[scoring][softa][consensus]")
{
    Scheme s = shipped("softa-o-client.toml");
    SessionInput in;
    in.endUs = 50 * kMin;
    in.present = family3();
    in.ratings = {
        {"A", "EC", "mother", 0, 2}, {"B", "EC", "mother", 0, 2}, {"C", "EC", "mother", 0, 0},
        {"A", "EC", "youth", 0, -1}, {"B", "EC", "youth", 0, 1}, {"C", "EC", "youth", 0, 2},
        {"A", "ENG", "youth", 0, 1}, {"B", "ENG", "youth", 0, 1}, {"C", "ENG", "youth", 0, 1},
        {"A", "EC", "father", 0, 0}, // one coder only: no consensus entry
    };
    SessionScores r = scoreSession(s, in);
    CHECK(r.coders == std::vector<std::string>{"A", "B", "C"});
    auto find = [&](const std::string& ref, const std::string& target) -> const ConsensusValue* {
        for (const ConsensusValue& c : r.consensus)
            if (c.ref == ref && c.target == target)
                return &c;
        return nullptr;
    };
    REQUIRE(find("EC", "mother"));
    CHECK(find("EC", "mother")->value == 2);
    CHECK(find("EC", "mother")->how == "two of three agree");
    REQUIRE(find("EC", "youth"));
    CHECK(find("EC", "youth")->value == 1.5); // -1, +1, +2: drop -1, mean of 1 and 2
    CHECK(find("EC", "youth")->how == "outlier dropped, mean of the closest two");
    CHECK(find("ENG", "youth")->value == 1);
    CHECK(find("EC", "father") == nullptr);
    // Scores follow from the consensus ratings: youth individual alliance = (1 + 1.5) / 2.
    const ScoreValue* ia = score(r, "consensus", "individual_alliance", "youth");
    REQUIRE(ia);
    CHECK(ia->value == Approx(1.25));
}

TEST_CASE("consensus rules for other numbers of coders", "[consensus]")
{
    using R = ConsensusRule;
    CHECK_FALSE(consensusOf(R::TwoOfThree, {}));
    CHECK(consensusOf(R::TwoOfThree, {3})->value == 3);
    CHECK(consensusOf(R::TwoOfThree, {1, 2})->value == 1.5);
    CHECK(consensusOf(R::TwoOfThree, {-3, 2, 3})->value == 2.5);
    CHECK(consensusOf(R::TwoOfThree, {-1, 0, 1})->value == 0); // equidistant: middle value
    CHECK(consensusOf(R::TwoOfThree, {1, 1, 1})->how == "all agree");
    CHECK(consensusOf(R::TwoOfThree, {0, 2, 2, 3})->value == 2);
    CHECK(consensusOf(R::TwoOfThree, {0, 1, 2, 3})->value == 1.5);
    CHECK(consensusOf(R::Mean, {1, 2, 4})->value == Approx(7.0 / 3.0));
    CHECK(consensusOf(R::Median, {1, 2, 4})->value == 2);

    MultiRater m;
    m.trainingWithin = 1;
    m.trainingProportion = 0.9;
    std::vector<std::pair<double, double>> pairs;
    for (int i = 0; i < 9; ++i)
        pairs.emplace_back(i % 3 - 1, i % 3 - 1 + (i % 2)); // all within one point
    pairs.emplace_back(3, 0); // one miss
    TrainingResult t = compareWithGold(m, pairs);
    CHECK(t.compared == 10);
    CHECK(t.within == 9);
    CHECK(t.passes); // exactly 90 %
    pairs.emplace_back(-3, 0);
    CHECK_FALSE(compareWithGold(m, pairs).passes); // 9 of 11
}

TEST_CASE("SOFTA-o: family-level items and ratings need two members present", "[scoring][softa]")
{
    Scheme s = shipped("softa-o-client.toml");
    SessionInput in;
    in.endUs = 50 * kMin;
    in.present = {{"mother", Role::Mother}, {"ther", Role::Therapist}};
    in.events = {{"A", "SSP-blame", "mother", "", kMin}, {"A", "ENG+goals", "ther", "", kMin},
                 {"A", "NOPE", "mother", "", kMin}};
    in.ratings = {{"A", "SSP", "family", 0, 1}, {"A", "ENG", "mother", 0, 5}, {"A", "ENG", "ghost", 0, 1}};
    SessionScores r = scoreSession(s, in);
    CHECK(r.tallies.empty());
    CHECK(r.ratings.empty());
    REQUIRE(r.problems.size() == 6);
    CHECK(r.problems[0].find("family-level item needs a family member as actor and at least 2 members present") != std::string::npos);
    CHECK(r.problems[1].find("actor 'ther' is not a member") != std::string::npos);
    CHECK(r.problems[2].find("'NOPE' is not an event or flag item") != std::string::npos);
    CHECK(r.problems[3].find("the family is rated only with at least 2 members present") != std::string::npos);
    CHECK(r.problems[4].find("5 is not a value of scale 'softa7'") != std::string::npos);
    CHECK(r.problems[5].find("'ghost' is not a client target present") != std::string::npos);
}

TEST_CASE("SOFTA-o therapist: behaviours per hour", "[scoring][softa]")
{
    Scheme s = shipped("softa-o-therapist.toml");
    SessionInput in;
    in.startUs = 2 * kMin; // session start marker two minutes into the recording
    in.endUs = 47 * kMin;  // 45-minute session
    in.present = {{"mother", Role::Mother}, {"ther", Role::Therapist}, {"co", Role::CoTherapist}};
    for (int i = 0; i < 3; ++i)
        in.events.push_back({"A", "T-ENG+explains", "ther", "", (5 + i) * kMin});
    in.events.push_back({"A", "T-ENG+explains", "ther", "", 1 * kMin}); // before the start marker
    in.events.push_back({"A", "T-SSP+common", "co", "", 10 * kMin});
    in.events.push_back({"A", "T-SSP-sides", "co", "", 11 * kMin}); // negative: not in the rate
    SessionScores r = scoreSession(s, in);
    CHECK(score(r, "A", "ENG_per_hour", "ther")->value == Approx(4.0)); // 3 per 45 min
    CHECK(score(r, "A", "ENG_per_hour", "co")->value == 0);
    CHECK(score(r, "A", "SSP_per_hour", "co")->value == Approx(60.0 / 45.0));
}

TEST_CASE("TPOCS-A child: reverse scoring, total, brief, bond and task means", "[scoring][tpocs]")
{
    Scheme s = shipped("tpocs-a-child.toml");
    SessionInput in;
    in.endUs = 50 * kMin;
    in.present = {{"kid", Role::Youth}, {"mum", Role::Mother}, {"ther", Role::Therapist}};
    const char* items[] = {"1-understood", "2-hostile", "3-positive-affect", "4-shares", "5-discomfort",
                           "6-mutual-discomfort", "7-changes-outside", "8-noncompliance", "9-work-equally"};
    double raw[] = {4, 1, 3, 5, 0, 2, 3, 1, 4};
    for (int i = 0; i < 9; ++i)
        in.ratings.push_back({"A", items[i], "kid", 0, raw[i]});
    // After reversing items 2, 5, 6, 8 (x -> 5 - x): 4 4 3 5 5 3 3 4 4.
    SessionScores r = scoreSession(s, in);
    CHECK(r.problems.empty());
    CHECK(score(r, "A", "total", "kid")->value == Approx(35.0 / 9.0));
    CHECK(score(r, "A", "total", "kid")->n == 9);
    CHECK(score(r, "A", "brief", "kid")->value == Approx(21.0 / 5.0)); // 4 3 5 5 4
    CHECK(score(r, "A", "bond_mean", "kid")->value == Approx(4.0));    // 4 4 3 5 5 3
    CHECK(score(r, "A", "task_mean", "kid")->value == Approx(11.0 / 3.0));
    CHECK(score(r, "A", "total", "mum") == nullptr);

    // A second coder: the analysis value is the mean of the two coders.
    for (int i = 0; i < 9; ++i)
        in.ratings.push_back({"B", items[i], "kid", 0, i == 0 ? 5.0 : raw[i]});
    in.ratings.push_back({"B", "1-understood", "kid", 0, 6}); // off the 0-5 scale
    SessionScores two = scoreSession(s, in);
    REQUIRE(two.problems.size() == 1);
    CHECK(two.problems[0].find("6 is not a value of scale 'tpocs6'") != std::string::npos);
    auto c = std::find_if(two.consensus.begin(), two.consensus.end(),
                          [](auto& x) { return x.ref == "1-understood"; });
    REQUIRE(c != two.consensus.end());
    CHECK(c->value == 4.5);
    CHECK(score(two, "consensus", "total", "kid")->value == Approx(35.5 / 9.0));
}

TEST_CASE("TABBS: ratings averaged over sessions 1-3 only", "[scoring][tabbs]")
{
    Scheme s = shipped("tabbs.toml");
    std::vector<SessionScores> sessions;
    double collab[] = {2, 3, 4, 5};
    for (int n = 1; n <= 4; ++n) {
        SessionInput in;
        in.sessionNumber = n;
        in.endUs = 60 * kMin;
        in.present = {{"kid", Role::Youth}, {"ther", Role::Therapist}};
        in.ratings = {{"A", "collaboration", "ther", 0, collab[n - 1]},
                      {"A", "overly-formal", "ther", 0, n == 2 ? 3.0 : 1.0}};
        sessions.push_back(scoreSession(s, in));
    }
    CHECK(sessions[0].coded);
    CHECK_FALSE(sessions[3].coded);
    CHECK(sessions[3].problems == std::vector<std::string>{"scheme 'tabbs' does not code session 4"});
    auto means = meanOverSessions(s, sessions);
    auto find = [&](const std::string& ref) {
        return *std::find_if(means.begin(), means.end(), [&](auto& m) { return m.ref == ref; });
    };
    CHECK(find("collaboration").mean == Approx(3.0)); // (2 + 3 + 4) / 3; session 4 left out
    CHECK(find("collaboration").sessions == 3);
    CHECK(find("overly-formal").mean == Approx(5.0 / 3.0));
    CHECK(find("collaboration").target == "ther");
}

TEST_CASE("rupture scheme: 5-minute segments, flags per segment, dyads, rates", "[scoring][rupture]")
{
    Scheme s = shipped("rupture-3rs.toml");
    SessionInput in;
    in.startUs = 0;
    in.endUs = 12 * kMin; // segments 0-5, 5-10, 10-12 minutes
    in.present = {{"mum", Role::Mother}, {"kid", Role::Youth}, {"ther", Role::Therapist}};
    in.events = {
        {"A", "W-minimal", "kid", "", 1 * kMin},
        {"A", "W-minimal", "kid", "", 2 * kMin}, // same flag, same segment: once
        {"A", "W-denial", "kid", "", 3 * kMin},
        {"A", "W-minimal", "kid", "", 6 * kMin},
        {"A", "R-clarifies", "ther", "", 7 * kMin},
        {"A", "W-hopeless", "kid", "", 11 * kMin},
        {"A", "F-confronts", "mum", "kid", 4 * kMin},
        {"A", "F-confronts", "mum", "ther", 4 * kMin}, // not a member -> member pair
    };
    in.ratings = {{"A", "withdrawal", "kid", 0, 3}, {"A", "withdrawal", "kid", 2, 5},
                  {"A", "within_system", "mum->kid", 0, 2}, {"A", "withdrawal", "kid", 3, 1}};
    SessionScores r = scoreSession(s, in);
    CHECK(r.units == 3);
    CHECK(tally(r, "A", "W-minimal", "kid", 0) == 1);
    CHECK(tally(r, "A", "W-minimal", "kid", 1) == 1);
    CHECK(tally(r, "A", "F-confronts", "mum->kid", 0) == 1);
    CHECK(score(r, "A", "withdrawal_markers", "kid", 0)->value == 2);
    CHECK(score(r, "A", "withdrawal_markers", "kid", 1)->value == 1);
    CHECK(score(r, "A", "resolution_strategies", "ther", 1)->value == 1);
    // The last segment lasts 2 minutes: 1 marker in 2 minutes = 30 per hour.
    CHECK(score(r, "A", "withdrawal_per_hour", "kid", 2)->value == Approx(30.0));
    CHECK(score(r, "A", "withdrawal_per_hour", "kid", 0)->value == Approx(24.0));
    REQUIRE(r.problems.size() == 2);
    CHECK(r.problems[0].find("'mum' -> 'ther' is not a member -> member pair") != std::string::npos);
    CHECK(r.problems[1].find("rating unit 3 does not exist") != std::string::npos);
    CHECK(r.ratings.size() == 3);
}

TEST_CASE("target instances follow roles and presence", "[scoring]")
{
    std::vector<Participant> p = {{"m", Role::Mother}, {"f", Role::Father}, {"y", Role::Youth},
                                  {"s", Role::Sibling}, {"t", Role::Therapist}};
    auto target = [](TargetKind k, int minMembers = 1, TargetKind actor = TargetKind::Member,
                     TargetKind to = TargetKind::Therapist) {
        Target t;
        t.id = "x";
        t.kind = k;
        t.minMembersPresent = minMembers;
        t.actor = actor;
        t.to = to;
        return t;
    };
    CHECK(targetInstances(target(TargetKind::Member), p) == std::vector<std::string>{"m", "f", "y", "s"});
    CHECK(targetInstances(target(TargetKind::Parent), p) == std::vector<std::string>{"m", "f"});
    CHECK(targetInstances(target(TargetKind::Child), p) == std::vector<std::string>{"y"});
    Target fam = target(TargetKind::Family, 2);
    CHECK(targetInstances(fam, p) == std::vector<std::string>{"family"});
    CHECK(targetInstances(fam, {{"m", Role::Mother}, {"t", Role::Therapist}}).empty());
    Target dyad = target(TargetKind::Dyad, 1, TargetKind::Parent, TargetKind::Therapist);
    CHECK(targetInstances(dyad, p) == std::vector<std::string>{"m->t", "f->t"});
}

TEST_CASE("scoring: bad session markers are reported, never overflow", "[scoring]")
{
    Scheme s = shipped("rupture-3rs.toml");
    SessionInput in;
    in.present = {{"kid", Role::Youth}, {"ther", Role::Therapist}};
    in.events = {{"A", "W-minimal", "kid", "", INT64_MAX}, {"A", "W-denial", "kid", "", INT64_MIN}};
    for (auto [start, end] : {std::pair<int64_t, int64_t>{INT64_MIN, INT64_MAX}, {0, 0}, {5, 1}, {0, INT64_MAX}}) {
        in.startUs = start;
        in.endUs = end;
        SessionScores r = scoreSession(s, in);
        if (start >= 0 && end > start) {
            CHECK(r.units == 100000); // capped
            CHECK(r.problems.empty());
        } else {
            CHECK(r.units == 1);
            CHECK(r.problems.front().rfind("the session markers are not 0 <= start < end", 0) == 0);
            CHECK(score(r, "A", "withdrawal_per_hour", "kid") == nullptr);
        }
    }
}
