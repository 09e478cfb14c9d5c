// DocumentController: the browser's import form (another tool's file into the project).
// An import is one transaction through projects::importFile, as `bondline-cli import`;
// it is not an undo step (the audit log records it, and the dry run shows it first).
#include <string>

#include "app/gui/document_controller.h"
#include "projects/store.h"

namespace app {

void DocumentController::inspectImport(const std::filesystem::path& file, const projects::EafImportOptions& eaf)
{
    ImportPreview& p = m_doc.importPreview;
    if (file.string() != p.path)
        p = ImportPreview{.revision = p.revision + 1};
    p.path = file.string();
    p.format = projects::importFormatOf(file);
    p.tiers.clear();
    p.error.clear();
    if (!p.format) {
        p.error = file.string() + ": cannot tell the format from the name (.boris, .eaf, .opf, .csv or .json)";
        return;
    }
    if (*p.format != projects::ImportFormat::Eaf)
        return;
    try {
        p.tiers = projects::eafTiers(file, eaf);
    } catch (const std::exception& e) {
        p.error = e.what(); // "file:line: problem"
    }
}

void DocumentController::importFile(const std::filesystem::path& file, const projects::FileImportOptions& options)
{
    if (!m_store)
        throw std::runtime_error("no project is open");
    inspectImport(file, options.eaf); // the tiers as this mapping reads them
    ImportPreview& p = m_doc.importPreview;
    p.lines.clear();
    p.lastWasDryRun = options.dryRun;
    try {
        const auto [r, notes] = projects::importFile(*m_store, file, options);
        const std::string counts = std::to_string(r.inserted) + " new, " + std::to_string(r.unchanged) + " unchanged, "
            + std::to_string(r.conflicts.size()) + " conflict(s), " + std::to_string(notes.warnings.size()) + " warning(s)";
        p.lines.push_back(options.dryRun ? "Dry run (nothing was changed): would import " + counts : "Imported " + counts);
        for (const auto& c : r.conflicts)
            p.lines.push_back("conflict (the project's row kept): " + c);
        for (const auto& m : r.missingMedia)
            p.lines.push_back("media not found: " + m);
        for (const auto& line : notes.summary)
            p.lines.push_back(line);
        for (const auto& w : notes.warnings)
            p.lines.push_back("warning: " + w);
        if (!options.dryRun)
            reloadLists();
        m_doc.status = {p.lines.front() + " from " + file.filename().string(), false};
    } catch (const std::exception& e) {
        // Nothing was stored (one transaction).
        p.error = e.what();
        m_doc.status = {std::string("Not imported: ") + e.what(), true};
    }
}

} // namespace app
