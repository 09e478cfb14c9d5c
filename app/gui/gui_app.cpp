#include "app/gui/gui_app.h"

#include <chrono>
#include <charconv>
#include <cstdlib>
#include <ostream>
#include <vector>

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>
#include <stb_image_write.h>

#include "app/gui/coding_panels.h"
#include "app/gui/controller.h"
#include "app/gui/key_bindings.h"
#include "app/gui/panels.h"
#include "app/gui/import_form.h"
#include "app/gui/project_forms.h"
#include "app/gui/thumbnail_strip.h"
#include "app/gui/video_texture.h"

namespace app {

// [SECTION] Arguments

const char* guiUsage()
{
    return "usage: bondline [options] [MEDIA | PROJECT.bondline]\n"
           "       bondline PROJECT.bondline --coder NAME --session CASE/NUMBER [--scheme ID] [--seek-frame K]\n"
           "Opens MEDIA (a video or audio file) in the player, or a project: the session it was\n"
           "last on, else its browser; with --coder and --session, that coder's assignment of\n"
           "the session, in the coding view. Press F1 in the window for the keyboard shortcuts.\n"
           "options: --seek-frame K   start on frame K\n"
           "         --browse         a project: show its browser, not the last session\n"
           "         --choose-file    start with the file chooser (open a project)\n"
           "         --size WxH       window size (default 1280x720)\n"
           "         --show-help      start with the shortcuts shown\n"
           "         --screenshot OUT.png [--frames N]  render without a display (SDL offscreen\n"
           "                          driver), write the window as PNG after N frames and exit\n"
           "         --print-state    print the final state on exit (for scripts)\n";
}

namespace {
bool parseInt(const std::string& s, int64_t& v)
{
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && p == s.data() + s.size();
}
} // namespace

std::optional<GuiOptions> parseGuiArgs(const std::vector<std::string>& args, std::ostream& err)
{
    GuiOptions o;
    std::vector<std::string> positionals;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        auto value = [&](std::string& v) {
            if (i + 1 >= args.size()) {
                err << "bondline: " << a << " needs a value\n";
                return false;
            }
            v = args[++i];
            return true;
        };
        std::string v;
        if (a == "-h" || a == "--help") {
            o.help = true;
        } else if (a == "--screenshot") {
            if (!value(o.screenshotPath))
                return std::nullopt;
        } else if (a == "--frames" || a == "--seek-frame") {
            int64_t n = 0;
            if (!value(v))
                return std::nullopt;
            if (!parseInt(v, n) || n < 0) {
                err << "bondline: " << a << " expects a non-negative integer, got '" << v << "'\n";
                return std::nullopt;
            }
            if (a == "--frames") {
                o.screenshotFrames = static_cast<int>(std::min<int64_t>(n, 100000));
                o.framesGiven = true;
            }
            else
                o.seekFrame = n;
        } else if (a == "--size") {
            if (!value(v))
                return std::nullopt;
            const auto x = v.find('x');
            int64_t w = 0, h = 0;
            if (x == std::string::npos || !parseInt(v.substr(0, x), w) || !parseInt(v.substr(x + 1), h)
                || w < 200 || h < 150 || w > 8192 || h > 8192) {
                err << "bondline: --size expects WxH between 200x150 and 8192x8192, got '" << v << "'\n";
                return std::nullopt;
            }
            o.width = static_cast<int>(w);
            o.height = static_cast<int>(h);
        } else if (a == "--coder" || a == "--session" || a == "--scheme") {
            if (!value(a == "--coder" ? o.coder : a == "--session" ? o.session : o.scheme))
                return std::nullopt;
        } else if (a == "--browse") {
            o.browse = true;
        } else if (a == "--choose-file") {
            o.chooseFile = true;
        } else if (a == "--show-help") {
            o.showHelp = true;
        } else if (a == "--print-state") {
            o.printState = true;
        } else if (a.size() > 1 && a[0] == '-') {
            err << "bondline: unknown option " << a << " (try --help)\n";
            return std::nullopt;
        } else {
            positionals.push_back(a);
        }
    }
    if (positionals.size() > 1) {
        err << "bondline: expected at most one MEDIA file, got " << positionals.size() << "\n";
        return std::nullopt;
    }
    if (!positionals.empty()) {
        const std::string& p = positionals[0];
        if (p.size() > 9 && p.compare(p.size() - 9, 9, ".bondline") == 0)
            o.projectPath = p;
        else
            o.mediaPath = p;
    }
    if ((!o.coder.empty() || !o.session.empty() || !o.scheme.empty()) && o.projectPath.empty()) {
        err << "bondline: --coder, --session and --scheme need a PROJECT.bondline\n";
        return std::nullopt;
    }
    if (o.coder.empty() != o.session.empty()) {
        err << "bondline: --coder and --session go together (the assignment to open)\n";
        return std::nullopt;
    }
    if (o.framesGiven && o.screenshotPath.empty())
        err << "bondline: warning: --frames applies only with --screenshot; ignored\n";
    return o;
}

