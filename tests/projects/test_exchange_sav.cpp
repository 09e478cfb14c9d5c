#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "projects/exchange_sav.h"
#include "projects/store.h"
#include "tests/projects/project_fixture.h"

#ifdef BONDLINE_HAVE_READSTAT
#include <readstat.h>
#endif

using namespace projects;
namespace fs = std::filesystem;

namespace {

fs::path savPath(const std::string& name)
{
    const fs::path p = fixture::freshPath(name);
    fs::remove(p);
    return p;
}

ProjectData ratedFamily(const std::string& name)
{
    Store store = Store::create(fixture::freshPath(name + ".bondline"));
    auto f = fixture::addFamily(store);
    auto rate = [&](const Coder& c, const std::string& ref, const std::string& target, int unit, double v) {
        store.setRating({.sessionId = f.session.id, .coderId = c.id, .schemeRefId = f.scheme.id, .ref = ref,
                         .target = target, .unit = unit, .value = v});
    };
    rate(f.anna, "ENG", f.mother.uuid, 0, 2);
    rate(f.anna, "ENG", f.youth.uuid, 0, -1.5);
    rate(f.anna, "SSP", "family", 0, 1);
    rate(f.bram, "ENG", f.mother.uuid, 0, 3);
    rate(f.bram, "SAF", f.father.uuid, 2, 0);
    rate(f.bram, "ALL", f.mother.uuid + "->" + f.therapist.uuid, 1, -3);
    return store.snapshot();
}

#ifdef BONDLINE_HAVE_READSTAT

// What ReadStat's own parser finds in a .sav file.
struct SavContents {
    long rowCount = -1;
    std::vector<std::string> names, labels;
    std::map<std::string, std::string> labelSetOf;  // variable -> value label set name
    std::map<std::string, std::map<int, std::string>> valueLabels; // set -> value -> label
    std::vector<std::map<std::string, std::string>> rows;           // as text
    std::vector<std::map<std::string, bool>> missing;
};

SavContents readSav(const fs::path& file)
{
    SavContents out;
    readstat_parser_t* parser = readstat_parser_init();
    readstat_set_metadata_handler(parser, [](readstat_metadata_t* m, void* ctx) {
        static_cast<SavContents*>(ctx)->rowCount = readstat_get_row_count(m);
        return int(READSTAT_HANDLER_OK);
    });
    readstat_set_variable_handler(parser, [](int, readstat_variable_t* v, const char* valLabels, void* ctx) {
        auto& c = *static_cast<SavContents*>(ctx);
        c.names.push_back(readstat_variable_get_name(v));
        const char* label = readstat_variable_get_label(v);
        c.labels.push_back(label ? label : "");
        if (valLabels)
            c.labelSetOf[c.names.back()] = valLabels;
        return int(READSTAT_HANDLER_OK);
    });
    readstat_set_value_handler(parser, [](int obs, readstat_variable_t* v, readstat_value_t value, void* ctx) {
        auto& c = *static_cast<SavContents*>(ctx);
        if (static_cast<size_t>(obs) >= c.rows.size()) {
            c.rows.resize(obs + 1);
            c.missing.resize(obs + 1);
        }
        const std::string name = readstat_variable_get_name(v);
        c.missing[obs][name] = readstat_value_is_system_missing(value);
        std::string text;
        switch (readstat_value_type(value)) {
        case READSTAT_TYPE_STRING: text = readstat_string_value(value) ? readstat_string_value(value) : ""; break;
        case READSTAT_TYPE_INT32: text = std::to_string(readstat_int32_value(value)); break;
        case READSTAT_TYPE_INT8: text = std::to_string(readstat_int8_value(value)); break;
        case READSTAT_TYPE_INT16: text = std::to_string(readstat_int16_value(value)); break;
        default: {
            // SPSS stores every number as a double: whole numbers are shown as integers.
            const double x = readstat_double_value(value);
            text = x == static_cast<double>(static_cast<long long>(x)) ? std::to_string(static_cast<long long>(x))
                                                                       : std::to_string(x);
            break;
        }
        }
        c.rows[obs][name] = text;
        return int(READSTAT_HANDLER_OK);
    });
    readstat_set_value_label_handler(parser, [](const char* set, readstat_value_t value, const char* label, void* ctx) {
        auto& c = *static_cast<SavContents*>(ctx);
        const int v = readstat_value_type(value) == READSTAT_TYPE_DOUBLE ? static_cast<int>(readstat_double_value(value))
                                                                         : readstat_int32_value(value);
        c.valueLabels[set][v] = label;
        return int(READSTAT_HANDLER_OK);
    });
    const readstat_error_t err = readstat_parse_sav(parser, file.string().c_str(), &out);
    readstat_parser_free(parser);
    INFO(readstat_error_message(err));
    REQUIRE(err == READSTAT_OK);
    return out;
}

#endif

} // namespace

