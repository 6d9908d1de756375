#include "model/model.h"

#include <gtest/gtest.h>

namespace vd::model {
namespace {

load::SourceTree tree_with_units(const std::string& units_yaml, diag::Diagnostics& d) {
  load::SourceTree t;
  t.site =
      load::parse_yaml("site.yml", "title: T\nbase_url: https://x.vn\nissuer: {name: S}\n", 1, d);
  t.units = load::parse_yaml("content/units.yml", units_yaml, 1, d);
  t.i18n["vi"] = load::parse_yaml("i18n/vi.yml", "a: b\n", 1, d);
  return t;
}

TEST(Model, BuiltInAwardCatalogueLoadsCleanly) {
  diag::Diagnostics d;
  load::SourceTree t = tree_with_units("[]", d);
  Model m = build_model(t, d);
  EXPECT_EQ(d.errors(), 0u) << diag::format_all(d, {});
  const Award* a = m.award("chien-si-thi-dua-co-so");
  ASSERT_NE(a, nullptr);
  EXPECT_TRUE(a->individual);
  EXPECT_FALSE(a->collective);
  EXPECT_EQ(m.config.base_url, "https://x.vn/");
  EXPECT_TRUE(m.award("tap-the-lao-dong-xuat-sac")->collective);
}

TEST(Model, UnitNameAtADate) {
  diag::Diagnostics d;
  load::SourceTree t = tree_with_units(R"(- id: a
  name: Trường THCS Vĩnh Thuận
  kind: school
  former_names:
    - {name: Trường THCS thị trấn Vĩnh Thuận, to: 2025-06-30}
)",
                                       d);
  Model m = build_model(t, d);
  ASSERT_EQ(d.errors(), 0u) << diag::format_all(d, {});
  const Unit* u = m.unit("a");
  ASSERT_NE(u, nullptr);
  EXPECT_EQ(u->name_at(text::Date{2021, 5, 1}), "Trường THCS thị trấn Vĩnh Thuận");
  EXPECT_EQ(u->name_at(text::Date{2025, 7, 1}), "Trường THCS Vĩnh Thuận");
  EXPECT_EQ(u->name_at(std::nullopt), "Trường THCS Vĩnh Thuận");
}

TEST(Model, SiteAwardsReplaceBuiltInOnes) {
  diag::Diagnostics d;
  load::SourceTree t = tree_with_units("[]", d);
  t.awards = load::parse_yaml("content/awards.yml",
                              "- {id: giay-khen, name: Giấy khen của Hiệu trưởng, type: "
                              "commendation, applies_to: [individual]}\n",
                              1, d);
  Model m = build_model(t, d);
  EXPECT_EQ(m.award("giay-khen")->name, "Giấy khen của Hiệu trưởng");
  EXPECT_FALSE(m.award("giay-khen")->collective);
}

TEST(Model, PrivateValuesAreKeptApart) {
  diag::Diagnostics d;
  load::SourceTree t = tree_with_units("[{id: u, name: U, kind: school}]", d);
  t.profiles.push_back(load::parse_document("content/profiles/2023-2024/a.md", R"(---
name: A
kind: individual
unit: u
awards: [{award: giay-khen}]
summary: s
consent: true
private: {phone: "0900 000 000", email: a@b.vn}
---
story
)",
                                            d));
  Model m = build_model(t, d);
  ASSERT_EQ(d.errors(), 0u) << diag::format_all(d, {});
  ASSERT_EQ(m.private_data.size(), 1u);
  EXPECT_EQ(m.private_data[0].values, (std::vector<std::string>{"0900 000 000", "a@b.vn"}));
  ASSERT_EQ(m.profiles.size(), 1u);
  EXPECT_EQ(m.profiles[0].school_year, "2023-2024");
}

}  // namespace
}  // namespace vd::model
