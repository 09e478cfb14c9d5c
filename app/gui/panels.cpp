#include "app/gui/panels.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "app/gui/coding_panels.h"
#include "app/gui/key_bindings.h"
#include "app/gui/video_texture.h"

namespace app {

// [SECTION] Pure text helpers

std::string formatTime(int64_t us)
{
    const bool neg = us < 0;
    uint64_t a = neg ? static_cast<uint64_t>(-(us + 1)) + 1 : static_cast<uint64_t>(us);
    const uint64_t ms = a / 1000 % 1000;
    const uint64_t s = a / 1'000'000;
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s%02" PRIu64 ":%02" PRIu64 ":%02" PRIu64 ".%03" PRIu64,
                  neg ? "-" : "", s / 3600, s / 60 % 60, s % 60, ms);
    return buf;
}

std::string statusText(const Workspace& ws)
{
    if (!ws.media.open)
        return ws.ui.openingMedia.empty() ? "no media open"
                                          : "opening " + ws.ui.openingMedia + " (probing, indexing frames) ...";
    char buf[256];
    const double mib = static_cast<double>(ws.stats.cacheBytes) / (1024.0 * 1024.0);
    std::snprintf(buf, sizeof buf,
                  "%s / %s | frame %" PRId64 " / %" PRId64 " | %.2fx | %s | dropped %" PRId64
                  " late %" PRId64 " | queue %d | cache %.1f MiB",
                  formatTime(ws.playhead.timeUs).c_str(), formatTime(ws.media.durationUs).c_str(),
                  ws.playhead.frameIndex, ws.media.frameCount, ws.play.speed,
                  ws.play.playing ? "playing" : "paused", ws.stats.framesDropped,
                  ws.stats.framesLate, ws.stats.queuedFrames, mib);
    std::string text = buf;
    if (ws.media.presentedDamaged)
        text += " | DAMAGED frame (not decodable)";
    if (!ws.media.damagedFrames.empty())
        text += " | " + std::to_string(ws.media.damagedFrames.size()) + " damaged frame(s) found";
    if (ws.media.backgroundProgress < 1.0f) {
        std::snprintf(buf, sizeof buf, " | waveform, thumbnails %d%%", static_cast<int>(ws.media.backgroundProgress * 100));
        text += buf;
    }
    return text;
}

// [SECTION] Video

