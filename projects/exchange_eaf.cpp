// ELAN .eaf export (written as text) and import (expat). See exchange_eaf.h.
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

#include <expat.h>

#include "coding_schemes/scheme_loader.h"
#include "projects/exchange_common.h"

namespace fs = std::filesystem;

namespace projects {

namespace {

constexpr const char* kTierContentProperty = "bondline:tier-content";
constexpr const char* kPointSpanProperty = "bondline:point-span-ms";
constexpr const char* kLinguisticType = "bondline-coding";

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
    };
    struct Tier {
        std::string participant;
        std::vector<Annotation> annotations;
    };
    std::map<std::string, Tier> tiers; // by tier id: sorted, so the file is stable
    std::set<int64_t> times;
    for (const Coding* c : codings) {
        const Participant* actor = findById(d.participants, c->actorId);
        if (!actor)
            invalid(out, "coding " + c->uuid + " names an unknown participant (id " + std::to_string(c->actorId) + ")");
        const std::string group = byDimension ? dims.at(c->schemeRefId).at(c->item) : c->item;
        Tier& tier = tiers[actor->code + " " + group];
        tier.participant = actor->code;
        const int64_t start = usToMs(c->onsetUs);
        int64_t end = c->offsetUs ? usToMs(*c->offsetUs) : usToMs(c->onsetUs + kEafPointSpanUs);
        // A state event exactly one point span long would read back as a point event:
        // lengthen it by 1 ms (the export's resolution anyway).
        if (c->offsetUs && end - start == kEafPointSpanUs / 1000)
            ++end;
        tier.annotations.push_back({start, std::max(end, start), c->item});
        times.insert(start);
        times.insert(std::max(end, start));
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
    x << "        <PROPERTY NAME=\"" << kTierContentProperty << "\">" << (byDimension ? "dimension" : "item")
      << "</PROPERTY>\n";
    x << "        <PROPERTY NAME=\"" << kPointSpanProperty << "\">" << kEafPointSpanUs / 1000 << "</PROPERTY>\n";
    int annotationCount = 0;
    for (const auto& [id, tier] : tiers)
        annotationCount += static_cast<int>(tier.annotations.size());
    x << "        <PROPERTY NAME=\"lastUsedAnnotationId\">" << annotationCount << "</PROPERTY>\n";
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

// ---------------------------------------------------------------------------------
// [SECTION] import: parse

namespace {

struct EafAnnotation {
    int line = 0;
    int64_t startMs = 0, endMs = 0;
    std::string value;
};

struct EafTier {
    int line = 0;
    std::string id;
    std::string annotator;
    std::vector<EafAnnotation> annotations;
};

struct EafDoc {
    std::string author;
    std::string mediaUrl, relativeMediaUrl;
    int64_t timeOriginMs = 0;
    std::map<std::string, std::string> properties;
    std::vector<EafTier> tiers;
};

struct XmlParserDeleter {
    void operator()(XML_Parser p) const { XML_ParserFree(p); }
};
using XmlParserPtr = std::unique_ptr<std::remove_pointer_t<XML_Parser>, XmlParserDeleter>;

// Expat callbacks never throw (expat is C): they record the first problem and stop the
// parser; parseEaf throws after XML_Parse returns.
struct ParseState {
    XML_Parser parser = nullptr;
    EafDoc doc;
    std::string error;
    int errorLine = 0;
    int depth = 0;
    bool sawRoot = false;
    std::map<std::string, std::optional<int64_t>> slots;
    std::vector<std::string> path; // open element names
    std::string text;              // character data of the current PROPERTY / ANNOTATION_VALUE
    std::string propertyName;
    EafAnnotation* current = nullptr;

    int line() const { return static_cast<int>(XML_GetCurrentLineNumber(parser)); }
    void fail(const std::string& problem)
    {
        if (!error.empty())
            return;
        error = problem;
        errorLine = line();
        XML_StopParser(parser, XML_FALSE);
    }
};

const char* attr(const XML_Char** atts, const char* name)
{
    for (int i = 0; atts[i]; i += 2)
        if (std::strcmp(atts[i], name) == 0)
            return atts[i + 1];
    return nullptr;
}

bool parseInt(const char* s, int64_t& out)
{
    if (!s || !*s)
        return false;
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(s, &end, 10);
    if (errno || *end)
        return false;
    out = v;
    return true;
}

void XMLCALL onStart(void* user, const XML_Char* name, const XML_Char** atts)
{
    auto& st = *static_cast<ParseState*>(user);
    if (!st.error.empty())
        return;
    const std::string el = name;
    const std::string parent = st.path.empty() ? "" : st.path.back();
    st.path.push_back(el);
    if (st.path.size() == 1) {
        if (el != "ANNOTATION_DOCUMENT")
            return st.fail("not an ELAN annotation document (the root element is <" + el + ">, not <ANNOTATION_DOCUMENT>)");
        st.sawRoot = true;
        if (const char* a = attr(atts, "AUTHOR"))
            st.doc.author = a;
        return;
    }
    if (el == "MEDIA_DESCRIPTOR" && parent == "HEADER") {
        if (st.doc.mediaUrl.empty()) {
            if (const char* u = attr(atts, "MEDIA_URL"))
                st.doc.mediaUrl = u;
            if (const char* u = attr(atts, "RELATIVE_MEDIA_URL"))
                st.doc.relativeMediaUrl = u;
            int64_t origin = 0;
            if (parseInt(attr(atts, "TIME_ORIGIN"), origin))
                st.doc.timeOriginMs = origin;
        }
    } else if (el == "PROPERTY" && parent == "HEADER") {
        const char* n = attr(atts, "NAME");
        st.propertyName = n ? n : "";
        st.text.clear();
    } else if (el == "TIME_SLOT" && parent == "TIME_ORDER") {
        const char* id = attr(atts, "TIME_SLOT_ID");
        if (!id)
            return st.fail("TIME_SLOT without TIME_SLOT_ID");
        const char* value = attr(atts, "TIME_VALUE");
        int64_t v = 0;
        if (value && (!parseInt(value, v) || v < 0))
            return st.fail(std::string("time slot ") + id + " has a bad TIME_VALUE \"" + value + "\"");
        st.slots[id] = value ? std::optional<int64_t>(v) : std::nullopt;
    } else if (el == "TIER" && parent == "ANNOTATION_DOCUMENT") {
        EafTier t;
        t.line = st.line();
        const char* id = attr(atts, "TIER_ID");
        if (!id)
            return st.fail("TIER without TIER_ID");
        t.id = id;
        if (const char* a = attr(atts, "ANNOTATOR"))
            t.annotator = a;
        if (attr(atts, "PARENT_REF"))
            return st.fail("tier \"" + t.id + "\" depends on another tier; only independent, time-aligned tiers can be imported");
        st.doc.tiers.push_back(std::move(t));
    } else if (el == "REF_ANNOTATION") {
        return st.fail("reference annotations have no time; only time-aligned tiers can be imported");
    } else if (el == "ALIGNABLE_ANNOTATION" && parent == "ANNOTATION" && !st.doc.tiers.empty()) {
        EafAnnotation an;
        an.line = st.line();
        const char* id = attr(atts, "ANNOTATION_ID");
        const std::string what = std::string("annotation ") + (id ? id : "(no id)");
        int64_t ms[2] = {0, 0};
        const char* refs[2] = {"TIME_SLOT_REF1", "TIME_SLOT_REF2"};
        for (int i = 0; i < 2; ++i) {
            const char* ref = attr(atts, refs[i]);
            if (!ref)
                return st.fail(what + " has no " + refs[i]);
            auto slot = st.slots.find(ref);
            if (slot == st.slots.end())
                return st.fail(what + " names time slot " + ref + ", which is not in TIME_ORDER");
            if (!slot->second)
                return st.fail(what + " uses time slot " + ref + ", which has no time value (unaligned)");
            ms[i] = *slot->second;
        }
        if (ms[1] < ms[0])
            return st.fail(what + " ends (" + std::to_string(ms[1]) + " ms) before it starts (" + std::to_string(ms[0]) + " ms)");
        an.startMs = ms[0];
        an.endMs = ms[1];
        st.doc.tiers.back().annotations.push_back(std::move(an));
        st.current = &st.doc.tiers.back().annotations.back();
    } else if (el == "ANNOTATION_VALUE") {
        st.text.clear();
    }
}

void XMLCALL onEnd(void* user, const XML_Char* name)
{
    auto& st = *static_cast<ParseState*>(user);
    if (!st.error.empty())
        return;
    const std::string el = name;
    if (!st.path.empty())
        st.path.pop_back();
    if (el == "PROPERTY" && !st.propertyName.empty()) {
        st.doc.properties[st.propertyName] = st.text;
        st.propertyName.clear();
    } else if (el == "ANNOTATION_VALUE" && st.current) {
        // Hand-edited files may wrap values in white space; it is never part of a code.
        const auto first = st.text.find_first_not_of(" \t\r\n");
        const auto last = st.text.find_last_not_of(" \t\r\n");
        st.current->value = first == std::string::npos ? "" : st.text.substr(first, last - first + 1);
    } else if (el == "ALIGNABLE_ANNOTATION") {
        st.current = nullptr;
    }
}

void XMLCALL onText(void* user, const XML_Char* s, int len)
{
    auto& st = *static_cast<ParseState*>(user);
    if (st.error.empty() && !st.path.empty() && (st.path.back() == "PROPERTY" || st.path.back() == "ANNOTATION_VALUE"))
        st.text.append(s, static_cast<size_t>(len));
}

EafDoc parseEaf(const fs::path& in)
{
    const std::string bytes = exchange::readInputFile(in, "an ELAN file");

    XmlParserPtr parser(XML_ParserCreate("UTF-8"));
    if (!parser)
        throw ProjectError(ProjectError::Kind::Io, in.string(), "out of memory");
    ParseState st;
    st.parser = parser.get();
    XML_SetUserData(parser.get(), &st);
    XML_SetElementHandler(parser.get(), onStart, onEnd);
    XML_SetCharacterDataHandler(parser.get(), onText);
    const auto status = XML_Parse(parser.get(), bytes.data(), static_cast<int>(bytes.size()), XML_TRUE);
    if (!st.error.empty())
        invalid(in.string() + ":" + std::to_string(st.errorLine), st.error);
    if (status != XML_STATUS_OK) {
        const int line = static_cast<int>(XML_GetCurrentLineNumber(parser.get()));
        const std::string what = XML_ErrorString(XML_GetErrorCode(parser.get()));
        invalid(in.string() + ":" + std::to_string(line),
                (st.sawRoot ? "broken XML (" : "not an XML file (") + what + ")");
    }
    return std::move(st.doc);
}

// ---------------------------------------------------------------------------------
// [SECTION] import: build codings

std::string schemeIdFor(const std::string& stem) { return exchange::schemeIdFor("elan-", stem); }

std::string percentDecode(const std::string& s)
{
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1]))
            && std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

RowId nextId(const ProjectData& d)
{
    RowId m = 0;
    auto take = [&m](const auto& rows) {
        for (const auto& r : rows)
            m = std::max(m, r.id);
    };
    take(d.cases);
    take(d.participants);
    take(d.sessions);
    take(d.media);
    take(d.coders);
    take(d.schemes);
    take(d.codings);
    return m + 1;
}

// Adds the codings of `doc` to `out` (case `caseId`, session, coder, scheme already in
// it); unknown participant codes become new participants of the case.
// `itemIds` maps the file's codes to the generated scheme's item ids (empty: the codes are
// the project scheme's item ids).
// Codings get stable uuids from `scope` plus tier and start (exchange::StableUuids).
void addCodings(const fs::path& in, const EafDoc& doc, ProjectData& out, RowId caseId, RowId sessionId, RowId coderId,
                RowId schemeId, const std::string& scope, const std::map<std::string, std::string>& itemIds = {})
{
    exchange::StableUuids uuids(out, scope);
    auto itemOf = [&](const std::string& code) {
        auto it = itemIds.find(code);
        return it == itemIds.end() ? code : it->second;
    };
    const auto content = doc.properties.find(kTierContentProperty);
    const bool byDimension = content != doc.properties.end() && content->second == "dimension";
    std::optional<int64_t> pointSpanMs;
    if (auto p = doc.properties.find(kPointSpanProperty); p != doc.properties.end()) {
        int64_t v = 0;
        if (parseInt(p->second.c_str(), v) && v > 0)
            pointSpanMs = v;
    }
    RowId next = nextId(out);
    std::map<std::string, RowId> byCode;
    for (const auto& p : out.participants)
        if (p.caseId == caseId)
            byCode.emplace(p.code, p.id);

    for (const auto& tier : doc.tiers) {
        const auto space = tier.id.find(' ');
        if (space == std::string::npos || space == 0 || space + 1 == tier.id.size())
            invalid(in.string() + ":" + std::to_string(tier.line),
                    "tier \"" + tier.id + "\" is not named \"<participant code> <item>\"");
        const std::string code = tier.id.substr(0, space);
        const std::string rest = tier.id.substr(space + 1);
        const RowId actorId = exchange::participantFor(out, byCode, caseId, code, next);
        for (const auto& an : tier.annotations) {
            Coding c;
            c.id = next++;
            c.sessionId = sessionId;
            c.coderId = coderId;
            c.schemeRefId = schemeId;
            c.actorId = actorId;
            if (byDimension) {
                c.item = itemOf(an.value);
                if (an.value.empty())
                    invalid(in.string() + ":" + std::to_string(an.line), "annotation in tier \"" + tier.id + "\" has no item");
            } else {
                c.item = itemOf(rest);
                if (an.value != rest)
                    c.comment = an.value;
            }
            c.onsetUs = (an.startMs + doc.timeOriginMs) * 1000;
            c.uuid = uuids("tier|" + tier.id + "|" + std::to_string(c.onsetUs));
            if (!pointSpanMs || an.endMs - an.startMs != *pointSpanMs)
                c.offsetUs = (an.endMs + doc.timeOriginMs) * 1000;
            out.codings.push_back(std::move(c));
        }
    }
    for (auto& s : out.sessions)
        if (s.id == sessionId)
            for (const auto& [code, id] : byCode)
                if (std::find(s.attended.begin(), s.attended.end(), id) == s.attended.end()
                    && std::any_of(out.codings.begin(), out.codings.end(), [id = id](const Coding& c) { return c.actorId == id; }))
                    s.attended.push_back(id);
}

std::vector<std::string> itemsOf(const EafDoc& doc)
{
    std::set<std::string> items;
    const auto content = doc.properties.find(kTierContentProperty);
    const bool byDimension = content != doc.properties.end() && content->second == "dimension";
    for (const auto& t : doc.tiers) {
        const auto space = t.id.find(' ');
        if (byDimension) {
            for (const auto& a : t.annotations)
                items.insert(a.value);
        } else if (space != std::string::npos) {
            items.insert(t.id.substr(space + 1));
        }
    }
    return {items.begin(), items.end()};
}

} // namespace

