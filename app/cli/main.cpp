#include <iostream>
#include <string>
#include <vector>

#include "app/cli/cli.h"

int main(int argc, char** argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    app::cli::Io io{std::cout, std::cerr};
    int code = app::cli::runCli(args, io);
    std::cout.flush();
    return code;
}
