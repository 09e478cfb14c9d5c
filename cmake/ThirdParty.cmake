# One INTERFACE/IMPORTED target per third-party dependency. Modules link these names,
# never raw include or library variables. All come from Debian packages
# (scripts/install-deps); nothing is downloaded at configure or build time.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

# FFmpeg (codec/ only)
pkg_check_modules(FFMPEG REQUIRED IMPORTED_TARGET
  libavformat libavcodec libavutil libswscale libswresample libavfilter)
add_library(bondline_ffmpeg INTERFACE)
target_link_libraries(bondline_ffmpeg INTERFACE PkgConfig::FFMPEG)
add_library(bondline::ffmpeg ALIAS bondline_ffmpeg)

# SQLite (projects/ only)
find_package(SQLite3 REQUIRED)
add_library(bondline_sqlite INTERFACE)
target_link_libraries(bondline_sqlite INTERFACE SQLite::SQLite3)
add_library(bondline::sqlite ALIAS bondline_sqlite)

# toml++ (coding_schemes/ only)
find_package(tomlplusplus REQUIRED)
add_library(bondline_toml INTERFACE)
target_link_libraries(bondline_toml INTERFACE tomlplusplus::tomlplusplus)
add_library(bondline::toml ALIAS bondline_toml)

# Boost.Math (interrater/ only; header-only distributions)
find_path(BOOST_MATH_INCLUDE_DIR boost/math/distributions/fisher_f.hpp REQUIRED)
add_library(bondline_boost_math INTERFACE)
target_include_directories(bondline_boost_math SYSTEM INTERFACE ${BOOST_MATH_INCLUDE_DIR})
add_library(bondline::boost_math ALIAS bondline_boost_math)

# nlohmann/json (projects/ JSON export/import, BORIS import; header-only)
find_package(nlohmann_json 3 REQUIRED)
add_library(bondline_json INTERFACE)
target_link_libraries(bondline_json INTERFACE nlohmann_json::nlohmann_json)
add_library(bondline::json ALIAS bondline_json)

# Expat (projects/ ELAN .eaf import)
find_package(EXPAT REQUIRED)
add_library(bondline_expat INTERFACE)
target_link_libraries(bondline_expat INTERFACE EXPAT::EXPAT)
add_library(bondline::expat ALIAS bondline_expat)

# zlib (projects/ Datavyu .opf import: inflating zip members)
find_package(ZLIB REQUIRED)
add_library(bondline_zlib INTERFACE)
target_link_libraries(bondline_zlib INTERFACE ZLIB::ZLIB)
add_library(bondline::zlib ALIAS bondline_zlib)

# ReadStat (projects/ SPSS .sav export)
find_path(READSTAT_INCLUDE_DIR readstat.h)
find_library(READSTAT_LIBRARY readstat)
if(READSTAT_INCLUDE_DIR AND READSTAT_LIBRARY)
  add_library(bondline_readstat INTERFACE)
  target_include_directories(bondline_readstat SYSTEM INTERFACE ${READSTAT_INCLUDE_DIR})
  target_link_libraries(bondline_readstat INTERFACE ${READSTAT_LIBRARY})
  add_library(bondline::readstat ALIAS bondline_readstat)
endif()

# Catch2 2.x (tests/)
if(BONDLINE_TESTS)
  find_package(Catch2 REQUIRED)
  include(Catch)
endif()

# SDL2 + Dear ImGui 1.86 (app/ GUI only). Debian ships libimgui.a plus the backend
# sources under /usr/share/doc; we compile the SDL2 and SDL_Renderer backends unpatched.
if(BONDLINE_GUI)
  pkg_check_modules(SDL2 REQUIRED IMPORTED_TARGET sdl2)
  add_library(bondline_sdl2 INTERFACE)
  target_link_libraries(bondline_sdl2 INTERFACE PkgConfig::SDL2)
  add_library(bondline::sdl2 ALIAS bondline_sdl2)

  pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui stb)
  pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2)
  set(IMGUI_BACKENDS_DIR /usr/share/doc/libimgui-dev/examples/backends)
  add_library(bondline_imgui STATIC
    ${IMGUI_BACKENDS_DIR}/imgui_impl_sdl.cpp
    ${IMGUI_BACKENDS_DIR}/imgui_impl_sdlrenderer.cpp)
  target_include_directories(bondline_imgui SYSTEM PUBLIC /usr/include/imgui /usr/include/imgui/backends)
  target_link_libraries(bondline_imgui PUBLIC PkgConfig::IMGUI PkgConfig::FREETYPE PkgConfig::SDL2)
  target_compile_options(bondline_imgui PRIVATE -w)
  add_library(bondline::imgui ALIAS bondline_imgui)
endif()
