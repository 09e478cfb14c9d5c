// Long CSV import (and the exact seconds <-> µs conversions). See exchange_csv.h.
#include "projects/exchange_csv.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <map>

#include "interrater/csv_reader.h"
#include "interrater/input_error.h"
#include "projects/exchange_common.h"
#include "projects/store.h"

namespace fs = std::filesystem;

namespace projects {

std::string formatSecondsUs(int64_t us)
{
    const bool neg = us < 0;
    const uint64_t a = neg ? static_cast<uint64_t>(-(us + 1)) + 1 : static_cast<uint64_t>(us);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%s%llu.%06llu", neg ? "-" : "", static_cast<unsigned long long>(a / 1000000),
                  static_cast<unsigned long long>(a % 1000000));
    return buf;
}

bool parseSecondsUs(const std::string& s, int64_t* us)
{
    size_t i = 0;
    bool neg = false;
    if (i < s.size() && (s[i] == '-' || s[i] == '+'))
        neg = s[i++] == '-';
    int64_t whole = 0;
    int digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        if (whole > 9'000'000'000'000)
            return false;
        whole = whole * 10 + (s[i++] - '0');
        ++digits;
    }
    int64_t frac = 0;
    int fracDigits = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            if (fracDigits == 6)
                return false;
            frac = frac * 10 + (s[i++] - '0');
            ++fracDigits;
        }
    }
    if (i != s.size() || digits + fracDigits == 0)
        return false;
    for (int k = fracDigits; k < 6; ++k)
        frac *= 10;
    *us = (whole * 1000000 + frac) * (neg ? -1 : 1);
    return true;
}

namespace {
bool parseInt(const std::string& s, int64_t* out)
{
    if (s.empty())
        return false;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
    return ec == std::errc() && p == s.data() + s.size();
}
} // namespace

