//! The import machinery shared by every kind: staging, cross-row checks, ordered writes, the
//! import record.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::Utc;
use pembina_domain::DomainError;
use pembina_domain::accounts::Scope;
use pembina_domain::imports::{HeaderMap, ImportKind, RowError};
use pembina_domain::page::{Page, PageRequest};
use sea_orm::sea_query::{Expr, ExprTrait, Query, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;
use uuid::Uuid;

use crate::DbResultExt;
use crate::audit::Actor;
use crate::entities::{import_errors as errors_table, import_rows, imports};
use crate::repositories::{fetch_page, scoped};

/// Rows validated and written per round trip.
pub(crate) const CHUNK: usize = 1000;
/// Errors returned in the response and kept in the stored report; the count covers all.
pub const MAX_REPORTED_ERRORS: usize = 10_000;

/// Where rows come from (a CSV or XLSX reader).
pub trait RowSource: Send {
    fn headers(&mut self) -> Result<Vec<String>, FileProblem>;
    /// Up to `max` data rows with their 1-based line numbers; empty at the end.
    fn next_rows(&mut self, max: usize) -> Result<Vec<(u64, Vec<String>)>, FileProblem>;
}

/// Why a whole file cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub code: &'static str,
    pub message: String,
    pub errors: Vec<RowError>,
}

#[derive(Debug)]
pub enum ImportError {
    File(FileProblem),
    Domain(DomainError),
}

impl From<DomainError> for ImportError {
    fn from(e: DomainError) -> Self {
        Self::Domain(e)
    }
}

impl From<FileProblem> for ImportError {
    fn from(e: FileProblem) -> Self {
        Self::File(e)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    DryRun,
    Commit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnError {
    /// Any rejected row means nothing is written.
    Abort,
    /// Valid rows are written, rejected ones reported.
    Skip,
}

#[derive(Debug, Clone)]
pub struct FileInfo {
    pub name: Option<String>,
    pub sha256: String,
    pub bytes: u64,
    pub format: &'static str,
}

#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub kind: ImportKind,
    pub mode: ImportMode,
    pub on_error: OnError,
    /// Employees only: mark the agency's employees missing from the file inactive.
    pub full_sync: bool,
    pub agency_id: Uuid,
    pub actor: Actor,
    pub file: FileInfo,
}

#[derive(Debug, Clone)]
pub struct ImportReport {
    pub record: imports::Model,
    /// The first [`MAX_REPORTED_ERRORS`] errors, in row order.
    pub errors: Vec<RowError>,
}

/// What a staged row will do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Create,
    Update,
    Same,
    Reject,
}

impl Outcome {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Update => "update",
            Self::Same => "same",
            Self::Reject => "reject",
        }
    }
}

/// One row after validation.
pub(crate) struct Staged {
    pub row_no: u64,
    pub key: String,
    pub parent_key: Option<String>,
    pub outcome: Outcome,
    pub payload: String,
}

/// What each kind contributes to the machinery.
#[async_trait]
pub(crate) trait KindHandler: Send + Sync {
    /// The column that holds the natural key, and the one naming the parent (if any).
    fn key_column(&self) -> &'static str;
    fn parent_column(&self) -> Option<&'static str>;
    /// Keys already stored for the agency (parents may point at them). Only asked of kinds
    /// with a parent column; the default is no keys.
    fn existing_keys(&self, _agency_id: Uuid) -> SelectStatement {
        Query::select()
            .column(import_rows::Column::Key)
            .from(import_rows::Entity)
            .and_where(Expr::val(1).eq(0))
            .to_owned()
    }
    /// Validates rows; every row comes back staged (rejected ones with their errors).
    async fn stage(
        &self,
        txn: &DatabaseTransaction,
        header: &HeaderMap,
        rows: Vec<(u64, Vec<String>)>,
    ) -> Result<(Vec<Staged>, Vec<RowError>), DomainError>;
    /// Writes rows whose parents all exist already.
    async fn write(
        &self,
        txn: &DatabaseTransaction,
        actor: &Actor,
        rows: Vec<import_rows::Model>,
    ) -> Result<(), DomainError>;
    /// Employees only: the agency's rows missing from the file, made inactive when `write`.
    async fn full_sync(
        &self,
        _txn: &DatabaseTransaction,
        _actor: &Actor,
        _import_id: Uuid,
        _write: bool,
    ) -> Result<u64, DomainError> {
        Ok(0)
    }
}

fn row_error(row: u64, column: &str, code: &str, message: impl Into<String>) -> RowError {
    RowError {
        row,
        column: Some(column.to_owned()),
        code: code.to_owned(),
        message: message.into(),
    }
}

