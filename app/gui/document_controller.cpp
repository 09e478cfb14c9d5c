#include "app/gui/document_controller.h"

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "app/gui/key_bindings.h"
#include "coding_schemes/scheme_loader.h"
#include "codec/timebase.h"
#include "projects/edit_history.h"
#include "projects/project_setup.h"
#include "projects/store.h"

namespace app {

using projects::Coding;
using projects::RowId;

namespace {

bool before(const Coding& a, const Coding& b)
{
    return a.onsetUs != b.onsetUs ? a.onsetUs < b.onsetUs : a.uuid < b.uuid;
}

std::string actorLabel(const projects::Participant& p)
{
    return p.code + " (" + projects::roleName(p.role) + ")";
}

const char* kLastAssignmentKey = "gui.last_assignment"; // "session coder scheme" rowids

} // namespace

DocumentController::DocumentController(DocumentState& doc, KeySettings settings)
    : m_doc(doc), m_settings(std::move(settings))
{
}

DocumentController::~DocumentController() = default;

void DocumentController::openProject(const std::filesystem::path& path)
{
    auto store = std::make_unique<projects::Store>(projects::Store::open(path)); // throws "PATH: problem"
    closeProject();
    m_store = std::move(store);
    m_history = std::make_unique<projects::EditHistory>(*m_store);
    m_doc.projectOpen = true;
    m_doc.projectPath = path.string();
    reloadLists();
    m_doc.status = {"Opened " + path.filename().string(), false};
}

void DocumentController::closeProject()
{
    closeSession();
    m_history.reset();
    m_store.reset();
    m_clipboard.clear(); // participant ids are the project's
    const bool browser = m_doc.showBrowser;
    m_doc = DocumentState{};
    m_doc.showBrowser = browser;
}

void DocumentController::createProject(const std::filesystem::path& path)
{
    { projects::Store created = projects::Store::create(path); } // throws "PATH: already exists" etc.
    openProject(path);
    m_doc.status = {"Created " + path.filename().string() + ": add coders, a scheme and sessions below", false};
}

void DocumentController::addCoder(const std::string& name, projects::CoderRole role)
{
    if (!m_store)
        throw std::runtime_error("no project is open");
    if (name.empty())
        throw std::invalid_argument("a coder needs a name");
    m_store->addCoder({.name = name, .role = role});
    reloadLists();
    if (!m_doc.browsingCoderId)
        m_doc.browsingCoderId = m_doc.coders.back().id;
    m_doc.status = {"Added " + std::string(projects::coderRoleName(role)) + " " + name, false};
}

void DocumentController::pinScheme(const std::filesystem::path& schemeFile)
{
    if (!m_store)
        throw std::runtime_error("no project is open");
    const projects::SchemeRef ref = projects::pinSchemeFile(*m_store, schemeFile);
    reloadLists();
    m_doc.status = {"Scheme " + ref.schemeId + " " + ref.version + " pinned (" + ref.contentHash.substr(0, 19) + ")", false};
}

void DocumentController::addSession(const projects::NewSession& n)
{
    if (!m_store)
        throw std::runtime_error("no project is open");
    const projects::Session s = projects::addSession(*m_store, n);
    reloadLists();
    m_doc.status = {"Added session " + n.caseCode + "/" + std::to_string(s.number) + " with " + std::to_string(s.attended.size())
                        + " people" + (n.media ? " and its media" : ""),
                    false};
}

void DocumentController::assign(RowId coderId, RowId schemeRefId, const std::string& caseCode, std::optional<int> number)
{
    if (!m_store)
        throw std::runtime_error("no project is open");
    const int n = projects::assignSessions(*m_store, coderId, schemeRefId, caseCode, number);
    reloadLists();
    m_doc.status = {std::to_string(n) + " session(s) assigned", false};
}

void DocumentController::reloadLists()
{
    m_doc.cases = m_store->cases();
    m_doc.sessions = m_store->sessions();
    m_doc.participants = m_store->participants();
    m_doc.coders = m_store->coders();
    m_doc.schemes = m_store->schemes();
    m_doc.assignments = m_store->assignments();
    m_doc.media = m_store->media();
}

std::optional<std::filesystem::path> DocumentController::openSession(RowId sessionId, RowId coderId, RowId schemeRefId)
{
    if (!m_store)
        throw std::runtime_error("no project is open");
    const std::string file = m_store->path().string();
    auto findIn = [](const auto& rows, RowId id) -> const auto* {
        for (const auto& r : rows)
            if (r.id == id)
                return &r;
        return static_cast<const std::decay_t<decltype(rows.front())>*>(nullptr);
    };
    const projects::Session* session = findIn(m_doc.sessions, sessionId);
    const projects::Coder* coder = findIn(m_doc.coders, coderId);
    const projects::SchemeRef* ref = findIn(m_doc.schemes, schemeRefId);
    if (!session)
        throw std::runtime_error(file + ": no session with id " + std::to_string(sessionId));
    if (!coder)
        throw std::runtime_error(file + ": no coder with id " + std::to_string(coderId));
    if (!ref)
        throw std::runtime_error(file + ": no scheme with id " + std::to_string(schemeRefId));
    schemes::LoadResult loaded = schemes::loadFromString(ref->sourceText, ref->schemeId + ".toml");
    // A scheme pinned by an older Bondline may break a rule added since (a digit key): it
    // still opens, with the diagnostics as warnings; one that does not parse does not.
    if (loaded.scheme.items.empty())
        throw std::runtime_error(file + ": the pinned scheme " + ref->schemeId + " does not load: "
                                 + (loaded.diagnostics.empty() ? std::string("no items") : loaded.diagnostics.front().toString()));

    closeSession();
    m_doc.sessionId = sessionId;
    m_doc.coderId = coderId;
    m_doc.schemeRefId = schemeRefId;
    m_store->setActor(coder->name);
    const projects::Case* cs = findIn(m_doc.cases, session->caseId);
    m_doc.sessionTitle = (cs ? cs->code : std::string("?")) + " session " + std::to_string(session->number) + " - "
        + coder->name + " - " + ref->schemeId;
    auto scheme = std::make_shared<schemes::Scheme>(std::move(loaded.scheme));

    // Actors: those present, in the order the session lists them.
    for (RowId pid : session->attended)
        if (const projects::Participant* p = findIn(m_doc.participants, pid))
            m_doc.actors.push_back({*p, actorLabel(*p)});

    // Keyboard items, with the observer's remapping; collisions are warnings.
    for (const schemes::Item& it : scheme->items) {
        std::string key = m_settings.keyFor(scheme->id, it.id, it.key);
        if (key.size() == 1 && key[0] >= '0' && key[0] <= '9') {
            m_doc.keyWarnings.push_back("item " + it.id + " has the digit key '" + key
                                        + "' (digits select people); it has no key here");
            key.clear();
        }
        if (it.kind == schemes::ItemKind::Rated)
            continue; // rated items are given values in the rating form, not coded
        ItemKey k;
        k.key = key;
        k.itemId = it.id;
        k.kind = it.kind;
        k.polarity = it.polarity;
        k.label = schemes::textIn(it.label, "en");
        const schemes::Target* target = scheme->findTarget(it.target);
        k.directed = target && target->kind == schemes::TargetKind::Dyad;
        k.familyLevel = target && target->kind == schemes::TargetKind::Family;
        for (size_t d = 0; d < scheme->dimensions.size(); ++d)
            if (scheme->dimensions[d].id == it.dimension)
                k.dimensionIndex = static_cast<int>(d);
        if (!key.empty()) {
            if (const KeyBinding* b = transportCollision(key))
                m_doc.keyWarnings.push_back("key '" + key + "' of item " + it.id + " is also " + b->keys + " ("
                                            + b->what + "); the transport wins. Remap it in "
                                            + KeySettings::defaultPath().string());
            for (const ItemKey& other : m_doc.keys)
                if (other.key == key)
                    m_doc.keyWarnings.push_back("key '" + key + "' is bound to both " + other.itemId + " and " + it.id
                                                + "; the first wins");
        }
        m_doc.keys.push_back(std::move(k));
    }
    m_doc.keyWarnings.insert(m_doc.keyWarnings.end(), m_settings.warnings.begin(), m_settings.warnings.end());
    for (const schemes::Diagnostic& d : loaded.diagnostics)
        if (d.message.find("is a digit") == std::string::npos) // reported above, per item
            m_doc.keyWarnings.push_back(d.toString());
    m_doc.scheme = std::move(scheme);

    m_doc.codings = m_store->codings(sessionId, coderId);
    std::erase_if(m_doc.codings, [&](const Coding& c) { return c.schemeRefId != schemeRefId; });
    sortCodings();
    m_history->clear();
    refreshUndoLabels();

    std::optional<std::filesystem::path> mediaPath;
    for (const projects::Media& m : m_store->media(sessionId))
        if (m.reference || !mediaPath) {
            mediaPath = m_store->resolve(m);
            m_doc.syncOffsetUs = m.offsetUs;
            if (m.reference)
                break;
        }
    try {
        m_store->setMeta(kLastAssignmentKey, std::to_string(sessionId) + " " + std::to_string(coderId) + " "
                                                 + std::to_string(schemeRefId));
    } catch (const std::exception&) {
        // A read-only project can still be browsed; only "reopen where I was" is lost.
    }
    int open = 0;
    for (const Coding& c : m_doc.codings)
        open += m_doc.isOpenState(c) ? 1 : 0;
    m_doc.status = {m_doc.sessionTitle + ": " + std::to_string(m_doc.codings.size()) + " codings"
                        + (open ? ", " + std::to_string(open) + " unfinished state(s)" : std::string()),
                    false};
    if (!m_doc.keyWarnings.empty())
        m_doc.status = {m_doc.keyWarnings.front(), true};
    return mediaPath;
}

void DocumentController::closeSession()
{
    m_doc.sessionId = m_doc.coderId = m_doc.schemeRefId = 0;
    m_doc.sessionTitle.clear();
    m_doc.scheme.reset();
    m_doc.actors.clear();
    m_doc.keys.clear();
    m_doc.keyWarnings.clear();
    m_doc.codings.clear();
    setSelection({}, {});
    m_doc.selectedActor = -1;
    m_doc.pending.reset();
    m_doc.syncOffsetUs = 0;
    ++m_doc.revision;
    m_lastPress = {};
    if (m_history)
        m_history->clear();
    refreshUndoLabels();
}

DocumentController::AssignmentRef DocumentController::findAssignment(const std::string& caseSlashNumber,
                                                                     const std::string& coderName,
                                                                     const std::string& schemeId)
{
    if (!m_store)
        throw std::runtime_error("no project is open");
    const std::string file = m_store->path().string();
    const auto slash = caseSlashNumber.rfind('/');
    int number = 0;
    if (slash == std::string::npos
        || std::from_chars(caseSlashNumber.data() + slash + 1, caseSlashNumber.data() + caseSlashNumber.size(), number).ec
            != std::errc())
        throw std::runtime_error("--session expects CASE/NUMBER (e.g. F017/1), got '" + caseSlashNumber + "'");
    const std::string caseCode = caseSlashNumber.substr(0, slash);
    RowId caseId = 0;
    for (const auto& c : m_doc.cases)
        if (c.code == caseCode)
            caseId = c.id;
    if (!caseId)
        throw std::runtime_error(file + ": no case " + caseCode);
    RowId sessionId = 0;
    for (const auto& s : m_doc.sessions)
        if (s.caseId == caseId && s.number == number)
            sessionId = s.id;
    if (!sessionId)
        throw std::runtime_error(file + ": case " + caseCode + " has no session " + std::to_string(number));
    RowId coderId = 0;
    for (const auto& c : m_doc.coders)
        if (c.name == coderName)
            coderId = c.id;
    if (!coderId)
        throw std::runtime_error(file + ": no coder " + coderName);
    for (const auto& a : m_doc.assignments) {
        if (a.sessionId != sessionId || a.coderId != coderId)
            continue;
        for (const auto& s : m_doc.schemes)
            if (s.id == a.schemeRefId && (schemeId.empty() || s.schemeId == schemeId))
                return {sessionId, coderId, a.schemeRefId};
    }
    throw std::runtime_error(file + ": " + coderName + " has no assignment for " + caseSlashNumber
                             + (schemeId.empty() ? std::string() : " with scheme " + schemeId));
}

std::optional<DocumentController::AssignmentRef> DocumentController::lastAssignment()
{
    if (!m_store)
        return std::nullopt;
    auto v = m_store->meta(kLastAssignmentKey);
    if (!v)
        return std::nullopt;
    AssignmentRef r{};
    if (std::sscanf(v->c_str(), "%lld %lld %lld", reinterpret_cast<long long*>(&r.sessionId),
                    reinterpret_cast<long long*>(&r.coderId), reinterpret_cast<long long*>(&r.schemeRefId))
        != 3)
        return std::nullopt;
    for (const auto& a : m_doc.assignments)
        if (a.sessionId == r.sessionId && a.coderId == r.coderId && a.schemeRefId == r.schemeRefId)
            return r;
    return std::nullopt;
}

// [SECTION] Edits

void DocumentController::sortCodings()
{
    std::sort(m_doc.codings.begin(), m_doc.codings.end(), before);
    ++m_doc.revision;
}

void DocumentController::fold(const projects::ChangeSet& cs)
{
    for (const std::string& uuid : cs.codingsRemoved) {
        std::erase_if(m_doc.codings, [&](const Coding& c) { return c.uuid == uuid; });
        if (m_doc.isSelected(uuid)) {
            m_doc.selection.erase(std::lower_bound(m_doc.selection.begin(), m_doc.selection.end(), uuid));
            ++m_doc.selectionRevision;
        }
        if (m_doc.selectedUuid == uuid)
            m_doc.selectedUuid.clear();
    }
    for (const Coding& c : cs.codingsUpserted) {
        if (c.sessionId != m_doc.sessionId || c.coderId != m_doc.coderId)
            continue;
        auto it = std::find_if(m_doc.codings.begin(), m_doc.codings.end(), [&](const Coding& x) { return x.uuid == c.uuid; });
        if (it != m_doc.codings.end())
            m_doc.codings.erase(it);
        // Insert in order (one binary search: no full re-sort per key press).
        m_doc.codings.insert(std::upper_bound(m_doc.codings.begin(), m_doc.codings.end(), c, before), c);
    }
    ++m_doc.revision;
}

void DocumentController::refreshUndoLabels()
{
    m_doc.undoLabel = m_history ? m_history->undoLabel() : std::string();
    m_doc.redoLabel = m_history ? m_history->redoLabel() : std::string();
}

template <class Fn> bool DocumentController::edit(const std::string& what, Fn&& fn)
{
    try {
        projects::ChangeSet cs = fn();
        fold(cs);
        refreshUndoLabels();
        return true;
    } catch (const std::exception& e) {
        // Nothing was stored (the transaction rolled back): the view keeps the file's state.
        m_doc.status = {"NOT SAVED (" + what + "): " + std::string(e.what()), true};
        return false;
    }
}

int64_t DocumentController::sessionTime(const FrameContext& f) const
{
    return codec::toSession(codec::MediaUs{f.mediaUs}, codec::SyncOffset{m_doc.syncOffsetUs}).us;
}

Coding DocumentController::newCoding(const ItemKey& item, int actorIndex, const FrameContext& f) const
{
    Coding c;
    c.sessionId = m_doc.sessionId;
    c.coderId = m_doc.coderId;
    c.schemeRefId = m_doc.schemeRefId;
    c.item = item.itemId;
    c.actorId = m_doc.actors[static_cast<size_t>(actorIndex)].participant.id;
    c.onsetUs = std::max<int64_t>(sessionTime(f), 0);
    c.framePts = f.streamPts;
    return c;
}

std::optional<int64_t> DocumentController::apply(const CodingCommand& command, const FrameContext& frame)
{
    if (!m_doc.sessionOpen())
        return std::nullopt;
    return std::visit(
        [&](const auto& c) -> std::optional<int64_t> {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, DigitKey>) {
                digit(c.digit, frame);
            } else if constexpr (std::is_same_v<T, CodeKey>) {
                return codeKey(c, frame);
            } else if constexpr (std::is_same_v<T, CancelPending>) {
                if (m_doc.pending)
                    finishPending(std::nullopt);
            } else if constexpr (std::is_same_v<T, Undo> || std::is_same_v<T, Redo>) {
                constexpr bool undo = std::is_same_v<T, Undo>;
                const char* verb = undo ? "undo" : "redo";
                if (undo ? !m_history->canUndo() : !m_history->canRedo()) {
                    m_doc.status = {std::string("Nothing to ") + verb, false};
                } else {
                    const std::string label = undo ? m_history->undoLabel() : m_history->redoLabel();
                    if (edit(verb, [&] { return undo ? m_history->undo() : m_history->redo(); }))
                        m_doc.status = {(undo ? "Undone: " : "Redone: ") + label, false};
                }
            } else if constexpr (std::is_same_v<T, SelectCoding>) {
                if (c.toggle && !c.uuid.empty()) {
                    std::vector<std::string> next = m_doc.selection;
                    if (m_doc.isSelected(c.uuid)) {
                        std::erase(next, c.uuid);
                        setSelection(std::move(next), m_doc.selectedUuid == c.uuid ? std::string() : m_doc.selectedUuid);
                        return std::nullopt; // taken out: no jump
                    }
                    next.push_back(c.uuid);
                    setSelection(std::move(next), c.uuid);
                } else {
                    setSelection(c.uuid.empty() ? std::vector<std::string>{} : std::vector<std::string>{c.uuid}, c.uuid);
                }
                if (const Coding* x = m_doc.coding(c.uuid); x && c.seek)
                    return codec::toMedia(codec::SessionUs{x->onsetUs}, codec::SyncOffset{m_doc.syncOffsetUs}).us;
            } else if constexpr (std::is_same_v<T, SelectCodings>) {
                setSelection(c.uuids, c.uuids.empty() ? std::string() : c.uuids.back());
            } else if constexpr (std::is_same_v<T, SelectAll>) {
                std::vector<std::string> all;
                all.reserve(m_doc.codings.size());
                for (const Coding& x : m_doc.codings)
                    all.push_back(x.uuid);
                setSelection(std::move(all), m_doc.selectedUuid);
                m_doc.status = {"Selected all " + std::to_string(m_doc.selection.size()) + " codings", false};
            } else if constexpr (std::is_same_v<T, DeleteSelected>) {
                deleteSelected("Deleted");
            } else if constexpr (std::is_same_v<T, CopySelected>) {
                copySelected();
            } else if constexpr (std::is_same_v<T, CutSelected>) {
                if (copySelected())
                    deleteSelected("Cut");
            } else if constexpr (std::is_same_v<T, Paste>) {
                paste(frame);
            } else if constexpr (std::is_same_v<T, MoveSelected>) {
                moveSelected(c.uuid, c.onsetUs);
            } else if constexpr (std::is_same_v<T, MoveCoding>) {
                if (const Coding* x = m_doc.coding(c.uuid)) {
                    Coding after = *x;
                    after.onsetUs = std::max<int64_t>(c.onsetUs, 0);
                    after.offsetUs = c.offsetUs;
                    if (after.offsetUs && *after.offsetUs < after.onsetUs)
                        after.offsetUs = after.onsetUs;
                    after.framePts.reset(); // no longer the frame it was coded on
                    edit("move", [&] { return m_history->apply(m_history->makeUpdateCoding(after)); });
                }
            } else if constexpr (std::is_same_v<T, SetComment>) {
                if (const Coding* x = m_doc.coding(c.uuid); x && x->comment != c.comment) {
                    Coding after = *x;
                    after.comment = c.comment;
                    edit("comment", [&] { return m_history->apply(m_history->makeUpdateCoding(after)); });
                }
            } else if constexpr (std::is_same_v<T, CloseOpenState>) {
                if (const Coding* x = m_doc.coding(c.uuid); x && m_doc.isOpenState(*x)) {
                    Coding after = *x;
                    after.offsetUs = std::max(sessionTime(frame), after.onsetUs);
                    const std::string item = x->item;
                    if (edit("end state", [&] { return m_history->apply(m_history->makeUpdateCoding(after)); }))
                        m_doc.status = {"Ended " + item, false};
                }
            } else if constexpr (std::is_same_v<T, LoopSelected>) {
                // handled by the Controller (it is transport), never reaches here
            } else if constexpr (std::is_same_v<T, DropOpenState>) {
                if (const Coding* x = m_doc.coding(c.uuid); x && m_doc.isOpenState(*x)) {
                    const std::string uuid = x->uuid;
                    edit("drop state", [&] { return m_history->apply(m_history->makeDeleteCoding(uuid)); });
                }
            }
            return std::nullopt;
        },
        command);
}