// [SECTION] Window

namespace {

struct SdlSession {
    bool ok = false;
    explicit SdlSession(Uint32 flags) { ok = SDL_Init(flags) == 0; }
    ~SdlSession() { if (ok) SDL_Quit(); }
};
struct WindowDel { void operator()(SDL_Window* w) const { SDL_DestroyWindow(w); } };
struct RendererDel { void operator()(SDL_Renderer* r) const { SDL_DestroyRenderer(r); } };

// ImGui context + both backends, shut down in reverse order.
struct ImGuiSession {
    ImGuiSession(SDL_Window* w, SDL_Renderer* r)
    {
        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr; // never write imgui.ini into the working directory
        ImGui::StyleColorsDark();
        ImGui_ImplSDL2_InitForSDLRenderer(w);
        ImGui_ImplSDLRenderer_Init(r);
    }
    ~ImGuiSession()
    {
        ImGui_ImplSDLRenderer_Shutdown();
        ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
};

bool writeScreenshot(SDL_Renderer* r, int w, int h, const std::string& path, std::ostream& err)
{
    std::vector<unsigned char> rgba(static_cast<size_t>(w) * h * 4);
    // ABGR8888 is R,G,B,A byte order in memory on little-endian machines; RGBA32 names
    // that byte order on every machine.
    if (SDL_RenderReadPixels(r, nullptr, SDL_PIXELFORMAT_RGBA32, rgba.data(), w * 4) != 0) {
        err << "bondline: cannot read the rendered window: " << SDL_GetError() << "\n";
        return false;
    }
    for (size_t i = 3; i < rgba.size(); i += 4)
        rgba[i] = 255;
    if (!stbi_write_png(path.c_str(), w, h, 4, rgba.data(), w * 4)) {
        err << "bondline: cannot write " << path << "\n";
        return false;
    }
    return true;
}

// Per-window ephemera of the panels (drags, filters), owned by the frame loop.
struct PanelStates {
    ScrubBarState scrub;
    TimelineState timeline;
    EventListState events;
    FileDialog dialog;
    SetupForms forms;
    ImportForm importForm;
};

void drawPlayer(const Workspace& ws, const VideoTexture& tex, CommandQueue& q, PanelStates& ps)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    const float controlsH = 28.0f + ImGui::GetFrameHeightWithSpacing()
        + 2 * ImGui::GetTextLineHeightWithSpacing() + 3 * style.ItemSpacing.y;
    const float videoH = std::max(ImGui::GetContentRegionAvail().y - controlsH, 10.0f);
    if (ws.media.open) {
        drawVideoPanel(ws, tex, videoH);
    } else {
        ImGui::BeginChild("##empty", ImVec2(0, videoH));
        // The start page is hidden while a dialog is up, so it never shows through it.
        if (ws.ui.errorMessage.empty() && ws.ui.openingMedia.empty())
            drawStartPage(ws, ps.dialog);
        else if (!ws.ui.openingMedia.empty())
            ImGui::TextDisabled("Opening %s ...", ws.ui.openingMedia.c_str());
        ImGui::EndChild();
    }
    drawScrubBar(ws, q, ps.scrub);
    drawTransport(ws, q);
    drawStatusLine(ws);
}

// The coding view: video and event list side by side, the coding status line, the
// transport, and the timeline with one track per person present.
void drawCodingView(const Workspace& ws, const VideoTexture& tex, const ThumbnailStrip& thumbs, CommandQueue& q,
                    PanelStates& ps)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    const float lineH = ImGui::GetTextLineHeightWithSpacing();
    const int tracks = static_cast<int>(ws.doc.actors.size()) + 1;
    const float timelineH = std::min(16.0f + tracks * 30.0f, ImGui::GetContentRegionAvail().y * 0.4f);
    const float thumbsH = ws.media.audioOnly ? 0.0f : 36.0f;
    const float fixedH = lineH /* title */ + 28.0f + thumbsH + ImGui::GetFrameHeightWithSpacing() + 2 * lineH + timelineH
        + 7 * style.ItemSpacing.y;
    const float topH = std::max(ImGui::GetContentRegionAvail().y - fixedH, 60.0f);
    ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.4f, 1.0f), "%s", ws.doc.sessionTitle.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("Sessions"))
        q.push(CloseSession{});
    const float listW = std::clamp(ImGui::GetContentRegionAvail().x * 0.36f, 260.0f, 560.0f);
    ImGui::BeginChild("##video", ImVec2(-listW - style.ItemSpacing.x, topH));
    if (ws.media.open) {
        drawVideoPanel(ws, tex, topH);
    } else {
        const char* msg = !ws.ui.openingMedia.empty() ? "Opening the session's media (indexing frames)..."
                                                      : "This session has no media file.";
        ImGui::SetCursorPos(ImVec2(12, topH / 2 - lineH));
        ImGui::TextUnformatted(msg);
        if (!ws.ui.openingMedia.empty()) {
            ImGui::SetCursorPosX(12);
            ImGui::TextDisabled("%s", ws.ui.openingMedia.c_str());
        }
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##events", ImVec2(0, topH));
    drawEventList(ws, q, ps.events);
    ImGui::EndChild();
    drawScrubBar(ws, q, ps.scrub, kTrackLabelWidth);
    if (thumbsH > 0) {
        // Keyframe thumbnails on the same axis as the waveform and the timeline.
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float w = ImGui::GetContentRegionAvail().x;
        ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + 6, at.y + (thumbsH - ImGui::GetFontSize()) / 2),
                                            IM_COL32(150, 150, 160, 255), "video");
        thumbs.draw(ws.view, at.x + kTrackLabelWidth, at.y, std::max(w - kTrackLabelWidth, 1.0f), thumbsH);
        ImGui::Dummy(ImVec2(w, thumbsH));
    }
    drawTransport(ws, q);
    drawCodingStatus(ws, q);
    drawTimeline(ws, q, ps.timeline, timelineH);
    drawStatusLine(ws);
}

