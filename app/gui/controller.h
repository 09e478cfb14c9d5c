#pragma once
// The one place that changes the Workspace. Panels push Command values during a frame; the
// frame loop calls applyAll() after rendering the frame and refresh() before drawing the
// next one. Each command group goes to its own controller (app/gui/commands.h): transport
// and view to the MediaController, codings to the DocumentController; documents (project,
// session) and UI commands are handled here. Media files open as a background job whose
// result refresh() picks up, so the window never freezes while a file is probed and
// indexed. UI thread only.

#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>

#include "app/gui/commands.h"
#include "app/gui/document_controller.h"
#include "app/gui/media_controller.h"
#include "app/gui/media_port.h"
#include "app/gui/workspace.h"

namespace app {

// Opens media for the window: fills `media` and returns the port, or throws an exception
// whose what() is the one-line message for the error dialog. Runs on a worker thread.
using MediaOpener = std::function<std::unique_ptr<MediaPort>(const std::string& path, MediaState& media)>;

class Controller {
public:
    // A fixed, borrowed port (tests; `port` may be null); no documents.
    Controller(Workspace& ws, MediaPort* port);
    // The window: opens projects, sessions and their media itself.
    Controller(Workspace& ws, MediaOpener opener, KeySettings keys = {});
    ~Controller();
    Controller(const Controller&) = delete;
    Controller& operator=(const Controller&) = delete;

    void apply(const Command& c);
    void applyAll(CommandQueue& q);
    // Picks up a finished media job, then mirrors the player into the workspace. Returns
    // true when anything visible changed.
    bool refresh();

    // Starts opening `path` in the background (replacing what is open); `seekFrame` is
    // applied once it is open.
    void openMedia(const std::string& path, std::optional<int64_t> seekFrame = {});
    bool mediaOpening() const { return m_job.valid(); }
    // Blocks until the media job (if any) has finished and been applied (tests, screenshots).
    void waitForMedia();
    // Called from the worker thread when a job finishes (the window wakes its event loop).
    void setWake(std::function<void()> wake) { m_wake = std::move(wake); }

    MediaPort* port() const { return m_media.port(); }
    DocumentController& document() { return m_document; }
    // The frame on screen, as a coding made now would record it.
    FrameContext frameContext() const;

private:
    void applyDocument(const DocumentCommand& c);
    void applyUi(const UiCommand& c);
    void applyCoding(const CodingCommand& c);
    void closeMedia();
    void fail(const std::string& message);

    struct Opened {
        std::unique_ptr<MediaPort> port;
        MediaState media;
    };

    Workspace& m_ws;
    MediaOpener m_opener;
    std::unique_ptr<MediaPort> m_ownedPort;
    MediaController m_media;
    DocumentController m_document;
    std::future<Opened> m_job;
    std::optional<int64_t> m_seekAfterOpen;
    std::function<void()> m_wake;
};

} // namespace app