void drawVideoPanel(const Workspace& ws, const VideoTexture& tex, float heightPx)
{
    const ImVec2 avail(ImGui::GetContentRegionAvail().x, heightPx);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(origin, ImVec2(origin.x + avail.x, origin.y + avail.y), IM_COL32(0, 0, 0, 255));
    if (ws.media.open && tex.texture() && tex.width() > 0 && tex.height() > 0 && avail.x > 0
        && avail.y > 0) {
        // Fit the displayed picture (after the file's rotation) into the panel keeping its
        // aspect ratio (square pixels assumed); the rotation is in the texture coordinates.
        const float dw = static_cast<float>(tex.displayWidth()), dh = static_cast<float>(tex.displayHeight());
        const float scale = std::min(avail.x / dw, avail.y / dh);
        const ImVec2 size(std::floor(dw * scale), std::floor(dh * scale));
        const ImVec2 p0(origin.x + std::floor((avail.x - size.x) / 2),
                        origin.y + std::floor((avail.y - size.y) / 2));
        float uv[4][2];
        tex.display().cornerUVs(uv);
        const ImVec2 corner[4] = {p0, ImVec2(p0.x + size.x, p0.y), ImVec2(p0.x + size.x, p0.y + size.y),
                                  ImVec2(p0.x, p0.y + size.y)};
        if (tex.display().transpose) {
            // Four triangles around the centre: SDL's software renderer draws a two-triangle
            // rectangle as a blit, which can flip but not transpose (it would show a 90
            // degree rotation as 270); a fan of four always takes its triangle path.
            dl->PushTextureID(static_cast<ImTextureID>(tex.texture()));
            dl->PrimReserve(12, 5);
            const ImDrawIdx base = static_cast<ImDrawIdx>(dl->_VtxCurrentIdx);
            dl->PrimWriteVtx(ImVec2(p0.x + size.x / 2, p0.y + size.y / 2), ImVec2(0.5f, 0.5f), IM_COL32_WHITE);
            for (int i = 0; i < 4; ++i)
                dl->PrimWriteVtx(corner[i], ImVec2(uv[i][0], uv[i][1]), IM_COL32_WHITE);
            for (int i = 0; i < 4; ++i) {
                dl->PrimWriteIdx(base);
                dl->PrimWriteIdx(static_cast<ImDrawIdx>(base + 1 + i));
                dl->PrimWriteIdx(static_cast<ImDrawIdx>(base + 1 + (i + 1) % 4));
            }
            dl->PopTextureID();
        } else {
            dl->AddImageQuad(static_cast<ImTextureID>(tex.texture()), corner[0], corner[1], corner[2], corner[3],
                             ImVec2(uv[0][0], uv[0][1]), ImVec2(uv[1][0], uv[1][1]), ImVec2(uv[2][0], uv[2][1]),
                             ImVec2(uv[3][0], uv[3][1]));
        }
        if (ws.media.presentedDamaged) {
            const char* label = "This frame could not be decoded (damaged data): showing the last good picture";
            const ImVec2 ts = ImGui::CalcTextSize(label);
            const ImVec2 at(origin.x + std::floor((avail.x - ts.x) / 2), p0.y + 8);
            dl->AddRectFilled(ImVec2(at.x - 6, at.y - 4), ImVec2(at.x + ts.x + 6, at.y + ts.y + 4), IM_COL32(120, 20, 20, 230));
            dl->AddText(at, IM_COL32(255, 230, 230, 255), label);
        }
        if (ws.media.audioOnly) {
            // An audio recording has no picture: say so where the picture would be.
            const char* label = "Audio recording (no picture): follow the waveform below";
            const ImVec2 ts = ImGui::CalcTextSize(label);
            dl->AddText(ImVec2(origin.x + std::floor((avail.x - ts.x) / 2), origin.y + std::floor((avail.y - ts.y) / 2)),
                        IM_COL32(200, 200, 200, 255), label);
        }
    }
    ImGui::Dummy(avail);
}

// [SECTION] Scrub bar