void drawMainWindow(const Workspace& ws, const VideoTexture& tex, const ThumbnailStrip& thumbs, CommandQueue& q,
                    PanelStates& ps)
{
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove
        | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("##main", nullptr, flags);
    if (ws.doc.sessionOpen())
        drawCodingView(ws, tex, thumbs, q, ps);
    else if (ws.doc.projectOpen) {
        drawProjectBrowser(ws, q);
        drawSetupForms(ws, q, ps.forms, ps.dialog);
        drawImportForm(ws, q, ps.importForm, ps.dialog);
    }
    else
        drawPlayer(ws, tex, q, ps);
    ImGui::End();
    drawHelpOverlay(ws, q);
    drawErrorModal(ws, q);
    if (ps.dialog.draw())
        applyFileDialog(ps.dialog, q, ps.forms);
}

// The command for a key press: the fixed table first, then (in a coding session) digits
// select people and other printable keys are scheme item keys.
std::optional<Command> routeKey(const SDL_KeyboardEvent& k, const Workspace& ws)
{
    const bool shift = (k.keysym.mod & KMOD_SHIFT) != 0;
    const bool ctrl = (k.keysym.mod & KMOD_CTRL) != 0;
    if (auto c = commandForKey(k.keysym.sym, shift, ctrl))
        return c;
    if (!ws.doc.sessionOpen() || ctrl || (k.keysym.mod & KMOD_ALT))
        return std::nullopt;
    const SDL_Keycode sym = k.keysym.sym;
    if (sym >= SDLK_1 && sym <= SDLK_9)
        return Command{DigitKey{static_cast<int>(sym - SDLK_0)}};
    if (sym >= SDLK_KP_1 && sym <= SDLK_KP_9)
        return Command{DigitKey{static_cast<int>(sym - SDLK_KP_1) + 1}};
    if (sym > 32 && sym < 127 && !(sym >= SDLK_0 && sym <= SDLK_9)) {
        char ch = static_cast<char>(sym);
        if (shift && ch >= 'a' && ch <= 'z')
            ch = static_cast<char>(ch - 'a' + 'A');
        return Command{CodeKey{std::string(1, ch), k.timestamp}};
    }
    return std::nullopt;
}

