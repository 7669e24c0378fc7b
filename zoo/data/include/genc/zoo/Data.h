// The galaxy data library in one include: the data set, the synthetic
// generator, file formats and the training loader.
#ifndef GENC_ZOO_DATA_H
#define GENC_ZOO_DATA_H

#include "genc/zoo/Galaxy.h"
#include "genc/zoo/GalaxyIO.h"
#include "genc/zoo/ImageIO.h"
#include "genc/zoo/Loader.h"
#include "genc/zoo/Synth.h"

#endif // GENC_ZOO_DATA_H
