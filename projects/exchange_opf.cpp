// Datavyu .opf import. See exchange_opf.h.
#include "projects/exchange_opf.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "projects/exchange_common.h"
#include "projects/zip_reader.h"

namespace fs = std::filesystem;

namespace projects {

namespace {

constexpr const char* kUnassigned = "unassigned";

std::string trim(const std::string& s)
{
    const auto first = s.find_first_not_of(" \t\r");
    const auto last = s.find_last_not_of(" \t\r");
    return first == std::string::npos ? "" : s.substr(first, last - first + 1);
}

// Datavyu's escapes in names and values: "\," "\-" "\\" (and "\x" for any x).
std::string unescape(const std::string& s)
{
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size())
            ++i;
        out += s[i];
    }
    return out;
}

// Splits at commas not escaped by a backslash; the parts keep their escapes.
std::vector<std::string> splitUnescaped(const std::string& s, char sep)
{
    std::vector<std::string> out(1);
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 1 < s.size()) {
            out.back() += s[i];
            out.back() += s[++i];
        } else if (s[i] == sep) {
            out.emplace_back();
        } else {
            out.back() += s[i];
        }
    }
    return out;
}

struct Column {
    std::string name, type; // type upper-case: MATRIX, TEXT, NOMINAL, ...
    std::vector<std::string> codes; // MATRIX arguments
    int line = 0;
};

struct Cell {
    int line = 0;
    TimeUs onset = 0, offset = 0;
    std::vector<std::string> values; // unescaped
};

class DbReader {
public:
    DbReader(const std::string& text, std::string name, std::string caseCode, const OpfOptions& options, ImportNotes* notes)
        : m_name(std::move(name)), m_caseCode(std::move(caseCode)), m_options(options), m_notes(notes)
    {
        size_t pos = 0;
        while (pos <= text.size()) {
            size_t eol = text.find('\n', pos);
            if (eol == std::string::npos)
                eol = text.size();
            std::string line = text.substr(pos, eol - pos);
            if (!line.empty() && line.back() == '\r')
                line.pop_back();
            m_lines.push_back(std::move(line));
            pos = eol + 1;
        }
    }

    ProjectData read(const std::string& sessionLabel, const std::vector<std::string>& media, const fs::path& opfFile);

private:
    [[noreturn]] void fail(int line, const std::string& problem) const
    {
        throw ProjectError(ProjectError::Kind::Invalid, m_name + ":" + std::to_string(line), problem);
    }
    void warn(const std::string& what)
    {
        if (m_notes)
            m_notes->warnings.push_back(m_name + ": " + what);
    }
    Column header(int line, const std::string& text, int version) const;
    TimeUs time(int line, const std::string& t) const;
    Cell cell(size_t& i, const Column& column);

    std::string m_name, m_caseCode;
    const OpfOptions& m_options;
    ImportNotes* m_notes;
    std::vector<std::string> m_lines;
};

Column DbReader::header(int line, const std::string& text, int version) const
{
    Column c;
    c.line = line;
    const auto open = text.find('(');
    if (open == std::string::npos)
        fail(line, "expected a column header \"NAME (TYPE,...)\", found \"" + text.substr(0, 60) + "\"");
    c.name = unescape(trim(text.substr(0, open)));
    const auto close = text.find(')', open);
    if (close == std::string::npos)
        fail(line, "column header of \"" + c.name + "\" has no closing ')'");
    const std::string inside = text.substr(open + 1, close - open - 1);
    const auto parts = splitUnescaped(inside, ',');
    c.type = trim(parts[0]);
    std::transform(c.type.begin(), c.type.end(), c.type.begin(), [](unsigned char ch) { return static_cast<char>(std::toupper(ch)); });
    (void)version; // #3 and #4 add visibility (and a comment) after the type: not needed
    if (c.type == "MATRIX") {
        const std::string rest = text.substr(close + 1);
        if (rest.rfind("-", 0) == 0)
            for (const auto& arg : splitUnescaped(rest.substr(1), ',')) {
                const auto bar = arg.rfind('|');
                c.codes.push_back(unescape(trim(bar == std::string::npos ? arg : arg.substr(0, bar))));
            }
    }
    if (c.name.empty())
        fail(line, "a column without a name");
    return c;
}

