//! HTTP routes, one module per resource, registered in one tree that also builds the OpenAPI
//! document (utoipa-actix-web), so the spec cannot miss a route.

pub mod agencies;
pub mod api_keys;
pub mod appraisal;
pub mod audit;
pub mod auth;
pub mod common;
pub mod competencies;
pub mod employees;
pub mod evaluation;
pub mod health;
pub mod imports;
pub mod jp;
pub mod learning;
pub mod org_units;
pub mod plans;
pub mod positions;
pub mod programmes;
pub mod skp;
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
        .service(jp::export_jp_shortfall)
        .service(agencies::list_agencies)
        .service(programmes::list_programmes)
        .service(programmes::create_programme)
        .service(programmes::get_programme)
        .service(programmes::update_programme)
        .service(programmes::add_module)
        .service(programmes::reorder_modules)
        .service(programmes::put_programme_test)
        .service(programmes::update_module)
        .service(programmes::delete_module)
        .service(programmes::add_link)
        .service(programmes::upload_file)
        .service(programmes::put_module_quiz)
        .service(programmes::delete_material)
        .service(programmes::download_material)
        .service(programmes::list_sessions)
        .service(programmes::create_session)
        .service(programmes::get_session)
        .service(programmes::update_session)
        .service(learning::enrol)
        .service(learning::participants)
        .service(learning::cancel_enrolment)
        .service(learning::put_attendance)
        .service(learning::get_attendance)
        .service(learning::complete_session)
        .service(learning::my_open_sessions)
        .service(learning::register)
        .service(learning::my_learning)
        .service(learning::my_enrolment)
        .service(learning::save_position)
        .service(learning::complete_module)
        .service(learning::submit_attempt)
        .service(learning::my_certificate)
        .service(learning::enrolment_certificate)
        .service(learning::verify_certificate)
        .service(learning::my_recommendations)
        .service(learning::employee_recommendations)
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
    cfg.service(jp::get_employee_jp)
        .service(jp::get_my_jp)
        .service(jp::create_jp_credit)
        .service(jp::delete_jp_credit)
        .service(jp::get_jp_conversions)
        .service(jp::put_jp_conversions)
        .service(jp::get_jp_summary)
        .service(jp::list_jp_shortfall);
    cfg.service(skp::create_skp_plan)
        .service(skp::get_my_skp)
        .service(skp::get_my_team_skp)
        .service(skp::get_skp_plan)
        .service(skp::put_skp_results)
        .service(skp::take_skp_step)
        .service(skp::add_skp_feedback)
        .service(skp::put_skp_realisation)
        .service(skp::put_skp_behaviours)
        .service(skp::put_skp_periodic)
        .service(skp::get_skp_history)
        .service(skp::get_skp_pdf)
        .service(skp::upload_skp_evidence)
        .service(skp::download_skp_evidence)
        .service(skp::delete_skp_evidence);
    cfg.service(appraisal::get_employee_ratings)
        .service(appraisal::get_my_ratings)
        .service(appraisal::put_unit_result)
        .service(appraisal::get_skp_distribution)
        .service(appraisal::get_session_outcomes);
    cfg.service(evaluation::submit_reaction)
        .service(evaluation::my_pending_reactions)
        .service(evaluation::get_session_evaluation)
        .service(evaluation::get_programme_evaluation)
        .service(evaluation::get_evaluation_settings)
        .service(evaluation::put_evaluation_settings)
        .service(evaluation::my_follow_ups)
        // Literal before `{id}`.
        .service(evaluation::run_follow_ups)
        .service(evaluation::list_follow_ups)
        .service(evaluation::answer_follow_up);
}
