#include "tests/projects/project_fixture.h"

#include <fstream>
#include <sstream>

#ifndef BONDLINE_TEST_DATA_DIR
#define BONDLINE_TEST_DATA_DIR "."
#endif

namespace fs = std::filesystem;
using namespace projects;

namespace fixture {

fs::path freshPath(const std::string& name)
{
    const fs::path dir = fs::path(BONDLINE_TEST_DATA_DIR) / "projects";
    fs::create_directories(dir);
    const fs::path p = dir / name;
    for (const char* suffix : {"", "-wal", "-shm", ".v1.bak", ".v1.2.bak"}) {
        fs::path q = p;
        q += suffix;
        fs::remove(q);
    }
    return p;
}

Family addFamily(Store& store)
{
    Family f;
    f.kase = store.addCase({.code = "F017", .setting = "outpatient", .programme = "MDFT"});
    f.mother = store.addParticipant({.caseId = f.kase.id, .code = "M", .role = Role::Mother});
    f.father = store.addParticipant({.caseId = f.kase.id, .code = "F", .role = Role::Father});
    f.youth = store.addParticipant({.caseId = f.kase.id, .code = "Y", .role = Role::Youth});
    f.therapist = store.addParticipant({.caseId = f.kase.id, .code = "T", .role = Role::Therapist});
    Session s;
    s.caseId = f.kase.id;
    s.number = 1;
    s.date = "2026-03-02";
    s.phase = "early";
    s.attended = {f.mother.id, f.father.id, f.youth.id, f.therapist.id};
    f.session = store.addSession(s);
    f.anna = store.addCoder({.name = "anna"});
    f.bram = store.addCoder({.name = "bram"});
    f.scheme = store.addScheme({.schemeId = "softa-o-client", .version = "1.0",
                                .contentHash = "sha256:0123456789abcdef", .sourceText = "id = \"softa-o-client\"\n"});
    return f;
}

Coding coding(const Family& f, const Coder& coder, const std::string& item, int64_t onsetUs)
{
    Coding c;
    c.sessionId = f.session.id;
    c.coderId = coder.id;
    c.schemeRefId = f.scheme.id;
    c.item = item;
    c.actorId = f.mother.id;
    c.targetId = f.therapist.id;
    c.onsetUs = onsetUs;
    c.framePts = onsetUs / 40000 * 512;
    return c;
}

std::string readAll(const fs::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void writeAll(const fs::path& p, const std::string& bytes)
{
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << bytes;
}

} // namespace fixture