TimeUs DbReader::time(int line, const std::string& t) const
{
    // HH:MM:SS:mmm
    int64_t f[4] = {0, 0, 0, 0};
    size_t k = 0, i = 0;
    const std::string s = trim(t);
    for (; k < 4; ++k) {
        size_t j = i;
        while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])))
            ++j;
        if (j == i || j - i > 9)
            break;
        f[k] = std::stoll(s.substr(i, j - i));
        i = j;
        if (k < 3) {
            if (i >= s.size() || s[i] != ':')
                break;
            ++i;
        }
    }
    if (k != 4 || i != s.size() || f[1] > 59 || f[2] > 59 || f[3] > 999)
        fail(line, "\"" + s + "\" is not a time HH:MM:SS:mmm");
    return ((f[0] * 3600 + f[1] * 60 + f[2]) * 1000 + f[3]) * 1000;
}

Cell DbReader::cell(size_t& i, const Column& column)
{
    Cell c;
    c.line = static_cast<int>(i + 1);
    std::string text = m_lines[i];
    // A line ending in an unescaped backslash continues on the next one (a line break).
    auto endsEscaped = [](const std::string& s) {
        size_t n = 0;
        while (n < s.size() && s[s.size() - 1 - n] == '\\')
            ++n;
        return n % 2 == 1;
    };
    while (endsEscaped(text) && i + 1 < m_lines.size()) {
        text.pop_back();
        text += "\\\n" + m_lines[++i];
    }
    const auto c1 = text.find(',');
    const auto c2 = c1 == std::string::npos ? std::string::npos : text.find(',', c1 + 1);
    if (c1 == std::string::npos)
        fail(c.line, "a cell needs onset,offset,values");
    c.onset = time(c.line, text.substr(0, c1));
    c.offset = time(c.line, text.substr(c1 + 1, c2 == std::string::npos ? std::string::npos : c2 - c1 - 1));
    std::string values = c2 == std::string::npos ? "" : text.substr(c2 + 1);
    if (column.type == "MATRIX") {
        values = trim(values);
        if (values.size() >= 2 && values.front() == '(' && values.back() == ')')
            values = values.substr(1, values.size() - 2);
        for (const auto& v : splitUnescaped(values, ','))
            c.values.push_back(trim(unescape(v)));
        for (size_t k = 0; k < c.values.size() && k < column.codes.size(); ++k)
            if (c.values[k] == "<" + column.codes[k] + ">")
                c.values[k].clear(); // Datavyu's placeholder for an empty argument
        if (c.values.size() == 1 && c.values[0].empty())
            c.values.clear();
    } else if (!values.empty()) {
        c.values.push_back(unescape(values)); // TEXT keeps its commas; NOMINAL is one value
    }
    return c;
}

