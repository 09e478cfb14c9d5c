#include <algorithm>
#include <cstdlib>
#include <system_error>

#include "coding_schemes/scheme_loader.h"

#ifndef BONDLINE_SCHEMES_SOURCE_DIR
#define BONDLINE_SCHEMES_SOURCE_DIR ""
#endif

namespace schemes {

namespace fs = std::filesystem;

std::filesystem::path shippedSchemesDir()
{
    std::error_code ec;
    auto isDir = [&](const fs::path& p) { return !p.empty() && fs::is_directory(p, ec); };
    if (const char* env = std::getenv("BONDLINE_SCHEMES_DIR"); env && *env)
        return isDir(env) ? fs::path(env) : fs::path();
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        for (fs::path dir : {exe.parent_path() / "schemes", exe.parent_path().parent_path() / "schemes",
                             exe.parent_path().parent_path() / "app" / "schemes"})
            if (isDir(dir) && !schemeFilesIn(dir).empty())
                return dir;
    }
    if (isDir(BONDLINE_SCHEMES_SOURCE_DIR))
        return BONDLINE_SCHEMES_SOURCE_DIR;
    return {};
}

std::vector<std::filesystem::path> schemeFilesIn(const std::filesystem::path& dir)
{
    std::vector<fs::path> out;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".toml" && it->is_regular_file(ec))
            out.push_back(it->path());
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace schemes
