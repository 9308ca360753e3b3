#ifndef ORGPROFILE_CPSL_SHIM_H
#define ORGPROFILE_CPSL_SHIM_H

/* libpsl: the Public Suffix List (the list libcurl itself uses for cookies). */
#include <libpsl.h>

#endif
