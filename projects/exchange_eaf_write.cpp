// ELAN .eaf export, written as text. See exchange_eaf.h and exchange_eaf_format.h.
#include "projects/exchange_eaf.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>

#include <expat.h>

#include "coding_schemes/scheme_loader.h"
#include "projects/exchange_common.h"
#include "projects/exchange_eaf_format.h"

namespace fs = std::filesystem;

namespace projects {

namespace {

using eaf::kLinguisticType;

[[noreturn]] void invalid(const fs::path& file, const std::string& problem)
{
    throw ProjectError(ProjectError::Kind::Invalid, file.string(), problem);
}

// ---------------------------------------------------------------------------------
// [SECTION] export

std::string xmlEscape(const std::string& s)
{
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&apos;"; break;
        case '\t': out += "&#9;"; break;
        case '\n': out += "&#10;"; break;
        case '\r': out += "&#13;"; break;
        default:
            // Other control characters are not allowed in XML 1.0: drop them.
            if (static_cast<unsigned char>(c) >= 0x20)
                out += c;
        }
    }
    return out;
}

// Percent-encodes a path for a file: URL (RFC 8089); '/' stays.
std::string urlPath(const std::string& p)
{
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : p) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '/'
            || c == '-' || c == '_' || c == '.' || c == '~' || c == ':';
        if (plain) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string mimeType(const fs::path& p)
{
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    static const std::map<std::string, std::string> kTypes{
        {".mp4", "video/mp4"},       {".m4v", "video/mp4"},       {".mov", "video/quicktime"},
        {".mpg", "video/mpeg"},      {".mpeg", "video/mpeg"},     {".mts", "video/mp2t"},
        {".avi", "video/x-msvideo"}, {".mkv", "video/x-matroska"}, {".webm", "video/webm"},
        {".wav", "audio/x-wav"},     {".m4a", "audio/mp4"},       {".mp3", "audio/mpeg"},
    };
    auto it = kTypes.find(ext);
    return it == kTypes.end() ? "unknown" : it->second;
}

std::string utcNow()
{
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
    return buf;
}

int64_t usToMs(TimeUs us)
{
    // Round half away from zero; media times are never negative in practice.
    return us >= 0 ? (us + 500) / 1000 : -((-us + 500) / 1000);
}

using exchange::findById;

// item id -> dimension id, for the schemes of `d` whose source text parses.
std::map<RowId, std::map<std::string, std::string>> itemDimensions(const ProjectData& d)
{
    std::map<RowId, std::map<std::string, std::string>> out;
    for (const auto& s : d.schemes) {
        auto loaded = schemes::loadFromString(s.sourceText, s.schemeId + ".toml");
        if (!loaded.ok())
            continue;
        auto& m = out[s.id];
        for (const auto& item : loaded.scheme.items)
            m[item.id] = item.dimension;
    }
    return out;
}

} // namespace

