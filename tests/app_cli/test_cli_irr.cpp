// bondline-cli irr: the output contract (docs/reliability.md) and the error contract
// (one line naming file and line, exit 1; usage errors exit 2).
#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/cli.h"
#include "tests/app_cli/cli_test_support.h"

using namespace app::cli;

namespace {
using cli_test::Run;
using cli_test::run;
std::string writeFile(const std::string& name, const std::string& text)
{
    return cli_test::writeFile("irr_" + name, text);
}
size_t countOf(const std::string& s, const std::string& needle)
{
    size_t n = 0;
    for (size_t p = s.find(needle); p != std::string::npos; p = s.find(needle, p + 1))
        ++n;
    return n;
}
bool has(const std::string& s, const std::string& needle)
{
    return s.find(needle) != std::string::npos;
}
} // namespace

TEST_CASE("irr ratings --json: every applicable measure for two numeric raters", "[cli][irr]")
{
    std::string f = writeFile("two.csv", "unit,rater,value\n"
                                         "1,ann,1\n1,bob,1\n2,ann,2\n2,bob,3\n3,ann,3\n3,bob,3\n4,ann,-3\n4,bob,-2\n"
                                         "5,ann,2\n5,bob,2\n6,ann,1\n");
    Run r = run({"irr", "ratings", f, "--json"});
    REQUIRE(r.code == Ok);
    CHECK(r.err.empty());
    CHECK(r.out.rfind("{\"results\":[", 0) == 0);
    CHECK(countOf(r.out, "\"measure\":\"percent_agreement\"") == 1);
    CHECK(countOf(r.out, "\"measure\":\"cohen_kappa\"") == 3);
    CHECK(has(r.out, "\"weights\":\"none\""));
    CHECK(has(r.out, "\"weights\":\"linear\""));
    CHECK(has(r.out, "\"weights\":\"quadratic\""));
    CHECK(countOf(r.out, "\"measure\":\"fleiss_kappa\"") == 2); // listwise + gwet (unit 6 is incomplete)
    CHECK(countOf(r.out, "\"measure\":\"krippendorff_alpha\"") == 3);
    for (const char* l : {"nominal", "ordinal", "interval"})
        CHECK(has(r.out, std::string("\"level\":\"") + l + "\""));
    CHECK(countOf(r.out, "\"measure\":\"anova\"") == 1);
    CHECK(countOf(r.out, "\"measure\":\"icc\"") == 6);
    for (const char* form : {"ICC(1,1)", "ICC(2,1)", "ICC(3,1)", "ICC(1,k)", "ICC(2,k)", "ICC(3,k)"})
        CHECK(has(r.out, std::string("\"form\":\"") + form + "\""));
    CHECK(has(r.out, "\"mcgraw_wong\":\"ICC(A,1)\""));
    for (const char* key : {"\"value\":", "\"se\":", "\"ci95\":[", "\"se0\":", "\"z\":", "\"p\":", "\"n\":5", "\"F\":",
                            "\"df1\":", "\"df2\":", "\"k\":2", "\"MSB\":", "\"MSW\":", "\"MSJ\":", "\"MSE\":",
                            "\"per_category\":{", "\"missing\":\"listwise\"", "\"raters\":[\"ann\",\"bob\"]", "\"within_one\":"})
        CHECK(has(r.out, key));
    CHECK_FALSE(has(r.out, "nan"));
    CHECK_FALSE(has(r.out, "NaN"));
}

TEST_CASE("irr ratings: nominal data and wide format", "[cli][irr]")
{
    std::string f = writeFile("wide.csv", "unit,c1,c2,c3\n1,eng,eng,eng\n2,emo,eng,\n3,saf,saf,saf\n4,eng,emo,emo\n");
    Run r = run({"irr", "ratings", f, "--wide", "--json"});
    REQUIRE(r.code == Ok);
    CHECK(countOf(r.out, "\"measure\":\"cohen_kappa\"") == 0); // three raters
    CHECK(countOf(r.out, "\"measure\":\"krippendorff_alpha\"") == 1);
    CHECK(countOf(r.out, "\"measure\":\"icc\"") == 0);
    CHECK(has(r.out, "\"dropped_units\":1"));
    // An incomplete unit: Fleiss listwise and Gwet's all-available variant, both named.
    CHECK(countOf(r.out, "\"measure\":\"fleiss_kappa\"") == 2);
    CHECK(has(r.out, "\"missing\":\"gwet\""));
    Run t = run({"irr", "ratings", f, "--wide"});
    REQUIRE(t.code == Ok);
    CHECK(has(t.out, "Fleiss' kappa"));
    CHECK(has(t.out, "Methods"));
    CHECK(has(t.out, "removed listwise"));
}