// [SECTION] Selection and the coding clipboard

void DocumentController::setSelection(std::vector<std::string> uuids, std::string primary)
{
    std::sort(uuids.begin(), uuids.end());
    uuids.erase(std::unique(uuids.begin(), uuids.end()), uuids.end());
    std::erase(uuids, std::string());
    if (!primary.empty() && !std::binary_search(uuids.begin(), uuids.end(), primary))
        primary.clear();
    if (primary.empty() && !uuids.empty())
        primary = uuids.back();
    m_doc.selection = std::move(uuids);
    m_doc.selectedUuid = std::move(primary);
    ++m_doc.selectionRevision;
}

std::vector<Coding> DocumentController::selectedCodings() const
{
    std::vector<Coding> out; // in time order (codings are sorted)
    if (m_doc.selection.empty())
        return out;
    for (const Coding& c : m_doc.codings)
        if (m_doc.isSelected(c.uuid))
            out.push_back(c);
    return out;
}

namespace {
std::string codingsWord(size_t n) { return std::to_string(n) + (n == 1 ? " coding" : " codings"); }
} // namespace

void DocumentController::deleteSelected(const char* verb)
{
    const std::vector<Coding> sel = selectedCodings();
    if (sel.empty()) {
        m_doc.status = {"Nothing selected (click a coding; Ctrl+click adds to the selection)", false};
        return;
    }
    const std::string what = sel.size() == 1 ? sel[0].item : codingsWord(sel.size());
    const bool ok = edit("delete", [&] {
        if (sel.size() == 1)
            return m_history->apply(m_history->makeDeleteCoding(sel[0].uuid));
        std::vector<std::unique_ptr<projects::EditCommand>> parts;
        for (const Coding& c : sel)
            parts.push_back(m_history->makeDeleteCoding(c.uuid));
        return m_history->applyGroup(std::move(parts), "delete " + codingsWord(sel.size()));
    });
    if (ok)
        m_doc.status = {std::string(verb) + " " + what + " (Ctrl+Z undoes)", false};
}

