#pragma once
// bondline-cli: the headless, scriptable front end. Each subcommand lives in its own
// cmd_<name>.cpp and is listed in commands.cpp. Commands write only to the streams in
// Io, so tests drive them in-process (tests/app_cli) as well as through the binary.
//
// Exit status contract (README.md, 'Command line'): 0 success, 1 user error (one line
// naming the file and the problem), 2 usage error.
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>

namespace app::cli {

enum Exit : int { Ok = 0, UserError = 1, UsageError = 2 };

struct Io {
    std::ostream& out;
    std::ostream& err;
};

using Args = std::span<const std::string>;
using CommandFn = int (*)(Args args, Io& io);

struct Command {
    std::string_view name;
    std::string_view summary;
    CommandFn run;
};

// The table of subcommands, in the order `bondline-cli --help` lists them.
std::span<const Command> commands();

// For commands with subcommands (`scheme check`, `irr events`, ...): runs the one named by
// args[0] with the rest; prints `usage` for --help (exit 0), and for a missing or unknown
// subcommand (to err, exit 2).
struct Subcommand {
    std::string_view name;
    CommandFn run;
};
int dispatchSubcommand(std::string_view command, std::string_view usage, std::span<const Subcommand> subs, Args args,
                       Io& io);

// Runs `bondline-cli ARGS...` (args excludes the program name). Never throws.
int runCli(Args args, Io& io);

} // namespace app::cli
