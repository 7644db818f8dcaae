// The C++ demo: read the Palmer penguins, filter, compute, print.
// Usage: cormorant_demo path/to/penguins.csv
#include <cormorant/cormorant.hpp>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " penguins.csv\n";
    return 2;
  }
  try {
    cormorant::Session session;  // the embedded default warehouse
    auto penguins = session.read_csv(argv[1]);
    auto heavy = penguins[penguins["body_mass_g"] > 4500];
    heavy.set("bill_ratio", heavy["bill_length_mm"] / heavy["bill_depth_mm"]);
    auto shown = heavy[{"species", "island", "body_mass_g", "bill_ratio"}];
    auto [rows, cols] = shown.shape();
    std::cout << "penguins heavier than 4.5 kg: " << rows << " rows x " << cols << " columns\n"
              << shown.head(8) << "\n\nSQL:\n" << shown.head(8).sql() << "\n";
  } catch (const cormorant::Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