ProjectData importLongCsv(const fs::path& path)
{
    const std::string name = path.string();
    try {
        auto csv = irr::CsvReader::fromFile(name);
        if (!csv.next())
            throw ProjectError(ProjectError::Kind::Invalid, name, "no header row");
        std::map<std::string, size_t> colIndex;
        for (size_t i = 0; i < csv.size(); ++i)
            colIndex[std::string(csv.field(i))] = i;
        for (const char* required : {"record", "case", "session", "coder", "scheme_hash", "participant", "item",
                                     "dimension", "onset_us", "value"})
            if (!colIndex.count(required))
                throw ProjectError(ProjectError::Kind::Invalid, name + ":1",
                                   std::string("missing column '") + required
                                       + "' (expected the long format of bondline-cli export --format long-csv)");
        const size_t headerSize = csv.size();

        ProjectData d;
        exchange::StableUuids uuids(d, "csv");
        std::map<std::string, RowId> caseIds, coderIds, schemeIds;
        std::map<std::pair<RowId, std::string>, RowId> partIds;
        std::map<std::pair<RowId, int>, RowId> sessionIds;
        std::map<RowId, std::string> partUuid;

        while (csv.next()) {
            const long line = csv.line();
            auto fail = [&](const std::string& problem) -> ProjectError {
                return ProjectError(ProjectError::Kind::Invalid, name + ":" + std::to_string(line), problem);
            };
            if (csv.size() != headerSize)
                throw fail("expected " + std::to_string(headerSize) + " fields, found " + std::to_string(csv.size()));
            auto get = [&](const char* c) -> std::string {
                auto it = colIndex.find(c);
                return it == colIndex.end() ? std::string() : std::string(csv.field(it->second));
            };
            const std::string record = get("record");
            if (record == "score")
                continue; // derived; recomputed from the ratings
            if (record != "coding" && record != "rating")
                throw fail("unknown record '" + record + "' (coding, rating or score)");

            const std::string caseCode = get("case");
            if (caseCode.empty())
                throw fail("empty case");
            RowId& caseId = caseIds[caseCode];
            if (!caseId) {
                caseId = static_cast<RowId>(d.cases.size() + 1);
                d.cases.push_back({.id = caseId, .code = caseCode});
            }
            int64_t sessionNumber = 0;
            if (!parseInt(get("session"), &sessionNumber) || sessionNumber <= 0 || sessionNumber > 100000)
                throw fail("session must be a positive whole number, not '" + get("session") + "'");
            const int number = static_cast<int>(sessionNumber);
            RowId& sessionId = sessionIds[{caseId, number}];
            if (!sessionId) {
                sessionId = static_cast<RowId>(d.sessions.size() + 1);
                Session s;
                s.id = sessionId;
                s.caseId = caseId;
                s.number = number;
                s.phase = get("phase");
                s.date = get("date");
                d.sessions.push_back(s);
            }
            const std::string coder = get("coder");
            if (coder.empty())
                throw fail("empty coder");
            RowId& coderId = coderIds[coder];
            if (!coderId) {
                coderId = static_cast<RowId>(d.coders.size() + 1);
                d.coders.push_back({.id = coderId, .name = coder});
            }
            const std::string hash = get("scheme_hash");
            if (hash.rfind("sha256:", 0) != 0)
                throw fail("scheme_hash must be the scheme's content hash (sha256:...), not '" + hash + "'");
            RowId& schemeId = schemeIds[hash];
            if (!schemeId) {
                schemeId = static_cast<RowId>(d.schemes.size() + 1);
                d.schemes.push_back({.id = schemeId, .schemeId = get("scheme"), .version = get("scheme_version"),
                                     .contentHash = hash});
            }
            auto person = [&](const std::string& code, const std::string& role) -> RowId {
                RowId& id = partIds[{caseId, code}];
                if (!id) {
                    Participant p;
                    p.id = id = static_cast<RowId>(d.participants.size() + 1);
                    p.uuid = makeUuid();
                    p.caseId = caseId;
                    p.code = code;
                    if (!role.empty()) {
                        auto r = parseRole(role);
                        if (!r)
                            throw fail("unknown role '" + role + "'");
                        p.role = *r;
                    }
                    partUuid[p.id] = p.uuid;
                    d.participants.push_back(p);
                }
                return id;
            };
            auto attend = [&](RowId participant) {
                auto& att = d.sessions[static_cast<size_t>(sessionId - 1)].attended;
                if (std::find(att.begin(), att.end(), participant) == att.end())
                    att.push_back(participant);
            };

            const std::string participant = get("participant");
            if (record == "coding") {
                Coding c;
                c.uuid = get("uuid");
                c.sessionId = sessionId;
                c.coderId = coderId;
                c.schemeRefId = schemeId;
                c.item = get("item");
                if (c.item.empty())
                    throw fail("a coding row needs an item");
                if (participant.empty())
                    throw fail("a coding row needs a participant (the actor)");
                c.actorId = person(participant, get("role"));
                attend(c.actorId);
                if (const auto t = get("target"); !t.empty()) {
                    c.targetId = person(t, get("target_role"));
                    attend(*c.targetId);
                }
                int64_t v = 0;
                const std::string onset = get("onset_us");
                if (!onset.empty()) {
                    if (!parseInt(onset, &c.onsetUs))
                        throw fail("onset_us must be whole microseconds, not '" + onset + "'");
                } else if (!parseSecondsUs(get("time_s"), &c.onsetUs)) {
                    throw fail("a coding row needs onset_us (or time_s)");
                }
                if (const auto off = get("offset_us"); !off.empty()) {
                    if (!parseInt(off, &v))
                        throw fail("offset_us must be whole microseconds, not '" + off + "'");
                    c.offsetUs = v;
                    if (*c.offsetUs < c.onsetUs)
                        throw fail("offset_us before onset_us");
                }
                if (const auto pts = get("frame_pts"); !pts.empty()) {
                    if (!parseInt(pts, &v))
                        throw fail("frame_pts must be an integer, not '" + pts + "'");
                    c.framePts = v;
                }
                c.comment = get("comment");
                if (c.uuid.empty()) // a row made or edited elsewhere: identity from what it is
                    c.uuid = uuids("coding|" + caseCode + "|" + std::to_string(number) + "|" + coder + "|" + hash + "|"
                                   + c.item + "|" + participant + "|" + get("target") + "|" + std::to_string(c.onsetUs));
                d.codings.push_back(std::move(c));
            } else {
                Rating r;
                r.uuid = get("uuid");
                r.sessionId = sessionId;
                r.coderId = coderId;
                r.schemeRefId = schemeId;
                r.ref = get("item").empty() ? get("dimension") : get("item");
                if (r.ref.empty())
                    throw fail("a rating row needs a dimension or an item");
                if (participant.empty())
                    throw fail("a rating row needs a participant (or 'family')");
                if (participant == "family") {
                    r.target = "family";
                } else {
                    const RowId a = person(participant, get("role"));
                    attend(a);
                    r.target = partUuid[a];
                    if (const auto t = get("target"); !t.empty()) {
                        const RowId b = person(t, get("target_role"));
                        attend(b);
                        r.target += "->" + partUuid[b];
                    }
                }
                int64_t unit = 0;
                if (const auto u = get("unit"); !u.empty()) {
                    if (!parseInt(u, &unit) || unit < 0 || unit > 100000)
                        throw fail("unit must be a whole number >= 0, not '" + u + "'");
                }
                r.unit = static_cast<int>(unit);
                if (!irr::parseNumber(get("value"), &r.value))
                    throw fail("value must be a number, not '" + get("value") + "'");
                r.note = get("comment");
                d.ratings.push_back(std::move(r));
            }
        }
        return d;
    } catch (const irr::InputError& e) {
        throw ProjectError(ProjectError::Kind::Invalid, ProjectError::Whole{e.what()});
    }
}

} // namespace projects
