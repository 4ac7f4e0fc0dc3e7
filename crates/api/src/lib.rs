//! Pembina's HTTP API: actix-web routes, authentication, problem+json errors, the OpenAPI
//! document, configuration, and the wiring that `main` and the tests share.

pub mod auth;
pub mod config;
pub mod demo;
pub mod demo_appraisal;
pub mod demo_learning;
pub mod demo_ratings;
pub mod error;
pub mod extract;
pub mod imports;
pub mod openapi;
pub mod pdf;
pub mod qr;
pub mod rating_keys;
pub mod routes;
pub mod scheduler;
pub mod startup;
pub mod storage;
pub mod telemetry;
