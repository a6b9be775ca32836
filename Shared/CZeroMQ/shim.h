#ifndef MIZ_CZEROMQ_SHIM_H
#define MIZ_CZEROMQ_SHIM_H
#include <zmq.h>
#include <errno.h>
#endif
