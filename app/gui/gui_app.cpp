#include "app/gui/gui_app.h"

#include <chrono>
#include <charconv>
#include <ostream>
#include <vector>

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>
#include <stb_image_write.h>

#include "app/gui/controller.h"
#include "app/gui/key_bindings.h"
#include "app/gui/panels.h"
#include "app/gui/video_texture.h"

namespace app {

// [SECTION] Arguments

const char* guiUsage()
{
    return "usage: bondline [--screenshot OUT.png [--frames N] [--seek-frame K]] [--size WxH]\n"
           "                [--show-help] [--print-state] [MEDIA]\n"
           "Opens MEDIA (a video or audio file) in the player window. Press F1 in the window\n"
           "for the keyboard shortcuts. --screenshot renders without a display (SDL offscreen\n"
           "driver), writes the window as PNG and exits.\n";
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
            if (a == "--frames")
                o.screenshotFrames = static_cast<int>(std::min<int64_t>(n, 100000));
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
    if (!positionals.empty())
        o.mediaPath = positionals[0];
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

void drawMainWindow(const Workspace& ws, const VideoTexture& tex, CommandQueue& q, ScrubBarState& scrub)
{
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove
        | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("##player", nullptr, flags);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float controlsH = 28.0f + ImGui::GetFrameHeightWithSpacing()
        + ImGui::GetTextLineHeightWithSpacing() + 3 * style.ItemSpacing.y;
    const float videoH = std::max(ImGui::GetContentRegionAvail().y - controlsH, 10.0f);
    if (ws.media.open) {
        drawVideoPanel(ws, tex, videoH);
    } else {
        ImGui::BeginChild("##empty", ImVec2(0, videoH));
        drawEmptyState(ws);
        ImGui::EndChild();
    }
    drawScrubBar(ws, q, scrub);
    drawTransport(ws, q);
    drawStatusLine(ws);
    ImGui::End();
    drawHelpOverlay(ws, q);
    drawErrorModal(ws, q);
}

} // namespace

int runGui(const GuiOptions& opt, const MediaOpener& opener, std::ostream& out, std::ostream& err)
{
    const bool headless = !opt.screenshotPath.empty();
    if (headless) {
        // Render without a display; never override a driver the caller chose explicitly.
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    }
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    // The software renderer draws into the window surface; without this hint SDL 2.26 backs
    // that surface with an OpenGL/EGL context (loading and unloading Mesa for nothing).
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SdlSession sdl(SDL_INIT_VIDEO | SDL_INIT_TIMER | SDL_INIT_EVENTS);
    if (!sdl.ok) {
        err << "bondline: cannot initialise SDL video: " << SDL_GetError() << "\n";
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
    std::unique_ptr<MediaPort> port;
    if (!opt.mediaPath.empty()) {
        try {
            MediaState media;
            port = opener(opt.mediaPath, media);
            ws.media = media;
            ws.media.open = port != nullptr;
        } catch (const std::exception& e) {
            ws.ui.errorMessage = e.what();
        }
    }
    ws.ui.showHelp = opt.showHelp;
    ws.view = TimelineView{0, std::max<int64_t>(ws.media.durationUs, 1), 1.0f};
    Controller controller(ws, port.get());
    CommandQueue queue;
    ScrubBarState scrub;
    VideoTexture texture(renderer.get());

    if (opt.seekFrame && ws.media.open) {
        queue.push(SeekToFrame{*opt.seekFrame});
        controller.applyAll(queue);
    }

    using Clock = std::chrono::steady_clock;
    const auto started = Clock::now();
    int frame = 0;
    int activeFrames = 3; // frames still to draw after the last input (ImGui settles hover etc.)
    int status = ws.ui.errorMessage.empty() ? 0 : 1; // an open failure is still reported at exit
    bool quit = false;
    while (!quit) {
        // Idle when nothing changes: block on events unless playing, seeking, or settling.
        const PortSnapshot snap = port ? port->snapshot() : PortSnapshot{};
        SDL_Event ev;
        bool have = false;
        if (headless || activeFrames > 0)
            have = SDL_PollEvent(&ev) != 0;
        else
            have = SDL_WaitEventTimeout(&ev, (snap.playing || snap.busy) ? 5 : 250) != 0;
        while (have) {
            activeFrames = 3;
            ImGui_ImplSDL2_ProcessEvent(&ev);
            if (ev.type == SDL_QUIT)
                quit = true;
            if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_CLOSE)
                quit = true;
            if (ev.type == SDL_KEYDOWN && !ImGui::GetIO().WantTextInput) {
                const bool shift = (ev.key.keysym.mod & KMOD_SHIFT) != 0;
                if (auto c = commandForKey(ev.key.keysym.sym, shift))
                    queue.push(*c);
            }
            have = SDL_PollEvent(&ev) != 0;
        }
        controller.applyAll(queue); // key commands apply before the frame that shows them
        if (ws.ui.quitRequested)
            break;

        if (port) {
            port->tick();
            if (controller.refresh())
                activeFrames = std::max(activeFrames, 1);
            if (auto img = port->presentedImage())
                if (texture.update(*img))
                    activeFrames = std::max(activeFrames, 1);
        }
        // While playing, the loop polls every 5 ms but draws only when a new frame was
        // presented or the status changed: the software renderer is the costly part.
        if (!headless && activeFrames == 0)
            continue;

        ImGui_ImplSDLRenderer_NewFrame();
        ImGui_ImplSDL2_NewFrame();
        ImGui::NewFrame();
        drawMainWindow(ws, texture, queue, scrub);
        ImGui::Render();
        SDL_SetRenderDrawColor(renderer.get(), 20, 20, 24, 255);
        SDL_RenderClear(renderer.get());
        ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
        ++frame;
        if (activeFrames > 0)
            --activeFrames;

        if (headless && frame >= std::max(opt.screenshotFrames, 2)) {
            // Capture once the requested frame is on screen (or after a 20 s safety limit).
            const PortSnapshot now = port ? port->snapshot() : PortSnapshot{};
            // The frame must also be on the texture drawn this pass (the player may present
            // it between the upload above and this check).
            const int64_t want = opt.seekFrame ? std::min(*opt.seekFrame, std::max<int64_t>(ws.media.frameCount - 1, 0)) : now.frameIndex;
            const bool settled = !port || (!now.busy && !now.backgroundBusy && now.frameIndex == want
                                           && texture.frameIndex() == want);
            const bool timedOut = Clock::now() - started > std::chrono::seconds(20);
            if (settled || timedOut) {
                if (timedOut && !settled)
                    err << "bondline: the requested frame was not ready after 20 s; capturing anyway\n";
                int w = 0, h = 0;
                SDL_GetRendererOutputSize(renderer.get(), &w, &h);
                if (!writeScreenshot(renderer.get(), w, h, opt.screenshotPath, err))
                    status = 1;
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
    if (status == 1 && !ws.ui.errorMessage.empty())
        err << "bondline: " << ws.ui.errorMessage << "\n";
    if (opt.printState)
        out << "frame=" << ws.playhead.frameIndex << " time_us=" << ws.playhead.timeUs
            << " playing=" << (ws.play.playing ? 1 : 0) << " speed=" << ws.play.speed
            << " media_open=" << (ws.media.open ? 1 : 0) << " help=" << (ws.ui.showHelp ? 1 : 0) << "\n";
    return status;
}

} // namespace app
