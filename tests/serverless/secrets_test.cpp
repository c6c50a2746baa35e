// Secrets never leave soong in anything a program prints or logs. Every failure a user can
// provoke with a secret in the connection settings (wrong password, unknown database, a server
// that is down, a malformed URL or conninfo, PGPASSWORD, a .pgpass file, an RDS IAM token signed
// with recognisable AWS keys, a pool or the default connection that cannot connect, a lost
// connection), every description and statement-hook event, the real `soong doctor`, `soong db`
// and `soong migrate` executables on their success and failure paths, the arguments of the psql
// soong starts, and the Data API emulator's answers and log are searched for every secret.
// The server here checks passwords (SCRAM), so the wrong-password path is the real one.

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <soong/data_api/client.hpp>
#include <soong/soong.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "embedded_server.hpp"
#include "run_soong.hpp"
#include "running_emulator.hpp"

namespace {

constexpr const char* password = "Sup3r-Secr3t-Passw0rd";
constexpr const char* wrong_password = "Wr0ng-But-Still-Secr3t";
constexpr const char* pgpass_password = "Pgp4ss-Secr3t-Line";
// AWS keys made of characters SigV4 leaves unencoded, so a leaked IAM token (which carries the
// session token) would show them verbatim.
constexpr const char* secret_access_key = "Aws-Secr3t-Access-Key-0123456789";
constexpr const char* session_token = "Aws-Sess10n-Token-abcdefghijklmnop";
constexpr const char* all_secrets[] = {password, wrong_password, pgpass_password, secret_access_key,
                                       session_token};

using soong::testing::shell_quote;

class secrets : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    soong::embedded::server_options options;
    options.listen_tcp = true;
    options.hba_lines = {"host all app 127.0.0.1/32 scram-sha-256"};
    server_ = soong::embedded::server::start(options).release();
    soong::connection admin(server_->conninfo());
    soong::execute_script(admin, std::string("CREATE ROLE app LOGIN PASSWORD '") + password + "'");
  }
  static void TearDownTestSuite() { delete server_; }

  static std::string url(const char* secret, const std::string& dbname = "postgres", int port = 0) {
    return "postgresql://app:" + std::string(secret) +
           "@127.0.0.1:" + std::to_string(port != 0 ? port : server_->port()) + "/" + dbname;
  }

  /// Records everything soong said; checked for secrets at the end of each test.
  void said(const std::string& text) { said_.push_back(text); }
  template <class Call>
  void said_by(Call call) {
    try {
      call();
      ADD_FAILURE() << "expected an exception";
    } catch (const std::exception& e) {
      said(e.what());
    }
  }

  /// Runs the real `soong <args>` with `environment` (shell words) and records what it printed.
  soong::testing::command_result soong_said(const std::string& args,
                                            const std::string& environment = {}) {
    soong::testing::command_result r =
        soong::testing::run_soong_in(SOONG_SOURCE_DIR, args, environment);
    said("soong exited with " + std::to_string(r.exit_code) + "\n" + r.out + r.err);
    return r;
  }

  void TearDown() override {
    ASSERT_FALSE(said_.empty());
    for (const std::string& text : said_) {
      for (const char* secret : all_secrets) {
        EXPECT_EQ(text.find(secret), std::string::npos) << secret << " in: " << text;
      }
    }
  }

  /// An IAM config for the role `app` signed with the recognisable keys (region eu-west-1).
  static soong::connection_config iam_config() {
    soong::connection_config config;
    config.host = "127.0.0.1";
    config.port = server_->port();
    config.dbname = "postgres";
    config.user = "app";
    config.sslmode = "disable";  // so the token reaches the server and is refused there
    config.iam.enabled = true;
    config.iam.region = "eu-west-1";
    config.iam.credentials = [] {
      return soong::aws::credentials{"AKIDSECRETSTEST", secret_access_key, session_token};
    };
    return config;
  }

  /// The AWS environment of a process that signs IAM tokens with the recognisable keys.
  static std::string aws_environment() {
    return std::string("AWS_ACCESS_KEY_ID=AKIDSECRETSTEST AWS_SECRET_ACCESS_KEY=") +
           secret_access_key + " AWS_SESSION_TOKEN=" + session_token;
  }

  std::vector<std::string> said_;
  static inline soong::embedded::server* server_ = nullptr;
};

