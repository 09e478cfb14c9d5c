#include "app/gui/key_settings.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace app {

namespace {
std::string trim(const std::string& s)
{
    const auto b = s.find_first_not_of(" \t\r");
    if (b == std::string::npos)
        return {};
    const auto e = s.find_last_not_of(" \t\r");
    return s.substr(b, e - b + 1);
}
} // namespace

std::string KeySettings::keyFor(const std::string& schemeId, const std::string& itemId, const std::string& schemeKey) const
{
    if (auto it = remap.find(schemeId + "/" + itemId); it != remap.end())
        return it->second;
    if (auto it = remap.find(itemId); it != remap.end())
        return it->second;
    return schemeKey;
}

std::filesystem::path KeySettings::defaultPath()
{
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x)
        return std::filesystem::path(x) / "bondline" / "keys.conf";
    if (const char* h = std::getenv("HOME"); h && *h)
        return std::filesystem::path(h) / ".config" / "bondline" / "keys.conf";
    return {};
}

KeySettings KeySettings::parse(const std::string& text, const std::string& fileName)
{
    KeySettings s;
    std::istringstream in(text);
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        if (auto hash = line.find('#'); hash != std::string::npos)
            line.erase(hash);
        line = trim(line);
        if (line.empty())
            continue;
        const auto eq = line.find('=');
        const std::string where = fileName + ":" + std::to_string(n) + ": ";
        if (eq == std::string::npos) {
            s.warnings.push_back(where + "expected 'item = key', skipped");
            continue;
        }
        std::string item = trim(line.substr(0, eq)), key = trim(line.substr(eq + 1));
        if (key.size() >= 2 && key.front() == '"' && key.back() == '"')
            key = key.substr(1, key.size() - 2);
        if (item.empty() || key.empty()) {
            s.warnings.push_back(where + "expected 'item = key', skipped");
        } else if (key.size() == 1 && key[0] >= '0' && key[0] <= '9') {
            s.warnings.push_back(where + "key '" + key + "' is a digit (digits select people), skipped");
        } else {
            s.remap[item] = key;
        }
    }
    return s;
}

KeySettings KeySettings::load(const std::filesystem::path& path)
{
    if (path.empty())
        return {};
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        return {};
    std::ifstream f(path, std::ios::binary);
    if (!f) {
        KeySettings s;
        s.warnings.push_back(path.string() + ": cannot be read, key remapping ignored");
        return s;
    }
    std::ostringstream ss;
    ss << f.rdbuf();
    return parse(ss.str(), path.string());
}

} // namespace app
