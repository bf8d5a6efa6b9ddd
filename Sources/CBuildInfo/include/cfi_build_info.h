#pragma once

// What scripts/build-static stamps into a release build: the version from the git tag, the revision, the Swift
// compiler and the argument parser it was built with, and the linkage. A plain `swift build` has no stamp and says
// "dev" (C, because only C can pick up a generated header from an include path without touching the sources).

const char *cfi_build_version(void);
const char *cfi_build_revision(void);
const char *cfi_build_swift(void);
const char *cfi_build_argument_parser(void);
const char *cfi_build_linkage(void);