ProjectData importEaf(const fs::path& in, const ProjectData& base, RowId sessionId, RowId coderId)
{
    const Session* session = findById(base.sessions, sessionId);
    if (!session)
        invalid(in, "no session with id " + std::to_string(sessionId) + " to import into");
    const Coder* coder = findById(base.coders, coderId);
    if (!coder)
        invalid(in, "no coder with id " + std::to_string(coderId) + " to import as");
    const Case* kase = findById(base.cases, session->caseId);
    if (!kase)
        invalid(in, "the session to import into has no case");

    const EafDoc doc = parseEaf(in);
    const std::string scope = "eaf:" + session->uuid + "|" + coder->uuid;

    ProjectData out;
    out.cases.push_back(*kase);
    for (const auto& p : base.participants)
        if (p.caseId == kase->id)
            out.participants.push_back(p);
    out.sessions.push_back(*session);
    out.coders.push_back(*coder);

    const SchemeRef* scheme = nullptr;
    for (const auto& a : base.assignments)
        if (!scheme && a.sessionId == sessionId && a.coderId == coderId)
            scheme = findById(base.schemes, a.schemeRefId);
    for (const auto& c : base.codings)
        if (!scheme && c.sessionId == sessionId && c.coderId == coderId)
            scheme = findById(base.schemes, c.schemeRefId);
    if (!scheme && !base.schemes.empty())
        scheme = &base.schemes.front();
    if (scheme) {
        out.schemes.push_back(*scheme);
    } else {
        SchemeRef s = exchange::generatedScheme(schemeIdFor(in.stem().string()), "ELAN import " + in.filename().string(),
                                                itemsOf(doc), in.string());
        s.id = nextId(base);
        out.schemes.push_back(std::move(s));
        addCodings(in, doc, out, kase->id, session->id, coder->id, out.schemes.back().id, scope,
                   exchange::itemIdsFor(itemsOf(doc)));
        return out;
    }
    addCodings(in, doc, out, kase->id, session->id, coder->id, out.schemes.back().id, scope);
    return out;
}

