#include "cfi_build_info.h"

// scripts/build-static writes cfi_build_stamp.h into its scratch directory and adds that directory to the include
// path (-Xcc -I); without it every value falls back to the developer build's.
#if __has_include("cfi_build_stamp.h")
#include "cfi_build_stamp.h"
#endif

#ifndef CFI_BUILD_VERSION
#define CFI_BUILD_VERSION "dev"
#endif
#ifndef CFI_BUILD_REVISION
#define CFI_BUILD_REVISION ""
#endif
#ifndef CFI_BUILD_SWIFT
#define CFI_BUILD_SWIFT ""
#endif
#ifndef CFI_BUILD_ARGUMENT_PARSER
#define CFI_BUILD_ARGUMENT_PARSER ""
#endif
#ifndef CFI_BUILD_LINKAGE
#define CFI_BUILD_LINKAGE "dynamic"
#endif

const char *cfi_build_version(void) { return CFI_BUILD_VERSION; }
const char *cfi_build_revision(void) { return CFI_BUILD_REVISION; }
const char *cfi_build_swift(void) { return CFI_BUILD_SWIFT; }
const char *cfi_build_argument_parser(void) { return CFI_BUILD_ARGUMENT_PARSER; }
const char *cfi_build_linkage(void) { return CFI_BUILD_LINKAGE; }
