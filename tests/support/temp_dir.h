// Temporary folders for tests, shared by the unit and the end-to-end suites.
#ifndef DEPECHE_INCLUDED_TESTS_SUPPORT_TEMP_DIR_H
#define DEPECHE_INCLUDED_TESTS_SUPPORT_TEMP_DIR_H

#include <string>

namespace depeche::test {

// A fresh temporary folder, removed with its content when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }
  // Writes `content` to `name` (creating folders) and returns its path.
  std::string write(const std::string& name, const std::string& content) const;

 private:
  std::string path_;
};

}  // namespace depeche::test

#endif
