#include "app/gui/project_forms.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include <imgui.h>

#include "coding_schemes/scheme_loader.h"

namespace app {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool hasExtension(const fs::path& p, const std::vector<std::string>& exts)
{
    if (exts.empty())
        return true;
    const std::string e = lower(p.extension().string());
    return std::find(exts.begin(), exts.end(), e) != exts.end();
}

const std::vector<std::string> kMediaExtensions = {".mp4", ".mov", ".mkv", ".avi", ".mts", ".m2ts", ".mpg", ".mpeg", ".vob",
                                                   ".ts",  ".webm", ".m4v", ".wav", ".mp3", ".m4a", ".aac", ".flac", ".ogg"};

const char* kRoles[] = {"youth", "mother", "father", "step-parent", "foster-parent", "parent", "sibling", "network",
                        "therapist", "co-therapist", "other"};

} // namespace

// [SECTION] File dialog

void FileDialog::open(Purpose p, std::vector<std::string> exts, bool save, const fs::path& start)
{
    purpose = p;
    extensions = std::move(exts);
    saving = save;
    std::error_code ec;
    folder = !start.empty() ? start : fs::current_path(ec);
    name[0] = '\0';
    error.clear();
    chosen.clear();
    openRequested = true;
}

bool FileDialog::draw()
{
    const char* title = "Choose a file";
    if (openRequested) {
        ImGui::OpenPopup(title);
        openRequested = false;
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x / 2, vp->WorkPos.y + vp->WorkSize.y / 2),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(720.0f, vp->WorkSize.x - 40), std::min(480.0f, vp->WorkSize.y - 40)));
    ImGui::SetNextWindowBgAlpha(1.0f);
    bool done = false;
    if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings))
        return false;
    ImGui::TextWrapped("%s", folder.string().c_str());
    if (ImGui::Button("Up") && folder.has_parent_path())
        folder = folder.parent_path();
    ImGui::SameLine();
    if (const char* home = std::getenv("HOME"); home && ImGui::Button("Home"))
        folder = home;
    ImGui::SameLine();
    if (!extensions.empty()) {
        std::string shown;
        for (const auto& e : extensions)
            shown += (shown.empty() ? "" : " ") + e;
        ImGui::TextDisabled("showing %s", shown.c_str());
    }
    const float listH = ImGui::GetContentRegionAvail().y - 2 * ImGui::GetFrameHeightWithSpacing() - ImGui::GetTextLineHeightWithSpacing();
    ImGui::BeginChild("##entries", ImVec2(0, std::max(listH, 60.0f)), true);
    std::error_code ec;
    std::vector<fs::directory_entry> dirs, files;
    for (fs::directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
         it.increment(ec)) {
        const auto& e = *it;
        if (e.path().filename().string().rfind('.', 0) == 0)
            continue; // hidden
        std::error_code ec2;
        if (e.is_directory(ec2))
            dirs.push_back(e);
        else if (hasExtension(e.path(), extensions))
            files.push_back(e);
    }
    if (ec)
        ImGui::TextColored(ImVec4(1, 0.45f, 0.45f, 1), "%s: %s", folder.string().c_str(), ec.message().c_str());
    auto byName = [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path().filename() < b.path().filename(); };
    std::sort(dirs.begin(), dirs.end(), byName);
    std::sort(files.begin(), files.end(), byName);
    fs::path next;
    for (const auto& d : dirs)
        if (ImGui::Selectable((d.path().filename().string() + "/").c_str(), false, ImGuiSelectableFlags_AllowDoubleClick))
            next = d.path();
    for (const auto& f : files) {
        const std::string n = f.path().filename().string();
        if (ImGui::Selectable(n.c_str(), n == name, ImGuiSelectableFlags_AllowDoubleClick)) {
            std::snprintf(name, sizeof name, "%s", n.c_str());
            if (ImGui::IsMouseDoubleClicked(0)) {
                chosen = f.path();
                done = true;
            }
        }
    }
    ImGui::EndChild();
    if (!next.empty())
        folder = next;
    ImGui::SetNextItemWidth(-200);
    const bool enter = ImGui::InputTextWithHint("##name", saving ? "new file name" : "file name (or a full path)", name,
                                                sizeof name, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((ImGui::Button(saving ? "Create" : "Open", ImVec2(90, 0)) || enter) && name[0]) {
        fs::path p = fs::path(name).is_absolute() ? fs::path(name) : folder / name;
        std::error_code e2;
        if (saving && !extensions.empty() && !hasExtension(p, extensions))
            p += extensions.front();
        if (!saving && !fs::is_regular_file(p, e2))
            error = p.string() + ": no such file";
        else if (saving && fs::exists(p, e2))
            error = p.string() + ": already exists";
        else {
            chosen = p;
            done = true;
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(90, 0)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        purpose = Purpose::None;
        ImGui::CloseCurrentPopup();
    }
    if (!error.empty())
        ImGui::TextColored(ImVec4(1, 0.45f, 0.45f, 1), "%s", error.c_str());
    if (done)
        ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return done;
}

void applyFileDialog(const FileDialog& d, CommandQueue& q, SetupForms& forms)
{
    const std::string p = d.chosen.string();
    switch (d.purpose) {
    case FileDialog::Purpose::OpenProject: q.push(OpenProject{p}); break;
    case FileDialog::Purpose::CreateProject: q.push(CreateProject{p}); break;
    case FileDialog::Purpose::OpenMedia: q.push(OpenMedia{p}); break;
    case FileDialog::Purpose::PinScheme: q.push(PinScheme{p}); break;
    case FileDialog::Purpose::ImportFile: q.push(InspectImport{p}); break;
    case FileDialog::Purpose::SessionMedia: std::snprintf(forms.media, sizeof forms.media, "%s", p.c_str()); break;
    case FileDialog::Purpose::None: break;
    }
}

void dropFile(const Workspace& ws, const std::string& path, CommandQueue& q, SetupForms& forms)
{
    const fs::path p(path);
    const std::string ext = lower(p.extension().string());
    if (ext == ".bondline")
        q.push(OpenProject{path});
    else if (ext == ".toml" && ws.doc.projectOpen)
        q.push(PinScheme{path});
    else if (ws.doc.projectOpen && !ws.doc.sessionOpen() && projects::importFormatOf(p))
        q.push(InspectImport{path}); // into the import form
    else if (ws.doc.projectOpen && !ws.doc.sessionOpen())
        std::snprintf(forms.media, sizeof forms.media, "%s", path.c_str()); // for the new session
    else if (!ws.doc.projectOpen)
        q.push(OpenMedia{path});
}

// [SECTION] Start page

void drawStartPage(const Workspace& ws, FileDialog& dialog)
{
    (void)ws;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float w = 420;
    const float blockH = 8 * ImGui::GetTextLineHeightWithSpacing() + 3 * ImGui::GetFrameHeightWithSpacing();
    ImGui::SetCursorPos(ImVec2(std::max(0.0f, (avail.x - w) / 2), std::max(0.0f, (avail.y - blockH) / 2)));
    ImGui::BeginGroup();
    ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.4f, 1.0f), "Bondline");
    ImGui::TextDisabled("Code the therapeutic alliance in recorded sessions.");
    ImGui::Spacing();
    if (ImGui::Button("Open a project...", ImVec2(w, 0)))
        dialog.open(FileDialog::Purpose::OpenProject, {".bondline"}, false);
    if (ImGui::Button("New project...", ImVec2(w, 0)))
        dialog.open(FileDialog::Purpose::CreateProject, {".bondline"}, true);
    if (ImGui::Button("Open a video or audio file (player only)...", ImVec2(w, 0)))
        dialog.open(FileDialog::Purpose::OpenMedia, kMediaExtensions, false);
    ImGui::Spacing();
    ImGui::TextDisabled("Or drop a project or a media file on the window.");
    ImGui::TextDisabled("From a terminal: bondline PROJECT.bondline, bondline MEDIA.");
    ImGui::TextDisabled("Press F1 for the keyboard shortcuts.");
    ImGui::EndGroup();
}

