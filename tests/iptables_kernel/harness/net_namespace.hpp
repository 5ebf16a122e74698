// tests/iptables_kernel/harness/net_namespace.hpp
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace fwk {

// The kernel side could not be set up (no root, no namespaces, a tool missing or failing).
class SetupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A new, empty network namespace held only by a file descriptor: it has no name under
// /run/netns, so the kernel removes it (with its interfaces, rules and connections) when the
// last descriptor closes, that is when this process ends, however it ends.
class NetNamespace {
 public:
  static NetNamespace create();  // throws SetupError
  NetNamespace() = default;
  NetNamespace(NetNamespace&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  NetNamespace& operator=(NetNamespace&& other) noexcept;
  NetNamespace(const NetNamespace&) = delete;
  NetNamespace& operator=(const NetNamespace&) = delete;
  ~NetNamespace();

  int fd() const { return fd_; }
  // How ip(8) can name it: "/proc/<pid>/fd/<fd>" (ip opens any argument containing '/').
  std::string path() const;

 private:
  int fd_ = -1;
};

// Moves the calling thread into `ns` until destroyed, then back to where it was. Sockets and
// /proc/sys files opened meanwhile belong to `ns`.
class ScopedNamespace {
 public:
  explicit ScopedNamespace(const NetNamespace& ns);
  ~ScopedNamespace();
  ScopedNamespace(const ScopedNamespace&) = delete;
  ScopedNamespace& operator=(const ScopedNamespace&) = delete;

 private:
  int saved_ = -1;
};

// Writes /proc/sys/<key> inside `ns` ("net/ipv4/ip_forward"); throws SetupError on failure.
void write_sysctl(const NetNamespace& ns, const std::string& key, const std::string& value);

struct CommandResult {
  int exit_code = -1;  // 128 + signal when killed
  std::string out;
  std::string err;
};

// Runs argv[0] (looked up in PATH) inside `ns` (nullptr: the current namespace), feeding `input`
// on its standard input, and collects both outputs. Throws SetupError only if it cannot start.
CommandResult run_command(const std::vector<std::string>& argv, const NetNamespace* ns = nullptr,
                          std::string_view input = {});

// run_command that throws SetupError with the command and its error output unless it exits 0.
std::string run_checked(const std::vector<std::string>& argv, const NetNamespace* ns = nullptr,
                        std::string_view input = {});

}  // namespace fwk
