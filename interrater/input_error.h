#pragma once
// Errors in user-supplied input files. what() is one line naming the file, the line
// (when there is one) and the problem, ready to print: "ratings.csv:12: value is empty".
#include <stdexcept>
#include <string>

namespace irr {

class InputError : public std::runtime_error {
public:
    InputError(const std::string& file, long line, const std::string& problem)
        : std::runtime_error(line > 0 ? file + ":" + std::to_string(line) + ": " + problem
                                      : file + ": " + problem)
    {
    }
};

} // namespace irr
