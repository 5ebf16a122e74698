// reports/atomic_file.hpp
#pragma once

#include <string>
#include <string_view>

namespace fwaudit::reports {

// Writes `content` to `path` through a temporary file in the same folder and a rename, so a failed
// run never leaves a half-written report. Throws InputError when the folder is not writable.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace fwaudit::reports