ProjectData DbReader::read(const std::string& sessionLabel, const std::vector<std::string>& media, const fs::path& opfFile)
{
    size_t i = 0;
    int version = 1;
    while (i < m_lines.size() && trim(m_lines[i]).empty())
        ++i;
    if (i < m_lines.size() && (m_lines[i] == "#2" || m_lines[i] == "#3" || m_lines[i] == "#4")) {
        version = m_lines[i][1] - '0';
        ++i;
    } else if (i < m_lines.size() && m_lines[i].rfind("#", 0) == 0) {
        fail(static_cast<int>(i + 1), "Datavyu data format \"" + m_lines[i] + "\" is not known (#2 to #4 are read)");
    }

    struct ColumnCells {
        Column column;
        std::vector<Cell> cells;
    };
    std::vector<ColumnCells> columns;
    for (; i < m_lines.size(); ++i) {
        const std::string& line = m_lines[i];
        if (trim(line).empty())
            continue;
        if (std::isdigit(static_cast<unsigned char>(line[0]))) {
            if (columns.empty())
                fail(static_cast<int>(i + 1), "a cell before any column header");
            columns.back().cells.push_back(cell(i, columns.back().column));
            continue;
        }
        columns.push_back({header(static_cast<int>(i + 1), line, version), {}});
    }

    ProjectData d;
    exchange::StableUuids uuids(d, "opf:" + m_caseCode);
    RowId next = 1;
    Case kase{.id = next++, .code = m_caseCode};
    d.cases.push_back(kase);
    Session s{.id = next++, .caseId = kase.id, .number = 1, .label = sessionLabel};
    Coder coder{.id = next++, .name = "datavyu-import"};
    d.coders.push_back(coder);
    for (const auto& feed : media) {
        Media m;
        m.id = next++;
        m.sessionId = s.id;
        m.path = exchange::resolveMediaPath(opfFile, feed).string();
        m.uuid = uuids("media|" + feed);
        m.reference = d.media.empty();
        d.media.push_back(m);
    }

    // First the codes (items) and who, then the scheme, then the codings.
    struct Pending {
        std::string participant, code, comment, column;
        const Cell* cell;
    };
    std::vector<Pending> pending;
    std::vector<std::string> codes;
    std::set<std::string> seen;
    for (const auto& [column, cells] : columns) {
        if (column.name == "###QueryVar###")
            continue;
        if (column.type != "MATRIX" && column.type != "TEXT" && column.type != "NOMINAL") {
            warn("column \"" + column.name + "\": type " + column.type + " is not read; " + std::to_string(cells.size())
                 + " cell(s) skipped");
            continue;
        }
        const auto mapped = m_options.columnMap.find(column.name);
        const bool asParticipant = mapped != m_options.columnMap.end() && mapped->second == OpfOptions::Column::Participant;
        const bool asItem = mapped != m_options.columnMap.end() && mapped->second == OpfOptions::Column::Item;
        int extra = 0;
        for (const auto& c : cells) {
            if (column.type == "MATRIX" && c.values.size() > std::max<size_t>(column.codes.size(), 1))
                ++extra;
            Pending p{kUnassigned, column.name, "", column.name, &c};
            size_t firstKept = 0;
            if (asParticipant || asItem) {
                const std::string first = c.values.empty() ? "" : c.values[0];
                firstKept = 1;
                if (asParticipant) {
                    p.participant = column.name;
                    p.code = first.empty() ? column.name : first;
                } else {
                    p.participant = first.empty() ? kUnassigned : first;
                }
            }
            for (size_t k = firstKept; k < c.values.size(); ++k) {
                if (c.values[k].empty())
                    continue;
                const std::string label = k < column.codes.size() ? column.codes[k] + "=" : "";
                p.comment += (p.comment.empty() ? "" : "; ") + label + c.values[k];
            }
            if (seen.insert(p.code).second)
                codes.push_back(p.code);
            pending.push_back(std::move(p));
        }
        if (extra)
            warn("column \"" + column.name + "\": " + std::to_string(extra) + " cell(s) with more values than the column declares ("
                 + std::to_string(column.codes.size()) + "); the extra values are kept in the comment");
        if (m_notes)
            m_notes->summary.push_back("column \"" + column.name + "\": " + std::to_string(cells.size()) + " coding(s)"
                                       + (asParticipant ? " (a participant)" : asItem ? " (an item)" : ""));
    }
    SchemeRef scheme = exchange::generatedScheme(exchange::schemeIdFor("datavyu-", m_caseCode), "Datavyu columns of " + m_caseCode,
                                                 codes.empty() ? std::vector<std::string>{"unused"} : codes, m_name);
    scheme.id = next++;
    d.schemes.push_back(scheme);
    const auto itemIds = exchange::itemIdsFor(codes);
    std::map<std::string, RowId> byCode;
    std::set<RowId> attended;
    for (const auto& p : pending) {
        Coding c;
        c.id = next++;
        c.sessionId = s.id;
        c.coderId = coder.id;
        c.schemeRefId = scheme.id;
        c.actorId = exchange::participantFor(d, byCode, kase.id, p.participant, next);
        attended.insert(c.actorId);
        c.item = itemIds.at(p.code);
        c.onsetUs = p.cell->onset;
        if (p.cell->offset > p.cell->onset)
            c.offsetUs = p.cell->offset;
        c.comment = p.comment;
        c.uuid = uuids("column|" + p.column + "|" + std::to_string(c.onsetUs) + "|" + std::to_string(p.cell->offset));
        d.codings.push_back(std::move(c));
    }
    s.attended.assign(attended.begin(), attended.end());
    d.sessions.push_back(s);
    return d;
}

