#include "app/cli/cli.h"

#include <exception>
#include <ostream>

namespace app::cli {

namespace {

void printUsage(std::ostream& os)
{
    os << "usage: bondline-cli COMMAND [ARGS...]   (bondline-cli COMMAND --help for details)\n\n"
          "commands:\n";
    for (const Command& c : commands()) {
        std::string name(c.name);
        name.resize(12, ' ');
        os << "  " << name << c.summary << "\n";
    }
}

} // namespace

int dispatchSubcommand(std::string_view command, std::string_view usage, std::span<const Subcommand> subs, Args args,
                       Io& io)
{
    if (args.empty()) {
        io.err << usage;
        return UsageError;
    }
    const std::string& sub = args[0];
    if (sub == "--help" || sub == "-h" || sub == "help") {
        io.out << usage;
        return Ok;
    }
    for (const Subcommand& s : subs)
        if (s.name == sub)
            return s.run(args.subspan(1), io);
    io.err << "bondline-cli: " << command << ": unknown subcommand '" << sub << "'\n" << usage;
    return UsageError;
}

int runCli(Args args, Io& io)
{
    if (args.empty()) {
        printUsage(io.err);
        return UsageError;
    }
    const std::string& name = args[0];
    if (name == "--help" || name == "-h" || name == "help") {
        printUsage(io.out);
        return Ok;
    }
    for (const Command& c : commands()) {
        if (c.name != name)
            continue;
        try {
            return c.run(args.subspan(1), io);
        } catch (const std::exception& e) {
            // Commands report user errors themselves; anything reaching here is still
            // reported as one line rather than a crash.
            io.err << "bondline-cli: " << name << ": " << e.what() << "\n";
            return UserError;
        }
    }
    io.err << "bondline-cli: unknown command '" << name << "'\n";
    printUsage(io.err);
    return UsageError;
}

} // namespace app::cli
