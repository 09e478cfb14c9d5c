#pragma once
// A small declarative option parser shared by every subcommand, so that all of them
// accept `--help`, `--opt VALUE` / `--opt=VALUE`, and report usage errors the same way.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/cli/cli.h"

namespace app::cli {

class ArgParser {
public:
    // usage: first help line, e.g. "bondline-cli probe MEDIA [--json]".
    ArgParser(std::string usage, std::string description);

    void flag(std::string name, std::string help);                      // --name
    void option(std::string name, std::string valueName, std::string help); // --name VALUE
    void alias(std::string shortName, std::string longName);            // -o -> --output

    // Parses args. Returns false when the command should exit now with *exitCode
    // (0 after --help, 2 on a usage error; the message is already written to io).
    bool parse(Args args, Io& io, int* exitCode);

    bool has(std::string_view name) const;
    std::optional<std::string> value(std::string_view name) const; // the last one given
    std::vector<std::string> values(std::string_view name) const;   // every one, in order
    const std::vector<std::string>& positionals() const { return m_positionals; }

    // Writes "bondline-cli: <cmd>: <message>" plus a hint, returns UsageError.
    int usageError(Io& io, std::string_view message) const;
    void printHelp(std::ostream& os) const;

private:
    struct Spec {
        std::string name;
        std::string valueName; // empty for flags
        std::string help;
    };
    const Spec* find(std::string_view name) const;

    std::string m_usage;
    std::string m_description;
    std::vector<Spec> m_specs;
    std::map<std::string, std::string, std::less<>> m_aliases;
    std::map<std::string, std::string, std::less<>> m_values;
    std::map<std::string, std::vector<std::string>, std::less<>> m_all;
    std::vector<std::string> m_positionals;
};

} // namespace app::cli