TEST_F(secrets, failed_connects_never_quote_the_password) {
  said_by([&] { soong::connection c(url(wrong_password)); });                // wrong password
  said_by([&] { soong::connection c(url(password, "no_such_database")); });  // unknown database
  said_by([&] { soong::connection c(url(password, "postgres", 1)); });       // nothing listens
  said_by([&] { soong::connection c(url(password) + "?sslmode=bogus"); });   // bad option
  said_by([&] { soong::connection c("postgresql://app:" + std::string(password) + "@[::1"); });
  said_by([&] {
    static_cast<void>(soong::connection_config::parse(url(password) + "?connect_timeout=soon"));
  });
  said_by([&] {
    soong::connection_config config = soong::connection_config::parse(url(wrong_password));
    soong::connection c(config);
  });
  EXPECT_NE(said_.front().find("password authentication failed"), std::string::npos)
      << said_.front();
}

TEST_F(secrets, conninfo_pgpassword_and_pgpass_passwords_stay_out) {
  const std::string base = "host=127.0.0.1 port=" + std::to_string(server_->port()) + " user=app";
  said_by([&] { soong::connection c(base + " dbname=postgres password=" + wrong_password); });
  said_by([&] {
    soong::connection c(base + " password='" + std::string(wrong_password) + "' bogus=1");
  });
  said_by([&] { soong::connection c(base + " password=" + std::string(password) + " port='"); });
  said_by([&] {
    static_cast<void>(soong::connection_config::parse(base + " password=" + wrong_password +
                                                      " connect_timeout=soon"));
  });
  said(soong::connection_config::parse(base + " password=" + password).description());

  ::setenv("PGPASSWORD", wrong_password, 1);
  said_by([&] { soong::connection c(base + " dbname=postgres"); });
  said_by([&] { soong::connection c(soong::connection_config::parse(base + " dbname=postgres")); });
  ::unsetenv("PGPASSWORD");

  const std::filesystem::path pgpass = std::filesystem::temp_directory_path() /
                                       ("soong_secrets_pgpass_" + std::to_string(::getpid()));
  {
    std::ofstream out(pgpass);
    out << "127.0.0.1:" << server_->port() << ":*:app:" << pgpass_password << "\n";
  }
  std::filesystem::permissions(
      pgpass, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  ::setenv("PGPASSFILE", pgpass.c_str(), 1);
  said_by([&] { soong::connection c(base + " dbname=postgres"); });
  said_by([&] { soong::connection c(base + " dbname=no_such_database"); });
  ::unsetenv("PGPASSFILE");
  std::filesystem::remove(pgpass);
  for (const std::string& text : said_) {
    if (text.starts_with("host=")) continue;  // the description
    EXPECT_TRUE(text.find("password authentication failed") != std::string::npos ||
                text.find("does not exist") != std::string::npos ||
                text.find("invalid") != std::string::npos ||
                text.find("unterminated") != std::string::npos ||
                text.find("not a number") != std::string::npos)
        << "no reason given: " << text;
  }
}

TEST_F(secrets, iam_tokens_and_aws_keys_stay_out) {
  // The token reaches the server, which refuses it as a wrong password.
  said_by([&] { soong::connection c(iam_config()); });
  EXPECT_NE(said_.back().find("password authentication failed"), std::string::npos) << said_.back();
  said(iam_config().description());
  soong::pool pool(iam_config());
  said_by([&] { static_cast<void>(pool.acquire()); });
  // No region: no token, and the error says so.
  soong::connection_config no_region = iam_config();
  no_region.iam.region.clear();
  ::unsetenv("AWS_REGION");
  ::unsetenv("AWS_DEFAULT_REGION");
  said_by([&] { soong::connection c(no_region); });
  EXPECT_NE(said_.back().find("RDS IAM"), std::string::npos) << said_.back();
  // A token minted directly is a secret by itself: it must carry the session token, which is
  // how a leaked token would show up in the checks above.
  soong::rds::auth_token_request request;
  request.host = "db.example.com";
  request.user = "app";
  request.region = "eu-west-1";
  request.credentials = {"AKIDSECRETSTEST", secret_access_key, session_token};
  EXPECT_NE(soong::rds::generate_auth_token(request).find(session_token), std::string::npos);
}

TEST_F(secrets, soong_doctor_never_prints_a_secret) {
  const std::string port = std::to_string(server_->port());
  const auto ok = soong_said("doctor --database-url " + shell_quote(url(password)));
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(soong_said("doctor --database-url " + shell_quote(url(wrong_password))).exit_code, 2);
  EXPECT_NE(said_.back().find("password authentication failed"), std::string::npos) << said_.back();
  soong_said("doctor --database-url " + shell_quote(url(password, "postgres", 1)));  // unreachable
  soong_said("doctor --database-url " +
             shell_quote("postgresql://app:" + std::string(password) + "@[::1"));  // bad URL
  soong_said("doctor --database-url " + shell_quote(url(password) + "?connect_timeout=soon"));
  soong_said("doctor --database-url " + shell_quote(url(password) + "?sslmode=require"));  // TLS
  soong_said("doctor --database-url " +
             shell_quote(url(password) + "?sslmode=verify-full&sslrootcert=/no/such/ca.pem"));
  soong_said("doctor --database-url " + shell_quote("host=127.0.0.1 port=" + port +
                                                    " user=app password=" + wrong_password),
             "");
  soong_said("doctor", "DATABASE_URL=" + shell_quote(url(wrong_password)));
  soong_said("doctor",
             "DATABASE_URL=" + shell_quote("postgresql://app:" + std::string(password) + "@[::1"));
  // The URL where an option was expected: the command line parser must not echo it.
  soong_said("doctor " + shell_quote(url(password)));
  soong_said("doctor " +
             shell_quote("host=127.0.0.1 password='" + std::string(wrong_password) + "' user=app"));
  soong_said("db url " + shell_quote("password = " + std::string(password)));
  soong_said("doctor --database-url " + shell_quote(url(password)) + " " +
             shell_quote(url(wrong_password)));
  soong_said("doctor", std::string("PGHOST=127.0.0.1 PGPORT=") + port +
                           " PGUSER=app PGDATABASE=postgres PGPASSWORD=" + wrong_password);
  // RDS IAM: a token signed with the environment's keys and refused; then no region to sign for.
  const std::string iam_url = "postgresql://app@127.0.0.1:" + port + "/postgres?sslmode=disable";
  soong_said("doctor --database-url " + shell_quote(iam_url),
             "PG_IAM_AUTH=1 AWS_REGION=eu-west-1 " + aws_environment());
  EXPECT_NE(said_.back().find("password authentication failed"), std::string::npos) << said_.back();
  soong_said("doctor --database-url " + shell_quote(iam_url),
             "PG_IAM_AUTH=1 AWS_REGION= AWS_DEFAULT_REGION= " + aws_environment());
  EXPECT_NE(said_.back().find("exited with 2"), std::string::npos) << said_.back();
}

TEST_F(secrets, soong_db_and_migrate_errors_never_print_a_secret) {
  const std::filesystem::path migrations =
      std::filesystem::temp_directory_path() / ("soong_secrets_mig_" + std::to_string(::getpid()));
  std::filesystem::create_directories(migrations);
  for (const std::string& secret_url :
       {url(wrong_password), url(password, "postgres", 1),
        "postgresql://app:" + std::string(password) + "@[::1", url(password, "no_such_db")}) {
    const std::string db = " --database-url " + shell_quote(secret_url);
    for (const char* command :
         {"db url", "db wait --timeout 1s", "db create", "db drop --force", "db sessions"}) {
      soong_said(std::string(command) + db);
    }
    soong_said("migrate status --dir " + shell_quote(migrations.string()) + db);
    soong_said("migrate status --dir " + shell_quote(migrations.string()) + " " +
               shell_quote(secret_url));  // a URL where no argument belongs
    soong_said("db create " + shell_quote(secret_url));
    soong_said("migrate up --dir " + shell_quote(migrations.string()) + db);
  }
  soong_said("db url", "DATABASE_URL=" + shell_quote(url(password)));
  soong_said("db url --format json", "DATABASE_URL=" + shell_quote(url(password)));
  soong_said("migrate status --format json --dir " + shell_quote(migrations.string()),
             "DATABASE_URL=" + shell_quote(url(password)));
  soong_said("migrate status --dir " + shell_quote(migrations.string()),
             "PG_IAM_AUTH=1 AWS_REGION=eu-west-1 DATABASE_URL=" +
                 shell_quote("postgresql://app@127.0.0.1:" + std::to_string(server_->port()) +
                             "/postgres?sslmode=disable") +
                 " " + aws_environment());
  std::filesystem::remove_all(migrations);
}

TEST_F(secrets, psql_started_by_soong_gets_no_secret_in_its_arguments) {
  // A psql first on PATH that records its arguments (what `ps` shows) and runs the real one.
  const std::optional<std::string> bin_dir = soong::embedded::find_bin_dir();
  ASSERT_TRUE(bin_dir.has_value());
  const std::filesystem::path shim_dir =
      std::filesystem::temp_directory_path() / ("soong_secrets_psql_" + std::to_string(::getpid()));
  std::filesystem::create_directories(shim_dir);
  const std::filesystem::path argv_file = shim_dir / "argv";
  {
    std::ofstream shim(shim_dir / "psql");
    shim << "#!/bin/sh\nprintf '%s\\n' \"$0\" \"$@\" > " << shell_quote(argv_file.string())
         << "\nexec " << shell_quote(*bin_dir + "/psql") << " \"$@\"\n";
  }
  std::filesystem::permissions(shim_dir / "psql", std::filesystem::perms::owner_all);
  const auto r = soong_said(
      "db connect --database-url " + shell_quote(url(password)) + " -- -XAtc 'SELECT 40 + 2'",
      "PATH=" + shell_quote(shim_dir.string() + ":" + std::getenv("PATH")));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("42"), std::string::npos) << r.out << r.err;  // psql really connected
  std::ifstream recorded(argv_file);
  std::stringstream argv;
  argv << recorded.rdbuf();
  ASSERT_NE(argv.str().find("SELECT 40 + 2"), std::string::npos) << argv.str();
  said(argv.str());
  std::filesystem::remove_all(shim_dir);
}

