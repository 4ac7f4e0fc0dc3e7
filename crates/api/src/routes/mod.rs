//! HTTP routes, one module per resource, registered in one tree that also builds the OpenAPI
//! document (utoipa-actix-web), so the spec cannot miss a route.

pub mod agencies;
pub mod api_keys;
pub mod audit;
pub mod auth;
pub mod common;
pub mod competencies;
pub mod employees;
pub mod health;
pub mod imports;
pub mod org_units;
pub mod plans;
pub mod positions;
pub mod surveys;
pub mod users;

use utoipa_actix_web::service_config::ServiceConfig;

/// Every `/api/v1` route.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::get_health)
        .service(health::get_ready)
        .service(auth::login)
        .service(auth::refresh)
        .service(auth::logout)
        .service(auth::get_me)
        // Literal paths before `{id}` ones, which would swallow them.
        .service(imports::export_employees)
        .service(imports::export_org_units)
        .service(imports::export_positions)
        .service(plans::export_plan)
        .service(agencies::list_agencies)
        .service(agencies::get_agency)
        .service(agencies::create_agency)
        .service(agencies::update_agency)
        .service(org_units::list_org_units)
        .service(org_units::get_org_unit)
        .service(org_units::get_org_unit_ancestry)
        .service(org_units::create_org_unit)
        .service(org_units::update_org_unit)
        .service(positions::list_positions)
        .service(positions::get_position)
        .service(positions::create_position)
        .service(positions::update_position)
        .service(employees::list_employees)
        .service(employees::get_employee)
        .service(employees::get_employee_supervisor_chain)
        .service(employees::create_employee)
        .service(employees::update_employee)
        .service(employees::deactivate_employee)
        .service(users::list_users)
        .service(users::get_user)
        .service(users::create_user)
        .service(users::update_user)
        .service(users::reset_user_password)
        .service(audit::list_audit_events)
        .service(imports::create_import)
        .service(imports::list_imports)
        .service(imports::get_import)
        .service(imports::get_import_errors)
        .service(imports::get_import_template)
        .service(api_keys::list_api_keys)
        .service(api_keys::create_api_key)
        .service(api_keys::revoke_api_key)
        .service(competencies::list_competencies)
        .service(competencies::get_competency)
        .service(competencies::create_competency)
        .service(competencies::update_competency)
        .service(competencies::get_competency_settings)
        .service(competencies::put_competency_settings)
        .service(competencies::get_position_standard)
        .service(competencies::put_position_standard)
        .service(competencies::list_assessments)
        .service(competencies::create_assessment)
        .service(competencies::void_assessment)
        .service(competencies::get_employee_gap)
        .service(competencies::get_unit_gaps)
        .service(competencies::get_agency_gaps)
        .service(competencies::list_training_needs)
        .service(surveys::list_surveys)
        .service(surveys::get_survey)
        .service(surveys::create_survey)
        .service(surveys::put_survey)
        .service(surveys::open_survey)
        .service(surveys::close_survey)
        .service(surveys::get_survey_results)
        .service(surveys::my_survey_tasks)
        .service(surveys::get_survey_task)
        .service(surveys::answer_survey_task)
        .service(surveys::get_public_survey)
        .service(surveys::answer_public_survey)
        .service(plans::list_plan)
        .service(plans::get_plan_item)
        .service(plans::create_plan_item)
        .service(plans::put_plan_item)
        .service(plans::delete_plan_item);
}
