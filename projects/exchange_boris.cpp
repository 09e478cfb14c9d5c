// BORIS .boris import with nlohmann/json. See exchange_boris.h.
#include "projects/exchange_boris.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include <nlohmann/json.hpp>

#include "projects/exchange_common.h"

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json; // keeps the file's order of observations and subjects

namespace projects {

namespace {

constexpr const char* kNoSubject = "no subject";
constexpr const char* kCoderName = "boris-import";

class BorisReader {
public:
    BorisReader(fs::path in, const BorisOptions& options, ImportNotes* notes)
        : m_in(std::move(in)), m_options(options), m_notes(notes), m_uuids(m_out, "boris:" + m_in.stem().string())
    {
    }

    ProjectData read();

private:
    [[noreturn]] void fail(const std::string& problem) const
    {
        throw ProjectError(ProjectError::Kind::Invalid, m_in.string(), problem);
    }
    static std::string typeName(const Json& j) { return j.type_name(); }
    const Json& member(const Json& obj, const char* key, const std::string& where) const;
    std::string text(const Json& j, const std::string& where) const;
    double number(const Json& j, const std::string& where) const;
    RowId participantFor(const std::string& subject);
    void readObservation(const std::string& obsId, const Json& obs, int sessionNumber);

    void warn(const std::string& what)
    {
        if (m_notes)
            m_notes->warnings.push_back(m_in.string() + ": " + what);
    }

