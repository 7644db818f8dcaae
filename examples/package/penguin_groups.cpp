// Uses the installed package: the heavier penguins' mean measures by species and island,
// written as CSV. Usage: penguin_groups penguins.csv out.csv
#include <cormorant/cormorant.hpp>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0] << " penguins.csv out.csv\n";
    return 2;
  }
  try {
    cormorant::Session session;
    auto penguins = session.read_csv(argv[1]);
    auto heavy = penguins[penguins["body_mass_g"] > 3500];
    heavy.set("bill_ratio", heavy["bill_length_mm"] / heavy["bill_depth_mm"]);
    using cormorant::AggFunc;
    auto groups = heavy.groupby({"species", "island"}).agg({
        {"mass", "body_mass_g", AggFunc::Mean},
        {"ratio", "bill_ratio", AggFunc::Max},
        {"flipper", "flipper_length_mm", AggFunc::Median},
        {"n", "sex", AggFunc::Count},
    });
    groups.to_csv(argv[2]);
  } catch (const cormorant::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
