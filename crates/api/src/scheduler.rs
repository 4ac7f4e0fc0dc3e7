//! Background work of `pembina serve`: the behaviour follow-up scheduler (Kirkpatrick level 3),
//! run once at start and then every hour for today's date in the province (WIB).
//!
//! Each run is idempotent (tasks are unique per enrolment and role; a reminder is due only an
//! interval after the previous one), so several servers running it, or a run repeated within
//! the day, change nothing twice. Switched off with `PEMBINA_EVALUATION__FOLLOW_UP_SCHEDULER=false`,
//! e.g. on all but one instance; `POST /api/v1/follow-ups/run` runs it on demand.

use std::time::Duration;

use chrono::Utc;
use pembina_domain::learning::jp::province_date;
use pembina_persistence::Db;
use pembina_persistence::repositories::evaluation::{ScheduleCounts, schedule_follow_ups};

/// Time between two runs.
pub const FOLLOW_UP_PERIOD: Duration = Duration::from_secs(60 * 60);

/// Starts the scheduler on the current actix runtime; it lives as long as the server.
pub fn spawn_follow_ups(db: Db) {
    actix_web::rt::spawn(async move {
        loop {
            run_follow_ups_once(&db).await;
            actix_web::rt::time::sleep(FOLLOW_UP_PERIOD).await;
        }
    });
}

/// One run for today (WIB). Failures are logged and retried at the next run.
pub async fn run_follow_ups_once(db: &Db) {
    let today = province_date(Utc::now());
    match schedule_follow_ups(db, today).await {
        Ok(c) if c == ScheduleCounts::default() => {
            tracing::debug!(%today, "follow-up scheduler ran: nothing due");
        }
        Ok(c) => tracing::info!(
            %today,
            participant_tasks = c.participant_tasks,
            supervisor_tasks = c.supervisor_tasks,
            without_supervisor = c.without_supervisor,
            reminders = c.reminders,
            "follow-up scheduler ran"
        ),
        Err(e) => tracing::error!(%today, error = %e, "follow-up scheduler failed"),
    }
}
