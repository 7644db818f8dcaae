// The installed shared library's own translation unit. libcormorant.so is every layer's object
// files (see CMakeLists.txt, "The installed C++ package"); this file only gives the target a
// source of its own.
#include "cormorant/cormorant.hpp"
