#include "platform/identity/schema.hpp"

#include <string>

namespace mosaik::identity {

namespace {

// Both dialects share the tables; they differ in the id column and in how the audit log is
// made append-only (a trigger that refuses UPDATE and DELETE: a second wall behind the API,
// which has no route to change it).
std::string tables(storage::Backend backend) {
  return storage::portable_sql(
      "CREATE TABLE staff_users ("
      " id {id},"
      " email TEXT NOT NULL UNIQUE,"
      " display_name TEXT NOT NULL,"
      " password_hash TEXT NOT NULL,"
      " disabled INTEGER NOT NULL DEFAULT 0,"
      " created_at BIGINT NOT NULL,"
      " updated_at BIGINT NOT NULL,"
      " last_login_at BIGINT);"
      "CREATE TABLE staff_roles ("
      " user_id BIGINT NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,"
      " role TEXT NOT NULL,"
      " city TEXT NOT NULL,"  // '' for platform-admin
      " PRIMARY KEY (user_id, role));"
      "CREATE INDEX staff_roles_city ON staff_roles (city);"
      "CREATE TABLE staff_sessions ("
      " id_digest TEXT PRIMARY KEY,"  // SHA-256 of the cookie value
      " user_id BIGINT NOT NULL REFERENCES staff_users(id) ON DELETE CASCADE,"
      " csrf_token TEXT NOT NULL,"
      " created_at BIGINT NOT NULL,"
      " last_seen_at BIGINT NOT NULL,"
      " remote_address TEXT NOT NULL);"
      "CREATE INDEX staff_sessions_user ON staff_sessions (user_id);"
      "CREATE TABLE api_tokens ("
      " id {id},"
      " city TEXT NOT NULL,"
      " name TEXT NOT NULL,"
      " token_digest TEXT NOT NULL UNIQUE,"  // SHA-256 of the token
      " prefix TEXT NOT NULL,"               // first characters, to recognise it
      " scopes TEXT NOT NULL,"               // space-separated MODULE:read|write
      " created_by BIGINT,"
      " created_at BIGINT NOT NULL,"
      " last_used_at BIGINT,"
      " revoked_at BIGINT);"
      "CREATE INDEX api_tokens_city ON api_tokens (city, id);"
      "CREATE TABLE login_failures ("
      " key_digest TEXT PRIMARY KEY,"  // SHA-256 of 'account:EMAIL' or 'address:IP'
      " failures INTEGER NOT NULL,"
      " window_start BIGINT NOT NULL,"
      " locked_until BIGINT NOT NULL);"
      "CREATE TABLE audit_log ("
      " id {id},"
      " at BIGINT NOT NULL,"
      " city TEXT NOT NULL,"  // '' for changes outside any city
      " actor_kind TEXT NOT NULL,"
      " actor_id TEXT NOT NULL,"
      " actor_label TEXT NOT NULL,"
      " action TEXT NOT NULL,"
      " object_type TEXT NOT NULL,"
      " object_id TEXT NOT NULL,"
      " before_json TEXT,"
      " after_json TEXT,"
      " request_id TEXT NOT NULL);"
      "CREATE INDEX audit_log_city ON audit_log (city, id);",
      backend);
}

}  // namespace

std::vector<storage::Migration> identity_migrations() {
  return {
      {"identity", 1, "staff accounts, sessions, API tokens, audit log",
       tables(storage::Backend::sqlite) +
           "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
           " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
           "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
           " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
       tables(storage::Backend::postgres) +
           "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$"
           " BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;"
           "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log"
           " FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();"},
  };
}

}  // namespace mosaik::identity
