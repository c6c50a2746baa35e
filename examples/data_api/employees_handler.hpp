#pragma once
// A Lambda-style handler for the employees table, written once: `Database` is a
// soong::connection (libpq) or a soong::data_api::session (the RDS Data API), and the generated
// functions have an overload for each. Only opening a transaction differs (in_one_transaction).
//
//   {"action": "list"}                        -> {"statusCode": 200, "employees": [...]}
//   {"action": "insert", "employees": [...]}  -> {"statusCode": 201, "inserted": n}
//                                                or 409 when one of them exists: none is kept

#include <nlohmann/json.hpp>
#include <soong/connection.hpp>
#include <soong/data_api/session.hpp>
#include <soong/error.hpp>
#include <soong/transaction.hpp>
#include <span>
#include <string>
#include <vector>

#include "employees.sql.hpp"

namespace employees {

using employee = db::employee;  // the table's row: id, name, email, department

/// Runs `work(db)` in one transaction, committed when it returns. The one place the two
/// transports differ.
template <class Work>
void in_one_transaction(soong::connection& conn, Work&& work) {
  soong::transaction tx(conn);
  work(conn);
  tx.commit();
}

template <class Work>
void in_one_transaction(soong::data_api::session& session, Work&& work) {
  if (session.current_transaction() != nullptr) return work(session);
  soong::data_api::transaction tx(session.owner());  // BeginTransaction
  soong::data_api::session in_tx(tx);
  work(in_tx);
  tx.commit();  // else the destructor sends RollbackTransaction
}

template <class Database>
std::vector<employee> list(Database& db) {
  return db::list_employees(db);
}

/// All of `batch` or none of it: a duplicate anywhere throws soong::unique_violation naming
/// InsertEmployees, and no row of the batch stays.
template <class Database>
void insert(Database& db, std::span<const employee> batch) {
  std::vector<db::insert_employees_params> items;
  items.reserve(batch.size());
  for (const employee& e : batch) {
    items.push_back({.id = e.id, .name = e.name, .email = e.email, .department = e.department});
  }
  in_one_transaction(db, [&](auto& in_tx) { db::insert_employees(in_tx, items); });
}

template <class Database>
nlohmann::json handle(Database& db, const nlohmann::json& event) {
  const std::string action = event.value("action", "");
  if (action == "list") {
    nlohmann::json rows = nlohmann::json::array();
    for (const employee& e : list(db)) {
      rows.push_back(
          {{"id", e.id}, {"name", e.name}, {"email", e.email}, {"department", e.department}});
    }
    return {{"statusCode", 200}, {"employees", std::move(rows)}};
  }
  if (action == "insert") {
    std::vector<employee> batch;
    for (const nlohmann::json& e : event.at("employees")) {
      batch.push_back({e.at("id").get<std::int64_t>(), e.at("name").get<std::string>(),
                       e.at("email").get<std::string>(), e.at("department").get<std::string>()});
    }
    try {
      insert(db, std::span<const employee>(batch));
    } catch (const soong::unique_violation& e) {
      return {{"statusCode", 409}, {"message", e.what()}};
    }
    return {{"statusCode", 201}, {"inserted", batch.size()}};
  }
  return {{"statusCode", 400}, {"message", "action must be list or insert"}};
}

}  // namespace employees
