// Parsing and printing of tensor types and artifact metadata (versions 1, 2).
#include "genc/runtime/Artifact.h"

#include <charconv>
#include <optional>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

#include "Text.h"

namespace genc::runtime {

namespace {

using text::isSpace;
using text::trim;

std::vector<std::string_view> splitWhitespace(std::string_view s) {
  std::vector<std::string_view> tokens;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && isSpace(s[i]))
      ++i;
    size_t start = i;
    while (i < s.size() && !isSpace(s[i]))
      ++i;
    if (i > start)
      tokens.push_back(s.substr(start, i - start));
  }
  return tokens;
}

absl::Status lineError(size_t line, absl::string_view message) {
  return absl::InvalidArgumentError(
      absl::StrCat("metadata line ", line, ": ", message));
}

} // namespace

absl::StatusOr<TensorSpec> parseTensorSpec(std::string_view text) {
  std::string_view spec = trim(text);
  auto bad = [&](std::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(
        "invalid tensor type '", std::string(spec), "': ", std::string(why)));
  };
  if (spec.empty())
    return bad("empty");
  TensorSpec result;
  size_t start = 0;
  while (true) {
    size_t x = spec.find('x', start);
    if (x == std::string_view::npos)
      break;
    std::string_view dim = spec.substr(start, x - start);
    if (dim == "?")
      return bad("dynamic dimensions are not supported");
    int64_t value = 0;
    auto [end, ec] =
        std::from_chars(dim.data(), dim.data() + dim.size(), value);
    if (dim.empty() || dim.front() == '-' || dim.front() == '+' ||
        end != dim.data() + dim.size() || ec == std::errc::invalid_argument)
      return bad(absl::StrCat("bad dimension '", std::string(dim), "'"));
    if (ec == std::errc::result_out_of_range)
      return bad(
          absl::StrCat("dimension '", std::string(dim), "' is too large"));
    result.shape.push_back(value);
    start = x + 1;
  }
  absl::StatusOr<DType> dtype = parseDType(spec.substr(start));
  if (!dtype.ok())
    return dtype.status();
  result.dtype = *dtype;
  return result;
}

bool isValidFunctionName(std::string_view name) {
  if (name.empty())
    return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    bool digit = c >= '0' && c <= '9';
    if (!alpha && !(digit && i > 0))
      return false;
  }
  return true;
}