// [SECTION] Set-up forms

void drawSetupForms(const Workspace& ws, CommandQueue& q, SetupForms& f, FileDialog& dialog)
{
    const DocumentState& doc = ws.doc;
    if (!ImGui::CollapsingHeader("Set up the project: coders, schemes, sessions, assignments",
                                 doc.sessions.empty() ? ImGuiTreeNodeFlags_DefaultOpen : 0))
        return;
    const float labelW = 110;
    auto label = [&](const char* text) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(text);
        ImGui::SameLine(labelW);
    };

    // Coders
    label("Coder");
    ImGui::SetNextItemWidth(160);
    ImGui::InputTextWithHint("##coder", "name", f.coderName, sizeof f.coderName);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(150);
    ImGui::Combo("##role", &f.coderRole, "coder\0supervisor\0reliability-lead\0");
    ImGui::SameLine();
    if (ImGui::Button("Add coder")) {
        const projects::CoderRole r = f.coderRole == 1 ? projects::CoderRole::Supervisor
            : f.coderRole == 2 ? projects::CoderRole::ReliabilityLead : projects::CoderRole::Coder;
        q.push(AddCoder{f.coderName, r});
        f.coderName[0] = '\0';
    }

    // Schemes: the shipped ones, or a file.
    label("Scheme");
    const std::vector<fs::path> shipped = schemes::schemeFilesIn(schemes::shippedSchemesDir());
    for (const fs::path& s : shipped) {
        const std::string id = s.stem().string();
        const bool pinned = std::any_of(doc.schemes.begin(), doc.schemes.end(), [&](const auto& r) { return r.schemeId == id; });
        ImGui::BeginDisabled(pinned);
        if (ImGui::SmallButton(id.c_str()))
            q.push(PinScheme{s.string()});
        ImGui::EndDisabled();
        ImGui::SameLine();
    }
    if (ImGui::SmallButton("file..."))
        dialog.open(FileDialog::Purpose::PinScheme, {".toml"}, false);

    // Sessions
    label("Session");
    ImGui::SetNextItemWidth(80);
    ImGui::InputTextWithHint("##case", "case", f.caseCode, sizeof f.caseCode);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90);
    ImGui::InputInt("##number", &f.number);
    f.number = std::max(f.number, 1);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(100);
    ImGui::InputTextWithHint("##date", "YYYY-MM-DD", f.date, sizeof f.date);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(80);
    ImGui::InputTextWithHint("##phase", "phase", f.phase, sizeof f.phase);
    label("");
    ImGui::SetNextItemWidth(330);
    ImGui::InputTextWithHint("##people", "present: CODE:ROLE,...", f.people, sizeof f.people);
    if (ImGui::IsItemHovered()) {
        std::string roles;
        for (const char* r : kRoles)
            roles += (roles.empty() ? "" : ", ") + std::string(r);
        ImGui::SetTooltip("Who is present, in order (digit 1 selects the first): CODE:ROLE pairs.\nRoles: %s", roles.c_str());
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(300);
    ImGui::InputTextWithHint("##media", "media file (or drop it on the window)", f.media, sizeof f.media);
    ImGui::SameLine();
    if (ImGui::Button("..."))
        dialog.open(FileDialog::Purpose::SessionMedia, kMediaExtensions, false);
    ImGui::SameLine();
    if (ImGui::Button("Add session")) {
        f.error.clear();
        try {
            projects::NewSession n;
            n.caseCode = f.caseCode;
            n.number = f.number;
            n.date = f.date;
            n.phase = f.phase;
            n.people = projects::parsePeople(f.people);
            if (f.media[0])
                n.media = fs::path(f.media);
            if (n.caseCode.empty())
                throw std::invalid_argument("a session needs a case code");
            q.push(AddSession{n});
            f.media[0] = '\0';
            ++f.number;
        } catch (const std::exception& e) {
            f.error = std::string("people: ") + e.what();
        }
    }

    // Assignments
    label("Assign");
    if (doc.coders.empty() || doc.schemes.empty()) {
        ImGui::TextDisabled("add a coder and a scheme first");
    } else {
        f.assignCoder = std::clamp(f.assignCoder, 0, static_cast<int>(doc.coders.size()) - 1);
        f.assignScheme = std::clamp(f.assignScheme, 0, static_cast<int>(doc.schemes.size()) - 1);
        ImGui::SetNextItemWidth(160);
        if (ImGui::BeginCombo("##acoder", doc.coders[static_cast<size_t>(f.assignCoder)].name.c_str())) {
            for (size_t i = 0; i < doc.coders.size(); ++i)
                if (ImGui::Selectable(doc.coders[i].name.c_str(), static_cast<int>(i) == f.assignCoder))
                    f.assignCoder = static_cast<int>(i);
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        ImGui::SetNextItemWidth(180);
        if (ImGui::BeginCombo("##ascheme", doc.schemes[static_cast<size_t>(f.assignScheme)].schemeId.c_str())) {
            for (size_t i = 0; i < doc.schemes.size(); ++i)
                if (ImGui::Selectable(doc.schemes[i].schemeId.c_str(), static_cast<int>(i) == f.assignScheme))
                    f.assignScheme = static_cast<int>(i);
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        if (ImGui::Button("Assign every session not yet assigned (blind)"))
            q.push(AssignSessions{doc.coders[static_cast<size_t>(f.assignCoder)].id,
                                  doc.schemes[static_cast<size_t>(f.assignScheme)].id, {}, std::nullopt});
    }
    if (!f.error.empty())
        ImGui::TextColored(ImVec4(1, 0.45f, 0.45f, 1), "%s", f.error.c_str());
    if (!doc.status.text.empty())
        ImGui::TextColored(doc.status.error ? ImVec4(1, 0.45f, 0.45f, 1) : ImVec4(0.6f, 0.8f, 0.6f, 1), "%s",
                           doc.status.text.c_str());
}

} // namespace app
