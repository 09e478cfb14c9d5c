#pragma once
// Shared by the tests/app_cli test files: run bondline-cli in-process and write small
// input files under the build's test-data folder.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/cli.h"

namespace cli_test {

struct Run {
    int code;
    std::string out, err;
};

inline Run run(std::vector<std::string> args)
{
    std::ostringstream out, err;
    app::cli::Io io{out, err};
    int code = app::cli::runCli(args, io);
    return {code, out.str(), err.str()};
}

// Writes `text` to BONDLINE_TEST_DATA_DIR/name and returns the path. ctest runs test
// cases of one executable in parallel, so each test file gives its names a prefix.
inline std::string writeFile(const std::string& name, const std::string& text)
{
    std::string path = std::string(BONDLINE_TEST_DATA_DIR) + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

} // namespace cli_test
