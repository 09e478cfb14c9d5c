// The writer of the crash test: opens (or creates) a project and adds codings as fast as
// it can, printing each coding's uuid once Store::addCoding has returned (that is the
// moment the UI shows a coding as saved). The test kills it with SIGKILL at random.
//   project_crash_writer FILE
#include <cstdio>
#include <filesystem>

#include "projects/store.h"
#include "tests/projects/project_fixture.h"

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: project_crash_writer FILE\n");
        return 2;
    }
    using namespace projects;
    const std::filesystem::path file = argv[1];
    try {
        const bool fresh = !std::filesystem::exists(file);
        Store s = fresh ? Store::create(file) : Store::open(file);
        fixture::Family f;
        if (fresh) {
            f = fixture::addFamily(s);
        } else {
            f.session = s.sessions().at(0);
            f.mother = s.participants().at(0);
            f.therapist = s.participants().at(3);
            f.anna = s.coders().at(0);
            f.scheme = s.schemes().at(0);
        }
        std::printf("ready\n");
        std::fflush(stdout);
        for (int64_t i = 0;; ++i) {
            auto c = fixture::coding(f, f.anna, "item", i * 40000);
            c.comment = std::string(static_cast<size_t>(i % 200), 'c'); // rows of varying size
            c = s.addCoding(c);
            std::printf("%s\n", c.uuid.c_str());
            std::fflush(stdout);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
}
