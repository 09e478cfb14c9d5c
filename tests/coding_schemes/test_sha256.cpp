#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "coding_schemes/scheme_loader.h"
#include "coding_schemes/sha256.h"

using namespace schemes;

TEST_CASE("SHA-256 matches the FIPS 180-4 test vectors", "[sha256]")
{
    CHECK(Sha256::hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(Sha256::hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(Sha256::hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
          == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(Sha256::hex(std::string(1'000'000, 'a'))
          == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    // Lengths around the padding boundary (55, 56, 63, 64 bytes) differ from each other
    // and are stable when fed in pieces.
    for (size_t n : {55u, 56u, 63u, 64u, 65u}) {
        std::string msg(n, 'x');
        Sha256 pieces;
        pieces.update(msg.substr(0, 7));
        pieces.update(msg.substr(7));
        auto d = pieces.finish();
        Sha256 whole;
        whole.update(msg);
        CHECK(d == whole.finish());
    }
}

TEST_CASE("content hash: normalised bytes, line endings and BOM do not matter", "[sha256][hash]")
{
    std::string lf = "format = 1\nid = \"x\"\n";
    CHECK(normaliseForHash("format = 1\r\nid = \"x\"\r\n") == lf);
    CHECK(normaliseForHash("format = 1\rid = \"x\"") == lf);
    CHECK(normaliseForHash("\xEF\xBB\xBF" "format = 1\nid = \"x\"") == lf);
    CHECK(normaliseForHash("") == "");
    CHECK(contentHash(lf) == "sha256:" + Sha256::hex(lf));
    CHECK(contentHash("format = 1\r\nid = \"x\"\r\n") == contentHash(lf));
    // Any other change, even a comment, is a different scheme version.
    CHECK(contentHash(lf + "# note\n") != contentHash(lf));
}

TEST_CASE("content hash of a shipped scheme is the SHA-256 of its file bytes", "[hash]")
{
    std::string path = std::string(BONDLINE_SCHEMES_SOURCE_DIR) + "/softa-o-client.toml";
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string bytes = ss.str();
    REQUIRE(!bytes.empty());
    REQUIRE(bytes.back() == '\n');
    REQUIRE(bytes.find('\r') == std::string::npos);
    LoadResult r = load(path);
    CHECK(r.scheme.contentHash == "sha256:" + Sha256::hex(bytes));
    // Stable across loads and across loading from memory.
    CHECK(load(path).scheme.contentHash == r.scheme.contentHash);
    CHECK(loadFromString(bytes, "x.toml").scheme.contentHash == r.scheme.contentHash);
}
