#pragma once
// The observer's key remapping, kept in a settings file in the XDG config folder:
// $XDG_CONFIG_HOME/bondline/keys.conf (default ~/.config/bondline/keys.conf). One line per
// remapped item, '#' starts a comment:
//
//   # scheme-id/item-id = key      (or item-id = key for every scheme)
//   softa-o-client/ENG+goals = o
//   W-episode = y
//
// A digit, an empty key or a malformed line is skipped with a warning (digits select people).

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace app {

struct KeySettings {
    std::map<std::string, std::string> remap; // "scheme/item" or "item" -> key
    std::vector<std::string> warnings;        // "keys.conf:3: ..." per skipped line

    // The key of `itemId` in scheme `schemeId`: the remapping, else the scheme's key.
    std::string keyFor(const std::string& schemeId, const std::string& itemId, const std::string& schemeKey) const;

    static std::filesystem::path defaultPath(); // empty when neither XDG_CONFIG_HOME nor HOME is set
    // A missing file is no remapping (and no warning).
    static KeySettings load(const std::filesystem::path& path);
    static KeySettings parse(const std::string& text, const std::string& fileName);
};

} // namespace app