TEST_CASE("irr ratings: undefined as null with a reason, infinite F as \"inf\"", "[cli][irr]")
{
    std::string same = writeFile("same.csv", "unit,a,b\n1,3,3\n2,3,3\n3,3,3\n");
    Run r = run({"irr", "ratings", same, "--wide", "--json"});
    REQUIRE(r.code == Ok);
    CHECK(has(r.out, "\"value\":null"));
    CHECK(has(r.out, "\"undefined\":\""));
    CHECK_FALSE(has(r.out, "nan"));
    Run t = run({"irr", "ratings", same, "--wide"});
    CHECK(has(t.out, "undefined"));
    CHECK_FALSE(has(t.out, "nan"));

    std::string shifted = writeFile("shift.csv", "unit,a,b\n1,1,2\n2,3,4\n3,6,7\n");
    Run s = run({"irr", "ratings", shifted, "--wide", "--json"});
    REQUIRE(s.code == Ok);
    CHECK(has(s.out, "\"F\":\"inf\""));
    CHECK(has(s.out, "\"form\":\"ICC(3,1)\""));
    CHECK_FALSE(has(s.out, "e+30"));
    Run st = run({"irr", "ratings", shifted, "--wide"});
    CHECK(has(st.out, "inf"));
}

TEST_CASE("irr events and slices --json: contract fields", "[cli][irr]")
{
    std::string f = writeFile("events.csv", "coder,code,onset,offset\nA,x,10.0,\nA,x,12.0,\nB,x,11.6,\nB,x,13.8,\n"
                                            "A,y,20,25\nB,y,20.5,24\nB,z,30,\n");
    Run e = run({"irr", "events", f, "--coders", "A,B", "--tolerance", "2", "--json"});
    REQUIRE(e.code == Ok);
    for (const char* key : {"\"measure\":\"event_agreement\"", "\"coders\":[\"A\",\"B\"]", "\"tolerance_s\":2",
                            "\"labels\":[\"x\",\"y\",\"z\",\"(none)\"]", "\"confusion\":[[2,0,0,0],[0,1,0,0],[0,0,0,0],[0,0,1,0]]",
                            "\"n_a\":3", "\"n_b\":4", "\"pairs\":3", "\"agreements\":3", "\"disagreements\":0",
                            "\"unmatched_a\":0", "\"unmatched_b\":1", "\"p_o\":0.75", "\"p_e\":0.3125", "\"kappa\":",
                            "\"sum_abs_dt_ms\":3900", "\"curve\":[{\"tolerance_s\":0.04", "\"kappa_pairs_only\":1"})
        CHECK(has(e.out, key));
    Run s = run({"irr", "slices", f, "--coders", "A,B", "--slice", "1", "--start", "0", "--end", "40", "--json"});
    REQUIRE(s.code == Ok);
    for (const char* key : {"\"measure\":\"timeslice_agreement\"", "\"slice_s\":1", "\"start_s\":0", "\"end_s\":40",
                            "\"include_none\":true", "\"n_slices\":40", "\"confusion\":[[4,1],[0,35]]", "\"p_o\":0.975"})
        CHECK(has(s.out, key));
    Run n = run({"irr", "slices", f, "--coders", "A,B", "--slice", "1", "--start", "0", "--end", "40", "--no-none", "--json"});
    REQUIRE(n.code == Ok);
    CHECK(has(n.out, "\"include_none\":false"));
    CHECK(has(n.out, "\"n_slices\":5"));
    Run txt = run({"irr", "events", f, "--coders", "A,B", "--tolerance", "2"});
    CHECK(has(txt.out, "Kappa versus tolerance"));
    CHECK(has(txt.out, "(none)"));
}

