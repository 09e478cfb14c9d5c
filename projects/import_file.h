#pragma once
// Importing one file into a project, as `bondline-cli import` and the window's import
// form do it: the format from the name (or given), the format's reader with its options,
// then Store::importData in one transaction (or a dry run that changes nothing), with the
// file and its fingerprint recorded as the rows' source.
#include <filesystem>
#include <optional>
#include <string>

#include "projects/exchange_boris.h"
#include "projects/exchange_eaf.h"
#include "projects/exchange_opf.h"
#include "projects/model.h"
#include "projects/store.h"

namespace projects {

enum class ImportFormat { Csv, Json, Eaf, Boris, Opf };

const char* importFormatName(ImportFormat f); // "csv", "json", "eaf", "boris", "opf"
std::optional<ImportFormat> parseImportFormat(const std::string& name);
// From the extension (.csv .json .eaf .boris .opf, any case); nullopt when it tells nothing.
std::optional<ImportFormat> importFormatOf(const std::filesystem::path& file);

struct FileImportOptions {
    ImportFormat format = ImportFormat::Csv;
    EafImportOptions eaf;
    OpfOptions opf;
    BorisOptions boris;
    bool dryRun = false;
};

struct FileImportResult {
    ImportReport report;
    ImportNotes notes;
};

// Throws ProjectError ("file:line: problem", or the store's error); on a throw nothing
// was stored.
FileImportResult importFile(Store& store, const std::filesystem::path& in, const FileImportOptions& options);

} // namespace projects