ProjectData importEaf(const fs::path& in)
{
    const EafDoc doc = parseEaf(in);
    ProjectData out;
    Case kase;
    kase.id = 1;
    kase.code = in.stem().string();
    out.cases.push_back(kase);
    Session s;
    s.id = 2;
    s.caseId = 1;
    s.number = 1;
    out.sessions.push_back(s);
    Coder coder;
    coder.id = 3;
    coder.name = !doc.author.empty() ? doc.author : "elan-import";
    out.coders.push_back(coder);
    SchemeRef scheme =
        exchange::generatedScheme(schemeIdFor(kase.code), "ELAN import " + in.filename().string(), itemsOf(doc), in.string());
    scheme.id = 4;
    out.schemes.push_back(scheme);
    // The relative URL first (against the .eaf file's folder), then the absolute one.
    std::string mediaPath;
    if (const std::string rel = percentDecode(doc.relativeMediaUrl); !rel.empty())
        mediaPath = exchange::resolveMediaPath(in, rel.rfind("./", 0) == 0 ? rel.substr(2) : rel).string();
    if ((mediaPath.empty() || !fs::exists(mediaPath)) && doc.mediaUrl.rfind("file://", 0) == 0) {
        const auto abs = exchange::resolveMediaPath(in, percentDecode(doc.mediaUrl.substr(7)));
        if (mediaPath.empty() || fs::exists(abs))
            mediaPath = abs.string();
    }
    if (!mediaPath.empty()) {
        Media m;
        m.id = 5;
        m.sessionId = 2;
        m.path = mediaPath;
        m.uuid = exchange::stableUuid("eaf:" + kase.code + "|media");
        m.reference = true;
        out.media.push_back(m);
    }
    addCodings(in, doc, out, 1, 2, 3, 4, "eaf:" + kase.code, exchange::itemIdsFor(itemsOf(doc)));
    return out;
}

} // namespace projects