bool DocumentController::copySelected()
{
    std::vector<Coding> sel = selectedCodings();
    if (sel.empty()) {
        m_doc.status = {"Nothing selected to copy", false};
        return false;
    }
    m_clipboard = std::move(sel);
    m_doc.clipboardSize = m_clipboard.size();
    m_doc.status = {"Copied " + codingsWord(m_clipboard.size()) + " (Ctrl+V pastes them at the frame shown)", false};
    return true;
}

void DocumentController::paste(const FrameContext& frame)
{
    if (m_clipboard.empty()) {
        m_doc.status = {"Nothing to paste (Ctrl+C copies the selected codings)", false};
        return;
    }
    // The earliest copied coding lands on the frame shown; the others keep their distance
    // from it. Codings of people not present here, items this scheme does not have and
    // unfinished states are left out and counted.
    const int64_t earliest = m_clipboard.front().onsetUs;
    const int64_t shift = std::max<int64_t>(sessionTime(frame), 0) - earliest;
    std::vector<Coding> add;
    size_t skipped = 0;
    for (const Coding& src : m_clipboard) {
        const bool present = m_doc.actorIndexOf(src.actorId) >= 0 && (!src.targetId || m_doc.actorIndexOf(*src.targetId) >= 0);
        const ItemKey* key = m_doc.keyFor(src.item);
        if (!present || !key || (key->kind == schemes::ItemKind::State && !src.offsetUs)) {
            ++skipped;
            continue;
        }
        Coding c = src;
        c.id = 0;
        c.uuid.clear();
        c.sessionId = m_doc.sessionId;
        c.coderId = m_doc.coderId;
        c.schemeRefId = m_doc.schemeRefId;
        c.onsetUs = src.onsetUs + shift;
        if (c.offsetUs)
            *c.offsetUs += shift;
        c.framePts = src.onsetUs == earliest ? frame.streamPts : std::nullopt;
        add.push_back(std::move(c));
    }
    const std::string skippedNote = skipped ? " (" + std::to_string(skipped) + " left out: people absent, items not in this scheme or open states)" : "";
    if (add.empty()) {
        m_doc.status = {"Pasted nothing" + skippedNote, true};
        return;
    }
    projects::ChangeSet added;
    const bool ok = edit("paste", [&] {
        std::vector<std::unique_ptr<projects::EditCommand>> parts;
        for (const Coding& c : add)
            parts.push_back(m_history->makeAddCoding(c));
        added = m_history->applyGroup(std::move(parts), "paste " + codingsWord(add.size()));
        return added;
    });
    if (!ok)
        return;
    std::vector<std::string> pasted;
    for (const Coding& c : added.codingsUpserted)
        pasted.push_back(c.uuid);
    setSelection(std::move(pasted), {});
    m_doc.status = {"Pasted " + codingsWord(add.size()) + " at frame " + std::to_string(frame.frameIndex) + skippedNote, !!skipped};
}