struct Collector {
    errors: Vec<RowError>,
    total: u64,
}

impl Collector {
    fn add(&mut self, e: RowError) {
        self.total += 1;
        if self.errors.len() < MAX_REPORTED_ERRORS {
            self.errors.push(e);
        }
    }
}

async fn reject_rows(
    txn: &DatabaseTransaction,
    import_id: Uuid,
    rows: &[u64],
) -> Result<(), DomainError> {
    for chunk in rows.chunks(CHUNK) {
        import_rows::Entity::update_many()
            .col_expr(
                import_rows::Column::Outcome,
                Expr::val(Outcome::Reject.as_str()),
            )
            .filter(import_rows::Column::ImportId.eq(import_id))
            .filter(import_rows::Column::RowNo.is_in(chunk.iter().map(|r| *r as i64)))
            .exec(txn)
            .await
            .dom()?;
    }
    Ok(())
}

/// Logs how long each phase of an import took (at debug level, target `pembina::import`).
struct PhaseClock {
    import_id: Uuid,
    last: std::time::Instant,
}

impl PhaseClock {
    fn new(import_id: Uuid) -> Self {
        Self {
            import_id,
            last: std::time::Instant::now(),
        }
    }

    fn lap(&mut self, phase: &'static str) {
        let now = std::time::Instant::now();
        tracing::debug!(
            target: "pembina::import",
            import_id = %self.import_id,
            phase,
            ms = (now - self.last).as_secs_f64() * 1000.0,
            "import phase done"
        );
        self.last = now;
    }
}

fn live_keys(import_id: Uuid) -> SelectStatement {
    Query::select()
        .column(import_rows::Column::Key)
        .from(import_rows::Entity)
        .and_where(Expr::col(import_rows::Column::ImportId).eq(import_id))
        .and_where(Expr::col(import_rows::Column::Outcome).ne(Outcome::Reject.as_str()))
        .to_owned()
}

