#include <catch2/catch.hpp>

#include <string>

#include "interrater/csv_reader.h"
#include "interrater/events.h"
#include "interrater/input_error.h"
#include "interrater/ratings_table.h"

using namespace irr;

namespace {
RatingsTable ratings(const std::string& text, bool wide = false, std::optional<std::pair<double, double>> scale = {})
{
    CsvReader csv = CsvReader::fromString("r.csv", text);
    RatingsOptions o;
    o.wide = wide;
    o.scale = scale;
    return readRatings(csv, o);
}
std::string ratingsError(const std::string& text, bool wide = false, std::optional<std::pair<double, double>> scale = {})
{
    try {
        ratings(text, wide, scale);
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}
std::string eventsError(const std::string& text)
{
    try {
        CsvReader csv = CsvReader::fromString("e.csv", text);
        readEvents(csv);
    } catch (const InputError& e) {
        return e.what();
    }
    return "no error";
}
} // namespace

TEST_CASE("Long ratings CSV: absent rows are missing, numeric detection", "[inputs]")
{
    RatingsTable t = ratings("unit,rater,value\nu1,ann,1\nu1,bob,2\nu2,ann,1.0\nu3,bob,-3\n");
    CHECK(t.raters == std::vector<std::string>{"ann", "bob"});
    CHECK(t.units == std::vector<std::string>{"u1", "u2", "u3"});
    CHECK(t.numeric);
    // "1" and "1.0" are one category; sorted by value.
    CHECK(t.categories == std::vector<std::string>{"-3", "1", "2"});
    CHECK(t.at(1, 1) == RatingsTable::kMissing);
    CHECK(t.at(2, 0) == RatingsTable::kMissing);
    CHECK(t.at(0, 0) == t.at(1, 0));
}

TEST_CASE("Wide ratings CSV with empty cells, quotes, BOM and CRLF", "[inputs]")
{
    RatingsTable t = ratings("\xEF\xBB\xBFunit,\"Coder, A\",B\r\n1,low,high\r\n2,,\"mid\"\r\n\r\n3,low,low\r\n", true);
    CHECK(t.raters == std::vector<std::string>{"Coder, A", "B"});
    CHECK_FALSE(t.numeric);
    CHECK(t.categories == std::vector<std::string>{"high", "low", "mid"});
    CHECK(t.at(1, 0) == RatingsTable::kMissing);
    CHECK(t.unitCount() == 3);
}

TEST_CASE("Bad ratings CSV: one-line errors naming file and line", "[inputs]")
{
    CHECK(ratingsError("") == "r.csv: file is empty");
    CHECK(ratingsError("\n\n") == "r.csv: file is empty");
    CHECK(ratingsError("unit,rater\nu,a\n") ==
          "r.csv:1: missing column 'value' (header must be unit,rater,value; use --wide for one column per rater)");
    CHECK(ratingsError("unit,rater,value\nu1,a,1\nu2,a,2\n") == "r.csv: fewer than two raters (found only 'a')");
    CHECK(ratingsError("unit,rater,value\nu1,a,1\nu1,b,2\nu1,a,3\n") ==
          "r.csv:4: rater 'a' already rated unit 'u1' on line 2");
    CHECK(ratingsError("unit,rater,value\nu1,a\n") == "r.csv:2: expected at least 3 fields, found 2");
    CHECK(ratingsError("unit,a\n1,2\n", true) == "r.csv:1: fewer than two raters (wide header must be unit,<rater1>,<rater2>,...)");
    CHECK(ratingsError("unit,a,b\n1,2\n", true) == "r.csv:2: expected 3 fields, found 2");
    CHECK(ratingsError("unit,a,b\n1,2,3\n1,2,3\n", true) == "r.csv:3: unit '1' already given on line 2");
    CHECK(ratingsError("unit,a,b\n1,2,\"3\n", true) == "r.csv:2: unterminated quoted field");
    CHECK(ratingsError("unit,a,b\n1,2,9\n", true, std::make_pair(1.0, 7.0)) == "r.csv:2: value 9 is outside --scale");
    CHECK(ratingsError("unit,a,b\n1,2,x\n", true, std::make_pair(1.0, 7.0)) ==
          "r.csv:2: value 'x' is not a number (--scale given)");
    CHECK(ratingsError("unit,a,b\n", true) == "r.csv:1: no ratings after the header");
}

TEST_CASE("Events CSV: parsing and errors", "[inputs]")
{
    CsvReader csv = CsvReader::fromString("e.csv", "coder,code,onset,offset\nA,x,1.0005,\nA,y,2,3.5\nB,x,1\n");
    EventLog log = readEvents(csv);
    REQUIRE(log.events.size() == 3);
    CHECK(log.events[0].onsetMs == 1001); // round half away from zero
    CHECK_FALSE(log.events[0].offsetMs);
    CHECK(*log.events[1].offsetMs == 3500);
    CHECK(log.coder("A").size() == 2);
    CHECK_THROWS_WITH(log.coder("C"), "e.csv: coder 'C' has no events");

    CHECK(eventsError("") == "e.csv: file is empty");
    CHECK(eventsError("coder,code,onset\nA,x,1\n") == "e.csv:1: missing column 'offset' (header must be coder,code,onset,offset)");
    CHECK(eventsError("coder,code,onset,offset\nA,x,abc,\n") == "e.csv:2: onset 'abc' is not a number of seconds");
    CHECK(eventsError("coder,code,onset,offset\nA,x,1,2\nA,x,5,4\n") == "e.csv:3: offset 4 is before onset 5");
    CHECK(eventsError("coder,code,onset,offset\nA,x,1,nan\n") == "e.csv:2: offset 'nan' is not a number of seconds");
    CHECK(eventsError("coder,code,onset,offset\nA,,1,\n") == "e.csv:2: code is empty");
    CHECK(eventsError("coder,code,onset,offset\nA,x,-1,\n") == "e.csv:2: onset -1 is negative");
    CHECK(eventsError("coder,code,onset,offset\n") == "e.csv:1: no events after the header");
}

TEST_CASE("CSV records: quoted fields may hold line breaks (RFC 4180)", "[inputs]")
{
    CsvReader csv = CsvReader::fromString("q.csv", "a,b,c\r\n1,\"two\nlines, \"\"quoted\"\"\r\nthree\",x\n\n4, y ,\"\"\n");
    REQUIRE(csv.next());
    CHECK(csv.line() == 1);
    REQUIRE(csv.next());
    CHECK(csv.line() == 2);
    REQUIRE(csv.size() == 3);
    CHECK(csv.field(0) == "1");
    CHECK(csv.field(1) == "two\nlines, \"quoted\"\r\nthree");
    CHECK(csv.field(2) == "x");
    REQUIRE(csv.next());
    CHECK(csv.line() == 6); // after the three lines of record 2 and a blank line
    REQUIRE(csv.size() == 3);
    CHECK(csv.field(1) == "y");
    CHECK(csv.field(2).empty());
    CHECK_FALSE(csv.next());
}
