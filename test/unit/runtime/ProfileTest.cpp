// The kernel profiler behind genc_rt_profile_enter/exit.
#include "genc/runtime/Profile.h"
#include "genc/runtime/genc_profile.h"

#include <gtest/gtest.h>

#include <cstring>
#include <thread>

using namespace genc::runtime;

namespace {

const KernelTime *find(const std::vector<KernelTime> &all, const std::string &label) {
  for (const KernelTime &k : all)
    if (k.label == label)
      return &k;
  return nullptr;
}

void timeKernel(const char *label, int micros) {
  genc_rt_profile_enter(label);
  std::this_thread::sleep_for(std::chrono::microseconds(micros));
  genc_rt_profile_exit(label);
}

TEST(ProfileTest, SumsCallsAndTimePerLabelMostExpensiveFirst) {
  profileReset();
  static const char kSlow[] = "cblas_sgemm 64x32x128 at model.mlir:3:8";
  static const char kFast[] = "linalg.generic 64x32xf32 (2 ops) at model.mlir:6:8";
  timeKernel(kSlow, 3000);
  timeKernel(kSlow, 3000);
  timeKernel(kFast, 10);
  std::vector<KernelTime> all = profileSnapshot();
  const KernelTime *slow = find(all, kSlow), *fast = find(all, kFast);
  ASSERT_TRUE(slow && fast);
  EXPECT_EQ(slow->calls, 2);
  EXPECT_EQ(fast->calls, 1);
  EXPECT_GE(slow->seconds, 0.006);
  EXPECT_EQ(all.front().label, kSlow);

  std::string report = profileReport();
  EXPECT_NE(report.find("genc profile: 2 kernels"), std::string::npos) << report;
  // The per-kind summary, then the kernels.
  EXPECT_NE(report.find("cblas_sgemm\n"), std::string::npos) << report;
  EXPECT_NE(report.find(kFast), std::string::npos) << report;
  EXPECT_LT(report.find("kind"), report.find(kSlow));

  profileReset();
  EXPECT_TRUE(profileSnapshot().empty());
  EXPECT_EQ(profileReport(), "");
}

TEST(ProfileTest, ReportLimitsTheKernelRows) {
  profileReset();
  static const char kA[] = "linalg.fill 4xf32 at a.mlir:1:1", kB[] = "linalg.fill 8xf32 at a.mlir:2:1";
  timeKernel(kA, 200);
  timeKernel(kB, 10);
  std::string report = profileReport(1);
  EXPECT_NE(report.find(kA), std::string::npos);
  EXPECT_EQ(report.find(kB), std::string::npos);
  EXPECT_NE(report.find("(1 more kernels)"), std::string::npos) << report;
  profileReset();
}

// An artifact unloaded and another loaded at the same address: the new
// text is a new kernel; the old one's time is kept under its own label.
TEST(ProfileTest, ReusedLabelAddressKeepsBothKernels) {
  profileReset();
  static char label[64];
  std::strcpy(label, "linalg.map 2xf32 at old.mlir:1:1");
  timeKernel(label, 10);
  std::strcpy(label, "linalg.map 2xf32 at new.mlir:9:9");
  timeKernel(label, 10);
  timeKernel(label, 10);
  std::vector<KernelTime> all = profileSnapshot();
  const KernelTime *oldK = find(all, "linalg.map 2xf32 at old.mlir:1:1");
  const KernelTime *newK = find(all, "linalg.map 2xf32 at new.mlir:9:9");
  ASSERT_TRUE(oldK && newK);
  EXPECT_EQ(oldK->calls, 1);
  EXPECT_EQ(newK->calls, 2);
  profileReset();
}

TEST(ProfileTest, ThreadsTimeTheirOwnKernels) {
  profileReset();
  static const char kLabel[] = "linalg.generic 8xf32 (1 ops) at t.mlir:1:1";
  std::thread a([] { for (int i = 0; i < 100; ++i) timeKernel(kLabel, 1); });
  std::thread b([] { for (int i = 0; i < 100; ++i) timeKernel(kLabel, 1); });
  a.join();
  b.join();
  std::vector<KernelTime> all = profileSnapshot(); // outlives the pointer
  const KernelTime *k = find(all, kLabel);
  ASSERT_TRUE(k);
  EXPECT_EQ(k->calls, 200);
  profileReset();
}

} // namespace
