// SPSS .sav export through ReadStat's writer API. See exchange_sav.h.
#include "projects/exchange_sav.h"
#include "projects/exchange_common.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#ifdef BONDLINE_HAVE_READSTAT
#include <readstat.h>
#endif

namespace fs = std::filesystem;

namespace projects {

namespace {

constexpr Role kAllRoles[] = {Role::Youth,   Role::Mother,    Role::Father,      Role::StepParent,
                              Role::FosterParent, Role::Parent, Role::Sibling, Role::Network,
                              Role::Therapist, Role::CoTherapist, Role::Other};

} // namespace

int savRoleCode(Role r)
{
    for (size_t i = 0; i < std::size(kAllRoles); ++i)
        if (kAllRoles[i] == r)
            return static_cast<int>(i) + 1;
    return static_cast<int>(std::size(kAllRoles));
}

#ifndef BONDLINE_HAVE_READSTAT

bool savExportAvailable()
{
    return false;
}

void exportSav(const ProjectData&, const fs::path& out)
{
    throw ProjectError(ProjectError::Kind::Invalid, out.string(),
                       "SPSS export needs ReadStat (Debian package libreadstat-dev); this build was made without it");
}

#else

namespace {

struct WriterDeleter {
    void operator()(readstat_writer_t* w) const { readstat_writer_free(w); }
};

// One output row, already resolved to text and numbers.
struct SavRow {
    std::string caseCode;
    int session = 0;
    std::string phase, coder, scheme, participant;
    std::optional<int> role;
    std::string ref;
    int unit = 0;
    double value = 0;
};

ssize_t writeBytes(const void* data, size_t len, void* ctx)
{
    auto& f = *static_cast<std::ofstream*>(ctx);
    f.write(static_cast<const char*>(data), static_cast<std::streamsize>(len));
    return f ? static_cast<ssize_t>(len) : -1;
}

using exchange::findById;

std::vector<SavRow> rowsOf(const ProjectData& d)
{
    std::map<std::string, const Participant*> byUuid;
    for (const auto& p : d.participants)
        if (!p.uuid.empty())
            byUuid[p.uuid] = &p;
    auto codeOf = [&](const std::string& uuid) {
        auto it = byUuid.find(uuid);
        return it == byUuid.end() ? uuid : it->second->code;
    };

    std::vector<SavRow> rows;
    rows.reserve(d.ratings.size());
    for (const auto& r : d.ratings) {
        SavRow row;
        if (const Session* s = findById(d.sessions, r.sessionId)) {
            row.session = s->number;
            row.phase = s->phase;
            if (const Case* c = findById(d.cases, s->caseId))
                row.caseCode = c->code;
        }
        if (const Coder* c = findById(d.coders, r.coderId))
            row.coder = c->name;
        if (const SchemeRef* s = findById(d.schemes, r.schemeRefId))
            row.scheme = s->schemeId + (s->version.empty() ? "" : " " + s->version);
        if (r.target == "family") {
            row.participant = "family";
        } else if (auto arrow = r.target.find("->"); arrow != std::string::npos) {
            row.participant = codeOf(r.target.substr(0, arrow)) + "->" + codeOf(r.target.substr(arrow + 2));
        } else if (auto it = byUuid.find(r.target); it != byUuid.end()) {
            row.participant = it->second->code;
            row.role = savRoleCode(it->second->role);
        } else {
            row.participant = r.target;
        }
        row.ref = r.ref;
        row.unit = r.unit;
        row.value = r.value;
        rows.push_back(std::move(row));
    }
    std::stable_sort(rows.begin(), rows.end(), [](const SavRow& a, const SavRow& b) {
        return std::tie(a.caseCode, a.session, a.coder, a.scheme, a.ref, a.participant, a.unit)
            < std::tie(b.caseCode, b.session, b.coder, b.scheme, b.ref, b.participant, b.unit);
    });
    return rows;
}

} // namespace

bool savExportAvailable()
{
    return true;
}

void exportSav(const ProjectData& d, const fs::path& out)
{
    const std::vector<SavRow> rows = rowsOf(d);
    auto fail = [&](const std::string& problem) { throw ProjectError(ProjectError::Kind::Io, out.string(), problem); };
    auto check = [&](readstat_error_t err, const char* what) {
        if (err != READSTAT_OK)
            fail(std::string("ReadStat could not ") + what + ": " + readstat_error_message(err));
    };

    // String variables are as wide as their longest value (at least 1 byte).
    auto width = [&](auto field) {
        size_t w = 1;
        for (const auto& r : rows)
            w = std::max(w, field(r).size());
        return w;
    };

    fs::path tmp = out;
    tmp += ".tmp";
    try {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f)
            fail("cannot write the file");
        std::unique_ptr<readstat_writer_t, WriterDeleter> writer(readstat_writer_init());
        if (!writer)
            fail("out of memory");
        auto* w = writer.get();
        check(readstat_set_data_writer(w, writeBytes), "set up the writer");
        check(readstat_writer_set_file_label(w, "Bondline ratings"), "set the file label");

        readstat_label_set_t* roles = readstat_add_label_set(w, READSTAT_TYPE_INT32, "roles");
        for (Role r : kAllRoles)
            readstat_label_int32_value(roles, savRoleCode(r), roleName(r));

        auto addString = [&](const char* name, const char* label, size_t storage) {
            readstat_variable_t* v = readstat_add_variable(w, name, READSTAT_TYPE_STRING, storage);
            readstat_variable_set_label(v, label);
            readstat_variable_set_measure(v, READSTAT_MEASURE_NOMINAL);
            return v;
        };
        auto addNumber = [&](const char* name, const char* label, readstat_type_t type, readstat_measure_t measure) {
            readstat_variable_t* v = readstat_add_variable(w, name, type, 0);
            readstat_variable_set_label(v, label);
            readstat_variable_set_measure(v, measure);
            return v;
        };
        auto* vCase = addString("case", "Case (family) code", width([](const SavRow& r) -> const std::string& { return r.caseCode; }));
        auto* vSession = addNumber("session", "Session number within the case", READSTAT_TYPE_INT32, READSTAT_MEASURE_ORDINAL);
        auto* vPhase = addString("phase", "Treatment phase of the session", width([](const SavRow& r) -> const std::string& { return r.phase; }));
        auto* vCoder = addString("coder", "Coder who gave the rating", width([](const SavRow& r) -> const std::string& { return r.coder; }));
        auto* vScheme = addString("scheme", "Coding scheme id and version", width([](const SavRow& r) -> const std::string& { return r.scheme; }));
        auto* vParticipant = addString("participant", "Rated participant code (family, or actor->target for dyads)",
                                       width([](const SavRow& r) -> const std::string& { return r.participant; }));
        auto* vRole = addNumber("role", "Role of the rated participant (missing for family and dyads)", READSTAT_TYPE_INT32,
                                READSTAT_MEASURE_NOMINAL);
        readstat_variable_set_label_set(vRole, roles);
        auto* vRef = addString("ref", "Rated dimension or item id", width([](const SavRow& r) -> const std::string& { return r.ref; }));
        auto* vUnit = addNumber("unit", "Rating unit (0 = whole session)", READSTAT_TYPE_INT32, READSTAT_MEASURE_ORDINAL);
        auto* vValue = addNumber("value", "Rating value", READSTAT_TYPE_DOUBLE, READSTAT_MEASURE_SCALE);
        readstat_variable_set_format(vValue, "F8.2");

        check(readstat_begin_writing_sav(w, &f, static_cast<long>(rows.size())), "start the file");
        for (const auto& r : rows) {
            check(readstat_begin_row(w), "start a row");
            check(readstat_insert_string_value(w, vCase, r.caseCode.c_str()), "write a value");
            check(readstat_insert_int32_value(w, vSession, r.session), "write a value");
            check(readstat_insert_string_value(w, vPhase, r.phase.c_str()), "write a value");
            check(readstat_insert_string_value(w, vCoder, r.coder.c_str()), "write a value");
            check(readstat_insert_string_value(w, vScheme, r.scheme.c_str()), "write a value");
            check(readstat_insert_string_value(w, vParticipant, r.participant.c_str()), "write a value");
            check(r.role ? readstat_insert_int32_value(w, vRole, *r.role) : readstat_insert_missing_value(w, vRole),
                  "write a value");
            check(readstat_insert_string_value(w, vRef, r.ref.c_str()), "write a value");
            check(readstat_insert_int32_value(w, vUnit, r.unit), "write a value");
            check(std::isfinite(r.value) ? readstat_insert_double_value(w, vValue, r.value)
                                         : readstat_insert_missing_value(w, vValue),
                  "write a value");
            check(readstat_end_row(w), "finish a row");
        }
        check(readstat_end_writing(w), "finish the file");
        f.close();
        if (!f)
            fail("cannot write the file");
    } catch (...) {
        std::error_code ec;
        fs::remove(tmp, ec); // never leave half a file behind
        throw;
    }
    std::error_code ec;
    fs::rename(tmp, out, ec);
    if (ec) {
        fs::remove(tmp, ec);
        fail("cannot write the file");
    }
}

#endif

} // namespace projects
