//===- Signatures.cpp - entry-point signatures and artifact metadata ------===//

#include "compiler/Signatures.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::genc;

std::vector<EntrySignature> mlir::genc::getEntrySignatures(ModuleOp module) {
  std::vector<EntrySignature> result;
  auto entries = module->getAttrOfType<ArrayAttr>(kSignaturesAttrName);
  if (!entries)
    return result;
  auto target = module->getAttrOfType<StringAttr>("genc.target");
  auto types = [](Attribute a) {
    SmallVector<RankedTensorType> out;
    for (Attribute t : cast<ArrayAttr>(a))
      out.push_back(cast<RankedTensorType>(cast<TypeAttr>(t).getValue()));
    return out;
  };
  for (Attribute a : entries) {
    auto dict = cast<DictionaryAttr>(a);
    EntrySignature sig;
    sig.name = cast<StringAttr>(dict.get("name")).str();
    sig.inputs = types(dict.get("inputs"));
    sig.outputs = types(dict.get("outputs"));
    if (auto n = dyn_cast_or_null<IntegerAttr>(dict.get("devices")))
      sig.devices = n.getInt();
    if (target)
      sig.target = target.str();
    result.push_back(std::move(sig));
  }
  return result;
}

std::string mlir::genc::tensorSpecString(RankedTensorType type) {
  std::string s;
  llvm::raw_string_ostream os(s);
  for (int64_t d : type.getShape())
    os << d << "x";
  Type et = type.getElementType();
  if (et.isInteger(1))
    os << "i1";
  else
    os << et;
  return os.str();
}

std::string mlir::genc::printArtifactMetadata(ArrayRef<EntrySignature> entries) {
  std::string s;
  llvm::raw_string_ostream os(s);
  // Version 2 adds the `devices` line; single-device modules stay
  // readable by version-1 runtimes.
  bool spmd = llvm::any_of(entries,
                           [](const EntrySignature &e) { return e.devices > 1; });
  // Version 3 adds the `target` line.
  bool gpu = llvm::any_of(
      entries, [](const EntrySignature &e) { return e.target != "cpu"; });
  os << "genc-artifact " << (gpu ? 3 : spmd ? 2 : 1) << "\n";
  for (const EntrySignature &e : entries) {
    os << "func " << e.name << "\n";
    if (e.target != "cpu")
      os << "target " << e.target << "\n";
    if (e.devices > 1)
      os << "devices " << e.devices << "\n";
    for (RankedTensorType t : e.inputs)
      os << "input " << tensorSpecString(t) << "\n";
    for (RankedTensorType t : e.outputs)
      os << "output " << tensorSpecString(t) << "\n";
    os << "end\n";
  }
  return os.str();
}