void drawScrubBar(const Workspace& ws, CommandQueue& q, ScrubBarState& st, float indentPx)
{
    const float h = 28.0f;
    if (indentPx > 0) {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + 6, at.y + (h - ImGui::GetFontSize()) / 2),
                                            IM_COL32(150, 150, 160, 255), ws.media.hasAudio ? "audio" : "");
        ImGui::SetCursorScreenPos(ImVec2(at.x + indentPx, at.y));
    }
    const float w = std::max(ImGui::GetContentRegionAvail().x, 1.0f);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    // One invisible button is the canvas's hit target (ImGui demo "Canvas").
    ImGui::InvisibleButton("##scrub", ImVec2(w, h));
    const bool enabled = ws.media.open && ws.media.durationUs > 0;
    TimelineView view = ws.view;
    view.widthPx = w;

    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, ImVec2(p0.x + w, p0.y + h), IM_COL32(40, 44, 52, 255), 3.0f);
    if (!enabled)
        return;

    // Played part and one-second ticks (only when they are at least 6 px apart).
    const float xHead = std::clamp(view.toX(ws.playhead.timeUs), 0.0f, w);
    dl->AddRectFilled(p0, ImVec2(p0.x + xHead, p0.y + h), IM_COL32(60, 90, 140, 255), 3.0f);
    const int64_t tickUs = 1'000'000;
    if (view.toX(view.startUs + tickUs) - view.toX(view.startUs) >= 6.0f) {
        for (int64_t t = (view.startUs / tickUs) * tickUs; t <= view.endUs; t += tickUs) {
            const float x = p0.x + view.toX(t);
            const bool major = t % (10 * tickUs) == 0;
            dl->AddLine(ImVec2(x, p0.y + h - (major ? 10.0f : 5.0f)), ImVec2(x, p0.y + h),
                        IM_COL32(150, 150, 160, 255));
        }
    }
    if (ws.media.waveform) {
        // One min/max line per pixel column: the draw count is bounded by the width.
        const int cols = static_cast<int>(w);
        const auto peaks = ws.media.waveform->columns(view.startUs, view.endUs, cols);
        const float mid = p0.y + h / 2, half = h / 2 - 2;
        for (int c = 0; c < cols; ++c) {
            const float y0 = mid - std::clamp(peaks[c].max, -1.0f, 1.0f) * half;
            const float y1 = mid - std::clamp(peaks[c].min, -1.0f, 1.0f) * half;
            dl->AddLine(ImVec2(p0.x + c + 0.5f, y0), ImVec2(p0.x + c + 0.5f, y1 + 1.0f), IM_COL32(150, 200, 150, 200));
        }
    }
    if (ws.play.loop) {
        const float a = std::clamp(view.toX(ws.play.loop->first), 0.0f, w);
        const float b = std::clamp(view.toX(ws.play.loop->second), 0.0f, w);
        dl->AddRectFilled(ImVec2(p0.x + a, p0.y), ImVec2(p0.x + b, p0.y + 4), IM_COL32(255, 140, 60, 255));
    }
    // Damaged frames found so far: red ticks (the player steps past them).
    for (int64_t t : ws.media.damagedTimesUs)
        if (t >= view.startUs && t <= view.endUs) {
            const float x = p0.x + view.toX(t);
            dl->AddRectFilled(ImVec2(x - 1, p0.y), ImVec2(x + 1, p0.y + h), IM_COL32(230, 50, 50, 255));
        }
    dl->AddLine(ImVec2(p0.x + xHead, p0.y), ImVec2(p0.x + xHead, p0.y + h),
                IM_COL32(255, 200, 60, 255), 2.0f);

    const float mx = std::clamp(ImGui::GetIO().MousePos.x - p0.x, 0.0f, w);
    if (ImGui::IsItemActive() && mx != st.lastEmittedX) {
        st.lastEmittedX = mx;
        q.push(ScrubToTime{view.toTimeClamped(mx)});
    }
    if (ImGui::IsItemDeactivated()) {
        st.lastEmittedX = -1.0f;
        q.push(EndScrub{view.toTimeClamped(mx)});
    }
    if (ImGui::IsItemHovered()) {
        const float wheel = ImGui::GetIO().MouseWheel;
        if (wheel != 0.0f) {
            TimelineView z = view.zoomAround(mx, std::pow(1.25, wheel), 0, ws.media.durationUs, 100'000);
            q.push(SetViewRange{z});
        }
        ImGui::SetTooltip("%s", formatTime(view.toTimeClamped(mx)).c_str());
    }
}

// [SECTION] Transport

void drawTransport(const Workspace& ws, CommandQueue& q)
{
    ImGui::BeginDisabled(!ws.media.open);
    if (ImGui::Button("|<"))
        q.push(GoToStart{});
    ImGui::SameLine();
    if (ImGui::Button("<"))
        q.push(Step{-1});
    ImGui::SameLine();
    if (ImGui::Button(ws.play.playing ? "Pause" : "Play", ImVec2(60, 0)))
        q.push(TogglePlay{});
    ImGui::SameLine();
    if (ImGui::Button(">"))
        q.push(Step{+1});
    ImGui::SameLine();
    if (ImGui::Button(">|"))
        q.push(GoToEnd{});
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90);
    char current[16];
    std::snprintf(current, sizeof current, "%.2fx", ws.play.speed);
    if (ImGui::BeginCombo("speed", current)) {
        for (double s : kSpeedSteps) {
            char label[16];
            std::snprintf(label, sizeof label, "%.2fx", s);
            const bool current = std::abs(s - ws.play.speed) < 1e-9;
            if (ImGui::Selectable(label, current))
                q.push(SetSpeed{s});
            if (current)
                ImGui::SetItemDefaultFocus(); // the list opens scrolled to the current speed
        }
        ImGui::EndCombo();
    }
    if (ws.doc.sessionOpen()) {
        ImGui::SameLine();
        bool follow = ws.followPlayhead;
        if (ImGui::Checkbox("follow", &follow))
            q.push(SetFollowPlayhead{follow});
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("The timeline scrolls with the playhead while playing (Ctrl+F)");
    }
    if (ws.play.loop) {
        ImGui::SameLine();
        const std::string label = "loop " + formatTime(ws.play.loop->first).substr(3, 6) + "-"
            + formatTime(ws.play.loop->second).substr(3, 6) + "  x";
        if (ImGui::SmallButton(label.c_str()))
            q.push(ClearLoop{});
    }
    ImGui::SameLine();
    ImGui::TextDisabled("F1: shortcuts");
}