/// Runs an import from `source` for `opts.agency_id`, and records it.
pub async fn run_import(
    db: &DatabaseConnection,
    opts: ImportOptions,
    source: &mut dyn RowSource,
) -> Result<ImportReport, ImportError> {
    let started_at = Utc::now();
    let headers = source.headers()?;
    let header = HeaderMap::parse(opts.kind, &headers).map_err(|errors| FileProblem {
        code: "invalid_header",
        message: "the header row does not have the columns this import needs".into(),
        errors,
    })?;
    let handler: Box<dyn KindHandler> = match opts.kind {
        ImportKind::Employees => {
            Box::new(super::employees::Employees::prepare(db, opts.agency_id).await?)
        }
        ImportKind::OrgUnits => {
            Box::new(super::org_units::OrgUnits::prepare(db, opts.agency_id).await?)
        }
        ImportKind::Positions => {
            Box::new(super::positions::Positions::prepare(db, opts.agency_id).await?)
        }
        ImportKind::Competencies => {
            Box::new(super::competencies::Competencies::prepare(db, opts.agency_id).await?)
        }
        ImportKind::CompetencyStandards => Box::new(
            super::competency_standards::CompetencyStandards::prepare(db, opts.agency_id).await?,
        ),
        ImportKind::CompetencyAssessments => Box::new(
            super::competency_assessments::CompetencyAssessments::prepare(db, opts.agency_id)
                .await?,
        ),
        ImportKind::ExternalTrainings => Box::new(
            super::external_trainings::ExternalTrainings::prepare(opts.agency_id),
        ),
        ImportKind::SkpRatings => Box::new(super::skp_ratings::SkpRatings::prepare(opts.agency_id)),
    };
    let import_id = Uuid::now_v7();
    let mut collected = Collector {
        errors: Vec::new(),
        total: 0,
    };

    let mut clock = PhaseClock::new(import_id);
    let txn = db.begin().await.dom()?;
    // 1. Stage every row, chunk by chunk.
    let mut total_rows = 0u64;
    loop {
        let rows = source.next_rows(CHUNK)?;
        if rows.is_empty() {
            break;
        }
        total_rows += rows.len() as u64;
        let (staged, errors) = handler.stage(&txn, &header, rows).await?;
        for e in errors {
            collected.add(e);
        }
        let models = staged
            .into_iter()
            .map(|s| import_rows::Model {
                import_id,
                row_no: s.row_no as i64,
                key: s.key,
                parent_key: s.parent_key,
                outcome: s.outcome.as_str().to_owned(),
                level: None,
                payload: s.payload,
            })
            .collect();
        crate::bulk::insert_all::<import_rows::Entity, _>(&txn, models).await?;
    }

    clock.lap("stage");
    // 2. A key twice in the file: the later rows are rejected.
    let dupes: Vec<(i64, String)> = import_rows::Entity::find()
        .select_only()
        .column(import_rows::Column::RowNo)
        .column(import_rows::Column::Key)
        .filter(import_rows::Column::ImportId.eq(import_id))
        .filter(
            import_rows::Column::Key.in_subquery(
                Query::select()
                    .column(import_rows::Column::Key)
                    .from(import_rows::Entity)
                    .and_where(Expr::col(import_rows::Column::ImportId).eq(import_id))
                    .group_by_col(import_rows::Column::Key)
                    .and_having(Expr::col(import_rows::Column::RowNo).count().gt(1))
                    .to_owned(),
            ),
        )
        .order_by_asc(import_rows::Column::Key)
        .order_by_asc(import_rows::Column::RowNo)
        .into_tuple()
        .all(&txn)
        .await
        .dom()?;
    let mut first_seen: HashMap<&str, i64> = HashMap::new();
    let mut dupe_rows = Vec::new();
    for (row, key) in &dupes {
        match first_seen.get(key.as_str()) {
            Some(first) => {
                collected.add(row_error(
                    *row as u64,
                    handler.key_column(),
                    "duplicate_in_file",
                    format!("{key} already appears in row {first}"),
                ));
                dupe_rows.push(*row as u64);
            }
            None => {
                first_seen.insert(key, *row);
            }
        }
    }
    reject_rows(&txn, import_id, &dupe_rows).await?;

    clock.lap("duplicates");
    // 3. Parents must exist: in the database or as a valid row of the file. Rejections cascade.
    if let Some(parent_col) = handler.parent_column() {
        loop {
            let orphans: Vec<(i64, Option<String>)> = import_rows::Entity::find()
                .select_only()
                .column(import_rows::Column::RowNo)
                .column(import_rows::Column::ParentKey)
                .filter(import_rows::Column::ImportId.eq(import_id))
                .filter(import_rows::Column::Outcome.ne(Outcome::Reject.as_str()))
                .filter(import_rows::Column::ParentKey.is_not_null())
                .filter(import_rows::Column::ParentKey.not_in_subquery(live_keys(import_id)))
                .filter(
                    import_rows::Column::ParentKey
                        .not_in_subquery(handler.existing_keys(opts.agency_id)),
                )
                .into_tuple()
                .all(&txn)
                .await
                .dom()?;
            if orphans.is_empty() {
                break;
            }
            for (row, parent) in &orphans {
                let parent = parent.as_deref().unwrap_or_default();
                collected.add(row_error(
                    *row as u64,
                    parent_col,
                    "unknown_reference",
                    format!("{parent} is neither in this agency nor a valid row of the file"),
                ));
            }
            reject_rows(
                &txn,
                import_id,
                &orphans.iter().map(|(r, _)| *r as u64).collect::<Vec<_>>(),
            )
            .await?;
        }

        clock.lap("references");
        // 4. Levels: rows whose parent is not in the file first, then their children, and so
        // on. Rows that never get a level sit in (or below) a loop.
        import_rows::Entity::update_many()
            .col_expr(import_rows::Column::Level, Expr::val(0))
            .filter(import_rows::Column::ImportId.eq(import_id))
            .filter(import_rows::Column::Outcome.ne(Outcome::Reject.as_str()))
            .filter(
                import_rows::Column::ParentKey
                    .is_null()
                    .or(import_rows::Column::ParentKey.not_in_subquery(live_keys(import_id))),
            )
            .exec(&txn)
            .await
            .dom()?;
        let mut level = 0;
        loop {
            let of_level = Query::select()
                .column(import_rows::Column::Key)
                .from(import_rows::Entity)
                .and_where(Expr::col(import_rows::Column::ImportId).eq(import_id))
                .and_where(Expr::col(import_rows::Column::Level).eq(level))
                .to_owned();
            let res = import_rows::Entity::update_many()
                .col_expr(import_rows::Column::Level, Expr::val(level + 1))
                .filter(import_rows::Column::ImportId.eq(import_id))
                .filter(import_rows::Column::Outcome.ne(Outcome::Reject.as_str()))
                .filter(import_rows::Column::Level.is_null())
                .filter(import_rows::Column::ParentKey.in_subquery(of_level))
                .exec(&txn)
                .await
                .dom()?;
            if res.rows_affected == 0 {
                break;
            }
            level += 1;
        }
        let looped: Vec<i64> = import_rows::Entity::find()
            .select_only()
            .column(import_rows::Column::RowNo)
            .filter(import_rows::Column::ImportId.eq(import_id))
            .filter(import_rows::Column::Outcome.ne(Outcome::Reject.as_str()))
            .filter(import_rows::Column::Level.is_null())
            .into_tuple()
            .all(&txn)
            .await
            .dom()?;
        for row in &looped {
            collected.add(row_error(
                *row as u64,
                parent_col,
                "cycle",
                "this row is in, or below, a loop of references",
            ));
        }
        reject_rows(
            &txn,
            import_id,
            &looped.iter().map(|r| *r as u64).collect::<Vec<_>>(),
        )
        .await?;
    } else {
        import_rows::Entity::update_many()
            .col_expr(import_rows::Column::Level, Expr::val(0))
            .filter(import_rows::Column::ImportId.eq(import_id))
            .exec(&txn)
            .await
            .dom()?;
    }

    clock.lap("levels");
    // 5. Counts.
    let counts: Vec<(String, i64)> = import_rows::Entity::find()
        .select_only()
        .column(import_rows::Column::Outcome)
        .column_as(Expr::col(import_rows::Column::RowNo).count(), "n")
        .filter(import_rows::Column::ImportId.eq(import_id))
        .group_by(import_rows::Column::Outcome)
        .into_tuple()
        .all(&txn)
        .await
        .dom()?;
    let count = |o: Outcome| {
        counts
            .iter()
            .find(|(k, _)| k == o.as_str())
            .map_or(0, |(_, n)| *n)
    };
    let rejected = count(Outcome::Reject);

    // 6. Writes, in dependency order, one level at a time (so parents are never in the same
    // batch as their children).
    clock.lap("counts");
    let write =
        opts.mode == ImportMode::Commit && (rejected == 0 || opts.on_error == OnError::Skip);
    if write {
        let max_level: Option<i32> = import_rows::Entity::find()
            .select_only()
            .column_as(Expr::col(import_rows::Column::Level).max(), "m")
            .filter(import_rows::Column::ImportId.eq(import_id))
            .into_tuple()
            .one(&txn)
            .await
            .dom()?
            .flatten();
        for level in 0..=max_level.unwrap_or(-1) {
            let mut after = -1i64;
            loop {
                let rows = import_rows::Entity::find()
                    .filter(import_rows::Column::ImportId.eq(import_id))
                    .filter(import_rows::Column::Level.eq(level))
                    .filter(
                        import_rows::Column::Outcome
                            .is_in([Outcome::Create.as_str(), Outcome::Update.as_str()]),
                    )
                    .filter(import_rows::Column::RowNo.gt(after))
                    .order_by_asc(import_rows::Column::RowNo)
                    .limit(CHUNK as u64)
                    .all(&txn)
                    .await
                    .dom()?;
                let Some(last) = rows.last() else { break };
                after = last.row_no;
                handler.write(&txn, &opts.actor, rows).await?;
            }
        }
    }
    clock.lap("write");
    let deactivated = if opts.full_sync && (write || opts.mode == ImportMode::DryRun) {
        handler
            .full_sync(&txn, &opts.actor, import_id, write)
            .await?
    } else {
        0
    };

    if write {
        import_rows::Entity::delete_many()
            .filter(import_rows::Column::ImportId.eq(import_id))
            .exec(&txn)
            .await
            .dom()?;
        clock.lap("full_sync");
        txn.commit().await.dom()?;
    } else {
        txn.rollback().await.dom()?;
    }
    clock.lap("commit");

    // A bulk write can change a table's size many times over; PostgreSQL plans from its
    // statistics, which autovacuum refreshes only later. Stale ones turned the 20 JP summary of a
    // freshly loaded agency from 4 ms into 240 ms (a nested loop over 500,000 row pairs), so a
    // large import refreshes them at once.
    let written = count(Outcome::Create) + count(Outcome::Update);
    if write && written >= ANALYZE_AFTER_ROWS && db.get_database_backend() == DbBackend::Postgres {
        for table in tables_written(opts.kind) {
            if let Err(e) = db.execute_unprepared(&format!("ANALYZE \"{table}\"")).await {
                tracing::warn!(table, error = %e, "could not refresh planner statistics");
            }
        }
    }

    let outcome = match (opts.mode, write) {
        (ImportMode::DryRun, _) => "dry_run",
        (ImportMode::Commit, true) => "committed",
        (ImportMode::Commit, false) => "rolled_back",
    };
    let mut errors = collected.errors;
    errors.sort_by_key(|a| a.row);
    let record = imports::ActiveModel {
        id: Set(import_id),
        agency_id: Set(opts.agency_id),
        actor_user_id: Set(opts.actor.user_id),
        actor_api_key_id: Set(opts.actor.api_key_id),
        kind: Set(opts.kind.as_str().to_owned()),
        file_name: Set(opts.file.name.clone()),
        file_sha256: Set(opts.file.sha256.clone()),
        file_bytes: Set(opts.file.bytes as i64),
        format: Set(opts.file.format.to_owned()),
        mode: Set(match opts.mode {
            ImportMode::DryRun => "dry_run",
            ImportMode::Commit => "commit",
        }
        .to_owned()),
        on_error: Set(match opts.on_error {
            OnError::Abort => "abort",
            OnError::Skip => "skip",
        }
        .to_owned()),
        full_sync: Set(opts.full_sync),
        outcome: Set(outcome.to_owned()),
        total_rows: Set(total_rows as i64),
        created: Set(count(Outcome::Create)),
        updated: Set(count(Outcome::Update)),
        unchanged: Set(count(Outcome::Same)),
        rejected: Set(rejected),
        deactivated: Set(deactivated as i64),
        error_count: Set(collected.total as i64),
        unknown_columns: Set(json!(header.unknown)),
        started_at: Set(started_at),
        finished_at: Set(Utc::now()),
    };
    let txn = db.begin().await.dom()?;
    let record = record.insert(&txn).await.dom()?;
    for (i, chunk) in errors.chunks(CHUNK).enumerate() {
        let models = chunk
            .iter()
            .enumerate()
            .map(|(j, e)| errors_table::ActiveModel {
                import_id: Set(import_id),
                seq: Set((i * CHUNK + j) as i32),
                row_no: Set(e.row as i64),
                column_name: Set(e.column.clone()),
                code: Set(e.code.clone()),
                message: Set(e.message.chars().take(500).collect()),
            });
        errors_table::Entity::insert_many(models)
            .exec_without_returning(&txn)
            .await
            .dom()?;
    }
    txn.commit().await.dom()?;
    Ok(ImportReport { record, errors })
}