    fs::path m_in;
    BorisOptions m_options;
    ImportNotes* m_notes;
    ProjectData m_out;
    RowId m_next = 1;
    RowId m_caseId = 0, m_coderId = 0, m_schemeId = 0;
    std::map<std::string, bool> m_isState; // behavior code -> state event
    std::map<std::string, RowId> m_subjects; // subject name -> participant id
    std::map<std::string, std::string> m_itemId; // behavior code -> scheme item id
    // Row identity for re-imports: observation + what the row is (never the file's order
    // alone, so an edited file still matches its unchanged rows).
    exchange::StableUuids m_uuids;
};

const Json& BorisReader::member(const Json& obj, const char* key, const std::string& where) const
{
    auto it = obj.find(key);
    if (it == obj.end())
        fail(where + ": no \"" + key + "\"");
    return *it;
}

std::string BorisReader::text(const Json& j, const std::string& where) const
{
    if (j.is_null())
        return "";
    if (!j.is_string())
        fail(where + " is " + typeName(j) + ", not a string");
    return j.get<std::string>();
}

double BorisReader::number(const Json& j, const std::string& where) const
{
    if (!j.is_number())
        fail(where + " is " + typeName(j) + ", not a number");
    const double v = j.get<double>();
    if (!std::isfinite(v) || std::fabs(v) > 1e9)
        fail(where + " is out of range");
    return v;
}

RowId BorisReader::participantFor(const std::string& subject)
{
    return exchange::participantFor(m_out, m_subjects, m_caseId, subject.empty() ? kNoSubject : subject, m_next);
}

void BorisReader::readObservation(const std::string& obsId, const Json& obs, int sessionNumber)
{
    const std::string where = "observation \"" + obsId + "\"";
    if (!obs.is_object())
        fail(where + " is " + typeName(obs) + ", not an object");

    Session s;
    s.id = m_next++;
    s.caseId = m_caseId;
    s.number = sessionNumber;
    s.label = obsId;
    if (auto d = obs.find("date"); d != obs.end()) {
        const std::string date = text(*d, where + ": \"date\"");
        if (date.size() >= 10 && date[4] == '-' && date[7] == '-')
            s.date = date.substr(0, 10);
    }
    double timeOffset = 0;
    if (auto t = obs.find("time offset"); t != obs.end())
        timeOffset = number(*t, where + ": \"time offset\"");

    TimeUs mediaEnd = 0; // end of player 1's media, in session time (0: not known)
    // Media: {"1": [paths], "2": [...]} for media observations; [] or {} for live ones.
    if (auto files = obs.find("file"); files != obs.end() && files->is_object()) {
        const Json* info = obs.contains("media_info") && obs["media_info"].is_object() ? &obs["media_info"] : nullptr;
        for (const auto& [player, paths] : files->items()) {
            if (!paths.is_array())
                fail(where + ": \"file\" of player " + player + " is " + typeName(paths) + ", not a list");
            double playerOffset = 0;
            if (info && info->contains("offset") && (*info)["offset"].is_object() && (*info)["offset"].contains(player))
                playerOffset = number((*info)["offset"][player], where + ": media offset of player " + player);
            double start = 0; // files of one player play one after the other
            for (const auto& p : paths) {
                Media m;
                m.id = m_next++;
                m.sessionId = s.id;
                const std::string written = text(p, where + ": a media path of player " + player);
                m.uuid = m_uuids("obs " + obsId + "|media|" + player + "|" + written);
                m.path = exchange::resolveMediaPath(m_in, written).string();
                m.reference = player == "1" && start == 0 && std::none_of(m_out.media.begin(), m_out.media.end(),
                                                                          [&](const Media& x) { return x.sessionId == s.id && x.reference; });
                // media time = session time + offset: a player that starts `offset` s
                // later shows session time t at media time t - offset.
                m.offsetUs = -exchange::secondsToUs(playerOffset + start);
                m_out.media.push_back(m);
                double length = 0;
                if (info && info->contains("length") && (*info)["length"].is_object() && (*info)["length"].contains(written)
                    && (*info)["length"][written].is_number())
                    length = (*info)["length"][written].get<double>();
                start += length;
                if (player == "1")
                    mediaEnd = std::max(mediaEnd, exchange::secondsToUs(start - timeOffset));
            }
        }
    } else if (files != obs.end() && !files->is_array()) {
        fail(where + ": \"file\" is " + typeName(*files) + ", not an object");
    }

    const Json& events = member(obs, "events", where);
    if (!events.is_array())
        fail(where + ": \"events\" is " + typeName(events) + ", not a list");

    struct Event {
        size_t index; // 1-based, for messages
        TimeUs t;
        std::string subject, code, modifier, comment;
    };
    std::vector<Event> list;
    for (size_t i = 0; i < events.size(); ++i) {
        const std::string at = where + ": event " + std::to_string(i + 1);
        const Json& e = events[i];
        if (!e.is_array() || e.size() < 3)
            fail(at + " is not a list [time, subject, behavior, modifier, comment]");
        Event ev;
        ev.index = i + 1;
        ev.t = exchange::secondsToUs(number(e[0], at + ": the time") - timeOffset);
        ev.subject = text(e[1], at + ": the subject");
        ev.code = text(e[2], at + ": the behavior");
        ev.modifier = e.size() > 3 ? text(e[3], at + ": the modifier") : "";
        if (ev.modifier == "None")
            ev.modifier.clear();
        ev.comment = e.size() > 4 ? text(e[4], at + ": the comment") : "";
        if (!m_isState.count(ev.code))
            fail(at + ": behavior \"" + ev.code + "\" is not in the ethogram (behaviors_conf)");
        if (ev.t < 0)
            fail(at + " lies before the start of the media (" + std::to_string(ev.t) + " µs)");
        list.push_back(std::move(ev));
    }
    // BORIS keeps events sorted by time; sort anyway (stable: equal times keep file order)
    // so START/STOP pairing follows time.
    std::stable_sort(list.begin(), list.end(), [](const Event& a, const Event& b) { return a.t < b.t; });

    std::set<RowId> attended;
    // Open state events: (subject, code, modifier) -> index into m_out.codings.
    std::map<std::tuple<std::string, std::string, std::string>, std::pair<size_t, size_t>> open;
    for (const auto& ev : list) {
        const RowId actor = participantFor(ev.subject);
        attended.insert(actor);
        std::string comment = ev.modifier.empty() ? "" : "modifier: " + ev.modifier;
        if (!ev.comment.empty())
            comment += (comment.empty() ? "" : "; ") + ev.comment;
        if (m_isState.at(ev.code)) {
            const auto key = std::make_tuple(ev.subject, ev.code, ev.modifier);
            if (auto it = open.find(key); it != open.end()) {
                Coding& c = m_out.codings[it->second.first];
                c.offsetUs = ev.t;
                if (!ev.comment.empty() && c.comment.find(ev.comment) == std::string::npos)
                    c.comment += (c.comment.empty() ? "" : "; ") + ev.comment;
                open.erase(it);
                continue;
            }
            open[key] = {m_out.codings.size(), ev.index};
        }
        Coding c;
        c.id = m_next++;
        c.sessionId = s.id;
        c.coderId = m_coderId;
        c.schemeRefId = m_schemeId;
        c.item = m_itemId.at(ev.code);
        // Offset and comment are left out of the key: a STOP moved or a comment edited in
        // BORIS is then reported as a conflict instead of adding a second coding.
        c.uuid = m_uuids("obs " + obsId + "|event|" + ev.subject + "|" + ev.code + "|" + ev.modifier + "|"
                         + std::to_string(ev.t));
        c.actorId = actor;
        c.onsetUs = ev.t;
        c.comment = comment;
        m_out.codings.push_back(std::move(c));
    }
    // States that start and never stop (BORIS keeps them; its own export closes them at
    // the observation's end): kept as open states, closed only when asked. In START order.
    std::vector<std::pair<size_t, size_t>> unpaired; // (event index, coding index)
    for (const auto& [key, at] : open)
        unpaired.emplace_back(at.second, at.first);
    std::sort(unpaired.begin(), unpaired.end());
    const TimeUs end = std::max(mediaEnd, list.empty() ? TimeUs{0} : list.back().t);
    for (const auto& [index, codingIndex] : unpaired) {
        const size_t eventIndex = index; // (a plain variable: clang 14 cannot capture a binding)
        Coding& c = m_out.codings[codingIndex];
        const auto& ev = *std::find_if(list.begin(), list.end(), [&](const Event& e) { return e.index == eventIndex; });
        std::string what = where + ": event " + std::to_string(eventIndex) + ": state event \"" + ev.code + "\""
            + (ev.modifier.empty() ? "" : " (modifier \"" + ev.modifier + "\")") + " of "
            + (ev.subject.empty() ? std::string("no subject") : "subject \"" + ev.subject + "\"") + " starts at "
            + exchange::formatSeconds(c.onsetUs) + " s and never stops; ";
        if (m_options.closeUnpaired) {
            c.offsetUs = std::max(end, c.onsetUs);
            c.comment += std::string(c.comment.empty() ? "" : "; ") + "closed at the observation's end (no STOP in BORIS)";
            what += "closed at the observation's end (" + exchange::formatSeconds(*c.offsetUs) + " s)";
        } else {
            c.comment += std::string(c.comment.empty() ? "" : "; ") + "open state (no STOP in BORIS)";
            what += "imported as an open state (no offset; --close-unpaired closes it at the observation's end)";
        }
        warn(what);
    }
    s.attended.assign(attended.begin(), attended.end());
    m_out.sessions.push_back(std::move(s));
}

ProjectData BorisReader::read()
{
    const std::string bytes = exchange::readInputFile(m_in, "a BORIS project");

    Json root;
    try {
        root = Json::parse(bytes);
    } catch (const nlohmann::json::parse_error& e) {
        // nlohmann reports the byte position; turn it into a line for the message.
        const size_t upto = std::min(bytes.size(), e.byte == 0 ? size_t{0} : e.byte - 1);
        const auto line = 1 + std::count(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(upto), '\n');
        std::string why = e.what();
        if (auto colon = why.find(": "); colon != std::string::npos && why.rfind("[json.exception", 0) == 0)
            why = why.substr(colon + 2);
        throw ProjectError(ProjectError::Kind::Invalid, m_in.string() + ":" + std::to_string(line),
                           "not valid JSON: " + why + " (byte " + std::to_string(e.byte) + ")");
    }
    if (!root.is_object() || !root.contains("observations") || !root.contains("behaviors_conf"))
        fail("not a BORIS project (no \"observations\" and \"behaviors_conf\" at the top level)");

    const Json& behaviors = root["behaviors_conf"];
    if (!behaviors.is_object())
        fail("\"behaviors_conf\" is " + typeName(behaviors) + ", not an object");
    std::vector<std::string> codes;
    for (const auto& [key, b] : behaviors.items()) {
        const std::string where = "behavior " + key;
        if (!b.is_object())
            fail(where + " is " + typeName(b) + ", not an object");
        const std::string code = text(member(b, "code", where), where + ": \"code\"");
        const std::string type = text(member(b, "type", where), where + ": \"type\"");
        // "Point event", "State event", and the "... with coding map" variants.
        const bool state = type.rfind("State event", 0) == 0;
        if (!state && type.rfind("Point event", 0) != 0)
            fail(where + " (\"" + code + "\"): unknown type \"" + type + "\" (expected \"Point event\" or \"State event\")");
        if (code.empty())
            fail(where + " has an empty code");
        if (!m_isState.emplace(code, state).second)
            fail(where + ": behavior code \"" + code + "\" is defined twice");
        codes.push_back(code);
    }

    const std::string stem = m_in.stem().string();
    Case kase;
    kase.id = m_next++;
    kase.code = stem;
    if (auto name = root.find("project_name"); name != root.end() && name->is_string())
        kase.note = "BORIS project \"" + name->get<std::string>() + "\"";
    m_out.cases.push_back(kase);
    m_caseId = kase.id;

    Coder coder;
    coder.id = m_next++;
    coder.name = kCoderName;
    m_out.coders.push_back(coder);
    m_coderId = coder.id;

    m_itemId = exchange::itemIdsFor(codes);
    SchemeRef scheme = exchange::generatedScheme(exchange::schemeIdFor("boris-", stem),
                                                 "BORIS ethogram of " + m_in.filename().string(), codes, m_in.string());
    scheme.id = m_next++;
    m_out.schemes.push_back(scheme);
    m_schemeId = scheme.id;

    if (auto subjects = root.find("subjects_conf"); subjects != root.end() && !subjects->is_null()) {
        if (!subjects->is_object())
            fail("\"subjects_conf\" is " + typeName(*subjects) + ", not an object");
        for (const auto& [key, sub] : subjects->items()) {
            const std::string where = "subject " + key;
            if (!sub.is_object())
                fail(where + " is " + typeName(sub) + ", not an object");
            const std::string name = text(member(sub, "name", where), where + ": \"name\"");
            if (name.empty())
                fail(where + " has an empty name");
            if (m_subjects.count(name))
                fail(where + ": subject \"" + name + "\" is defined twice");
            participantFor(name); // appends the participant
            if (auto d = sub.find("description"); d != sub.end())
                m_out.participants.back().note = text(*d, where + ": \"description\"");
        }
    }

    const Json& observations = root["observations"];
    if (!observations.is_object())
        fail("\"observations\" is " + typeName(observations) + ", not an object");
    int number = 0;
    for (const auto& [obsId, obs] : observations.items())
        readObservation(obsId, obs, ++number);
    return std::move(m_out);
}

} // namespace

ProjectData importBoris(const fs::path& in, const BorisOptions& options, ImportNotes* notes)
{
    try {
        return BorisReader(in, options, notes).read();
    } catch (const nlohmann::json::exception& e) {
        // Whatever the checks above did not anticipate (a number beyond 64 bits, a value
        // of another type): still one line naming the file.
        std::string why = e.what();
        if (why.rfind("[json.exception", 0) == 0)
            if (auto close = why.find("] "); close != std::string::npos)
                why = why.substr(close + 2);
        throw ProjectError(ProjectError::Kind::Invalid, in.string(), "not a valid BORIS project: " + why);
    }
}

} // namespace projects
