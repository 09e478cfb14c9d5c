// libFuzzer target: any bytes given to the project importers (long CSV, JSON, ELAN .eaf,
// BORIS .boris, Datavyu .opf archives and their "db" text) must give a ProjectData or a ProjectError, never a crash, a hang or a
// sanitizer report. The first byte picks the format. The importers read files, so the
// input is written to one scratch file per process (in /dev/shm when it exists).
// Built only with -DBONDLINE_FUZZ=ON (scripts/fuzz).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "projects/exchange_boris.h"
#include "projects/exchange_csv.h"
#include "projects/exchange_eaf.h"
#include "projects/exchange_json.h"
#include "projects/exchange_opf.h"
#include "projects/project_error.h"

namespace {
std::filesystem::path scratch(const char* ext)
{
    const std::filesystem::path dir = std::filesystem::exists("/dev/shm") ? "/dev/shm" : "/tmp";
    return dir / ("bondline-fuzz-" + std::to_string(::getpid()) + ext);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size == 0)
        return 0;
    const int format = data[0] % 6;
    const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);
    static const char* kExt[] = {".csv", ".json", ".eaf", ".boris", ".opf", ""};
    try {
        if (format == 1) {
            (void)projects::parseJson(text, "fuzz.json");
            return 0;
        }
        if (format == 5) {
            projects::ImportNotes notes;
            (void)projects::parseDatavyuDb(text, "fuzz-db", {}, &notes);
            return 0;
        }
        const auto file = scratch(kExt[format]);
        {
            std::ofstream out(file, std::ios::binary | std::ios::trunc);
            out << text;
        }
        if (format == 0)
            (void)projects::importLongCsv(file);
        else if (format == 2)
            (void)projects::importEaf(file);
        else if (format == 4)
            (void)projects::importOpf(file);
        else
            (void)projects::importBoris(file);
    } catch (const projects::ProjectError& e) {
        (void)e.what();
    }
    return 0;
}