#ifdef BONDLINE_HAVE_READSTAT

TEST_CASE("SPSS export writes one row per rating with labels that ReadStat reads back", "[exchange][sav]")
{
    REQUIRE(savExportAvailable());
    const ProjectData d = ratedFamily("sav-export");
    const fs::path file = savPath("sav-export.sav");
    exportSav(d, file);
    CHECK_FALSE(fs::exists(fs::path(file.string() + ".tmp")));

    const SavContents sav = readSav(file);
    CHECK(sav.rowCount == 6);
    REQUIRE(sav.rows.size() == 6);
    CHECK(sav.names == std::vector<std::string>{"case", "session", "phase", "coder", "scheme", "participant", "role",
                                                 "ref", "unit", "value"});
    CHECK(sav.labels[6] == "Role of the rated participant (missing for family and dyads)");
    CHECK(sav.labels[7] == "Rated dimension or item id");

    // Value labels of `role`.
    REQUIRE(sav.labelSetOf.count("role"));
    const auto& roleLabels = sav.valueLabels.at(sav.labelSetOf.at("role"));
    CHECK(roleLabels.size() == 11);
    CHECK(roleLabels.at(savRoleCode(Role::Mother)) == "mother");
    CHECK(roleLabels.at(savRoleCode(Role::CoTherapist)) == "co-therapist");
    CHECK(roleLabels.at(1) == "youth");

    // Sorted by coder, ref, participant: anna ENG M, anna ENG Y, anna SSP family, bram ALL, bram ENG, bram SAF.
    const auto& r0 = sav.rows[0];
    CHECK(r0.at("case") == "F017");
    CHECK(r0.at("session") == "1");
    CHECK(r0.at("phase") == "early");
    CHECK(r0.at("coder") == "anna");
    CHECK(r0.at("scheme") == "softa-o-client 1.0");
    CHECK(r0.at("participant") == "M");
    CHECK(r0.at("role") == std::to_string(savRoleCode(Role::Mother)));
    CHECK(r0.at("ref") == "ENG");
    CHECK(r0.at("unit") == "0");
    CHECK(std::stod(r0.at("value")) == Approx(2.0));

    CHECK(sav.rows[1].at("participant") == "Y");
    CHECK(std::stod(sav.rows[1].at("value")) == Approx(-1.5));
    CHECK(sav.rows[2].at("participant") == "family");
    CHECK(sav.missing[2].at("role"));
    CHECK(sav.rows[3].at("participant") == "M->T");
    CHECK(sav.rows[3].at("unit") == "1");
    CHECK(sav.missing[3].at("role"));
    CHECK(std::stod(sav.rows[3].at("value")) == Approx(-3.0));
    CHECK(sav.rows[5].at("ref") == "SAF");
    CHECK(sav.rows[5].at("role") == std::to_string(savRoleCode(Role::Father)));
    CHECK(sav.rows[5].at("unit") == "2");
}

TEST_CASE("SPSS export of a project without ratings is a valid empty file", "[exchange][sav]")
{
    Store store = Store::create(fixture::freshPath("sav-empty.bondline"));
    fixture::addFamily(store);
    const fs::path file = savPath("sav-empty.sav");
    exportSav(store.snapshot(), file);
    const SavContents sav = readSav(file);
    CHECK(sav.rowCount == 0);
    CHECK(sav.names.size() == 10);
}

TEST_CASE("SPSS export to a folder that does not exist fails naming the file", "[exchange][sav][errors]")
{
    const fs::path file = fs::path(BONDLINE_TEST_DATA_DIR) / "projects" / "no-such-dir" / "x.sav";
    try {
        exportSav(ratedFamily("sav-nodir"), file);
        FAIL("no error");
    } catch (const ProjectError& e) {
        CHECK(std::string(e.what()) == file.string() + ": cannot write the file");
    }
    CHECK_FALSE(fs::exists(file));
}

#else

TEST_CASE("SPSS export without ReadStat says so", "[exchange][sav]")
{
    CHECK_FALSE(savExportAvailable());
    const fs::path file = savPath("sav-unavailable.sav");
    try {
        exportSav(ratedFamily("sav-unavailable"), file);
        FAIL("no error");
    } catch (const ProjectError& e) {
        CHECK(std::string(e.what()).find("needs ReadStat") != std::string::npos);
    }
    CHECK_FALSE(fs::exists(file));
}

#endif
