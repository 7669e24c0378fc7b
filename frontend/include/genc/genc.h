// The genc frontend: one header for apps that trace and compile.
//
//   #include <genc/genc.h>
//   auto f = genc::jit([](const genc::Tensor &x) { return genc::tanh(x); });
//
// Link genc::genc (find_package(genc)). Apps that only run ahead-of-time
// artifacts link the smaller genc::runtime instead.
#ifndef GENC_FRONTEND_GENC_H
#define GENC_FRONTEND_GENC_H

#include "genc/Control.h"
#include "genc/Error.h"
#include "genc/Grad.h"
#include "genc/Jit.h"
#include "genc/Ops.h"
#include "genc/Random.h"
#include "genc/Shard.h"
#include "genc/Tensor.h"
#include "genc/Tree.h"
#include "genc/checkpoint.h"
#include "genc/nn.h"
#include "genc/optim.h"

#endif // GENC_FRONTEND_GENC_H
