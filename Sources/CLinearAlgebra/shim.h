#ifndef MIRRORSWEEP_CLINEARALGEBRA_SHIM_H
#define MIRRORSWEEP_CLINEARALGEBRA_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
