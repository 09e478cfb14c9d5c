#include "interrater/ratings_table.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "interrater/csv_reader.h"
#include "interrater/input_error.h"

namespace irr {

namespace {

// Collects string-valued cells, then turns them into the final category set.
class TableBuilder {
public:
    int32_t categoryId(std::string_view s)
    {
        auto it = m_ids.find(std::string(s));
        if (it != m_ids.end())
            return it->second;
        int32_t id = static_cast<int32_t>(m_labels.size());
        m_labels.emplace_back(s);
        m_ids.emplace(m_labels.back(), id);
        return id;
    }

    // Sorts categories (numerically when every label is a number), merges numerically
    // equal labels, and remaps the cells.
    void finish(RatingsTable& t)
    {
        const size_t k = m_labels.size();
        std::vector<double> nums(k);
        bool numeric = k > 0;
        for (size_t i = 0; i < k && numeric; ++i)
            numeric = parseNumber(m_labels[i], &nums[i]);
        std::vector<int32_t> order(k);
        std::iota(order.begin(), order.end(), 0);
        if (numeric)
            std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return nums[a] < nums[b]; });
        else
            std::sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return m_labels[a] < m_labels[b]; });
        std::vector<int32_t> remap(k);
        t.categories.clear();
        t.values.clear();
        for (size_t r = 0; r < k; ++r) {
            int32_t old = order[r];
            if (numeric && !t.values.empty() && t.values.back() == nums[old]) {
                remap[old] = static_cast<int32_t>(t.categories.size()) - 1;
                continue;
            }
            remap[old] = static_cast<int32_t>(t.categories.size());
            t.categories.push_back(m_labels[old]);
            if (numeric)
                t.values.push_back(nums[old]);
        }
        t.numeric = numeric;
        for (int32_t& c : t.cells)
            if (c != RatingsTable::kMissing)
                c = remap[c];
    }

private:
    std::vector<std::string> m_labels;
    std::unordered_map<std::string, int32_t> m_ids;
};

void checkScale(const CsvReader& csv, std::string_view v, const RatingsOptions& o)
{
    if (!o.scale)
        return;
    double x = 0;
    if (!parseNumber(v, &x))
        throw InputError(csv.name(), csv.line(), "value '" + std::string(v) + "' is not a number (--scale given)");
    if (x < o.scale->first || x > o.scale->second)
        throw InputError(csv.name(), csv.line(), "value " + std::string(v) + " is outside --scale");
}

std::string lower(std::string_view s)
{
    std::string r(s);
    for (char& c : r)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return r;
}

RatingsTable readWide(CsvReader& csv, const RatingsOptions& o)
{
    RatingsTable t;
    const long headerLine = csv.line();
    const size_t cols = csv.size();
    if (lower(csv.field(0)) != "unit")
        throw InputError(csv.name(), headerLine, "missing column 'unit' (wide header must be unit,<rater1>,<rater2>,...)");
    for (size_t i = 1; i < cols; ++i) {
        std::string r(csv.field(i));
        if (r.empty())
            throw InputError(csv.name(), headerLine, "rater column " + std::to_string(i + 1) + " has no name");
        if (std::find(t.raters.begin(), t.raters.end(), r) != t.raters.end())
            throw InputError(csv.name(), headerLine, "rater '" + r + "' appears twice in the header");
        t.raters.push_back(std::move(r));
    }
    if (t.raters.size() < 2)
        throw InputError(csv.name(), headerLine, "fewer than two raters (wide header must be unit,<rater1>,<rater2>,...)");
    TableBuilder b;
    std::unordered_map<std::string, long> seen;
    while (csv.next()) {
        if (csv.size() != cols)
            throw InputError(csv.name(), csv.line(),
                             "expected " + std::to_string(cols) + " fields, found " + std::to_string(csv.size()));
        std::string unit(csv.field(0));
        if (unit.empty())
            throw InputError(csv.name(), csv.line(), "unit is empty");
        if (auto [it, fresh] = seen.emplace(unit, csv.line()); !fresh)
            throw InputError(csv.name(), csv.line(), "unit '" + unit + "' already given on line " + std::to_string(it->second));
        t.units.push_back(std::move(unit));
        for (size_t i = 1; i < cols; ++i) {
            std::string_view v = csv.field(i);
            if (v.empty()) {
                t.cells.push_back(RatingsTable::kMissing);
                continue;
            }
            checkScale(csv, v, o);
            t.cells.push_back(b.categoryId(v));
        }
    }
    if (t.units.empty())
        throw InputError(csv.name(), headerLine, "no ratings after the header");
    b.finish(t);
    return t;
}

