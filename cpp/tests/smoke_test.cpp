#include <gtest/gtest.h>

#include <cormorant/cormorant.hpp>

TEST(Smoke, ReadsPenguins) {
  cormorant::Session s(cormorant::SessionOptions{":memory:"});
  auto df = s.read_csv(CORMORANT_SOURCE_DIR "/.deps/data/penguins.csv");
  EXPECT_EQ(df.shape().first, 344);
}
