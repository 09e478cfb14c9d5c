#include "tests/app_gui/screenshot_util.h"

#include <array>
#include <cstdio>
#include <sys/wait.h>

#include <stb_image.h>

Image loadPng(const std::string& path)
{
    Image img;
    int comp = 0;
    unsigned char* data = stbi_load(path.c_str(), &img.width, &img.height, &comp, 3);
    if (!data)
        return Image{};
    img.rgb.assign(data, data + static_cast<size_t>(img.width) * img.height * 3);
    stbi_image_free(data);
    return img;
}

int runCommand(const std::string& cmd, std::string& output)
{
    output.clear();
    FILE* p = popen((cmd + " 2>&1").c_str(), "r");
    if (!p)
        return -1;
    std::array<char, 4096> buf{};
    size_t n = 0;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0)
        output.append(buf.data(), n);
    const int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

std::string shellQuote(const std::string& s)
{
    std::string q = "'";
    for (char c : s)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}
