#include "app/gui/import_form.h"

#include <algorithm>
#include <cstdio>

#include <imgui.h>

namespace app {

const std::vector<std::string> kImportExtensions = {".boris", ".eaf", ".opf", ".csv", ".json"};

projects::FileImportOptions importOptions(const ImportForm& f, const ImportPreview& preview, bool dryRun)
{
    projects::FileImportOptions o;
    o.format = preview.format.value_or(projects::ImportFormat::Csv);
    o.dryRun = dryRun;
    o.boris.closeUnpaired = f.closeUnpaired;
    for (const ImportForm::Tier& t : f.tiers)
        if (t.participant[0] || t.item[0])
            o.eaf.tierMap[t.id] = {t.participant, t.item};
    return o;
}

namespace {

void syncFields(ImportForm& f, const ImportPreview& p)
{
    if (f.seenRevision == p.revision)
        return;
    f.seenRevision = p.revision;
    std::snprintf(f.path, sizeof f.path, "%s", p.path.c_str());
    f.tiers.clear();
    for (const auto& t : p.tiers)
        f.tiers.push_back({.id = t.id});
}

void drawTierTable(ImportForm& f, const ImportPreview& p)
{
    // Rows as many as the file has tiers; a row keeps its fields across previews.
    if (f.tiers.size() != p.tiers.size()) {
        f.tiers.resize(p.tiers.size());
        for (size_t i = 0; i < p.tiers.size(); ++i)
            f.tiers[i].id = p.tiers[i].id;
    }
    ImGui::TextDisabled("Each tier as it will be read. Type a participant code (and an item) to read a tier as "
                        "that person's codings; empty: as shown.");
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp
        | ImGuiTableFlags_ScrollY;
    const float h = std::min(ImGui::GetTextLineHeightWithSpacing() * 1.35f * static_cast<float>(p.tiers.size() + 1) + 6.0f, 220.0f);
    if (!ImGui::BeginTable("##tiers", 5, flags, ImVec2(0, h)))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("tier", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("n", ImGuiTableColumnFlags_WidthFixed, 40);
    ImGui::TableSetupColumn("participant", ImGuiTableColumnFlags_WidthFixed, 120);
    ImGui::TableSetupColumn("item", ImGuiTableColumnFlags_WidthFixed, 140);
    ImGui::TableSetupColumn("read as", ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < p.tiers.size(); ++i) {
        const projects::EafTierInfo& t = p.tiers[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(t.id.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%zu", t.annotations);
        ImGui::TableNextColumn();
        if (t.parent.empty()) {
            ImGui::SetNextItemWidth(-1);
            ImGui::InputTextWithHint("##who", t.participant.empty() ? "code" : t.participant.c_str(), f.tiers[i].participant,
                                     sizeof f.tiers[i].participant);
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-1);
            ImGui::InputTextWithHint("##item", "item id", f.tiers[i].item, sizeof f.tiers[i].item);
        } else {
            ImGui::TableNextColumn();
        }
        ImGui::TableNextColumn();
        if (!t.parent.empty())
            ImGui::TextDisabled("values in the comments of \"%s\"", t.parent.c_str());
        else if (!t.skipReason.empty())
            ImGui::TextColored(ImVec4(1, 0.7f, 0.35f, 1), "skipped: no participant");
        else
            ImGui::TextUnformatted((t.participant + ": " + t.item).c_str());
        if (ImGui::IsItemHovered() && !t.skipReason.empty())
            ImGui::SetTooltip("%s", t.skipReason.c_str());
        ImGui::PopID();
    }
    ImGui::EndTable();
}

} // namespace

void drawImportForm(const Workspace& ws, CommandQueue& q, ImportForm& f, FileDialog& dialog)
{
    const ImportPreview& p = ws.doc.importPreview;
    syncFields(f, p);
    if (!ImGui::CollapsingHeader("Import codings from BORIS, ELAN, Datavyu or a Bondline CSV / JSON export",
                                 p.path.empty() ? 0 : ImGuiTreeNodeFlags_DefaultOpen))
        return;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("File");
    ImGui::SameLine(110);
    ImGui::SetNextItemWidth(420);
    ImGui::InputTextWithHint("##importpath", ".boris .eaf .opf .csv .json (or drop it on the window)", f.path, sizeof f.path);
    if (ImGui::IsItemDeactivatedAfterEdit() && f.path[0])
        q.push(InspectImport{f.path});
    ImGui::SameLine();
    if (ImGui::Button("file...##import"))
        dialog.open(FileDialog::Purpose::ImportFile, kImportExtensions, false);
    if (p.path.empty())
        return;
    if (!p.error.empty())
        ImGui::TextColored(ImVec4(1, 0.45f, 0.45f, 1), "%s", p.error.c_str());
    if (!p.format)
        return;
    ImGui::SameLine();
    ImGui::TextDisabled("format: %s", projects::importFormatName(*p.format));
    if (*p.format == projects::ImportFormat::Eaf && !p.tiers.empty())
        drawTierTable(f, p);
    if (*p.format == projects::ImportFormat::Boris)
        ImGui::Checkbox("end a state that never stops at its observation's end", &f.closeUnpaired);
    if (ImGui::Button("Preview (dry run)"))
        q.push(ImportFile{p.path, importOptions(f, p, true)});
    ImGui::SameLine();
    if (ImGui::Button("Import"))
        q.push(ImportFile{p.path, importOptions(f, p, false)});
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("One transaction: a file that cannot be read imports nothing. Importing the same file\n"
                          "again adds nothing. An import is not undone with Ctrl+Z: preview it first.");
    if (!p.lines.empty()) {
        const float h = std::min(ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(p.lines.size()) + 8.0f, 150.0f);
        ImGui::BeginChild("##importlines", ImVec2(0, h), true);
        for (const std::string& line : p.lines) {
            if (line.rfind("warning: ", 0) == 0 || line.rfind("conflict", 0) == 0 || line.rfind("media not found", 0) == 0)
                ImGui::TextColored(ImVec4(1, 0.7f, 0.35f, 1), "%s", line.c_str());
            else
                ImGui::TextUnformatted(line.c_str());
        }
        ImGui::EndChild();
    }
}

} // namespace app