// The top-level "name:" and every "feed:" of the YAML project member (the few keys the
// import needs; the rest is viewer state).
void readProjectYaml(const std::string& yaml, std::string* name, std::vector<std::string>* feeds)
{
    size_t pos = 0;
    while (pos < yaml.size()) {
        size_t eol = yaml.find('\n', pos);
        if (eol == std::string::npos)
            eol = yaml.size();
        const std::string line = yaml.substr(pos, eol - pos);
        pos = eol + 1;
        auto valueOf = [&](const std::string& key) -> std::optional<std::string> {
            const std::string t = trim(line);
            std::string k = t.rfind("- ", 0) == 0 ? trim(t.substr(2)) : t;
            if (k.rfind(key + ":", 0) != 0)
                return std::nullopt;
            std::string v = trim(k.substr(key.size() + 1));
            if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
                v = v.substr(1, v.size() - 2);
            return v;
        };
        if (line.rfind("name:", 0) == 0) {
            if (auto v = valueOf("name"))
                *name = *v;
        } else if (auto v = valueOf("feed"); v && !v->empty()) {
            feeds->push_back(*v);
        }
    }
}

} // namespace

ProjectData parseDatavyuDb(const std::string& text, const std::string& name, const OpfOptions& options, ImportNotes* notes)
{
    return DbReader(text, name, fs::path(name).stem().string(), options, notes).read("", {}, fs::path(name));
}

ProjectData importOpf(const fs::path& in, const OpfOptions& options, ImportNotes* notes)
{
    const std::string bytes = exchange::readInputFile(in, "a Datavyu project");
    std::string why;
    const auto members = zip::list(bytes, &why);
    if (!members)
        throw ProjectError(ProjectError::Kind::Invalid, in.string(), "not a Datavyu project: " + why);
    // "db" and "project" at the top level, or inside one folder (older Datavyu); never
    // the resource forks macOS adds (__MACOSX/).
    const zip::Member* db = nullptr;
    const zip::Member* project = nullptr;
    for (const auto& m : *members) {
        if (m.name.rfind("__MACOSX/", 0) == 0)
            continue;
        const auto slash = m.name.find('/');
        const std::string leaf = slash == std::string::npos ? m.name : m.name.substr(slash + 1);
        if (leaf.find('/') != std::string::npos)
            continue;
        const bool top = slash == std::string::npos;
        if (leaf == "db" && (!db || top))
            db = &m;
        else if (leaf == "project" && (!project || top))
            project = &m;
    }
    if (!db)
        throw ProjectError(ProjectError::Kind::Invalid, in.string(), "not a Datavyu project (no \"db\" member in the archive)");
    const auto text = zip::read(bytes, *db, &why);
    if (!text)
        throw ProjectError(ProjectError::Kind::Invalid, in.string(), why);
    std::string name;
    std::vector<std::string> feeds;
    if (project)
        if (const auto yaml = zip::read(bytes, *project, &why))
            readProjectYaml(*yaml, &name, &feeds);
    return DbReader(*text, in.string() + ": db", in.stem().string(), options, notes).read(name, feeds, in);
}

} // namespace projects
