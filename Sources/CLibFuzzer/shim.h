// libFuzzer's entry for programs that have a main of their own: the fuzz targets do, because
// SwiftPM links every executable to its target's main. Defined by libFuzzer (-sanitize=fuzzer);
// only used when the targets are built with QUIRE_FUZZING.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
