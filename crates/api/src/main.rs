//! The `pembina` command: serve the API (and the SPA), run migrations, write the OpenAPI
//! document, create an administrator.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use pembina_api::config::Settings;
use pembina_api::startup::{self, Application};
use pembina_domain::accounts::{Role, validate_password};
use pembina_persistence::audit::Actor;
use pembina_persistence::repositories::{accounts, org};

#[derive(Parser)]
#[command(
    name = "pembina",
    version,
    about = "Pembina: performance-based development of civil servants"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API, the API docs (/docs) and the SPA.
    Serve {
        /// Seed demo data (idempotent) and allow the built-in JWT secret.
        #[arg(long)]
        demo: bool,
        /// Address to listen on [env: PEMBINA_BIND, default 127.0.0.1:8080].
        #[arg(long)]
        bind: Option<String>,
        /// sqlite:… or postgres://… [env: PEMBINA_DATABASE_URL, default a SQLite file under data/].
        #[arg(long)]
        database_url: Option<String>,
    },
    /// Apply pending database migrations and exit.
    Migrate {
        #[arg(long)]
        database_url: Option<String>,
    },
    /// Write the OpenAPI document, or with --check fail when the committed one differs.
    Openapi {
        #[arg(long, default_value = "openapi/openapi.json")]
        output: PathBuf,
        #[arg(long)]
        check: bool,
    },
    /// Create an administrator account (a super admin, or with --agency an agency admin).
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "Administrator")]
        name: String,
        /// Password (at least 10 characters); prefer the environment variable over the flag.
        #[arg(long, env = "PEMBINA_ADMIN_PASSWORD", hide_env_values = true)]
        password: String,
        /// Agency code (e.g. 1771) for an agency admin; omit for a super admin.
        #[arg(long)]
        agency: Option<String>,
        #[arg(long)]
        database_url: Option<String>,
    },
}

fn settings(overrides: Vec<(&str, Option<String>)>) -> anyhow::Result<Settings> {
    let o: Vec<(&str, String)> = overrides
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect();
    Ok(Settings::load(&o)?)
}

fn spec_text() -> anyhow::Result<String> {
    Ok(startup::openapi().to_pretty_json()? + "\n")
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve {
            demo,
            bind,
            database_url,
        } => {
            let s = settings(vec![("bind", bind), ("database_url", database_url)])?;
            pembina_api::telemetry::init(&s.log);
            if !demo && s.uses_default_secret() {
                anyhow::bail!(
                    "refusing to start with the built-in JWT secret: set PEMBINA_AUTH__JWT_SECRET (32+ random characters), or use --demo"
                );
            }
            if secrecy::ExposeSecret::expose_secret(&s.auth.jwt_secret).len() < 32 {
                anyhow::bail!("the JWT secret must be at least 32 characters");
            }
            tracing::info!(bind = %s.bind, database = %pembina_persistence::redact(&s.database_url), demo, "starting Pembina");
            let follow_ups = s.evaluation.follow_up_scheduler;
            let app = Application::build(s, demo).await?;
            tracing::info!(port = app.port(), "listening");
            if follow_ups {
                pembina_api::scheduler::spawn_follow_ups(app.db());
            } else {
                tracing::info!("follow-up scheduler switched off (evaluation.follow_up_scheduler)");
            }
            app.run_until_stopped().await?;
        }
        Command::Migrate { database_url } => {
            let s = settings(vec![("database_url", database_url)])?;
            pembina_api::telemetry::init(&s.log);
            startup::database(&s).await?;
            println!(
                "migrations applied to {}",
                pembina_persistence::redact(&s.database_url)
            );
        }
        Command::Openapi { output, check } => {
            let spec = spec_text()?;
            if check {
                let committed = std::fs::read_to_string(&output).unwrap_or_default();
                if committed != spec {
                    anyhow::bail!(
                        "{} is out of date: run `cargo run -p pembina-api -- openapi` (or `make openapi`) and commit it",
                        output.display()
                    );
                }
                println!("{} is up to date", output.display());
            } else {
                if let Some(dir) = output.parent() {
                    std::fs::create_dir_all(dir)?;
                }
                std::fs::write(&output, spec)?;
                println!("wrote {}", output.display());
            }
        }
        Command::CreateAdmin {
            email,
            name,
            password,
            agency,
            database_url,
        } => {
            let s = settings(vec![("database_url", database_url)])?;
            pembina_api::telemetry::init(&s.log);
            validate_password(&password).map_err(|e| anyhow::anyhow!("password {}", e.message))?;
            let db = startup::database(&s).await?;
            let (agency_id, roles) = match agency {
                Some(code) => {
                    let a = org::find_agency_by_code(&db, &code)
                        .await?
                        .ok_or_else(|| anyhow::anyhow!("no agency with code {code}"))?;
                    (Some(a.id), vec![Role::AgencyAdmin])
                }
                None => (None, vec![Role::SuperAdmin]),
            };
            let password_hash =
                pembina_api::auth::hash_password(&password).map_err(anyhow::Error::msg)?;
            let user = accounts::create_user(
                &db,
                &Actor::system(),
                accounts::NewUser {
                    email,
                    display_name: name,
                    password_hash,
                    agency_id,
                    employee_id: None,
                    roles,
                },
            )
            .await?;
            println!(
                "created {} ({})",
                user.user.email,
                user.roles
                    .iter()
                    .map(|r| r.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    Ok(())
}

#[actix_web::main]
async fn main() -> ExitCode {
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
