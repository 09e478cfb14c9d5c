// The subcommand table. Each entry's implementation lives in cmd_<name>.cpp.
#include "app/cli/cli.h"

#include <array>

namespace app::cli {

int runVersion(Args args, Io& io);
int runScheme(Args args, Io& io);
int runIrr(Args args, Io& io);
int runProbe(Args args, Io& io);
int runFrame(Args args, Io& io);
int runProject(Args args, Io& io);
int runExport(Args args, Io& io);
int runImport(Args args, Io& io);
int runPackage(Args args, Io& io);
int runMerge(Args args, Io& io);
int runSample(Args args, Io& io);

std::span<const Command> commands()
{
    static constexpr std::array table{
        Command{"version", "print the Bondline version", runVersion},
        Command{"scheme", "check, show or list coding-scheme files", runScheme},
        Command{"irr", "interrater reliability: ratings, events, slices (CSV)", runIrr},
        Command{"probe", "streams, duration, frame count, frame rate, keyframe interval", runProbe},
        Command{"frame", "write the exact frame (by index or time) as PNG", runFrame},
        Command{"project", "create, inspect and fill .bondline projects; relink media", runProject},
        Command{"export", "export a project: long CSV, wide CSV, JSON", runExport},
        Command{"import", "import codings and ratings (CSV, JSON) into a project", runImport},
        Command{"package", "make a blind coder package for one coder", runPackage},
        Command{"merge", "merge a returned coder package", runMerge},
        Command{"sample", "draw sessions for blind reliability double coding", runSample},
    };
    return table;
}

} // namespace app::cli