// True when there is a display to open a window on (or the caller chose a driver).
bool haveDisplay()
{
    auto set = [](const char* v) { const char* x = std::getenv(v); return x && *x; };
    return set("DISPLAY") || set("WAYLAND_DISPLAY") || set("SDL_VIDEODRIVER");
}

} // namespace

int runGui(const GuiOptions& opt, const MediaOpener& opener, std::ostream& out, std::ostream& err)
{
    const bool headless = !opt.screenshotPath.empty();
    if (headless) {
        // Render without a display; never override a driver the caller chose explicitly.
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    } else if (!haveDisplay()) {
        err << "bondline: no display to open a window on (DISPLAY is not set); run it under a virtual "
               "display with 'xvfb-run bondline ...', or use bondline-cli for work without a window\n";
        return 1;
    }
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    // The software renderer draws into the window surface; without this hint SDL 2.26 backs
    // that surface with an OpenGL/EGL context (loading and unloading Mesa for nothing).
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SdlSession sdl(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS);
    if (!sdl.ok) {
        err << "bondline: cannot initialise SDL video: " << SDL_GetError()
            << " (without a display, run it under 'xvfb-run', or use bondline-cli)\n";
        return 3;
    }
    std::unique_ptr<SDL_Window, WindowDel> window(SDL_CreateWindow(
        "Bondline", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, opt.width, opt.height,
        SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI | (headless ? SDL_WINDOW_HIDDEN : 0)));
    if (!window) {
        err << "bondline: cannot create a window: " << SDL_GetError() << "\n";
        return 3;
    }
    std::unique_ptr<SDL_Renderer, RendererDel> renderer(
        SDL_CreateRenderer(window.get(), -1, SDL_RENDERER_SOFTWARE));
    if (!renderer) {
        err << "bondline: cannot create a renderer: " << SDL_GetError() << "\n";
        return 3;
    }
    ImGuiSession imgui(window.get(), renderer.get());

    Workspace ws;
    ws.ui.showHelp = opt.showHelp;
    ws.view = TimelineView{0, 1, 1.0f};
    Controller controller(ws, opener, KeySettings::load(KeySettings::defaultPath()));
    // A finished media job wakes the event loop (SDL_PushEvent is thread-safe).
    const Uint32 wakeEvent = SDL_RegisterEvents(1);
    controller.setWake([wakeEvent] {
        SDL_Event e{};
        e.type = wakeEvent;
        SDL_PushEvent(&e);
    });
    CommandQueue queue;
    PanelStates panels;
    if (opt.chooseFile)
        panels.dialog.open(FileDialog::Purpose::OpenProject, {".bondline"}, false);
    VideoTexture texture(renderer.get());
    ThumbnailStrip thumbnails(renderer.get());

    if (!opt.projectPath.empty()) {
        controller.apply(OpenProject{opt.projectPath});
        DocumentController& doc = controller.document();
        if (ws.doc.projectOpen) {
            try {
                std::optional<DocumentController::AssignmentRef> a;
                if (!opt.coder.empty())
                    a = doc.findAssignment(opt.session, opt.coder, opt.scheme);
                else if (!opt.browse)
                    a = doc.lastAssignment();
                if (a)
                    controller.apply(OpenSession{a->sessionId, a->coderId, a->schemeRefId, opt.seekFrame});
            } catch (const std::exception& e) {
                ws.ui.errorMessage = e.what();
                ws.ui.errorLog.push_back(e.what());
            }
        }
    } else if (!opt.mediaPath.empty()) {
        controller.openMedia(opt.mediaPath, opt.seekFrame);
    }

    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    int frame = 0;
    int activeFrames = 3; // frames still to draw after the last input (ImGui settles hover etc.)
    int status = 0;
    int settledPasses = 0; // screenshot mode
    bool quit = false;
    std::optional<SDL_Event> deferredPress; // see the event loop
    while (!quit) {
        // Idle when nothing changes: block on events unless playing, seeking, or settling.
        const bool busy = ws.play.playing || ws.media.busy || controller.mediaOpening();
        SDL_Event ev;
        bool have = false;
        bool replayed = false;
        if (deferredPress) {
            ev = *deferredPress;
            deferredPress.reset();
            have = replayed = true;
        } else if (headless || activeFrames > 0)
            have = SDL_PollEvent(&ev) != 0;
        else
            have = SDL_WaitEventTimeout(&ev, busy ? 5 : 250) != 0;
        while (have) {
            activeFrames = 3;
            // A press where the last frame did not see the pointer (it moved without a
            // frame in between: the loop was idle) waits one frame, so ImGui knows what is
            // under the pointer before the press; overlapping items (the event list's rows)
            // ignore a press on the frame they are first hovered.
            if (ev.type == SDL_MOUSEBUTTONDOWN && !replayed
                && (ev.button.x != static_cast<int>(ImGui::GetIO().MousePos.x) || ev.button.y != static_cast<int>(ImGui::GetIO().MousePos.y))) {
                deferredPress = ev;
                break;
            }
            replayed = false;
            ImGui_ImplSDL2_ProcessEvent(&ev);
            if (ev.type == SDL_QUIT)
                quit = true;
            if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_CLOSE)
                quit = true;
            if (ev.type == SDL_DROPFILE && ev.drop.file) {
                dropFile(ws, ev.drop.file, queue, panels.forms);
                SDL_free(ev.drop.file);
            }
            if (ev.type == SDL_KEYDOWN && !ImGui::GetIO().WantTextInput && ws.ui.errorMessage.empty()
                && !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId))
                if (auto c = routeKey(ev.key, ws))
                    queue.push(*c);
            have = SDL_PollEvent(&ev) != 0;
        }
        controller.applyAll(queue); // key commands apply before the frame that shows them
        if (ws.ui.quitRequested)
            break;

        if (controller.port())
            controller.port()->tick();
        if (controller.refresh())
            activeFrames = std::max(activeFrames, 1);
        if (MediaPort* port = controller.port())
            if (auto img = port->presentedImage())
                if (texture.update(*img))
                    activeFrames = std::max(activeFrames, 1);
        if (thumbnails.take(controller.port()))
            activeFrames = std::max(activeFrames, 1);
        // While playing, the loop polls every 5 ms but draws only when a new frame was
        // presented or the status changed: the software renderer is the costly part.
        if (!headless && activeFrames == 0)
            continue;

        ImGui_ImplSDLRenderer_NewFrame();
        ImGui_ImplSDL2_NewFrame();
        if (deferredPress) {
            // The frame before a deferred press: the pointer is here, the button not yet down
            // (the backend reads the button's state now, which already has the press).
            const Uint8 b = deferredPress->button.button;
            const int i = b == SDL_BUTTON_LEFT ? 0 : b == SDL_BUTTON_RIGHT ? 1 : b == SDL_BUTTON_MIDDLE ? 2 : -1;
            if (i >= 0)
                ImGui::GetIO().MouseDown[i] = false;
        }
        ImGui::NewFrame();
        drawMainWindow(ws, texture, thumbnails, queue, panels);
        ImGui::Render();
        SDL_SetRenderDrawColor(renderer.get(), 20, 20, 24, 255);
        SDL_RenderClear(renderer.get());
        ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
        ++frame;
        if (activeFrames > 0)
            --activeFrames;

        if (headless && frame >= std::max(opt.screenshotFrames, 2)) {
            // Capture once the requested frame is on screen (or after a 20 s safety limit).
            MediaPort* port = controller.port();
            const PortSnapshot now = port ? port->snapshot() : PortSnapshot{};
            // The frame must also be on the texture drawn this pass (the player may present
            // it between the upload above and this check).
            const int64_t want = opt.seekFrame ? std::min(*opt.seekFrame, std::max<int64_t>(ws.media.frameCount - 1, 0)) : now.frameIndex;
            // ... and what the background jobs made (the waveform) must be in this picture.
            const bool settled = !controller.mediaOpening()
                && (!port || (!now.busy && !now.backgroundBusy && now.frameIndex == want && texture.frameIndex() == want
                              && port->waveform() == ws.media.waveform));
            // Settled on two passes in a row: what finished between the upload and the check
            // (the last thumbnails, the waveform) is in the picture of the second.
            settledPasses = settled ? settledPasses + 1 : 0;
            const bool timedOut = Clock::now() - started > std::chrono::seconds(20);
            if (settledPasses >= 2 && now.presentedDamaged) {
                // The frame asked for cannot be decoded: no picture pretends it was.
                err << "bondline: " << (now.errors.empty() ? std::string("frame ") + std::to_string(want) + " could not be decoded (damaged data)"
                                                            : now.errors.back())
                    << "; no screenshot written\n";
                status = 1;
                quit = true;
            } else if (settledPasses >= 2 || timedOut) {
                if (settledPasses < 2) {
                    err << "bondline: the requested frame was not ready after 20 s; no screenshot written\n";
                    status = 1;
                } else {
                    int w = 0, h = 0;
                    SDL_GetRendererOutputSize(renderer.get(), &w, &h);
                    if (!writeScreenshot(renderer.get(), w, h, opt.screenshotPath, err))
                        status = 1;
                }
                quit = true;
            }
        }
        SDL_RenderPresent(renderer.get());
        controller.applyAll(queue);
        if (ws.ui.quitRequested)
            quit = true;
        if (headless && !quit)
            SDL_Delay(2);
    }
    // Every error the window showed is also on stderr, dismissed or not; so are the
    // problems met while working (damaged frames), which did not stop the work.
    for (const std::string& e : ws.ui.errorLog)
        err << "bondline: " << e << "\n";
    if (!headless)
        for (const std::string& e : ws.ui.problems)
            err << "bondline: " << e << "\n";
    if (!ws.ui.errorLog.empty())
        status = 1;
    if (opt.printState) {
        out << "frame=" << ws.playhead.frameIndex << " time_us=" << ws.playhead.timeUs
            << " playing=" << (ws.play.playing ? 1 : 0) << " speed=" << ws.play.speed
            << " media_open=" << (ws.media.open ? 1 : 0) << " help=" << (ws.ui.showHelp ? 1 : 0)
            << " project_open=" << (ws.doc.projectOpen ? 1 : 0) << " session_open=" << (ws.doc.sessionOpen() ? 1 : 0)
            << " codings=" << ws.doc.codings.size() << " actor=" << (ws.doc.selectedActor + 1) << "\n";
    }
    return status;
}

} // namespace app