void DocumentController::moveSelected(const std::string& anchorUuid, int64_t onsetUs)
{
    const Coding* anchor = m_doc.coding(anchorUuid);
    std::vector<Coding> sel = selectedCodings();
    if (!anchor || sel.empty())
        return;
    // No coding may move before the session's start: the whole group stops there.
    int64_t delta = onsetUs - anchor->onsetUs;
    delta = std::max(delta, -sel.front().onsetUs);
    if (delta == 0)
        return;
    const size_t n = sel.size();
    edit("move", [&] {
        std::vector<std::unique_ptr<projects::EditCommand>> parts;
        for (Coding c : sel) {
            c.onsetUs += delta;
            if (c.offsetUs)
                *c.offsetUs += delta;
            c.framePts.reset(); // no longer the frame it was coded on
            parts.push_back(m_history->makeUpdateCoding(c));
        }
        return m_history->applyGroup(std::move(parts), "move " + codingsWord(n));
    });
}

void DocumentController::digit(int n, const FrameContext& /*frame*/)
{
    const int index = n - 1;
    if (index < 0 || index >= static_cast<int>(m_doc.actors.size())) {
        m_doc.status = {"No participant " + std::to_string(n) + " in this session (" + std::to_string(m_doc.actors.size())
                            + " present)",
                        true};
        return;
    }
    if (m_doc.pending) {
        finishPending(index);
        return;
    }
    m_doc.selectedActor = index;
    m_doc.status = {"Actor " + std::to_string(n) + ": " + m_doc.actors[static_cast<size_t>(index)].label, false};
}