TEST_F(secrets, the_data_api_keeps_the_database_password_and_aws_keys) {
  const std::string cluster = "arn:aws:rds:eu-west-1:123456789012:cluster:secrets";
  const std::string secret = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:s-AbCdEf";
  for (const char* database_password : {password, wrong_password}) {
    data_api_testing::running_emulator emulator(
        data_api_testing::running_emulator::options_for(url(database_password), cluster, secret));
    soong::data_api::client_config config = emulator.client_config();
    soong::data_api::client client(config);
    said_by([&] {
      static_cast<void>(client.call("Execute", {{"sql", "SELECT no_such_column"}}, "Broken"));
    });
    // Signed with the recognisable keys, which the emulator does not know.
    config.credentials = [] {
      return soong::aws::credentials{"AKIDLOCAL", secret_access_key, session_token};
    };
    said_by([&] {
      static_cast<void>(
          soong::data_api::client(config).call("Execute", {{"sql", "SELECT 1"}}, "Probe"));
    });
    config.endpoint = "http://127.0.0.1:1";
    said_by([&] {
      static_cast<void>(
          soong::data_api::client(config).call("Execute", {{"sql", "SELECT 1"}}, "Probe"));
    });
    said(emulator.log_text());
  }
}

TEST_F(secrets, descriptions_and_statement_events_hold_no_password) {
  soong::connection conn(url(password));
  said(conn.description());
  said(soong::connection_config::parse(url(password)).description());
  std::string events;
  conn.set_statement_hook([&](const soong::statement_event& e) {
    events += std::string(e.query_name) + " " + std::string(e.sql) + "\n";
  });
  static_cast<void>(soong::execute_sql(conn, "SELECT 1"));
  said(events);
  // A lost connection's error.
  soong::connection admin(server_->conninfo());
  static_cast<void>(
      soong::execute_sql(admin, "SELECT pg_terminate_backend($1)", conn.backend_pid()));
  said_by([&] { static_cast<void>(soong::execute_sql(conn, "SELECT 1")); });
  said_by([&] {
    conn.reconnect();
    soong::connection bad(url(wrong_password));
  });
}

TEST_F(secrets, pools_and_the_default_connection_keep_it_too) {
  soong::pool pool(url(wrong_password));
  said_by([&] { static_cast<void>(pool.acquire()); });
  ::setenv("DATABASE_URL", url(wrong_password).c_str(), 1);
  said_by([&] { static_cast<void>(soong::default_connection()); });
  ::unsetenv("DATABASE_URL");
  soong::reset_default_connection();
}

}  // namespace
