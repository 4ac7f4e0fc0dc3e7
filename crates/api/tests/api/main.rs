//! API tests: each runs against a real server, once on SQLite and once on PostgreSQL.

mod helpers;

mod auth;
mod errors;
