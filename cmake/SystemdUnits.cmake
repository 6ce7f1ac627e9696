# Runs at install time (install(CODE) in Install.cmake): the prefix is known only then, since
# `cmake --install --prefix` and CPack (/usr) choose it after configuring. Writes the service with
# depeche-index's full path and installs it with the timer.
# In: DEPECHE_BINDIR (CMAKE_INSTALL_BINDIR), DEPECHE_UNIT_SOURCE (dist/systemd), DEPECHE_UNIT_BUILD.
if(IS_ABSOLUTE "${DEPECHE_BINDIR}")
  set(index "${DEPECHE_BINDIR}/depeche-index")
else()
  set(index "${CMAKE_INSTALL_PREFIX}/${DEPECHE_BINDIR}/depeche-index")
endif()
# systemd refuses to run a program whose path has a quote, a backslash or a control character
# (systemd-analyze verify: "Executable name contains special characters"). Spaces are fine inside
# double quotes, and % (a specifier) is doubled.
string(ASCII 1 first_control)
string(ASCII 31 last_control)
string(ASCII 127 delete)
if(index MATCHES "[\"'\\\\${first_control}-${last_control}${delete}]")
  message(WARNING "depeche-index.service and depeche-index.timer are not installed: systemd cannot run "
                  "a program whose path has a quote, a backslash or a control character: ${index}")
  return()
endif()
string(REPLACE "%" "%%" index "${index}")
set(DEPECHE_INDEX_EXEC "\"${index}\"")
# One folder per destination: installs to two prefixes at once (tests, cpack) do not share a file.
string(MD5 destination "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}")
set(service "${DEPECHE_UNIT_BUILD}/${destination}/depeche-index.service")
configure_file("${DEPECHE_UNIT_SOURCE}/depeche-index.service.in" "${service}" @ONLY)
file(INSTALL DESTINATION "${CMAKE_INSTALL_PREFIX}/lib/systemd/user" TYPE FILE
     FILES "${service}" "${DEPECHE_UNIT_SOURCE}/depeche-index.timer")
