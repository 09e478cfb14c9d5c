#include "app/cli/arg_parser.h"

#include <ostream>

namespace app::cli {

ArgParser::ArgParser(std::string usage, std::string description)
    : m_usage(std::move(usage)), m_description(std::move(description))
{
    flag("help", "show this help and exit");
}

void ArgParser::flag(std::string name, std::string help)
{
    m_specs.push_back({std::move(name), {}, std::move(help)});
}

void ArgParser::option(std::string name, std::string valueName, std::string help)
{
    m_specs.push_back({std::move(name), std::move(valueName), std::move(help)});
}

void ArgParser::alias(std::string shortName, std::string longName)
{
    m_aliases.emplace(std::move(shortName), std::move(longName));
}

const ArgParser::Spec* ArgParser::find(std::string_view name) const
{
    for (const Spec& s : m_specs)
        if (s.name == name)
            return &s;
    return nullptr;
}

bool ArgParser::parse(Args args, Io& io, int* exitCode)
{
    m_values.clear();
    m_all.clear();
    m_positionals.clear();
    bool onlyPositionals = false;
    for (size_t i = 0; i < args.size(); ++i) {
        std::string_view a = args[i];
        if (onlyPositionals || a.size() < 2 || a[0] != '-' || a == "-") {
            m_positionals.emplace_back(a);
            continue;
        }
        if (a == "--") {
            onlyPositionals = true;
            continue;
        }
        std::string name;
        std::optional<std::string> inlineValue;
        if (a.starts_with("--")) {
            std::string_view body = a.substr(2);
            if (size_t eq = body.find('='); eq != std::string_view::npos) {
                inlineValue = std::string(body.substr(eq + 1));
                body = body.substr(0, eq);
            }
            name = body;
        } else if (auto it = m_aliases.find(a); it != m_aliases.end()) {
            name = it->second;
        } else {
            *exitCode = usageError(io, "unknown option " + std::string(a));
            return false;
        }
        const Spec* spec = find(name);
        if (!spec) {
            *exitCode = usageError(io, "unknown option --" + name);
            return false;
        }
        if (spec->valueName.empty()) {
            if (inlineValue) {
                *exitCode = usageError(io, "--" + name + " takes no value");
                return false;
            }
            m_values[name] = "";
        } else if (inlineValue) {
            m_values[name] = *inlineValue;
            m_all[name].push_back(*inlineValue);
        } else if (i + 1 < args.size()) {
            m_values[name] = args[++i];
            m_all[name].push_back(m_values[name]);
        } else {
            *exitCode = usageError(io, "--" + name + " needs a value (" + spec->valueName + ")");
            return false;
        }
    }
    if (has("help")) {
        printHelp(io.out);
        *exitCode = Ok;
        return false;
    }
    return true;
}

bool ArgParser::has(std::string_view name) const
{
    return m_values.find(name) != m_values.end();
}

std::optional<std::string> ArgParser::value(std::string_view name) const
{
    auto it = m_values.find(name);
    if (it == m_values.end())
        return std::nullopt;
    return it->second;
}

std::vector<std::string> ArgParser::values(std::string_view name) const
{
    auto it = m_all.find(name);
    return it == m_all.end() ? std::vector<std::string>{} : it->second;
}

int ArgParser::usageError(Io& io, std::string_view message) const
{
    io.err << "bondline-cli: " << message << "\nusage: " << m_usage
           << "  (--help for more)\n";
    return UsageError;
}

void ArgParser::printHelp(std::ostream& os) const
{
    os << "usage: " << m_usage << "\n\n" << m_description << "\n\noptions:\n";
    for (const Spec& s : m_specs) {
        std::string lhs = "  --" + s.name;
        for (const auto& [shortName, longName] : m_aliases)
            if (longName == s.name)
                lhs = "  " + shortName + ", --" + s.name;
        if (!s.valueName.empty())
            lhs += " " + s.valueName;
        if (lhs.size() < 26)
            lhs.resize(26, ' ');
        else
            lhs += "  ";
        os << lhs << s.help << "\n";
    }
}

} // namespace app::cli
