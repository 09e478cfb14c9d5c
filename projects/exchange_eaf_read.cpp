// ELAN .eaf import with expat. See exchange_eaf.h and exchange_eaf_format.h.
//
// [SECTION] parse: the document as ELAN wrote it (tiers, annotations, linguistic types,
//           controlled vocabularies, header properties)
// [SECTION] build: tiers -> participants, items, codings; dependent tiers -> comments
#include "projects/exchange_eaf.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>

#include <expat.h>

#include "projects/exchange_common.h"
#include "projects/exchange_eaf_format.h"

namespace fs = std::filesystem;

namespace projects {

namespace {

[[noreturn]] void invalid(const fs::path& file, const std::string& problem)
{
    throw ProjectError(ProjectError::Kind::Invalid, file.string(), problem);
}

// ---------------------------------------------------------------------------------
// [SECTION] parse

struct EafAnnotation {
    int line = 0;
    std::string id;
    std::optional<int64_t> startMs, endMs; // unset: an unaligned slot (dependent tiers only)
    std::string ref;                       // REF_ANNOTATION: the parent annotation's id
    std::string value;
};

struct EafTier {
    int line = 0;
    std::string id, participant, annotator, type, parent;
    std::vector<EafAnnotation> annotations;
};

struct EafType {
    std::string stereotype; // CONSTRAINTS: Symbolic_Association, Time_Subdivision, ...
    std::string cv;         // CONTROLLED_VOCABULARY_REF
};

struct EafDoc {
    std::string author;
    std::string mediaUrl, relativeMediaUrl;
    int64_t timeOriginMs = 0;
    std::map<std::string, std::string> properties;
    std::vector<EafTier> tiers;
    std::map<std::string, EafType> types;
    std::map<std::string, std::vector<std::string>> cvs; // CV_ID -> entry values, in file order
    std::set<std::string> externalCvs;                    // CVs kept in another file (EXT_REF)
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
    bool sawRoot = false;
    std::map<std::string, std::optional<int64_t>> slots;
    std::vector<std::string> path; // open element names
    std::string text;              // character data of the element being read
    std::string propertyName;
    std::string cv;                // the CONTROLLED_VOCABULARY being read
    bool entryHasValue = false;    // CV_ENTRY_ML: its first CVE_VALUE was taken
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

std::string attrOr(const XML_Char** atts, const char* name)
{
    const char* v = attr(atts, name);
    return v ? v : "";
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

std::string trimmed(const std::string& s)
{
    const auto first = s.find_first_not_of(" \t\r\n");
    const auto last = s.find_last_not_of(" \t\r\n");
    return first == std::string::npos ? "" : s.substr(first, last - first + 1);
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
        st.doc.author = attrOr(atts, "AUTHOR");
        return;
    }
    if (el == "MEDIA_DESCRIPTOR" && parent == "HEADER") {
        if (st.doc.mediaUrl.empty()) {
            st.doc.mediaUrl = attrOr(atts, "MEDIA_URL");
            st.doc.relativeMediaUrl = attrOr(atts, "RELATIVE_MEDIA_URL");
            int64_t origin = 0;
            if (parseInt(attr(atts, "TIME_ORIGIN"), origin))
                st.doc.timeOriginMs = origin;
        }
    } else if (el == "PROPERTY" && parent == "HEADER") {
        st.propertyName = attrOr(atts, "NAME");
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
        t.participant = trimmed(attrOr(atts, "PARTICIPANT"));
        t.annotator = attrOr(atts, "ANNOTATOR");
        t.type = attrOr(atts, "LINGUISTIC_TYPE_REF");
        t.parent = attrOr(atts, "PARENT_REF");
        st.doc.tiers.push_back(std::move(t));
    } else if (el == "ALIGNABLE_ANNOTATION" && parent == "ANNOTATION" && !st.doc.tiers.empty()) {
        EafTier& tier = st.doc.tiers.back();
        EafAnnotation an;
        an.line = st.line();
        an.id = attrOr(atts, "ANNOTATION_ID");
        const std::string what = "annotation " + (an.id.empty() ? std::string("(no id)") : an.id);
        std::optional<int64_t> ms[2];
        const char* refs[2] = {"TIME_SLOT_REF1", "TIME_SLOT_REF2"};
        for (int i = 0; i < 2; ++i) {
            const char* ref = attr(atts, refs[i]);
            if (!ref)
                return st.fail(what + " has no " + refs[i]);
            auto slot = st.slots.find(ref);
            if (slot == st.slots.end())
                return st.fail(what + " names time slot " + ref + ", which is not in TIME_ORDER");
            // Dependent (time subdivision, included-in) tiers may leave slots unaligned;
            // they take their place from the parent annotation.
            if (!slot->second && tier.parent.empty())
                return st.fail(what + " uses time slot " + ref + ", which has no time value (unaligned)");
            ms[i] = slot->second;
        }
        if (ms[0] && ms[1] && *ms[1] < *ms[0])
            return st.fail(what + " ends (" + std::to_string(*ms[1]) + " ms) before it starts (" + std::to_string(*ms[0])
                           + " ms)");
        an.startMs = ms[0];
        an.endMs = ms[1];
        tier.annotations.push_back(std::move(an));
        st.current = &tier.annotations.back();
    } else if (el == "REF_ANNOTATION" && parent == "ANNOTATION" && !st.doc.tiers.empty()) {
        EafAnnotation an;
        an.line = st.line();
        an.id = attrOr(atts, "ANNOTATION_ID");
        an.ref = attrOr(atts, "ANNOTATION_REF");
        if (an.ref.empty())
            return st.fail("reference annotation " + an.id + " has no ANNOTATION_REF");
        st.doc.tiers.back().annotations.push_back(std::move(an));
        st.current = &st.doc.tiers.back().annotations.back();
    } else if (el == "ANNOTATION_VALUE" || el == "CVE_VALUE" || el == "CV_ENTRY") {
        st.text.clear();
    } else if (el == "LINGUISTIC_TYPE") {
        const std::string id = attrOr(atts, "LINGUISTIC_TYPE_ID");
        st.doc.types[id] = {attrOr(atts, "CONSTRAINTS"), attrOr(atts, "CONTROLLED_VOCABULARY_REF")};
    } else if (el == "CONTROLLED_VOCABULARY") {
        st.cv = attrOr(atts, "CV_ID");
        st.doc.cvs[st.cv];
        if (attr(atts, "EXT_REF"))
            st.doc.externalCvs.insert(st.cv);
    } else if (el == "CV_ENTRY_ML") {
        st.entryHasValue = false;
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
        st.current->value = trimmed(st.text);
    } else if (el == "ALIGNABLE_ANNOTATION" || el == "REF_ANNOTATION") {
        st.current = nullptr;
    } else if ((el == "CVE_VALUE" && !st.entryHasValue) || el == "CV_ENTRY") {
        // A multilingual entry has one CVE_VALUE per language: the first names the item.
        st.entryHasValue = true;
        if (const std::string v = trimmed(st.text); !v.empty() && !st.cv.empty())
            st.doc.cvs[st.cv].push_back(v);
    } else if (el == "CONTROLLED_VOCABULARY") {
        st.cv.clear();
    }
}

void XMLCALL onText(void* user, const XML_Char* s, int len)
{
    auto& st = *static_cast<ParseState*>(user);
    if (!st.error.empty() || st.path.empty())
        return;
    const std::string& el = st.path.back();
    if (el == "PROPERTY" || el == "ANNOTATION_VALUE" || el == "CVE_VALUE" || el == "CV_ENTRY")
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
// [SECTION] build

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

// "<first> <rest>" of a property value.
std::pair<std::string, std::string> splitFirst(const std::string& v)
{
    const auto space = v.find(' ');
    if (space == std::string::npos)
        return {v, ""};
    return {v.substr(0, space), v.substr(space + 1)};
}

std::optional<std::string> property(const EafDoc& doc, const std::string& name)
{
    auto it = doc.properties.find(name);
    if (it == doc.properties.end())
        return std::nullopt;
    return it->second;
}

// How one independent tier becomes codings.
struct TierPlan {
    const EafTier* tier = nullptr;
    std::string participant;  // empty: skipped
    std::string fixedItem;    // the item of every annotation; empty: the annotation's value
    std::string itemSource;   // for the summary
    std::string schemeHash;   // a Bondline tier's scheme
    std::string skipReason;
};

class EafBuilder {
public:
    EafBuilder(const fs::path& in, const EafDoc& doc, const EafImportOptions& options, ImportNotes* notes)
        : m_in(in), m_doc(doc), m_options(options), m_notes(notes)
    {
        const auto content = property(doc, eaf::kTierContent);
        m_byDimension = content && *content == "dimension";
        if (auto p = property(doc, eaf::kPointSpan)) {
            int64_t v = 0;
            if (parseInt(p->c_str(), v) && v > 0)
                m_pointSpanMs = v;
        }
        for (const auto& t : doc.tiers)
            if (t.parent.empty())
                m_plans.push_back(plan(t));
    }

    bool bondlineFile() const { return property(m_doc, eaf::kSession).has_value(); }
    const std::vector<TierPlan>& plans() const { return m_plans; }

    // The codes the generated scheme needs: every item a plan gives, and every entry of
    // the controlled vocabularies of the imported tiers.
    std::vector<std::string> codes() const
    {
        std::set<std::string> seen;
        std::vector<std::string> out;
        auto add = [&](const std::string& c) {
            if (!c.empty() && seen.insert(c).second)
                out.push_back(c);
        };
        for (const auto& p : m_plans) {
            if (p.participant.empty())
                continue;
            if (!p.fixedItem.empty()) {
                add(p.fixedItem);
                continue;
            }
            if (const std::string cv = cvOf(*p.tier); !cv.empty())
                for (const auto& e : m_doc.cvs.at(cv))
                    add(e);
            for (const auto& an : p.tier->annotations)
                add(an.value);
        }
        return out;
    }

    // Adds the codings to `out` (which holds the case, session, coder and default scheme);
    // participants not yet in `out` are added (from the file's bondline:participant
    // properties when it has them, else role Other). `itemIds` maps codes to a generated
    // scheme's item ids (empty: the codes are item ids already).
    void build(ProjectData& out, RowId caseId, RowId sessionId, RowId coderId, RowId defaultSchemeId,
               const std::string& scope, const std::map<std::string, std::string>& itemIds)
    {
        exchange::StableUuids uuids(out, scope);
        RowId next = nextId(out);
        std::map<std::string, RowId> byCode;
        for (const auto& p : out.participants)
            if (p.caseId == caseId)
                byCode.emplace(p.code, p.id);
        auto person = [&](const std::string& code) {
            if (!byCode.count(code))
                if (auto prop = property(m_doc, eaf::kParticipantPrefix + code)) {
                    const auto [uuid, role] = splitFirst(*prop);
                    out.participants.push_back({.id = next++, .uuid = uuid, .caseId = caseId, .code = code,
                                                .role = parseRole(role).value_or(Role::Other)});
                    byCode.emplace(code, out.participants.back().id);
                }
            return exchange::participantFor(out, byCode, caseId, code, next);
        };
        auto itemOf = [&](const std::string& code) {
            auto it = itemIds.find(code);
            return it == itemIds.end() ? code : it->second;
        };
        auto schemeFor = [&](const std::string& hash) -> RowId {
            if (hash.empty())
                return defaultSchemeId;
            for (const auto& s : out.schemes)
                if (s.contentHash == hash)
                    return s.id;
            const auto [id, version] = splitFirst(property(m_doc, eaf::kSchemePrefix + hash).value_or(""));
            out.schemes.push_back({.id = next++, .schemeId = id, .version = version, .contentHash = hash});
            return out.schemes.back().id;
        };

        // Annotation id -> index of its coding in out.codings (dependent tiers attach there).
        std::map<std::string, size_t> codingOf;
        std::set<RowId> actors;
        int annotationNo = 0;
        for (const auto& plan : m_plans) {
            const EafTier& tier = *plan.tier;
            if (plan.participant.empty()) {
                if (!tier.annotations.empty())
                    warn("tier \"" + tier.id + "\": " + std::to_string(tier.annotations.size()) + " annotation(s) skipped: "
                         + plan.skipReason);
                else
                    summary("tier \"" + tier.id + "\": empty, skipped");
                continue;
            }
            const RowId actor = person(plan.participant);
            const RowId schemeId = schemeFor(plan.schemeHash);
            int imported = 0, noValue = 0;
            for (const auto& an : tier.annotations) {
                ++annotationNo;
                const std::string code = plan.fixedItem.empty() ? an.value : plan.fixedItem;
                if (code.empty() || !an.startMs || !an.endMs) {
                    ++noValue;
                    continue;
                }
                Coding c;
                c.id = next++;
                c.sessionId = sessionId;
                c.coderId = coderId;
                c.schemeRefId = schemeId;
                c.actorId = actor;
                c.item = itemOf(code);
                if (!plan.fixedItem.empty() && an.value != plan.fixedItem)
                    c.comment = an.value;
                c.onsetUs = (*an.startMs + m_doc.timeOriginMs) * 1000;
                if (!m_pointSpanMs || *an.endMs - *an.startMs != *m_pointSpanMs)
                    c.offsetUs = (*an.endMs + m_doc.timeOriginMs) * 1000;
                // Bondline's own export names each coding (uuid, target, frame, comment).
                if (auto prop = property(m_doc, eaf::kCodingPrefix + an.id)) {
                    std::vector<std::string> f;
                    std::stringstream ss(*prop);
                    for (std::string part; f.size() < 5 && std::getline(ss, part, '\t');)
                        f.push_back(part);
                    std::string rest;
                    std::getline(ss, rest, '\0');
                    f.resize(5);
                    c.uuid = f[0];
                    if (!f[1].empty())
                        c.targetId = person(f[1]);
                    int64_t v = 0;
                    if (parseInt(f[2].c_str(), v))
                        c.framePts = v;
                    auto ms = [](int64_t us) { return us >= 0 ? (us + 500) / 1000 : -((-us + 500) / 1000); };
                    if (parseInt(f[3].c_str(), v) && ms(v) == *an.startMs + m_doc.timeOriginMs)
                        c.onsetUs = v;
                    if (f[4].empty() && !c.offsetUs) {
                        // a point event, still one
                    } else if (parseInt(f[4].c_str(), v) && c.offsetUs && ms(v) == *an.endMs + m_doc.timeOriginMs) {
                        c.offsetUs = v;
                    } else if (parseInt(f[4].c_str(), v) && c.offsetUs && ms(v) + 1 == *an.endMs + m_doc.timeOriginMs) {
                        c.offsetUs = v; // a state one point span long, written 1 ms longer
                    }
                    c.comment = rest;
                }
                if (c.uuid.empty())
                    c.uuid = uuids("tier|" + tier.id + "|" + std::to_string(c.onsetUs));
                if (!an.id.empty())
                    codingOf[an.id] = out.codings.size();
                out.codings.push_back(std::move(c));
                actors.insert(actor);
                ++imported;
            }
            summary("tier \"" + tier.id + "\": " + std::to_string(imported) + " coding(s), participant \"" + plan.participant
                    + "\", " + plan.itemSource);
            if (noValue)
                warn("tier \"" + tier.id + "\": " + std::to_string(noValue) + " annotation(s) without a value skipped");
        }
        attachDependents(out, codingOf);
        for (auto& s : out.sessions)
            if (s.id == sessionId)
                for (RowId id : actors)
                    if (std::find(s.attended.begin(), s.attended.end(), id) == s.attended.end())
                        s.attended.push_back(id);
    }

private:
    void warn(const std::string& what)
    {
        if (m_notes)
            m_notes->warnings.push_back(m_in.string() + ": " + what);
    }
    void summary(const std::string& what)
    {
        if (m_notes)
            m_notes->summary.push_back(what);
    }

    std::string cvOf(const EafTier& t) const
    {
        auto type = m_doc.types.find(t.type);
        if (type == m_doc.types.end() || type->second.cv.empty() || !m_doc.cvs.count(type->second.cv)
            || m_doc.externalCvs.count(type->second.cv))
            return "";
        return type->second.cv;
    }

    TierPlan plan(const EafTier& t) const
    {
        TierPlan p;
        p.tier = &t;
        const auto bondline = property(m_doc, eaf::kTierPrefix + t.id);
        if (bondline)
            p.schemeHash = splitFirst(*bondline).first;
        const auto mapped = m_options.tierMap.find(t.id);
        // Who: the user's mapping, the tier's PARTICIPANT, or a name "<participant> <item>".
        bool fromName = false;
        if (mapped != m_options.tierMap.end() && !mapped->second.participant.empty()) {
            p.participant = mapped->second.participant;
        } else if (!t.participant.empty()) {
            p.participant = t.participant;
        } else if (const auto space = t.id.find(' '); space != std::string::npos && space > 0 && space + 1 < t.id.size()) {
            p.participant = t.id.substr(0, space);
            fromName = true;
        } else {
            p.skipReason = "no participant (no PARTICIPANT attribute, and the name is not \"<participant> <item>\"); "
                           "map it with --tier-map '" + t.id + "=PARTICIPANT:ITEM'";
            return p;
        }
        // What: the mapping, the controlled vocabulary, Bondline's layout, or the tier name.
        const std::string cv = cvOf(t);
        if (mapped != m_options.tierMap.end() && !mapped->second.item.empty()) {
            p.fixedItem = mapped->second.item;
            p.itemSource = "item \"" + p.fixedItem + "\" (mapped; values in the comment)";
        } else if (!cv.empty()) {
            p.itemSource = "item from the value (controlled vocabulary \"" + cv + "\")";
        } else if (m_byDimension) {
            p.itemSource = "item from the value";
        } else if (bondline) {
            p.fixedItem = splitFirst(*bondline).second;
            p.itemSource = "item \"" + p.fixedItem + "\"";
        } else {
            const std::string prefix = p.participant + " ";
            p.fixedItem = fromName ? t.id.substr(t.id.find(' ') + 1)
                : t.id.rfind(prefix, 0) == 0 && t.id.size() > prefix.size() ? t.id.substr(prefix.size())
                                                                               : t.id;
            p.itemSource = "item \"" + p.fixedItem + "\" (the tier's name; other values in the comment)";
        }
        return p;
    }

    // A dependent tier's annotations (symbolic association or subdivision: by
    // ANNOTATION_REF; time subdivision, included-in: by time) add their value to the
    // comment of the coding their parent annotation became, "<tier>: <value>".
    void attachDependents(ProjectData& out, std::map<std::string, size_t>& codingOf)
    {
        std::map<std::string, const EafTier*> byId;
        for (const auto& t : m_doc.tiers)
            byId[t.id] = &t;
        std::set<std::string> done;
        for (const auto& t : m_doc.tiers)
            if (t.parent.empty())
                done.insert(t.id);
        // Parents come first, however the file orders its tiers.
        for (bool progress = true; progress;) {
            progress = false;
            for (const auto& t : m_doc.tiers) {
                if (done.count(t.id) || !done.count(t.parent))
                    continue;
                done.insert(t.id);
                progress = true;
                const EafTier* parent = byId.at(t.parent);
                const auto type = m_doc.types.find(t.type);
                const std::string kind = type == m_doc.types.end() || type->second.stereotype.empty()
                    ? std::string("dependent")
                    : type->second.stereotype;
                int attached = 0, orphans = 0;
                std::optional<size_t> previous;
                for (const auto& an : t.annotations) {
                    std::optional<size_t> target;
                    if (!an.ref.empty()) {
                        if (auto it = codingOf.find(an.ref); it != codingOf.end())
                            target = it->second;
                    } else if (an.startMs) {
                        for (const auto& pa : parent->annotations)
                            if (pa.startMs && pa.endMs && *pa.startMs <= *an.startMs && *an.startMs < std::max(*pa.endMs, *pa.startMs + 1))
                                if (auto it = codingOf.find(pa.id); it != codingOf.end()) {
                                    target = it->second;
                                    break;
                                }
                    } else {
                        target = previous; // an unaligned subdivision continues the previous part
                    }
                    if (!target) {
                        ++orphans;
                        continue;
                    }
                    previous = target;
                    if (!an.id.empty())
                        codingOf[an.id] = *target;
                    if (an.value.empty())
                        continue;
                    std::string& comment = out.codings[*target].comment;
                    comment += (comment.empty() ? "" : "; ") + t.id + ": " + an.value;
                    ++attached;
                }
                summary("tier \"" + t.id + "\" (" + kind + " of \"" + t.parent + "\"): " + std::to_string(attached)
                        + " value(s) added to the comments of the parent's codings");
                if (orphans)
                    warn("tier \"" + t.id + "\": " + std::to_string(orphans)
                         + " annotation(s) skipped (their parent annotation was not imported)");
            }
        }
        for (const auto& t : m_doc.tiers)
            if (!done.count(t.id) && !t.annotations.empty())
                warn("tier \"" + t.id + "\": " + std::to_string(t.annotations.size()) + " annotation(s) skipped (parent tier \""
                     + t.parent + "\" is not in the file)");
    }

    const fs::path& m_in;
    const EafDoc& m_doc;
    const EafImportOptions& m_options;
    ImportNotes* m_notes;
    bool m_byDimension = false;
    std::optional<int64_t> m_pointSpanMs;
    std::vector<TierPlan> m_plans;
};

std::string schemeIdFor(const std::string& stem) { return exchange::schemeIdFor("elan-", stem); }

} // namespace

ProjectData importEaf(const fs::path& in, const ProjectData& base, RowId sessionId, RowId coderId,
                      const EafImportOptions& options, ImportNotes* notes)
{
    using exchange::findById;
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
    EafBuilder builder(in, doc, options, notes);
    const std::string scope = "eaf:" + session->uuid + "|" + coder->uuid;

    ProjectData out;
    out.cases.push_back(*kase);
    for (const auto& p : base.participants)
        if (p.caseId == kase->id)
            out.participants.push_back(p);
    out.sessions.push_back(*session);
    out.coders.push_back(*coder);
    for (const auto& s : base.schemes)
        out.schemes.push_back(s);

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
        builder.build(out, kase->id, session->id, coder->id, scheme->id, scope, {});
    } else {
        const auto codes = builder.codes();
        SchemeRef s = exchange::generatedScheme(schemeIdFor(in.stem().string()), "ELAN import " + in.filename().string(),
                                                codes, in.string());
        s.id = nextId(base);
        out.schemes.push_back(std::move(s));
        builder.build(out, kase->id, session->id, coder->id, out.schemes.back().id, scope, exchange::itemIdsFor(codes));
    }
    // Only the schemes the codings use travel (importData needs them in the project).
    std::set<RowId> used;
    for (const auto& c : out.codings)
        used.insert(c.schemeRefId);
    std::erase_if(out.schemes, [&](const SchemeRef& s) { return !used.count(s.id); });
    return out;
}

ProjectData importEaf(const fs::path& in, const EafImportOptions& options, ImportNotes* notes)
{
    const EafDoc doc = parseEaf(in);
    EafBuilder builder(in, doc, options, notes);
    ProjectData out;
    Case kase;
    kase.id = 1;
    kase.code = in.stem().string();
    Session s;
    s.id = 2;
    s.caseId = 1;
    s.number = 1;
    Coder coder;
    coder.id = 3;
    coder.name = !doc.author.empty() ? doc.author : "elan-import";
    std::string scope = "eaf:" + kase.code;
    if (builder.bondlineFile()) {
        // Bondline's own export: back onto the case, session and coder it came from.
        std::tie(kase.uuid, kase.code) = splitFirst(property(doc, eaf::kCase).value_or(""));
        if (kase.code.empty())
            kase.code = in.stem().string();
        const auto [sessionUuid, number] = splitFirst(*property(doc, eaf::kSession));
        s.uuid = sessionUuid;
        s.number = std::max(1, std::atoi(number.c_str()));
        if (auto c = property(doc, eaf::kCoder))
            std::tie(coder.uuid, coder.name) = splitFirst(*c);
        scope = "eaf:" + s.uuid + "|" + coder.uuid;
    }
    out.cases.push_back(kase);
    out.sessions.push_back(s);
    out.coders.push_back(coder);
    const auto codes = builder.codes();
    // A Bondline file's tiers name their schemes by hash; a generated scheme is only
    // needed for tiers without one.
    SchemeRef scheme = exchange::generatedScheme(schemeIdFor(in.stem().string()), "ELAN import " + in.filename().string(),
                                                 codes, in.string());
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
        m.uuid = exchange::stableUuid(scope + "|media");
        m.reference = true;
        out.media.push_back(m);
    }
    builder.build(out, 1, 2, 3, 4, scope, builder.bondlineFile() ? std::map<std::string, std::string>{}
                                                                  : exchange::itemIdsFor(codes));
    std::set<RowId> used;
    for (const auto& c : out.codings)
        used.insert(c.schemeRefId);
    std::erase_if(out.schemes, [&](const SchemeRef& x) { return !used.count(x.id); });
    return out;
}

std::vector<EafTierInfo> eafTiers(const fs::path& in, const EafImportOptions& options)
{
    const EafDoc doc = parseEaf(in);
    const EafBuilder builder(in, doc, options, nullptr);
    std::vector<EafTierInfo> out;
    for (const auto& t : doc.tiers) {
        EafTierInfo info{.id = t.id, .parent = t.parent, .annotations = t.annotations.size()};
        for (const auto& p : builder.plans())
            if (p.tier == &t) {
                info.participant = p.participant;
                info.item = p.itemSource;
                info.skipReason = p.skipReason;
            }
        out.push_back(std::move(info));
    }
    return out;
}

} // namespace projects
