#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "bench/media/engine.h"

namespace bench {

double peakRssMiB()
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmHWM:", 0) == 0)
            return std::stod(line.substr(6)) / 1024.0; // kB
    }
    return 0;
}

void resetPeakRss()
{
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
}

} // namespace bench