/// Imports writing at least this many rows refresh the planner's statistics (PostgreSQL).
const ANALYZE_AFTER_ROWS: i64 = 1000;

/// The tables an import kind writes.
fn tables_written(kind: ImportKind) -> &'static [&'static str] {
    match kind {
        ImportKind::OrgUnits => &["org_units"],
        ImportKind::Positions => &["positions"],
        ImportKind::Employees => &["employees"],
        ImportKind::Competencies => &["competencies"],
        ImportKind::CompetencyStandards => &["competency_standards"],
        ImportKind::CompetencyAssessments => &["competency_assessments"],
        ImportKind::ExternalTrainings => &["jp_credits"],
        ImportKind::SkpRatings => &["appraisal_ratings"],
    }
}

/// Imports, newest first.
pub async fn list_imports(
    db: &DatabaseConnection,
    scope: Scope,
    kind: Option<ImportKind>,
    page: PageRequest,
) -> Result<Page<imports::Model>, DomainError> {
    let mut q = scoped(imports::Entity::find(), imports::Column::AgencyId, scope);
    if let Some(k) = kind {
        q = q.filter(imports::Column::Kind.eq(k.as_str()));
    }
    fetch_page(
        db,
        q.order_by_desc(imports::Column::StartedAt)
            .order_by_desc(imports::Column::Id),
        page,
    )
    .await
}

pub async fn get_import<C: ConnectionTrait>(
    db: &C,
    scope: Scope,
    id: Uuid,
) -> Result<imports::Model, DomainError> {
    scoped(
        imports::Entity::find_by_id(id),
        imports::Column::AgencyId,
        scope,
    )
    .one(db)
    .await
    .dom()?
    .ok_or(DomainError::NotFound("import"))
}

/// The stored error report of an import, in row order.
pub async fn import_errors(
    db: &DatabaseConnection,
    scope: Scope,
    id: Uuid,
) -> Result<Vec<RowError>, DomainError> {
    get_import(db, scope, id).await?;
    let rows = errors_table::Entity::find()
        .filter(errors_table::Column::ImportId.eq(id))
        .order_by_asc(errors_table::Column::Seq)
        .all(db)
        .await
        .dom()?;
    Ok(rows
        .into_iter()
        .map(|e| RowError {
            row: e.row_no as u64,
            column: e.column_name,
            code: e.code,
            message: e.message,
        })
        .collect())
}
