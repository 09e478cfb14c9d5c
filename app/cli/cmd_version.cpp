#include <ostream>

#include "app/cli/arg_parser.h"
#include "app/cli/cli.h"
#include "app/cli/json_writer.h"

#ifndef BONDLINE_VERSION
#define BONDLINE_VERSION "unknown"
#endif

namespace app::cli {

int runVersion(Args args, Io& io)
{
    ArgParser p("bondline-cli version [--json]", "Print the Bondline version.");
    p.flag("json", "print one JSON document");
    int code = Ok;
    if (!p.parse(args, io, &code))
        return code;
    if (!p.positionals().empty())
        return p.usageError(io, "version takes no arguments");
    if (p.has("json"))
        JsonWriter(io.out).beginObject().field("version", BONDLINE_VERSION).endObject();
    else
        io.out << "bondline " << BONDLINE_VERSION << "\n";
    return Ok;
}

} // namespace app::cli
