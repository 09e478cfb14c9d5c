#include "app/gui/coding_panels.h"

#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <cstdio>

#include <imgui.h>

#include "app/gui/panels.h"
#include "codec/timebase.h"

namespace app {

namespace {

int64_t toMediaUs(const DocumentState& doc, int64_t sessionUs)
{
    return codec::toMedia(codec::SessionUs{sessionUs}, codec::SyncOffset{doc.syncOffsetUs}).us;
}
int64_t toSessionUs(const DocumentState& doc, int64_t mediaUs)
{
    return codec::toSession(codec::MediaUs{mediaUs}, codec::SyncOffset{doc.syncOffsetUs}).us;
}

std::string participantCode(const DocumentState& doc, projects::RowId id)
{
    for (const Actor& a : doc.actors)
        if (a.participant.id == id)
            return a.participant.code;
    for (const projects::Participant& p : doc.participants)
        if (p.id == id)
            return p.code;
    return "?";
}

} // namespace

uint32_t dimensionColour(int dimensionIndex, schemes::Polarity polarity)
{
    // A qualitative palette (well apart in hue); positive items lighter, negative darker.
    static const ImU32 base[] = {IM_COL32(86, 156, 214, 255), IM_COL32(230, 159, 0, 255), IM_COL32(0, 178, 120, 255),
                                 IM_COL32(204, 121, 167, 255), IM_COL32(240, 228, 66, 255), IM_COL32(0, 190, 230, 255),
                                 IM_COL32(213, 94, 0, 255), IM_COL32(170, 170, 170, 255)};
    ImVec4 c = ImGui::ColorConvertU32ToFloat4(base[static_cast<size_t>(std::abs(dimensionIndex)) % std::size(base)]);
    const float k = polarity == schemes::Polarity::Positive ? 1.15f : polarity == schemes::Polarity::Negative ? 0.7f : 1.0f;
    c.x = std::min(c.x * k, 1.0f);
    c.y = std::min(c.y * k, 1.0f);
    c.z = std::min(c.z * k, 1.0f);
    return ImGui::ColorConvertFloat4ToU32(c);
}

// [SECTION] Timeline

void drawTimeline(const Workspace& ws, CommandQueue& q, TimelineState& st, float heightPx)
{
    const DocumentState& doc = ws.doc;
    const float labelW = kTrackLabelWidth;
    const float rulerH = 16.0f;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float fullW = std::max(ImGui::GetContentRegionAvail().x, labelW + 10.0f);
    const float w = fullW - labelW;
    TimelineView view = ws.view;
    view.widthPx = w;
    ImDrawList* dl = ImGui::GetWindowDrawList();

    // The layout is cached: rebuilt when the codings, the view, the selection or (for
    // open states) the playhead moved.
    if (st.index.revision != doc.revision || st.index.syncOffsetUs != doc.syncOffsetUs)
        st.index = buildTimelineIndex(doc);
    else if (st.index.selectionRevision != doc.selectionRevision)
        indexSelection(st.index, doc);
    const int64_t head = st.index.hasOpenStates ? ws.playhead.timeUs : 0;
    if (st.layoutRevision != doc.revision || !(st.layoutView == view) || st.layoutPlayhead != head
        || st.layoutSelection != doc.selectionRevision) {
        st.layout = layoutTimeline(doc, st.index, view, ws.playhead.timeUs);
        st.layoutRevision = doc.revision;
        st.layoutView = view;
        st.layoutPlayhead = head;
        st.layoutSelection = doc.selectionRevision;
    }
    const TimelineLayout& L = st.layout;
    const int tracks = static_cast<int>(L.tracks.size());
    const float trackH = std::clamp((heightPx - rulerH) / std::max(tracks, 1), 14.0f, 34.0f);
    const float totalH = rulerH + trackH * tracks;
    const ImVec2 axis(origin.x + labelW, origin.y);

    ImGui::InvisibleButton("##timeline", ImVec2(fullW, std::max(totalH, 1.0f)),
                           ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
    const bool hovered = ImGui::IsItemHovered();
    dl->AddRectFilled(origin, ImVec2(origin.x + fullW, origin.y + totalH), IM_COL32(28, 30, 36, 255));

    // Ruler: ticks at a step that keeps their labels apart ("00:05" from a second up,
    // "00:05.250" below), with a gap of at least 16 px between labels.
    static const int64_t steps[] = {40'000, 100'000, 200'000, 500'000, 1'000'000, 2'000'000, 5'000'000, 10'000'000,
                                    30'000'000, 60'000'000, 300'000'000, 600'000'000, 1'800'000'000};
    const float shortLabel = ImGui::CalcTextSize("00:00").x, longLabel = ImGui::CalcTextSize("00:00.000").x;
    int64_t step = steps[std::size(steps) - 1];
    for (int64_t s : steps)
        if (view.toX(view.startUs + s) - view.toX(view.startUs) >= (s >= 1'000'000 ? shortLabel : longLabel) + 16.0f) {
            step = s;
            break;
        }
    for (int64_t t = (view.startUs / step) * step; t <= view.endUs; t += step) {
        const float x = axis.x + view.toX(t);
        if (x < axis.x)
            continue;
        dl->AddLine(ImVec2(x, origin.y + rulerH - 5), ImVec2(x, origin.y + totalH), IM_COL32(60, 62, 70, 255));
        const std::string label = formatTime(t).substr(step >= 1'000'000 ? 3 : 3, step >= 1'000'000 ? 5 : 9);
        dl->AddText(ImVec2(x + 2, origin.y), IM_COL32(150, 150, 160, 255), label.c_str());
    }

    // Tracks: the selected actor's highlighted.
    for (int t = 0; t < tracks; ++t) {
        const float y0 = origin.y + rulerH + t * trackH;
        const bool sel = L.tracks[static_cast<size_t>(t)].actorIndex >= 0 && L.tracks[static_cast<size_t>(t)].actorIndex == doc.selectedActor;
        dl->AddRectFilled(ImVec2(origin.x, y0), ImVec2(origin.x + fullW, y0 + trackH - 1),
                          sel ? IM_COL32(52, 62, 86, 255) : (t % 2 ? IM_COL32(34, 36, 43, 255) : IM_COL32(38, 40, 48, 255)));
        if (sel)
            dl->AddRect(ImVec2(origin.x, y0), ImVec2(origin.x + fullW, y0 + trackH - 1), IM_COL32(120, 160, 255, 255));
        dl->PushClipRect(ImVec2(origin.x, y0), ImVec2(axis.x - 4, y0 + trackH), true);
        dl->AddText(ImVec2(origin.x + 6, y0 + (trackH - ImGui::GetFontSize()) / 2), sel ? IM_COL32(255, 255, 255, 255) : IM_COL32(200, 200, 205, 255),
                    L.tracks[static_cast<size_t>(t)].label.c_str());
        dl->PopClipRect();
    }

    // Marks (clipped to the axis).
    dl->PushClipRect(ImVec2(axis.x, origin.y), ImVec2(axis.x + w, origin.y + totalH), true);
    for (const TimelineMark& m : L.marks) {
        const float y0 = origin.y + rulerH + m.track * trackH + 3, y1 = y0 + trackH - 7;
        const float ym = (y0 + y1) / 2;
        const ImU32 col = dimensionColour(m.dimensionIndex, m.polarity);
        if (m.span) {
            dl->AddRectFilled(ImVec2(axis.x + m.x0, ym - 4), ImVec2(axis.x + m.x1, ym + 4), col, 2.0f);
            if (m.open) // unfinished: a dashed end at the playhead
                dl->AddText(ImVec2(axis.x + m.x1 + 2, y0), IM_COL32(255, 120, 120, 255), "open");
        } else if (m.count > 1) {
            // A cluster: a box over the codings it holds, its count inside when it fits.
            const float x0 = axis.x + m.x0 - 1, x1 = axis.x + std::max(m.x1, m.x0 + 4) + 1;
            dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), m.mixed ? IM_COL32(150, 150, 160, 255) : col, 2.0f);
            char n[16];
            std::snprintf(n, sizeof n, "%d", m.count);
            if (x1 - x0 > ImGui::CalcTextSize(n).x + 3)
                dl->AddText(ImVec2(x0 + 2, y0 + (y1 - y0 - ImGui::GetFontSize()) / 2), IM_COL32(0, 0, 0, 255), n);
        } else {
            const float x = axis.x + m.x0;
            dl->AddTriangleFilled(ImVec2(x, y0), ImVec2(x - 4, y0 - 0 + 6), ImVec2(x + 4, y0 + 6), col);
            dl->AddLine(ImVec2(x, y0), ImVec2(x, y1), col, 2.0f);
            if (m.open)
                dl->AddText(ImVec2(x + 3, y0), IM_COL32(255, 120, 120, 255), "open");
        }
        if (m.selected)
            dl->AddRect(ImVec2(axis.x + m.x0 - 5, y0 - 2), ImVec2(axis.x + std::max(m.x1, m.x0) + 5, y1 + 2),
                        IM_COL32(255, 255, 255, 255), 2.0f, 0, 2.0f);
    }
    // Damaged frames: red ticks across all tracks.
    for (int64_t t : ws.media.damagedTimesUs)
        if (t >= view.startUs && t <= view.endUs) {
            const float x = axis.x + view.toX(t);
            dl->AddRectFilled(ImVec2(x - 1, origin.y), ImVec2(x + 1, origin.y + totalH), IM_COL32(230, 50, 50, 200));
        }
    // Playhead.
    const float xh = axis.x + view.toX(ws.playhead.timeUs);
    dl->AddLine(ImVec2(xh, origin.y), ImVec2(xh, origin.y + totalH), IM_COL32(255, 200, 60, 255), 2.0f);
    dl->PopClipRect();

    // Interaction: click selects (and seeks), drag moves/resizes a coding, dragging empty
    // space pans, the wheel zooms around the pointer, Shift+wheel pans.
    const ImGuiIO& io = ImGui::GetIO();
    const float mx = io.MousePos.x - axis.x;
    const int track = static_cast<int>(std::floor((io.MousePos.y - origin.y - rulerH) / trackH));
    const int64_t limitEnd = std::max<int64_t>(ws.media.durationUs, 1);
    if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        const int hit = mx >= 0 && track >= 0 && track < tracks ? markAt(L, track, mx) : -1;
        if (hit >= 0) {
            const TimelineMark& m = L.marks[static_cast<size_t>(hit)];
            const projects::Coding& c = doc.codings[m.first];
            const bool group = m.count == 1 && doc.selection.size() > 1 && doc.isSelected(c.uuid);
            if (io.KeyCtrl)
                q.push(SelectCoding{c.uuid, true, /*toggle=*/true}); // add or take out; no drag
            else if (!group)
                q.push(SelectCoding{c.uuid, true});
            if (m.count == 1 && !io.KeyCtrl) {
                st.dragUuid = c.uuid;
                st.dragGroup = group;
                st.dragEdge = group ? 0 : m.span && std::abs(mx - m.x1) < 4 ? +1 : m.span && std::abs(mx - m.x0) < 4 ? -1 : 0;
                st.dragStartX = mx;
            }
        } else if (mx >= 0) {
            st.panning = true;
            st.panLastX = io.MousePos.x;
            st.dragStartX = mx;
        }
    }
    if (st.panning && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
        const float dx = st.panLastX - io.MousePos.x;
        if (dx != 0.0f) {
            q.push(SetViewRange{view.pan(dx, 0, limitEnd)});
            q.push(SetFollowPlayhead{false});
        }
        st.panLastX = io.MousePos.x;
    }
    if (ImGui::IsMouseReleased(ImGuiMouseButton_Left)) {
        if (st.panning && std::abs(mx - st.dragStartX) < 2 && mx >= 0)
            q.push(SeekToTime{view.toTimeClamped(mx)}); // a click on empty space seeks
        if (st.dragGroup && std::abs(mx - st.dragStartX) < 2) {
            q.push(SelectCoding{st.dragUuid, true}); // a click on one of several: it alone
        } else if (st.dragGroup) {
            if (const projects::Coding* c = doc.coding(st.dragUuid))
                q.push(MoveSelected{c->uuid, c->onsetUs + view.toTime(mx) - view.toTime(st.dragStartX)});
        } else if (!st.dragUuid.empty() && std::abs(mx - st.dragStartX) >= 2) {
            if (const projects::Coding* c = doc.coding(st.dragUuid)) {
                const int64_t dt = view.toTime(mx) - view.toTime(st.dragStartX);
                int64_t on = c->onsetUs;
                std::optional<int64_t> off = c->offsetUs;
                if (st.dragEdge <= 0)
                    on += dt;
                if (off && st.dragEdge >= 0)
                    *off += dt;
                q.push(MoveCoding{c->uuid, on, off});
            }
        }
        st.dragUuid.clear();
        st.dragGroup = false;
        st.panning = false;
    }
    if (!st.dragUuid.empty() && ImGui::IsMouseDragging(ImGuiMouseButton_Left)) {
        const float x = axis.x + mx;
        dl->AddLine(ImVec2(x, origin.y), ImVec2(x, origin.y + totalH), IM_COL32(255, 255, 255, 160), 1.0f);
    }
    if (hovered && io.MouseWheel != 0.0f && mx >= 0) {
        if (io.KeyShift)
            q.push(SetViewRange{view.pan(-io.MouseWheel * w / 10, 0, limitEnd)});
        else
            q.push(SetViewRange{view.zoomAround(mx, std::pow(1.25, io.MouseWheel), 0, limitEnd, 200'000)});
    }
    if (hovered && mx >= 0 && track >= 0 && track < tracks) {
        const int hit = markAt(L, track, mx);
        if (hit >= 0) {
            const TimelineMark& m = L.marks[static_cast<size_t>(hit)];
            const projects::Coding& c = doc.codings[m.first];
            if (m.count > 1)
                ImGui::SetTooltip("%d codings from %s (zoom in with the wheel)", m.count, formatTime(toMediaUs(doc, c.onsetUs)).c_str());
            else
                ImGui::SetTooltip("%s  %s%s%s  %s", formatTime(toMediaUs(doc, c.onsetUs)).c_str(), participantCode(doc, c.actorId).c_str(),
                                  c.targetId ? " -> " : "", c.targetId ? participantCode(doc, *c.targetId).c_str() : "", c.item.c_str());
        }
    }
}

// [SECTION] Event list

void drawEventList(const Workspace& ws, CommandQueue& q, EventListState& st)
{
    const DocumentState& doc = ws.doc;
    ImGui::SetNextItemWidth(110);
    const char* who = st.actorFilter < 0 || st.actorFilter >= static_cast<int>(doc.actors.size())
        ? "everyone" : doc.actors[static_cast<size_t>(st.actorFilter)].participant.code.c_str();
    if (ImGui::BeginCombo("##who", who)) {
        if (ImGui::Selectable("everyone", st.actorFilter < 0))
            st.actorFilter = -1;
        for (size_t i = 0; i < doc.actors.size(); ++i)
            if (ImGui::Selectable(doc.actors[i].label.c_str(), st.actorFilter == static_cast<int>(i)))
                st.actorFilter = static_cast<int>(i);
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90);
    ImGui::InputTextWithHint("##item", "item", st.itemFilter, sizeof st.itemFilter);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##text", "comment text", st.textFilter, sizeof st.textFilter);

    // The rows that pass the filters (indexes into doc.codings, in time order).
    std::vector<int> rows;
    rows.reserve(doc.codings.size());
    const projects::RowId actorId = st.actorFilter >= 0 && st.actorFilter < static_cast<int>(doc.actors.size())
        ? doc.actors[static_cast<size_t>(st.actorFilter)].participant.id : 0;
    for (size_t i = 0; i < doc.codings.size(); ++i) {
        const projects::Coding& c = doc.codings[i];
        if (actorId && c.actorId != actorId)
            continue;
        if (st.itemFilter[0] && c.item.find(st.itemFilter) == std::string::npos)
            continue;
        if (st.textFilter[0] && c.comment.find(st.textFilter) == std::string::npos)
            continue;
        rows.push_back(static_cast<int>(i));
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV
        | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("##events", 4, flags, ImVec2(0, 0)))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("time", ImGuiTableColumnFlags_WidthFixed, 92);
    ImGui::TableSetupColumn("who", ImGuiTableColumnFlags_WidthFixed, 56);
    ImGui::TableSetupColumn("item", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("comment", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableHeadersRow();
    // Scroll to the selection once when it changed elsewhere (timeline, undo).
    int selectedRow = -1;
    if (st.scrolledTo != doc.selectedUuid)
        for (size_t r = 0; r < rows.size(); ++r)
            if (doc.codings[static_cast<size_t>(rows[r])].uuid == doc.selectedUuid)
                selectedRow = static_cast<int>(r);
    if (selectedRow >= 0) {
        ImGui::SetScrollY(std::max(0.0f, selectedRow * ImGui::GetTextLineHeightWithSpacing() - 40.0f));
        st.scrolledTo = doc.selectedUuid;
    }
    ImGuiListClipper clipper; // only the visible rows are laid out: 100,000 rows cost as few
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const projects::Coding& c = doc.codings[static_cast<size_t>(rows[static_cast<size_t>(r)])];
            ImGui::PushID(c.uuid.c_str());
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const bool sel = doc.isSelected(c.uuid);
            const std::string t = formatTime(toMediaUs(doc, c.onsetUs));
            if (ImGui::Selectable(t.c_str() + 3, sel, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) {
                const ImGuiIO& io = ImGui::GetIO();
                if (io.KeyShift && !st.anchorUuid.empty()) {
                    // A range of the rows shown, from the last plain click to this one.
                    int from = -1;
                    for (size_t k = 0; k < rows.size(); ++k)
                        if (doc.codings[static_cast<size_t>(rows[k])].uuid == st.anchorUuid)
                            from = static_cast<int>(k);
                    if (from < 0)
                        from = r;
                    std::vector<std::string> range;
                    for (int k = std::min(from, r); k <= std::max(from, r); ++k)
                        range.push_back(doc.codings[static_cast<size_t>(rows[static_cast<size_t>(k)])].uuid);
                    std::erase(range, c.uuid);
                    range.push_back(c.uuid); // the clicked row is the primary
                    q.push(SelectCodings{std::move(range)});
                } else {
                    q.push(SelectCoding{c.uuid, true, /*toggle=*/io.KeyCtrl});
                    st.anchorUuid = c.uuid;
                }
                st.scrolledTo = c.uuid;
            }
            ImGui::TableNextColumn();
            std::string whoText = participantCode(doc, c.actorId);
            if (c.targetId)
                whoText += ">" + participantCode(doc, *c.targetId);
            ImGui::TextUnformatted(whoText.c_str());
            ImGui::TableNextColumn();
            const ItemKey* k = doc.keyFor(c.item);
            const ImU32 col = dimensionColour(k ? k->dimensionIndex : 0, k ? k->polarity : schemes::Polarity::Neutral);
            ImGui::PushStyleColor(ImGuiCol_Text, col);
            ImGui::TextUnformatted(c.item.c_str());
            ImGui::PopStyleColor();
            if (doc.isOpenState(c)) {
                ImGui::SameLine();
                ImGui::TextColored(ImVec4(1, 0.5f, 0.5f, 1), "open");
                ImGui::SameLine();
                if (ImGui::SmallButton("end"))
                    q.push(CloseOpenState{c.uuid});
                ImGui::SameLine();
                if (ImGui::SmallButton("drop"))
                    q.push(DropOpenState{c.uuid});
            } else if (c.offsetUs) {
                ImGui::SameLine();
                ImGui::TextDisabled("%.1f s", static_cast<double>(*c.offsetUs - c.onsetUs) / 1e6);
            }
            ImGui::TableNextColumn();
            if (sel && doc.selection.size() == 1) {
                // The selected row's comment is edited in place; stored when the field is left.
                // No vertical padding: every row keeps one line's height (the clipper's rule).
                if (st.editingUuid != c.uuid) {
                    st.editingUuid = c.uuid;
                    std::snprintf(st.comment, sizeof st.comment, "%s", c.comment.c_str());
                }
                ImGui::SetNextItemWidth(-1);
                ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, 0));
                ImGui::InputTextWithHint("##comment", "comment", st.comment, sizeof st.comment);
                ImGui::PopStyleVar();
                if (ImGui::IsItemDeactivatedAfterEdit())
                    q.push(SetComment{c.uuid, st.comment});
            } else {
                // One line per row: a comment with line breaks shows its first line and "...".
                const size_t nl = c.comment.find('\n');
                if (nl == std::string::npos)
                    ImGui::TextUnformatted(c.comment.c_str());
                else
                    ImGui::Text("%.*s ...", static_cast<int>(nl), c.comment.c_str());
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

// [SECTION] Status above the timeline

void drawCodingStatus(const Workspace& ws, CommandQueue& q)
{
    const DocumentState& doc = ws.doc;
    (void)q;
    if (doc.selectedActor >= 0 && doc.selectedActor < static_cast<int>(doc.actors.size()))
        ImGui::TextColored(ImVec4(0.55f, 0.7f, 1, 1), "Actor %d: %s", doc.selectedActor + 1,
                           doc.actors[static_cast<size_t>(doc.selectedActor)].label.c_str());
    else
        ImGui::TextColored(ImVec4(1, 0.8f, 0.4f, 1), "Press 1-%zu to choose who acts", std::max<size_t>(doc.actors.size(), 1));
    ImGui::SameLine();
    if (doc.pending)
        ImGui::TextColored(ImVec4(1, 0.8f, 0.4f, 1), "| %s -> target? (digit, Esc: none)", doc.pending->itemId.c_str());
    else
        ImGui::TextDisabled("| undo: %s", doc.undoLabel.empty() ? "-" : doc.undoLabel.c_str());
    if (doc.selection.size() > 1) {
        ImGui::SameLine();
        ImGui::TextColored(ImVec4(0.85f, 0.85f, 1, 1), "| %zu selected", doc.selection.size());
    }
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    if (doc.status.error)
        ImGui::TextColored(ImVec4(1, 0.45f, 0.45f, 1), "| %s", doc.status.text.c_str());
    else
        ImGui::TextDisabled("| %s", doc.status.text.c_str());
    ImGui::PopTextWrapPos();
}

// [SECTION] Project browser

void drawProjectBrowser(const Workspace& ws, CommandQueue& q)
{
    const DocumentState& doc = ws.doc;
    ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.4f, 1.0f), "Project %s", doc.projectPath.c_str());
    // Whose assignments: a coder sees their own (blind); a supervisor or lead sees all.
    const projects::Coder* me = nullptr;
    for (const auto& c : doc.coders)
        if (c.id == doc.browsingCoderId)
            me = &c;
    ImGui::SetNextItemWidth(220);
    if (ImGui::BeginCombo("I am", me ? me->name.c_str() : "(choose a coder)")) {
        for (const auto& c : doc.coders) {
            const std::string label = c.name + "  (" + projects::coderRoleName(c.role) + ")";
            if (ImGui::Selectable(label.c_str(), me && me->id == c.id))
                q.push(BrowseAsCoder{c.id});
        }
        ImGui::EndCombo();
    }
    const bool seesAll = me && me->role != projects::CoderRole::Coder;
    ImGui::SameLine();
    ImGui::TextDisabled(seesAll ? "supervisor / lead: every assignment" : "a coder sees only their own assignments");
    ImGui::Spacing();

    auto nameOf = [](const auto& rows, projects::RowId id, auto field) -> std::string {
        for (const auto& r : rows)
            if (r.id == id)
                return field(r);
        return "?";
    };
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY
        | ImGuiTableFlags_SizingStretchProp;
    // As tall as its rows (up to 55 % of the room): the set-up and import forms below get the rest.
    const float rowsH = (static_cast<float>(doc.sessions.size()) + 2.5f) * ImGui::GetTextLineHeightWithSpacing() * 1.2f;
    const float tableH = std::clamp(rowsH, 90.0f, std::max(90.0f, ImGui::GetContentRegionAvail().y * 0.55f));
    if (ImGui::BeginTable("##sessions", 8, flags, ImVec2(0, tableH))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        for (const char* h : {"case", "session", "date", "phase", "present", "media", "coder / scheme", ""})
            ImGui::TableSetupColumn(h);
        ImGui::TableHeadersRow();
        if (doc.sessions.empty()) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("No sessions yet: add coders, a scheme and a session below.");
        }
        for (const projects::Session& s : doc.sessions) {
            std::vector<const projects::Assignment*> mine;
            for (const auto& a : doc.assignments)
                if (a.sessionId == s.id && me && (seesAll || a.coderId == me->id))
                    mine.push_back(&a);
            if (!seesAll && mine.empty())
                continue;
            std::string present;
            for (projects::RowId pid : s.attended) {
                const std::string code = nameOf(doc.participants, pid, [](const auto& p) { return p.code; });
                present += (present.empty() ? "" : " ") + code;
            }
            int mediaCount = 0;
            for (const auto& m : doc.media)
                mediaCount += m.sessionId == s.id ? 1 : 0;
            const size_t rowsForSession = std::max<size_t>(mine.size(), 1);
            for (size_t r = 0; r < rowsForSession; ++r) {
                ImGui::TableNextRow();
                ImGui::PushID(static_cast<int>(s.id * 1000 + static_cast<int64_t>(r)));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(r == 0 ? nameOf(doc.cases, s.caseId, [](const auto& c) { return c.code; }).c_str() : "");
                ImGui::TableNextColumn();
                if (r == 0)
                    ImGui::Text("%d", s.number);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(r == 0 ? s.date.c_str() : "");
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(r == 0 ? s.phase.c_str() : "");
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(r == 0 ? present.c_str() : "");
                ImGui::TableNextColumn();
                if (r == 0)
                    ImGui::Text("%d file%s", mediaCount, mediaCount == 1 ? "" : "s");
                ImGui::TableNextColumn();
                if (r < mine.size()) {
                    const projects::Assignment& a = *mine[r];
                    const std::string label = nameOf(doc.coders, a.coderId, [](const auto& c) { return c.name; }) + " / "
                        + nameOf(doc.schemes, a.schemeRefId, [](const auto& x) { return x.schemeId; }) + "  (" + a.status + ")";
                    ImGui::TextUnformatted(label.c_str());
                    ImGui::TableNextColumn();
                    if (ImGui::SmallButton("Code"))
                        q.push(OpenSession{a.sessionId, a.coderId, a.schemeRefId});
                } else {
                    ImGui::TextDisabled("no assignment");
                    ImGui::TableNextColumn();
                }
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
}

void drawSchemeKeysHelp(const Workspace& ws)
{
    const DocumentState& doc = ws.doc;
    if (!doc.sessionOpen())
        return;
    ImGui::Separator();
    ImGui::Text("Coding with %s", doc.scheme ? doc.scheme->id.c_str() : "?");
    if (ImGui::BeginTable("schemekeys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV
                                               | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_PadOuterX)) {
        auto row = [](const std::string& k, const std::string& what) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(k.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(what.c_str());
        };
        row("1-" + std::to_string(std::max<size_t>(doc.actors.size(), 1)), "select who acts (then the target of a directed item)");
        for (const ItemKey& k : doc.keys) {
            if (k.key.empty())
                continue;
            const char* kind = k.kind == schemes::ItemKind::State ? "  [state: press again to end]"
                : k.directed ? "  [directed: then the target's digit]" : "";
            row(k.key, k.itemId + "  " + k.label + kind);
        }
        ImGui::EndTable();
    }
}

} // namespace app
