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
