# Warnings for depeche's own targets (third-party headers are included as system headers).
add_library(depeche_warnings INTERFACE)
target_compile_options(depeche_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
