//! sea-orm entities, one per table, in the shape sea-orm-cli generates. Hand-written queries and
//! mappings belong in `repositories/`, not here.

pub mod agencies;
pub mod api_keys;
pub mod audit_events;
pub mod competencies;
pub mod competency_assessments;
pub mod competency_settings;
pub mod competency_standards;
pub mod employees;
pub mod import_errors;
pub mod import_rows;
pub mod imports;
pub mod org_units;
pub mod plan_items;
pub mod plan_targets;
pub mod positions;
pub mod refresh_tokens;
pub mod survey_assignments;
pub mod survey_questions;
pub mod survey_responses;
pub mod surveys;
pub mod user_roles;
pub mod users;
