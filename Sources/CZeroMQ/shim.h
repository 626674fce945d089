#ifndef MIRRORSWEEP_CZEROMQ_SHIM_H
#define MIRRORSWEEP_CZEROMQ_SHIM_H
#include <zmq.h>
#endif
