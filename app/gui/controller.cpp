#include "app/gui/controller.h"

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "codec/timebase.h"

namespace app {

Controller::Controller(Workspace& ws, MediaPort* port) : m_ws(ws), m_media(ws, port), m_document(ws.doc) {}

Controller::Controller(Workspace& ws, MediaOpener opener, KeySettings keys)
    : m_ws(ws), m_opener(std::move(opener)), m_media(ws, nullptr), m_document(ws.doc, std::move(keys))
{
}

Controller::~Controller()
{
    if (m_job.valid())
        m_job.wait(); // the job owns nothing of ours but must not outlive the opener
}

void Controller::applyAll(CommandQueue& q)
{
    for (const Command& c : q.take())
        apply(c);
}

void Controller::apply(const Command& command)
{
    std::visit(
        [&](const auto& group) {
            using G = std::decay_t<decltype(group)>;
            if constexpr (std::is_same_v<G, TransportCommand> || std::is_same_v<G, ViewCommand>)
                m_media.apply(group);
            else if constexpr (std::is_same_v<G, CodingCommand>)
                applyCoding(group);
            else if constexpr (std::is_same_v<G, DocumentCommand>)
                applyDocument(group);
            else
                applyUi(group);
        },
        command);
}

FrameContext Controller::frameContext() const
{
    FrameContext f;
    f.frameIndex = m_ws.playhead.frameIndex;
    f.mediaUs = m_ws.playhead.timeUs;
    if (MediaPort* p = m_media.port())
        f.streamPts = p->streamPtsOf(f.frameIndex);
    return f;
}

void Controller::applyCoding(const CodingCommand& command)
{
    CodingCommand c = command;
    if (m_media.port() && m_ws.media.frameCount > 0) {
        // A dragged coding lands on a frame: snap both ends to the frame shown at that time.
        MediaPort* p = m_media.port();
        const codec::SyncOffset o{m_ws.doc.syncOffsetUs};
        auto snap = [&](int64_t sessionUs) {
            const int64_t media = codec::toMedia(codec::SessionUs{sessionUs}, o).us;
            return codec::toSession(codec::MediaUs{p->timeOfFrame(p->frameAtTime(media))}, o).us;
        };
        if (auto* move = std::get_if<MoveCoding>(&c)) {
            move->onsetUs = snap(move->onsetUs);
            if (move->offsetUs)
                move->offsetUs = snap(*move->offsetUs);
        } else if (auto* group = std::get_if<MoveSelected>(&c)) {
            group->onsetUs = snap(group->onsetUs); // the others keep their distance to it
        }
    }
    if (std::holds_alternative<LoopSelected>(c)) {
        // Loop the selected coding: a state's span, a point's 2 s either side; again clears.
        const projects::Coding* sel = m_ws.doc.coding(m_ws.doc.selectedUuid);
        if (m_ws.play.loop || !sel) {
            m_media.apply(TransportCommand{ClearLoop{}});
            m_ws.doc.status = {sel || m_ws.play.loop ? "Loop off" : "Select a coding to loop around it", false};
            return;
        }
        const codec::SyncOffset o{m_ws.doc.syncOffsetUs};
        const int64_t on = codec::toMedia(codec::SessionUs{sel->onsetUs}, o).us;
        const int64_t off = sel->offsetUs ? codec::toMedia(codec::SessionUs{*sel->offsetUs}, o).us : on;
        const int64_t a = sel->offsetUs ? on : on - 2'000'000, b = sel->offsetUs ? std::max(off, on + 40'000) : on + 2'000'000;
        m_media.apply(TransportCommand{SetLoop{a, b}});
        m_media.apply(TransportCommand{SeekToTime{std::max<int64_t>(a, 0)}});
        m_ws.doc.status = {"Looping " + sel->item + " (Ctrl+L again: loop off)", false};
        return;
    }
    if (auto seek = m_document.apply(c, frameContext()))
        m_media.apply(TransportCommand{SeekToTime{*seek}});
}

void Controller::fail(const std::string& message)
{
    m_ws.ui.errorMessage = message;
    m_ws.ui.errorLog.push_back(message);
}

void Controller::applyUi(const UiCommand& command)
{
    std::visit(
        [&](const auto& c) {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, ToggleHelp>)
                m_ws.ui.showHelp = !m_ws.ui.showHelp;
            else if constexpr (std::is_same_v<T, DismissError>)
                m_ws.ui.errorMessage.clear();
            else if constexpr (std::is_same_v<T, Quit>)
                m_ws.ui.quitRequested = true;
        },
        command);
}

void Controller::applyDocument(const DocumentCommand& command)
{
    std::visit(
        [&](const auto& c) {
            using T = std::decay_t<decltype(c)>;
            try {
                if constexpr (std::is_same_v<T, OpenProject>) {
                    closeMedia();
                    m_document.openProject(c.path);
                    if (auto last = m_document.lastAssignment())
                        m_ws.doc.browsingCoderId = last->coderId;
                    m_ws.doc.showBrowser = true;
                } else if constexpr (std::is_same_v<T, OpenSession>) {
                    closeMedia();
                    auto media = m_document.openSession(c.sessionId, c.coderId, c.schemeRefId);
                    m_ws.doc.showBrowser = false;
                    if (media)
                        openMedia(media->string(), c.seekFrame);
                } else if constexpr (std::is_same_v<T, CloseSession>) {
                    closeMedia();
                    m_document.closeSession();
                    m_ws.doc.showBrowser = m_ws.doc.projectOpen;
                } else if constexpr (std::is_same_v<T, ShowBrowser>) {
                    m_ws.doc.showBrowser = c.show && m_ws.doc.projectOpen;
                } else if constexpr (std::is_same_v<T, BrowseAsCoder>) {
                    m_ws.doc.browsingCoderId = c.coderId;
                } else if constexpr (std::is_same_v<T, CreateProject>) {
                    closeMedia();
                    m_document.createProject(c.path);
                    m_ws.doc.showBrowser = true;
                } else if constexpr (std::is_same_v<T, AddCoder>) {
                    m_document.addCoder(c.name, c.role);
                } else if constexpr (std::is_same_v<T, PinScheme>) {
                    m_document.pinScheme(c.path);
                } else if constexpr (std::is_same_v<T, AddSession>) {
                    m_document.addSession(c.session);
                } else if constexpr (std::is_same_v<T, AssignSessions>) {
                    m_document.assign(c.coderId, c.schemeRefId, c.caseCode, c.number);
                } else if constexpr (std::is_same_v<T, OpenMedia>) {
                    m_document.closeProject();
                    openMedia(c.path);
                } else if constexpr (std::is_same_v<T, InspectImport>) {
                    m_document.inspectImport(c.path);
                } else if constexpr (std::is_same_v<T, ImportFile>) {
                    m_document.importFile(c.path, c.options);
                }
            } catch (const std::exception& e) {
                fail(e.what());
            }
        },
        command);
}

void Controller::closeMedia()
{
    if (!m_opener)
        return; // a fixed, borrowed port (tests) stays open
    if (m_job.valid()) {
        m_job.wait();
        m_job = {};
    }
    m_media.setPort(nullptr);
    m_ownedPort.reset();
    m_ws.media = MediaState{};
    m_ws.playhead = PlayheadState{};
    m_ws.play.playing = false;
    m_ws.ui.openingMedia.clear();
}

void Controller::openMedia(const std::string& path, std::optional<int64_t> seekFrame)
{
    if (!m_opener) {
        fail("cannot open media here: " + path);
        return;
    }
    closeMedia();
    m_seekAfterOpen = seekFrame;
    m_ws.ui.openingMedia = path;
    auto wake = m_wake;
    m_job = std::async(std::launch::async, [opener = m_opener, path, wake] {
        Opened o;
        struct Wake {
            const std::function<void()>& fn;
            ~Wake() { if (fn) fn(); }
        } w{wake}; // also when the opener throws: the window shows the error at once
        o.port = opener(path, o.media);
        return o;
    });
}

void Controller::waitForMedia()
{
    if (m_job.valid())
        m_job.wait();
    refresh();
}

bool Controller::refresh()
{
    bool changed = false;
    if (m_job.valid() && m_job.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        const std::string path = m_ws.ui.openingMedia;
        m_ws.ui.openingMedia.clear();
        changed = true;
        try {
            Opened o = m_job.get();
            m_ownedPort = std::move(o.port);
            m_ws.media = std::move(o.media);
            m_ws.media.open = m_ownedPort != nullptr;
            m_media.setPort(m_ownedPort.get());
            m_ws.playhead = PlayheadState{};
            m_ws.view = TimelineView{0, std::max<int64_t>(m_ws.media.durationUs, 1), m_ws.view.widthPx};
            m_media.apply(TransportCommand{SetSpeed{m_ws.play.speed}});
            if (m_seekAfterOpen && m_ws.media.open) {
                const int64_t last = std::max<int64_t>(m_ws.media.frameCount - 1, 0);
                if (*m_seekAfterOpen > last)
                    m_ws.doc.status = {"--seek-frame " + std::to_string(*m_seekAfterOpen) + " is past the last frame ("
                                           + std::to_string(last) + "); showing frame " + std::to_string(last),
                                       true};
                m_media.apply(TransportCommand{SeekToFrame{*m_seekAfterOpen}});
            }
        } catch (const std::exception& e) {
            m_job = {};
            fail(e.what());
        }
        m_job = {};
        m_seekAfterOpen.reset();
    }
    changed |= m_media.refresh();
    return changed;
}

} // namespace app
