#include "drift/snapshot_diff.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

namespace soong::gen::drift {
namespace {

/// Objects of one kind by their comparison key, e.g. "public.users" → relation.
template <typename T>
using keyed = std::map<std::string, const T*>;

template <typename T, typename KeyFn>
keyed<T> by_key(const std::vector<T>& items, KeyFn key) {
  keyed<T> out;
  for (const auto& item : items) out.emplace(key(item), &item);
  return out;
}

/// Calls `on_missing`, `on_extra` and `on_both` for the keys of `expected` and `actual`.
template <typename T>
void match(const keyed<T>& expected, const keyed<T>& actual,
           const std::function<void(const T&)>& on_missing,
           const std::function<void(const T&)>& on_extra,
           const std::function<void(const T&, const T&)>& on_both) {
  for (const auto& [key, e] : expected) {
    const auto it = actual.find(key);
    if (it == actual.end()) {
      on_missing(*e);
    } else {
      on_both(*e, *it->second);
    }
  }
  for (const auto& [key, a] : actual) {
    if (expected.count(key) == 0) on_extra(*a);
  }
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

std::string quoted_labels(const std::vector<std::string>& labels) {
  std::vector<std::string> quoted;
  for (const auto& l : labels) quoted.push_back("'" + l + "'");
  return "labels (" + join(quoted) + ")";
}

/// `items` restricted to those also in `other`, in `items`' order: the order two lists agree
/// on when additions and removals are reported separately.
std::vector<std::string> common_in_order(const std::vector<std::string>& items,
                                         const std::vector<std::string>& other) {
  const std::set<std::string> keep(other.begin(), other.end());
  std::vector<std::string> out;
  for (const auto& i : items)
    if (keep.count(i) != 0) out.push_back(i);
  return out;
}

std::string or_none(const std::string& prefix, const std::string& value) {
  return value.empty() ? "no " + prefix : prefix + " " + value;
}

class differ {
 public:
  explicit differ(const diff_options& options) : options_(options) {}

  void relations(const catalog_snapshot& e, const catalog_snapshot& a) {
    const auto key = [](const relation_snapshot& r) { return r.schema + "." + r.name; };
    match<relation_snapshot>(
        by_key(e.relations, key), by_key(a.relations, key),
        [&](const relation_snapshot& r) { missing(r.kind, key(r), ""); },
        [&](const relation_snapshot& r) { extra(r.kind, key(r), ""); },
        [&](const relation_snapshot& x, const relation_snapshot& y) { relation(x, y); });
  }

  void constraints(const catalog_snapshot& e, const catalog_snapshot& a) {
    const auto name = [](const constraint_snapshot& c) {
      return c.schema + "." + c.table + "." + c.name;
    };
    const auto key = [&](const constraint_snapshot& c) {
      return options_.ignore_names ? c.schema + "." + c.table + "|" + c.definition : name(c);
    };
    match<constraint_snapshot>(
        by_key(e.constraints, key), by_key(a.constraints, key),
        [&](const constraint_snapshot& c) { missing("constraint", name(c), c.definition); },
        [&](const constraint_snapshot& c) { extra("constraint", name(c), c.definition); },
        [&](const constraint_snapshot& x, const constraint_snapshot& y) {
          if (x.definition != y.definition)
            changed("constraint", name(x), "definition", x.definition, y.definition);
        });
  }

  void indexes(const catalog_snapshot& e, const catalog_snapshot& a) {
    const auto name = [](const index_snapshot& i) {
      return i.schema + "." + i.table + "." + i.name;
    };
    const auto key = [&](const index_snapshot& i) {
      return options_.ignore_names ? i.schema + "." + i.table + "|" + i.definition : name(i);
    };
    match<index_snapshot>(
        by_key(e.indexes, key), by_key(a.indexes, key),
        [&](const index_snapshot& i) { missing("index", name(i), i.definition); },
        [&](const index_snapshot& i) { extra("index", name(i), i.definition); },
        [&](const index_snapshot& x, const index_snapshot& y) {
          if (x.definition != y.definition)
            changed("index", name(x), "definition", x.definition, y.definition);
        });
  }

  void enums(const catalog_snapshot& e, const catalog_snapshot& a) {
    const auto key = [](const enum_snapshot& x) { return x.schema + "." + x.name; };
    match<enum_snapshot>(
        by_key(e.enums, key), by_key(a.enums, key),
        [&](const enum_snapshot& x) { missing("enum", key(x), quoted_labels(x.labels)); },
        [&](const enum_snapshot& x) { extra("enum", key(x), quoted_labels(x.labels)); },
        [&](const enum_snapshot& x, const enum_snapshot& y) {
          const std::set<std::string> xs(x.labels.begin(), x.labels.end());
          const std::set<std::string> ys(y.labels.begin(), y.labels.end());
          for (const auto& l : x.labels) {
            if (ys.count(l) == 0)
              changed("enum", key(x), "labels", "label '" + l + "'", "no label '" + l + "'");
          }
          for (const auto& l : y.labels) {
            if (xs.count(l) == 0)
              changed("enum", key(x), "labels", "no label '" + l + "'", "label '" + l + "'");
          }
          // Sort order is part of an enum's meaning (`<`, ORDER BY), not just its spelling.
          if (common_in_order(x.labels, y.labels) != common_in_order(y.labels, x.labels))
            changed("enum", key(x), "label order", quoted_labels(x.labels),
                    quoted_labels(y.labels));
        });
  }

  void composites(const catalog_snapshot& e, const catalog_snapshot& a) {
    const auto key = [](const composite_snapshot& x) { return x.schema + "." + x.name; };
    const auto fields = [](const composite_snapshot& x) {
      std::vector<std::string> parts;
      for (const auto& f : x.fields) parts.push_back(f.name + " " + f.type);
      return "fields (" + join(parts) + ")";
    };
    match<composite_snapshot>(
        by_key(e.composites, key), by_key(a.composites, key),
        [&](const composite_snapshot& x) { missing("composite type", key(x), fields(x)); },
        [&](const composite_snapshot& x) { extra("composite type", key(x), fields(x)); },
        [&](const composite_snapshot& x, const composite_snapshot& y) {
          // Field order matters even without --strict-order: composites travel positionally.
          if (fields(x) != fields(y))
            changed("composite type", key(x), "fields", fields(x), fields(y));
        });
  }

  void domains(const catalog_snapshot& e, const catalog_snapshot& a) {
    const auto key = [](const domain_snapshot& x) { return x.schema + "." + x.name; };
    const auto checks = [&](const domain_snapshot& x) {
      std::vector<std::string> parts;
      for (const auto& c : x.checks)
        parts.push_back(options_.ignore_names ? c.definition : c.name + ": " + c.definition);
      std::sort(parts.begin(), parts.end());
      return parts.empty() ? std::string("no checks") : "checks (" + join(parts) + ")";
    };
    match<domain_snapshot>(
        by_key(e.domains, key), by_key(a.domains, key),
        [&](const domain_snapshot& x) { missing("domain", key(x), x.base_type); },
        [&](const domain_snapshot& x) { extra("domain", key(x), x.base_type); },
        [&](const domain_snapshot& x, const domain_snapshot& y) {
          const std::string k = key(x);
          if (x.base_type != y.base_type)
            changed("domain", k, "base type", "base type " + x.base_type,
                    "base type " + y.base_type);
          if (x.not_null != y.not_null)
            changed("domain", k, "nullability", nullability(x.not_null), nullability(y.not_null));
          if (x.default_expr != y.default_expr)
            changed("domain", k, "default", or_none("default", x.default_expr),
                    or_none("default", y.default_expr));
          if (checks(x) != checks(y)) changed("domain", k, "checks", checks(x), checks(y));
        });
  }

  void extensions(const catalog_snapshot& e, const catalog_snapshot& a) {
    const auto key = [](const extension_snapshot& x) { return x.name; };
    match<extension_snapshot>(
        by_key(e.extensions, key), by_key(a.extensions, key),
        [&](const extension_snapshot& x) { missing("extension", x.name, ""); },
        [&](const extension_snapshot& x) { extra("extension", x.name, ""); },
        [](const extension_snapshot&, const extension_snapshot&) {});
  }

  std::vector<difference> take() { return std::move(out_); }

 private:
  static std::string nullability(bool not_null) { return not_null ? "NOT NULL" : "nullable"; }

  void relation(const relation_snapshot& x, const relation_snapshot& y) {
    const std::string k = x.schema + "." + x.name;
    if (x.kind != y.kind) {
      changed(x.kind, k, "kind", x.kind, y.kind);
      return;  // a table replaced by a view: its columns are not comparable
    }
    if (x.view_definition != y.view_definition)
      changed(x.kind, k, "definition", x.view_definition, y.view_definition);
    const auto key = [](const column_snapshot& c) { return c.name; };
    match<column_snapshot>(
        by_key(x.columns, key), by_key(y.columns, key),
        [&](const column_snapshot& c) { missing("column", k + "." + c.name, c.type); },
        [&](const column_snapshot& c) { extra("column", k + "." + c.name, c.type); },
        [&](const column_snapshot& c, const column_snapshot& d) {
          column(k + "." + c.name, c, d);
        });
    if (options_.strict_order) {
      std::vector<std::string> xs, ys;
      for (const auto& c : x.columns) xs.push_back(c.name);
      for (const auto& c : y.columns) ys.push_back(c.name);
      const auto xc = common_in_order(xs, ys);
      const auto yc = common_in_order(ys, xs);
      if (xc != yc)
        changed(x.kind, k, "column order", "columns (" + join(xc) + ")",
                "columns (" + join(yc) + ")");
    }
  }

  void column(const std::string& name, const column_snapshot& x, const column_snapshot& y) {
    if (x.type != y.type) changed("column", name, "type", "type " + x.type, "type " + y.type);
    if (x.not_null != y.not_null)
      changed("column", name, "nullability", nullability(x.not_null), nullability(y.not_null));
    if (x.default_expr != y.default_expr)
      changed("column", name, "default", or_none("default", x.default_expr),
              or_none("default", y.default_expr));
    if (x.generated_expr != y.generated_expr)
      changed("column", name, "generated", or_none("generated as", x.generated_expr),
              or_none("generated as", y.generated_expr));
    if (x.identity != y.identity)
      changed("column", name, "identity", or_none("identity", x.identity),
              or_none("identity", y.identity));
  }

  void missing(const std::string& type, const std::string& object, const std::string& detail) {
    out_.push_back({difference_kind::missing, type, object, "", detail, ""});
  }
  void extra(const std::string& type, const std::string& object, const std::string& detail) {
    out_.push_back({difference_kind::extra, type, object, "", "", detail});
  }
  void changed(const std::string& type, const std::string& object, const std::string& aspect,
               const std::string& expected, const std::string& actual) {
    out_.push_back({difference_kind::changed, type, object, aspect, expected, actual});
  }

  const diff_options& options_;
  std::vector<difference> out_;
};

}  // namespace

std::vector<difference> diff_snapshots(const catalog_snapshot& expected,
                                       const catalog_snapshot& actual,
                                       const diff_options& options) {
  differ d(options);
  d.relations(expected, actual);
  d.constraints(expected, actual);
  d.indexes(expected, actual);
  d.enums(expected, actual);
  d.composites(expected, actual);
  d.domains(expected, actual);
  d.extensions(expected, actual);
  std::vector<difference> out = d.take();
  std::stable_sort(out.begin(), out.end(), [](const difference& l, const difference& r) {
    return difference_text(l) < difference_text(r);
  });
  return out;
}

std::string difference_text(const difference& d) {
  const std::string head = d.object_type + " " + d.object + ": ";
  switch (d.kind) {
    case difference_kind::missing:
      return head + (d.expected.empty() ? "" : d.expected + " ") +
             "in schema.sql, missing in database";
    case difference_kind::extra:
      return head + "not in schema.sql, " + (d.actual.empty() ? "" : d.actual + " ") +
             "in database";
    case difference_kind::changed:
      break;
  }
  return head + d.expected + " in schema.sql, " + d.actual + " in database";
}

}  // namespace soong::gen::drift