TEST_CASE("irr: bad input is one line naming file and line, exit 1", "[cli][irr]")
{
    struct Case {
        const char* name;
        const char* text;
        std::vector<std::string> args;
        const char* expected; // after the file path
    };
    const std::vector<Case> cases{
        {"empty.csv", "", {"ratings"}, ": file is empty"},
        {"nocol.csv", "unit,rater\n1,a\n", {"ratings"}, ":1: missing column 'value'"},
        {"onerater.csv", "unit,rater,value\n1,a,1\n2,a,2\n", {"ratings"}, ": fewer than two raters"},
        {"scale.csv", "unit,rater,value\n1,a,1\n1,b,9\n", {"ratings", "--scale", "1:7"}, ":3: value 9 is outside --scale"},
        {"evempty.csv", "", {"events", "--coders", "A,B", "--tolerance", "1"}, ": file is empty"},
        {"evcol.csv", "coder,code,onset\nA,x,1\n", {"events", "--coders", "A,B", "--tolerance", "1"}, ":1: missing column 'offset'"},
        {"evtime.csv", "coder,code,onset,offset\nA,x,1,\nB,x,1.5s,\n", {"events", "--coders", "A,B", "--tolerance", "1"},
         ":3: onset '1.5s' is not a number of seconds"},
        {"evorder.csv", "coder,code,onset,offset\nA,x,4,3\n", {"slices", "--coders", "A,B", "--slice", "1", "--start", "0", "--end", "5"},
         ":2: offset 3 is before onset 4"},
        {"evcoder.csv", "coder,code,onset,offset\nA,x,1,\n", {"events", "--coders", "A,B", "--tolerance", "1"}, ": coder 'B' has no events"},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        std::string path = writeFile(c.name, c.text);
        std::vector<std::string> args{"irr", c.args[0], path};
        args.insert(args.end(), c.args.begin() + 1, c.args.end());
        Run r = run(args);
        CHECK(r.code == UserError);
        CHECK(r.out.empty());
        CHECK(countOf(r.err, "\n") == 1);
        CHECK(has(r.err, "bondline-cli: irr: " + path + c.expected));
    }
    Run missing = run({"irr", "ratings", std::string(BONDLINE_TEST_DATA_DIR) + "/irr_does_not_exist.csv"});
    CHECK(missing.code == UserError);
    CHECK(has(missing.err, "irr_does_not_exist.csv: cannot open file"));
}

TEST_CASE("irr: usage errors exit 2", "[cli][irr]")
{
    std::string f = writeFile("u.csv", "coder,code,onset,offset\nA,x,1,\nB,x,1,\n");
    CHECK(run({"irr"}).code == UsageError);
    CHECK(run({"irr", "frobnicate"}).code == UsageError);
    CHECK(run({"irr", "ratings"}).code == UsageError);
    CHECK(run({"irr", "ratings", f, "--scale", "7:1"}).code == UsageError);
    CHECK(run({"irr", "events", f, "--coders", "A"}).code == UsageError);
    CHECK(run({"irr", "events", f, "--coders", "A,B"}).code == UsageError);
    CHECK(run({"irr", "events", f, "--coders", "A,B", "--tolerance", "-1"}).code == UsageError);
    CHECK(run({"irr", "slices", f, "--coders", "A,B", "--slice", "0.3", "--start", "0", "--end", "1"}).code == UsageError);
    CHECK(run({"irr", "slices", f, "--coders", "A,B", "--slice", "1", "--start", "2", "--end", "1"}).code == UsageError);
    CHECK(run({"irr", "slices", f, "--coders", "A,B", "--slice", "0.001", "--start", "0", "--end", "1e9"}).code == UsageError);
    for (const char* sub : {"ratings", "events", "slices"}) {
        Run h = run({"irr", sub, "--help"});
        CHECK(h.code == Ok);
        CHECK(h.out.rfind(std::string("usage: bondline-cli irr ") + sub, 0) == 0);
    }
}

TEST_CASE("irr: the binary exits 1 on a bad file and 0 on a good one", "[cli][irr][process]")
{
    std::string exe = BONDLINE_CLI_EXE;
    std::string bad = writeFile("proc_bad.csv", "unit,rater\n");
    std::string good = writeFile("proc_good.csv", "unit,a,b\n1,1,2\n2,2,2\n3,3,3\n");
    CHECK(WEXITSTATUS(std::system((exe + " irr ratings " + bad + " 2>/dev/null").c_str())) == 1);
    CHECK(WEXITSTATUS(std::system((exe + " irr ratings --wide " + good + " --json >/dev/null").c_str())) == 0);
}