RatingsTable readLong(CsvReader& csv, const RatingsOptions& o)
{
    const long headerLine = csv.line();
    size_t col[3] = {SIZE_MAX, SIZE_MAX, SIZE_MAX};
    const char* names[3] = {"unit", "rater", "value"};
    for (size_t i = 0; i < csv.size(); ++i)
        for (int k = 0; k < 3; ++k)
            if (lower(csv.field(i)) == names[k] && col[k] == SIZE_MAX)
                col[k] = i;
    for (int k = 0; k < 3; ++k)
        if (col[k] == SIZE_MAX)
            throw InputError(csv.name(), headerLine,
                             std::string("missing column '") + names[k] + "' (header must be unit,rater,value; use --wide for one column per rater)");
    const size_t need = std::max({col[0], col[1], col[2]}) + 1;

    struct Row {
        int32_t unit, rater, value;
        long line;
    };
    std::vector<Row> rows;
    std::unordered_map<std::string, int32_t> unitIds, raterIds;
    RatingsTable t;
    TableBuilder b;
    while (csv.next()) {
        if (csv.size() < need)
            throw InputError(csv.name(), csv.line(),
                             "expected at least " + std::to_string(need) + " fields, found " + std::to_string(csv.size()));
        std::string_view u = csv.field(col[0]), r = csv.field(col[1]), v = csv.field(col[2]);
        if (u.empty())
            throw InputError(csv.name(), csv.line(), "unit is empty");
        if (r.empty())
            throw InputError(csv.name(), csv.line(), "rater is empty");
        if (v.empty())
            continue; // an empty value is a missing rating, like an absent row
        checkScale(csv, v, o);
        auto [ui, un] = unitIds.try_emplace(std::string(u), static_cast<int32_t>(t.units.size()));
        if (un)
            t.units.emplace_back(u);
        auto [ri, rn] = raterIds.try_emplace(std::string(r), static_cast<int32_t>(t.raters.size()));
        if (rn)
            t.raters.emplace_back(r);
        rows.push_back({ui->second, ri->second, b.categoryId(v), csv.line()});
    }
    if (rows.empty())
        throw InputError(csv.name(), headerLine, "no ratings after the header");
    if (t.raters.size() < 2)
        throw InputError(csv.name(), 0, "fewer than two raters (found only '" + t.raters.front() + "')");
    const size_t m = t.raters.size();
    t.cells.assign(t.units.size() * m, RatingsTable::kMissing);
    std::vector<long> lineOf(t.cells.size(), 0);
    for (const Row& row : rows) {
        size_t idx = static_cast<size_t>(row.unit) * m + static_cast<size_t>(row.rater);
        if (t.cells[idx] != RatingsTable::kMissing)
            throw InputError(csv.name(), row.line,
                             "rater '" + t.raters[row.rater] + "' already rated unit '" + t.units[row.unit] +
                                 "' on line " + std::to_string(lineOf[idx]));
        t.cells[idx] = row.value;
        lineOf[idx] = row.line;
    }
    b.finish(t);
    return t;
}

} // namespace

RatingsTable readRatings(CsvReader& csv, const RatingsOptions& options)
{
    if (!csv.next())
        throw InputError(csv.name(), 0, "file is empty");
    return options.wide ? readWide(csv, options) : readLong(csv, options);
}

RatingsTable readRatingsFile(const std::string& path, const RatingsOptions& options)
{
    CsvReader csv = CsvReader::fromFile(path);
    return readRatings(csv, options);
}

RatingsTable makeRatingsTable(std::vector<std::string> raters, const std::vector<std::vector<std::string>>& rows)
{
    RatingsTable t;
    t.raters = std::move(raters);
    TableBuilder b;
    for (size_t u = 0; u < rows.size(); ++u) {
        t.units.push_back(std::to_string(u + 1));
        for (size_t r = 0; r < t.raters.size(); ++r) {
            const std::string& v = r < rows[u].size() ? rows[u][r] : std::string();
            t.cells.push_back(v.empty() ? RatingsTable::kMissing : b.categoryId(v));
        }
    }
    b.finish(t);
    return t;
}

} // namespace irr
