#pragma once
// The typed error the codec module throws at its edges (opening a file, building a filter).
// what() is one line naming the file and the problem, ready for a modal or stderr.

#include <stdexcept>
#include <string>

namespace codec {

class MediaError : public std::runtime_error {
public:
    explicit MediaError(const std::string& message) : std::runtime_error(message) {}
};

} // namespace codec
