# Warnings as in STYLE.md; -Werror with MUNISCAN_WERROR (CI).
set(MUNISCAN_WARNINGS
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wmissing-prototypes -Wformat-security -Wstrict-prototypes)
if(MUNISCAN_WERROR)
  list(APPEND MUNISCAN_WARNINGS -Werror)
endif()

# muniscan_module(NAME DEPS...): a static library of every .c in the folder.
function(muniscan_module name)
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.c)
  add_library(${name} STATIC ${srcs})
  target_include_directories(${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
  target_compile_options(${name} PRIVATE ${MUNISCAN_WARNINGS})
  target_link_libraries(${name} PUBLIC ${ARGN})
endfunction()