void exportEaf(const ProjectData& d, RowId sessionId, RowId coderId, const fs::path& out, const fs::path& projectDir)
{
    const Session* session = findById(d.sessions, sessionId);
    if (!session)
        invalid(out, "no session with id " + std::to_string(sessionId) + " to export");
    const Coder* coder = findById(d.coders, coderId);
    if (!coder)
        invalid(out, "no coder with id " + std::to_string(coderId) + " to export");

    std::vector<const Coding*> codings;
    for (const auto& c : d.codings)
        if (c.sessionId == sessionId && c.coderId == coderId)
            codings.push_back(&c);
    std::stable_sort(codings.begin(), codings.end(),
                     [](const Coding* a, const Coding* b) { return a->onsetUs < b->onsetUs; });

    // Tiers by dimension only when every coding's scheme parses and knows its item;
    // otherwise one tier per item for the whole file, so the import reads it one way.
    const auto dims = itemDimensions(d);
    bool byDimension = !codings.empty();
    for (const Coding* c : codings) {
        auto s = dims.find(c->schemeRefId);
        if (s == dims.end() || !s->second.count(c->item) || s->second.at(c->item).empty()) {
            byDimension = false;
            break;
        }
    }

    struct Annotation {
        int64_t startMs, endMs;
        std::string value;
        const Coding* coding;
    };
    struct Tier {
        std::string participant;
        std::string group;
        const SchemeRef* scheme = nullptr;
        std::vector<Annotation> annotations;
    };
    // Logical tiers by (actor, group, scheme), in id order so the file is stable.
    std::map<std::tuple<std::string, std::string, RowId>, Tier> logical;
    std::set<int64_t> times;
    std::set<RowId> people;
    for (const Coding* c : codings) {
        const Participant* actor = findById(d.participants, c->actorId);
        if (!actor)
            invalid(out, "coding " + c->uuid + " names an unknown participant (id " + std::to_string(c->actorId) + ")");
        people.insert(actor->id);
        if (c->targetId)
            people.insert(*c->targetId);
        const std::string group = byDimension ? dims.at(c->schemeRefId).at(c->item) : c->item;
        Tier& tier = logical[{actor->code, group, c->schemeRefId}];
        tier.participant = actor->code;
        tier.group = group;
        tier.scheme = findById(d.schemes, c->schemeRefId);
        const int64_t start = usToMs(c->onsetUs);
        int64_t end = c->offsetUs ? usToMs(*c->offsetUs) : usToMs(c->onsetUs + kEafPointSpanUs);
        // A state event exactly one point span long would read back as a point event:
        // lengthen it by 1 ms (the export's resolution anyway).
        if (c->offsetUs && end - start == kEafPointSpanUs / 1000)
            ++end;
        tier.annotations.push_back({start, std::max(end, start), c->item, c});
        times.insert(start);
        times.insert(std::max(end, start));
    }
    // ELAN's independent tiers allow no overlap (touching is fine): spread each logical
    // tier over as few tiers as needed, first fit in onset order ("M ENG", "M ENG (2)", ...).
    std::map<std::string, Tier> tiers;
    std::map<std::string, int> idUse; // "<code> <group>" -> schemes that used it
    for (auto& [key, tier] : logical) {
        std::string base = tier.participant + " " + tier.group;
        if (idUse[base]++ > 0 && tier.scheme)
            base += " [" + tier.scheme->schemeId + "]";
        std::vector<Tier> lanes;
        std::vector<int64_t> laneEnd;
        for (const auto& an : tier.annotations) {
            size_t lane = 0;
            while (lane < lanes.size() && laneEnd[lane] > an.startMs)
                ++lane;
            if (lane == lanes.size()) {
                lanes.push_back({tier.participant, tier.group, tier.scheme, {}});
                laneEnd.push_back(0);
            }
            lanes[lane].annotations.push_back(an);
            laneEnd[lane] = an.endMs;
        }
        for (size_t i = 0; i < lanes.size(); ++i)
            tiers[i == 0 ? base : base + " (" + std::to_string(i + 1) + ")"] = std::move(lanes[i]);
    }
    std::map<int64_t, int> slotOf;
    int n = 0;
    for (int64_t t : times)
        slotOf[t] = ++n;

    const Media* media = nullptr;
    for (const auto& m : d.media)
        if (m.sessionId == sessionId && (!media || (m.reference && !media->reference)))
            media = &m;

    std::ostringstream x;
    x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    x << "<ANNOTATION_DOCUMENT AUTHOR=\"" << xmlEscape(coder->name) << "\" DATE=\"" << utcNow()
      << "\" FORMAT=\"3.0\" VERSION=\"3.0\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
         " xsi:noNamespaceSchemaLocation=\"http://www.mpi.nl/tools/elan/EAFv3.0.xsd\">\n";
    x << "    <HEADER MEDIA_FILE=\"\" TIME_UNITS=\"milliseconds\">\n";
    if (media) {
        const fs::path base = projectDir.empty() ? out.parent_path() : projectDir;
        fs::path abs = fs::path(media->path).is_absolute() ? fs::path(media->path) : base / media->path;
        abs = fs::absolute(abs).lexically_normal();
        const fs::path eafDir = fs::absolute(out).parent_path();
        std::string rel = abs.lexically_relative(eafDir).generic_string();
        x << "        <MEDIA_DESCRIPTOR MEDIA_URL=\"file://" << xmlEscape(urlPath(abs.generic_string()))
          << "\" MIME_TYPE=\"" << mimeType(abs) << "\"";
        if (!rel.empty())
            x << " RELATIVE_MEDIA_URL=\"" << xmlEscape(urlPath(rel.rfind("../", 0) == 0 ? rel : "./" + rel)) << "\"";
        x << "/>\n";
    }
    auto property = [&x](const std::string& name, const std::string& value) {
        x << "        <PROPERTY NAME=\"" << xmlEscape(name) << "\">" << xmlEscape(value) << "</PROPERTY>\n";
    };
    property(eaf::kTierContent, byDimension ? "dimension" : "item");
    property(eaf::kPointSpan, std::to_string(kEafPointSpanUs / 1000));
    // Who and what this is in the project, so that importing the file lands on the same rows.
    if (const Case* kase = findById(d.cases, session->caseId))
        property(eaf::kCase, kase->uuid + " " + kase->code);
    property(eaf::kSession, session->uuid + " " + std::to_string(session->number));
    property(eaf::kCoder, coder->uuid + " " + coder->name);
    for (RowId id : people)
        if (const Participant* p = findById(d.participants, id))
            property(eaf::kParticipantPrefix + p->code, p->uuid + " " + roleName(p->role));
    std::set<const SchemeRef*> used;
    for (const auto& [id, tier] : tiers)
        if (tier.scheme) {
            property(eaf::kTierPrefix + id, tier.scheme->contentHash + " " + tier.group);
            used.insert(tier.scheme);
        }
    for (const SchemeRef* ref : used)
        property(eaf::kSchemePrefix + ref->contentHash, ref->schemeId + " " + ref->version);
    {
        int a = 0;
        for (const auto& [id, tier] : tiers)
            for (const auto& an : tier.annotations) {
                const Coding& c = *an.coding;
                const Participant* target = c.targetId ? findById(d.participants, *c.targetId) : nullptr;
                std::string name = eaf::kCodingPrefix;
                name += 'a';
                name += std::to_string(++a);
                std::string value = c.uuid;
                value += '\t';
                value += target ? target->code : std::string();
                value += '\t';
                value += c.framePts ? std::to_string(*c.framePts) : std::string();
                value += '\t';
                value += std::to_string(c.onsetUs);
                value += '\t';
                value += c.offsetUs ? std::to_string(*c.offsetUs) : std::string();
                value += '\t';
                value += c.comment;
                property(name, value);
            }
        property("lastUsedAnnotationId", std::to_string(a));
    }
    x << "    </HEADER>\n";
    x << "    <TIME_ORDER>\n";
    for (const auto& [t, slot] : slotOf)
        x << "        <TIME_SLOT TIME_SLOT_ID=\"ts" << slot << "\" TIME_VALUE=\"" << t << "\"/>\n";
    x << "    </TIME_ORDER>\n";
    int a = 0;
    for (const auto& [id, tier] : tiers) {
        x << "    <TIER ANNOTATOR=\"" << xmlEscape(coder->name) << "\" LINGUISTIC_TYPE_REF=\"" << kLinguisticType
          << "\" PARTICIPANT=\"" << xmlEscape(tier.participant) << "\" TIER_ID=\"" << xmlEscape(id) << "\">\n";
        for (const auto& an : tier.annotations) {
            x << "        <ANNOTATION>\n";
            x << "            <ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a" << ++a << "\" TIME_SLOT_REF1=\"ts"
              << slotOf.at(an.startMs) << "\" TIME_SLOT_REF2=\"ts" << slotOf.at(an.endMs) << "\">\n";
            x << "                <ANNOTATION_VALUE>" << xmlEscape(an.value) << "</ANNOTATION_VALUE>\n";
            x << "            </ALIGNABLE_ANNOTATION>\n";
            x << "        </ANNOTATION>\n";
        }
        x << "    </TIER>\n";
    }
    x << "    <LINGUISTIC_TYPE GRAPHIC_REFERENCES=\"false\" LINGUISTIC_TYPE_ID=\"" << kLinguisticType
      << "\" TIME_ALIGNABLE=\"true\"/>\n";
    x << "    <CONSTRAINT DESCRIPTION=\"Time subdivision of parent annotation's time interval, no time gaps allowed "
         "within this interval\" STEREOTYPE=\"Time_Subdivision\"/>\n";
    x << "    <CONSTRAINT DESCRIPTION=\"Symbolic subdivision of a parent annotation. Annotations refering to the same "
         "parent are ordered\" STEREOTYPE=\"Symbolic_Subdivision\"/>\n";
    x << "    <CONSTRAINT DESCRIPTION=\"1-1 association with a parent annotation\" STEREOTYPE=\"Symbolic_Association\"/>\n";
    x << "    <CONSTRAINT DESCRIPTION=\"Time alignable annotations within the parent annotation's time interval, gaps "
         "are allowed\" STEREOTYPE=\"Included_In\"/>\n";
    x << "</ANNOTATION_DOCUMENT>\n";

    // Write beside the target and rename, so a failed export never leaves half a file.
    fs::path tmp = out;
    tmp += ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        const std::string text = x.str();
        f.write(text.data(), static_cast<std::streamsize>(text.size()));
        f.close();
        if (!f)
            throw ProjectError(ProjectError::Kind::Io, out.string(), "cannot write the file");
    }
    std::error_code ec;
    fs::rename(tmp, out, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw ProjectError(ProjectError::Kind::Io, out.string(), "cannot write the file");
    }
}


} // namespace projects
