//! API tests: each runs against a real server, once on SQLite and once on PostgreSQL.

mod helpers;

mod api_keys;
mod appraisal;
mod audit;
mod auth;
mod competencies;
mod competency_imports;
mod demo;
mod employees;
mod errors;
mod evaluation;
mod imports;
mod jp;
mod learning;
mod openapi;
mod org;
mod ratings;
mod skp;
mod spa;
mod surveys;
mod users;
