//===- GencBase.td - genc dialect definition and enums ----*- tablegen -*-===//
//
// The genc dialect: tensor programs with StableHLO-like semantics, the input
// of genc's transforms (autodiff, vmap, shard) and of its CPU/CUDA compilers.
//
//===----------------------------------------------------------------------===//

#ifndef GENC_BASE_TD
#define GENC_BASE_TD

include "mlir/IR/OpBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/AttrTypeBase.td"

def Genc_Dialect : Dialect {
  let name = "genc";
  let cppNamespace = "::mlir::genc";
  let summary = "tensor programs for the genc compiler";
  let description = [{
    The genc dialect holds pure tensor programs on ranked, statically shaped
    tensors. Op semantics follow StableHLO where an equivalent op exists, so
    programs can be reasoned about from a public specification. Transforms
    (autodiff, batching, sharding) are expressed through op interfaces, and
    the compiler lowers genc to linalg by op family.
  }];
  let hasConstantMaterializer = 1;
  let useDefaultAttributePrinterParser = 0;
}

// The op's result is linear in its float operands, so its VJP reads only
// their types and the integer operands (mlir::OpTrait::GencLinear).
def Genc_Linear : NativeOpTrait<"GencLinear">;

class Genc_Op<string mnemonic, list<Trait> traits = []>
    : Op<Genc_Dialect, mnemonic, traits>;

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def Genc_Float : AnyTypeOf<[F16, BF16, F32, F64]>;
def Genc_Int : AnyTypeOf<[I1, I8, I32, I64]>;
def Genc_Element : AnyTypeOf<[Genc_Float, Genc_Int]>;

def Genc_Tensor : RankedTensorOf<[Genc_Element]>;
def Genc_FloatTensor : RankedTensorOf<[Genc_Float]>;
def Genc_IntTensor : RankedTensorOf<[Genc_Int]>;
def Genc_PredTensor : RankedTensorOf<[I1]>;
def Genc_IndexTensor : RankedTensorOf<[I32, I64]>;
def Genc_ScalarTensor : 0DTensorOf<[Genc_Element]>;
def Genc_ScalarIndexTensor : 0DTensorOf<[I32, I64]>;
def Genc_RngStateTensor : TensorOf<[I32]>;

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def Genc_CmpEQ : I32EnumAttrCase<"EQ", 0>;
def Genc_CmpNE : I32EnumAttrCase<"NE", 1>;
def Genc_CmpLT : I32EnumAttrCase<"LT", 2>;
def Genc_CmpLE : I32EnumAttrCase<"LE", 3>;
def Genc_CmpGT : I32EnumAttrCase<"GT", 4>;
def Genc_CmpGE : I32EnumAttrCase<"GE", 5>;
def Genc_ComparisonDirectionAttr
    : I32EnumAttr<"ComparisonDirection", "comparison direction",
                  [Genc_CmpEQ, Genc_CmpNE, Genc_CmpLT, Genc_CmpLE, Genc_CmpGT,
                   Genc_CmpGE]> {
  let cppNamespace = "::mlir::genc";
}

#endif // GENC_BASE_TD
