#pragma once
// bondline-cli: the headless, scriptable front end. Each subcommand lives in its own
// cmd_<name>.cpp and is listed in commands.cpp. Commands write only to the streams in
// Io, so tests drive them in-process (tests/app_cli) as well as through the binary.
//
// Exit status contract (DESIGN.md): 0 success, 1 user error (one line naming the file
// and the problem), 2 usage error.
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

// Runs `bondline-cli ARGS...` (args excludes the program name). Never throws.
int runCli(Args args, Io& io);

} // namespace app::cli
