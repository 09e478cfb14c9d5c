#include "projects/import_file.h"

#include <algorithm>
#include <cctype>

#include "projects/exchange_csv.h"
#include "projects/exchange_json.h"
#include "projects/fingerprint.h"

namespace projects {

namespace fs = std::filesystem;

namespace {
constexpr ImportFormat kFormats[] = {ImportFormat::Csv, ImportFormat::Json, ImportFormat::Eaf, ImportFormat::Boris,
                                     ImportFormat::Opf};
} // namespace

const char* importFormatName(ImportFormat f)
{
    switch (f) {
    case ImportFormat::Csv: return "csv";
    case ImportFormat::Json: return "json";
    case ImportFormat::Eaf: return "eaf";
    case ImportFormat::Boris: return "boris";
    case ImportFormat::Opf: return "opf";
    }
    return "?";
}

std::optional<ImportFormat> parseImportFormat(const std::string& name)
{
    for (ImportFormat f : kFormats)
        if (name == importFormatName(f))
            return f;
    return std::nullopt;
}

std::optional<ImportFormat> importFormatOf(const fs::path& file)
{
    std::string ext = file.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext.size() > 1 ? parseImportFormat(ext.substr(1)) : std::nullopt;
}

FileImportResult importFile(Store& store, const fs::path& in, const FileImportOptions& options)
{
    FileImportResult r;
    ProjectData data;
    switch (options.format) {
    case ImportFormat::Csv: data = importLongCsv(in); break;
    case ImportFormat::Json: data = importJson(in); break;
    case ImportFormat::Eaf: data = importEaf(in, options.eaf, &r.notes); break;
    case ImportFormat::Boris: data = importBoris(in, options.boris, &r.notes); break;
    case ImportFormat::Opf: data = importOpf(in, options.opf, &r.notes); break;
    }
    ImportOptions opt;
    opt.action = std::string("import ") + importFormatName(options.format);
    opt.source = fs::absolute(in).lexically_normal().string() + " " + mediaFingerprint(in).value_or("");
    opt.dryRun = options.dryRun;
    r.report = store.importData(data, opt);
    return r;
}

} // namespace projects
