// tests/iptables_kernel/harness/net_namespace.cpp
#include "harness/net_namespace.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace fwk {
namespace {

std::string errno_text(const std::string& what) {
  return what + ": " + std::strerror(errno);
}

int open_current() {
  int fd = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw SetupError(errno_text("cannot open /proc/self/ns/net"));
  return fd;
}

std::string join(const std::vector<std::string>& argv) {
  std::string s;
  for (const auto& a : argv)
    s += (s.empty() ? "" : " ") + a;
  return s;
}

}  // namespace

NetNamespace NetNamespace::create() {
  int saved = open_current();
  if (unshare(CLONE_NEWNET) != 0) {
    auto message = errno_text("unshare(CLONE_NEWNET) failed");
    close(saved);
    throw SetupError(message);
  }
  NetNamespace ns;
  ns.fd_ = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
  int open_errno = errno;
  if (setns(saved, CLONE_NEWNET) != 0) {
    // Staying in the wrong namespace would make every later step lie: give up at once.
    auto message = errno_text("setns back to the original namespace failed");
    close(saved);
    throw SetupError(message);
  }
  close(saved);
  if (ns.fd_ < 0) {
    errno = open_errno;
    throw SetupError(errno_text("cannot open the new namespace"));
  }
  return ns;
}

NetNamespace& NetNamespace::operator=(NetNamespace&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

NetNamespace::~NetNamespace() {
  if (fd_ >= 0) close(fd_);
}

std::string NetNamespace::path() const {
  return "/proc/" + std::to_string(getpid()) + "/fd/" + std::to_string(fd_);
}

ScopedNamespace::ScopedNamespace(const NetNamespace& ns) : saved_(open_current()) {
  if (setns(ns.fd(), CLONE_NEWNET) != 0) {
    auto message = errno_text("setns failed");
    close(saved_);
    throw SetupError(message);
  }
}

ScopedNamespace::~ScopedNamespace() {
  if (setns(saved_, CLONE_NEWNET) != 0) {
    // Cannot throw from here and cannot go on in the wrong namespace.
    static constexpr char message[] = "fwk: cannot return to the original network namespace\n";
    [[maybe_unused]] auto n = write(2, message, sizeof message - 1);
    _exit(70);
  }
  close(saved_);
}

void write_sysctl(const NetNamespace& ns, const std::string& key, const std::string& value) {
  ScopedNamespace inside(ns);
  std::ofstream file("/proc/sys/" + key);
  file << value << '\n';
  file.close();
  if (!file) throw SetupError("cannot set sysctl " + key + " = " + value);
}

CommandResult run_command(const std::vector<std::string>& argv, const NetNamespace* ns,
                          std::string_view input) {
  int in_pipe[2], out_pipe[2], err_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0) throw SetupError(errno_text("pipe"));
  if (pipe2(out_pipe, O_CLOEXEC) != 0) throw SetupError(errno_text("pipe"));
  if (pipe2(err_pipe, O_CLOEXEC) != 0) throw SetupError(errno_text("pipe"));
  std::vector<char*> args;
  for (const auto& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  pid_t pid = fork();
  if (pid < 0) throw SetupError(errno_text("fork"));
  if (pid == 0) {
    if (ns != nullptr && setns(ns->fd(), CLONE_NEWNET) != 0) _exit(126);
    dup2(in_pipe[0], 0);
    dup2(out_pipe[1], 1);
    dup2(err_pipe[1], 2);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(in_pipe[0]);
  close(out_pipe[1]);
  close(err_pipe[1]);

  CommandResult result;
  std::size_t written = 0;
  int in_fd = in_pipe[1];
  if (input.empty()) {
    close(in_fd);
    in_fd = -1;
  }
  int out_fd = out_pipe[0], err_fd = err_pipe[0];
  while (out_fd >= 0 || err_fd >= 0 || in_fd >= 0) {
    pollfd fds[3] = {{in_fd, POLLOUT, 0}, {out_fd, POLLIN, 0}, {err_fd, POLLIN, 0}};
    if (poll(fds, 3, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (in_fd >= 0 && (fds[0].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t n = write(in_fd, input.data() + written, input.size() - written);
      if (n > 0) written += static_cast<std::size_t>(n);
      if (n <= 0 || written == input.size()) {
        close(in_fd);
        in_fd = -1;
      }
    }
    for (int i = 1; i < 3; ++i) {
      int& fd = i == 1 ? out_fd : err_fd;
      if (fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      char buffer[8192];
      ssize_t n = read(fd, buffer, sizeof buffer);
      if (n > 0) {
        (i == 1 ? result.out : result.err).append(buffer, static_cast<std::size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        close(fd);
        fd = -1;
      }
    }
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (result.exit_code == 127 && result.err.empty()) result.err = argv[0] + ": cannot execute";
  if (result.exit_code == 126 && result.err.empty()) result.err = "cannot enter the namespace";
  return result;
}

std::string run_checked(const std::vector<std::string>& argv, const NetNamespace* ns,
                        std::string_view input) {
  auto result = run_command(argv, ns, input);
  if (result.exit_code != 0) {
    throw SetupError("`" + join(argv) + "` failed (exit " + std::to_string(result.exit_code) +
                     "): " + result.err);
  }
  return result.out;
}

}  // namespace fwk