void drawStatusLine(const Workspace& ws)
{
    // Wrapped, so a narrow window shows all of it on two lines instead of cutting it off.
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(statusText(ws).c_str());
    if (!ws.doc.sessionOpen() && !ws.ui.problems.empty()) // in a session the coding status line shows it
        ImGui::TextColored(ImVec4(1, 0.45f, 0.45f, 1), "%s", ws.ui.problems.back().c_str());
    ImGui::PopTextWrapPos();
}

void drawEmptyState(const Workspace& ws)
{
    (void)ws;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const char* l1 = "No media open";
    const char* l2 = "Start with:  bondline MEDIA   (a video or audio file)";
    const char* l3 = "Press F1 for the keyboard shortcuts.";
    const float lineH = ImGui::GetTextLineHeightWithSpacing();
    const ImVec2 start = ImGui::GetCursorPos();
    float y = start.y + std::max(0.0f, avail.y / 2 - 2 * lineH);
    for (const char* line : {l1, l2, l3}) {
        const float tw = ImGui::CalcTextSize(line).x;
        ImGui::SetCursorPos(ImVec2(start.x + std::max(0.0f, (avail.x - tw) / 2), y));
        if (line == l1)
            ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.4f, 1.0f), "%s", line);
        else
            ImGui::TextUnformatted(line);
        y += lineH * 1.5f;
    }
}

// [SECTION] Overlays

void drawHelpOverlay(const Workspace& ws, CommandQueue& q)
{
    if (!ws.ui.showHelp)
        return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x / 2, vp->WorkPos.y + vp->WorkSize.y / 2),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowBgAlpha(1.0f); // the dark style's 0.94 lets the hint text show through
    bool open = true;
    if (ImGui::Begin("Keyboard shortcuts", &open,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse
                         | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::BeginGroup();
        if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV
                                               | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_PadOuterX)) {
            for (const KeyBinding& b : keyBindings()) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(b.keys);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(b.what);
            }
            ImGui::EndTable();
        }
        ImGui::TextDisabled("Scrub bar: drag to scrub (keyframes), release to land exactly;");
        ImGui::TextDisabled("mouse wheel over it zooms.");
        ImGui::EndGroup();
        if (ws.doc.sessionOpen()) {
            // The scheme's keys beside the fixed ones, from the same data the key handler uses.
            ImGui::SameLine(0, 24);
            ImGui::BeginGroup();
            drawSchemeKeysHelp(ws);
            ImGui::TextDisabled("Timeline: wheel zooms, Shift+wheel or drag pans,");
            ImGui::TextDisabled("drag a coding to move it, its end to resize a state.");
            ImGui::EndGroup();
        }
    }
    ImGui::End();
    if (!open)
        q.push(ToggleHelp{});
}

void drawErrorModal(const Workspace& ws, CommandQueue& q)
{
    const char* title = "Bondline: error";
    if (!ws.ui.errorMessage.empty() && !ImGui::IsPopupOpen(title))
        ImGui::OpenPopup(title);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x / 2, vp->WorkPos.y + vp->WorkSize.y / 2),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowBgAlpha(1.0f); // opaque: nothing behind the dialog shows through it
    if (ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40.0f);
        ImGui::TextUnformatted(ws.ui.errorMessage.c_str());
        ImGui::PopTextWrapPos();
        ImGui::Spacing();
        ImGui::TextDisabled("Nothing already stored was changed.");
        if (ImGui::Button("OK", ImVec2(120, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter))
            || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
            q.push(DismissError{});
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
}

} // namespace app