void DocumentController::finishPending(std::optional<int> targetIndex)
{
    const PendingTarget p = *m_doc.pending;
    m_doc.pending.reset();
    const ItemKey* item = m_doc.keyFor(p.itemId);
    if (!item)
        return;
    Coding c;
    c.sessionId = m_doc.sessionId;
    c.coderId = m_doc.coderId;
    c.schemeRefId = m_doc.schemeRefId;
    c.item = p.itemId;
    c.actorId = m_doc.actors[static_cast<size_t>(p.actorIndex)].participant.id;
    c.onsetUs = p.onsetUs;
    c.framePts = p.framePts;
    if (targetIndex)
        c.targetId = m_doc.actors[static_cast<size_t>(*targetIndex)].participant.id;
    if (edit("code", [&] { return m_history->apply(m_history->makeAddCoding(c)); })) {
        m_doc.status = {"Coded " + p.itemId + " " + m_doc.actors[static_cast<size_t>(p.actorIndex)].participant.code + " -> "
                            + (targetIndex ? m_doc.actors[static_cast<size_t>(*targetIndex)].participant.code : std::string("(no target)")),
                        false};
    }
}

std::optional<int64_t> DocumentController::codeKey(const CodeKey& k, const FrameContext& frame)
{
    const ItemKey* item = nullptr;
    for (const ItemKey& x : m_doc.keys)
        if (!x.key.empty() && x.key == k.key) {
            item = &x;
            break;
        }
    if (!item) {
        m_doc.status = {"Key '" + k.key + "' codes nothing in " + (m_doc.scheme ? m_doc.scheme->id : std::string()) + " (F1 lists the keys)", true};
        return std::nullopt;
    }
    if (m_doc.pending) {
        // A new item key while a target is awaited: the first is stored without a target.
        finishPending(std::nullopt);
    }
    if (m_doc.selectedActor < 0) {
        m_doc.status = {"Select who acts first: press 1-" + std::to_string(std::max<size_t>(m_doc.actors.size(), 1)), true};
        return std::nullopt;
    }
    const int actor = m_doc.selectedActor;
    const std::string& actorCode = m_doc.actors[static_cast<size_t>(actor)].participant.code;

    if (item->kind == schemes::ItemKind::State) {
        // The same key for the same actor ends the open state on the frame shown.
        const RowId actorId = m_doc.actors[static_cast<size_t>(actor)].participant.id;
        for (const Coding& c : m_doc.codings) {
            if (c.item == item->itemId && c.actorId == actorId && !c.offsetUs) {
                Coding after = c;
                after.offsetUs = std::max(sessionTime(frame), c.onsetUs);
                if (edit("end state", [&] { return m_history->apply(m_history->makeUpdateCoding(after)); }))
                    m_doc.status = {"Ended " + item->itemId + " for " + actorCode, false};
                return std::nullopt;
            }
        }
        Coding c = newCoding(*item, actor, frame);
        if (edit("start state", [&] { return m_history->apply(m_history->makeAddCoding(c)); }))
            m_doc.status = {"Started " + item->itemId + " for " + actorCode + " (press " + item->key + " again to end it)", false};
        return std::nullopt;
    }

    // Point items: an accidental second press within 150 ms is ignored.
    if (m_lastPress.valid && m_lastPress.itemId == item->itemId && m_lastPress.actorIndex == actor
        && k.timestampMs - m_lastPress.timestampMs < kDoublePressMs) {
        m_doc.status = {"Ignored a second " + item->itemId + " for " + actorCode + " within " + std::to_string(kDoublePressMs)
                            + " ms (double press)",
                        true};
        return std::nullopt;
    }
    m_lastPress = {item->itemId, actor, k.timestampMs, true};

    if (item->directed) {
        m_doc.pending = PendingTarget{item->itemId, actor, std::max<int64_t>(sessionTime(frame), 0), frame.streamPts};
        m_doc.status = {item->itemId + " by " + actorCode + ": press the target's digit (Escape: no target)", false};
        return std::nullopt;
    }
    Coding c = newCoding(*item, actor, frame);
    if (edit("code", [&] { return m_history->apply(m_history->makeAddCoding(c)); }))
        m_doc.status = {"Coded " + item->itemId + " for " + actorCode + " at frame " + std::to_string(frame.frameIndex), false};
    return std::nullopt;
}

} // namespace app