absl::StatusOr<std::vector<FunctionSignature>>
parseArtifactMetadata(std::string_view text) {
  std::vector<FunctionSignature> functions;
  std::optional<FunctionSignature> current;
  size_t currentLine = 0;
  bool sawHeader = false;
  int version = 0;
  size_t devicesLine = 0; // line of the current function's 'devices'
  size_t targetLine = 0;  // line of the current function's 'target'
  size_t lineNo = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos)
      eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++lineNo;
    if (size_t hash = line.find('#'); hash != std::string_view::npos)
      line = line.substr(0, hash);
    std::vector<std::string_view> tokens = splitWhitespace(line);
    if (tokens.empty())
      continue;
    std::string_view keyword = tokens[0];
    // A per-function `KEYWORD VALUE` line (devices, target): needs metadata
    // `minVersion`, a current function, one value, and at most one such
    // line per function (`firstLine` is the earlier one's, or 0).
    auto functionAttribute =
        [&](int minVersion, const char *usage,
            size_t firstLine) -> std::optional<absl::Status> {
      std::string kw(keyword);
      if (version < minVersion)
        return lineError(lineNo, absl::StrCat("'", kw,
                                              "' needs artifact metadata version ",
                                              minVersion));
      if (!current)
        return lineError(lineNo, absl::StrCat("'", kw, "' outside a function"));
      if (tokens.size() != 2)
        return lineError(lineNo, absl::StrCat("expected '", usage, "'"));
      if (firstLine != 0)
        return lineError(lineNo,
                         absl::StrCat("duplicate '", kw, "' line in function '",
                                      current->name, "' (first on line ",
                                      firstLine, ")"));
      return std::nullopt;
    };

    if (!sawHeader) {
      if (keyword != "genc-artifact")
        return lineError(
            lineNo, absl::StrCat("expected 'genc-artifact 1' header, got '",
                                 std::string(trim(line)), "'"));
      if (tokens.size() != 2)
        return lineError(lineNo, "expected 'genc-artifact <version>'");
      if (tokens[1] != "1" && tokens[1] != "2" && tokens[1] != "3")
        return lineError(
            lineNo, absl::StrCat("unsupported artifact metadata version '",
                                 std::string(tokens[1]),
                                 "' (this runtime reads versions 1 to 3)"));
      version = tokens[1][0] - '0';
      sawHeader = true;
      continue;
    }

    if (keyword == "func") {
      if (current)
        return lineError(lineNo,
                         absl::StrCat("'func' inside function '", current->name,
                                      "' (missing 'end')"));
      if (tokens.size() != 2)
        return lineError(lineNo, "expected 'func NAME'");
      std::string name(tokens[1]);
      if (!isValidFunctionName(name))
        return lineError(lineNo, absl::StrCat("invalid function name '", name,
                                              "' (must be a C identifier)"));
      for (const FunctionSignature &f : functions)
        if (f.name == name)
          return lineError(lineNo,
                           absl::StrCat("duplicate function '", name, "'"));
      current = FunctionSignature{name, {}, {}};
      currentLine = lineNo;
      devicesLine = 0;
      targetLine = 0;
    } else if (keyword == "target") {
      if (std::optional<absl::Status> bad =
              functionAttribute(3, "target cpu|cuda", targetLine))
        return *bad;
      if (tokens[1] != "cpu" && tokens[1] != "cuda")
        return lineError(lineNo, absl::StrCat("unknown target '",
                                              std::string(tokens[1]),
                                              "' (expected cpu or cuda)"));
      current->target = std::string(tokens[1]);
      targetLine = lineNo;
    } else if (keyword == "devices") {
      if (std::optional<absl::Status> bad =
              functionAttribute(2, "devices N", devicesLine))
        return *bad;
      std::string_view digits = tokens[1];
      int64_t value = 0;
      auto [end, ec] =
          std::from_chars(digits.data(), digits.data() + digits.size(), value);
      if (ec != std::errc() || end != digits.data() + digits.size() ||
          digits.front() == '-' || digits.front() == '+' || value < 1)
        return lineError(lineNo,
                         absl::StrCat("devices must be a positive integer, "
                                      "got '",
                                      std::string(digits), "'"));
      current->devices = value;
      devicesLine = lineNo;
    } else if (keyword == "input" || keyword == "output") {
      std::string kw(keyword);
      if (!current)
        return lineError(lineNo, absl::StrCat("'", kw, "' outside a function"));
      if (tokens.size() != 2)
        return lineError(lineNo, absl::StrCat("expected '", kw, " TYPE'"));
      absl::StatusOr<TensorSpec> spec = parseTensorSpec(tokens[1]);
      if (!spec.ok())
        return lineError(lineNo, spec.status().message());
      (keyword == "input" ? current->inputs : current->outputs)
          .push_back(std::move(*spec));
    } else if (keyword == "end") {
      if (!current)
        return lineError(lineNo, "'end' without 'func'");
      if (tokens.size() != 1)
        return lineError(lineNo, "unexpected text after 'end'");
      functions.push_back(std::move(*current));
      current.reset();
    } else if (keyword == "genc-artifact") {
      return lineError(lineNo, "duplicate 'genc-artifact' header");
    } else {
      return lineError(
          lineNo, absl::StrCat("unknown keyword '", std::string(keyword), "'"));
    }
  }
  if (!sawHeader)
    return absl::InvalidArgumentError(
        "metadata is empty: expected 'genc-artifact 1' header");
  if (current)
    return absl::InvalidArgumentError(
        absl::StrCat("metadata line ", currentLine, ": function '",
                     current->name, "' is missing 'end'"));
  return functions;
}

std::string
printArtifactMetadata(const std::vector<FunctionSignature> &functions) {
  // Version 1 whenever it suffices, so that the metadata of ordinary
  // functions stays byte-identical to what older runtimes read.
  int version = 1;
  for (const FunctionSignature &f : functions) {
    if (f.devices != 1)
      version = std::max(version, 2);
    if (f.target != "cpu")
      version = 3;
  }
  std::string out = absl::StrCat("genc-artifact ", version, "\n");
  for (const FunctionSignature &f : functions) {
    absl::StrAppend(&out, "func ", f.name, "\n");
    if (f.target != "cpu")
      absl::StrAppend(&out, "target ", f.target, "\n");
    if (f.devices != 1)
      absl::StrAppend(&out, "devices ", f.devices, "\n");
    for (const TensorSpec &spec : f.inputs)
      absl::StrAppend(&out, "input ", spec.str(), "\n");
    for (const TensorSpec &spec : f.outputs)
      absl::StrAppend(&out, "output ", spec.str(), "\n");
    absl::StrAppend(&out, "end\n");
  }
  return out;
}

std::string formatSignature(const FunctionSignature &signature) {
  auto specFormatter = [](std::string *out, const TensorSpec &spec) {
    out->append(spec.str());
  };
  return absl::StrCat(
      signature.name, "(", absl::StrJoin(signature.inputs, ", ", specFormatter),
      ") -> (", absl::StrJoin(signature.outputs, ", ", specFormatter), ")");
}

} // namespace genc::runtime
