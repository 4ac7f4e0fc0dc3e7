// The org-unit tree of the agency being viewed: top-level units first, children loaded when a
// node opens. A search switches to a flat list of matches. Admins add, edit and move units.
import { useCallback, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../session/SessionProvider";
import { ActiveBadge, Badge } from "../../ui/Badge";
import { Button, Named } from "../../ui/Button";
import { Dialog } from "../../ui/Dialog";
import { SelectField, TextField } from "../../ui/Field";
import { useSearchBox } from "../../ui/hooks";
import { PageHeader } from "../../ui/PageHeader";
import { Pagination } from "../../ui/Pagination";
import { Empty, ErrorState, Loading, Notice } from "../../ui/States";
import { positiveInt } from "../../ui/urlParams";
import { useAgencyOptions, useUnitChildren, useUnitSearch, type Unit, type UnitSort } from "./api";
import { AgencyPrompt, useUrlState } from "./shared";
import { UnitCreateForm, UnitEditForm, UnitMoveForm } from "./UnitForms";

const URL_DEFAULTS = { q: "", sort: "code", page: "1", per_page: "20" };

type Editing = { mode: "create"; parent: Unit | null } | { mode: "edit"; unit: Unit } | { mode: "move"; unit: Unit } | null;

/** What an admin can do to a unit; passed down the tree. */
type Actions = { onAddChild: (u: Unit) => void; onEdit: (u: Unit) => void; onMove: (u: Unit) => void } | null;

export function UnitsPage() {
  const { t } = useTranslation("org");
  const { agencyId, isAdmin, isSuperAdmin, me } = useSession();
  const agencies = useAgencyOptions(isSuperAdmin && agencyId !== null);
  const [get, set] = useUrlState(URL_DEFAULTS);
  const sort: UnitSort = get("sort") === "name" ? "name" : "code";
  const q = get("q");
  // A new search starts at its first page.
  const [search, setSearch] = useSearchBox(q, useCallback((next: string) => set({ q: next, page: "1" }), [set]));
  const [editing, setEditing] = useState<Editing>(null);
  const [flash, setFlash] = useState<string | null>(null);

  const agencyName = isSuperAdmin ? agencies.data?.items.find((a) => a.id === agencyId)?.name : me?.agency?.name;
  const actions: Actions = isAdmin
    ? {
        onAddChild: (u) => setEditing({ mode: "create", parent: u }),
        onEdit: (u) => setEditing({ mode: "edit", unit: u }),
        onMove: (u) => setEditing({ mode: "move", unit: u }),
      }
    : null;

  function dialogTitle(): string {
    switch (editing?.mode) {
      case "create":
        return editing.parent ? t("units.createChildTitle", { name: editing.parent.name }) : t("units.createTitle");
      case "edit":
        return t("units.editTitle", { name: editing.unit.name });
      case "move":
        return t("units.moveTitle", { name: editing.unit.name });
      default:
        return "";
    }
  }

  const done = (key: "created" | "saved" | "moved") => (u: Unit) => {
    setEditing(null);
    setFlash(t(`units.${key}`, { name: u.name }));
  };

  return (
    <>
      <PageHeader
        title={t("units.title")}
        subtitle={agencyName}
        actions={
          isAdmin && agencyId ? (
            <Button variant="primary" onClick={() => setEditing({ mode: "create", parent: null })}>
              {t("units.create")}
            </Button>
          ) : null
        }
      />
      {agencyId === null ? (
        <AgencyPrompt />
      ) : (
        <>
          {flash ? <Notice kind="success">{flash}</Notice> : null}
          <div className="filters" role="search">
            <TextField label={t("units.search")} name="q" type="search" value={search} onChange={(e) => setSearch(e.target.value)} hint={t("units.searchHint")} autoComplete="off" optionalMarker={false} />
            <SelectField label={t("units.sort")} name="sort" value={sort} onChange={(e) => set({ sort: e.target.value })} optionalMarker={false}>
              <option value="code">{t("units.code")}</option>
              <option value="name">{t("units.name")}</option>
            </SelectField>
          </div>
          {q ? (
            <SearchResults agencyId={agencyId} q={q} sort={sort} page={positiveInt(get("page")) ?? 1} perPage={positiveInt(get("per_page")) ?? 20} onPage={(p, n) => set({ page: String(p), per_page: String(n) })} actions={actions} />
          ) : (
            // A new agency or sort order starts with every node closed.
            <UnitTree key={`${agencyId}:${sort}`} agencyId={agencyId} sort={sort} actions={actions} />
          )}
        </>
      )}
      <Dialog open={editing !== null} title={dialogTitle()} onClose={() => setEditing(null)}>
        {editing?.mode === "create" && agencyId ? <UnitCreateForm agencyId={agencyId} parent={editing.parent} onDone={done("created")} onCancel={() => setEditing(null)} /> : null}
        {editing?.mode === "edit" ? <UnitEditForm key={editing.unit.id} unit={editing.unit} onDone={done("saved")} onCancel={() => setEditing(null)} /> : null}
        {editing?.mode === "move" ? <UnitMoveForm key={editing.unit.id} unit={editing.unit} onDone={done("moved")} onCancel={() => setEditing(null)} /> : null}
      </Dialog>
    </>
  );
}

function UnitTree({ agencyId, sort, actions }: { agencyId: string; sort: UnitSort; actions: Actions }) {
  const { t } = useTranslation("org");
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const roots = useUnitChildren(agencyId, null, sort);
  const toggle = (id: string, to?: boolean) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (to ?? !prev.has(id)) next.add(id);
      else next.delete(id);
      return next;
    });

  if (roots.isPending) return <Loading />;
  if (roots.isError) return <ErrorState error={roots.error} onRetry={() => void roots.refetch()} />;
  const units = roots.data.pages.flatMap((p) => p.items);
  if (units.length === 0) return <Empty>{t("units.empty")}</Empty>;
  return (
    <div className="panel">
      <ul className="tree" role="tree" aria-label={t("units.tree")}>
        <Nodes units={units} total={roots.data.pages[0]?.total ?? units.length} agencyId={agencyId} sort={sort} open={open} toggle={toggle} actions={actions} />
      </ul>
      {roots.hasNextPage ? <MoreButton loading={roots.isFetchingNextPage} onClick={() => void roots.fetchNextPage()} /> : null}
    </div>
  );
}

type NodesProps = { units: Unit[]; total: number; agencyId: string; sort: UnitSort; open: ReadonlySet<string>; toggle: (id: string, to?: boolean) => void; actions: Actions };

function Nodes({ units, total, ...rest }: NodesProps) {
  return (
    <>
      {units.map((u, i) => (
        <Node key={u.id} unit={u} pos={i + 1} setSize={total} {...rest} />
      ))}
    </>
  );
}

function Node({ unit, pos, setSize, agencyId, sort, open, toggle, actions }: { unit: Unit; pos: number; setSize: number } & Omit<NodesProps, "units" | "total">) {
  const { t } = useTranslation("org");
  const hasChildren = unit.child_count > 0;
  const expanded = hasChildren && open.has(unit.id);
  const groupId = `unit-group-${unit.id}`;

  // Enter and Space work as on any button; the arrow keys open and close as in a tree.
  function onKey(e: KeyboardEvent<HTMLButtonElement>) {
    if (e.key === "ArrowRight" && !expanded) toggle(unit.id, true);
    else if (e.key === "ArrowLeft" && expanded) toggle(unit.id, false);
    else return;
    e.preventDefault();
  }

  return (
    <li role="treeitem" aria-expanded={hasChildren ? expanded : undefined} aria-level={unit.depth + 1} aria-posinset={pos} aria-setsize={setSize} aria-label={unit.name}>
      <div className="tree-row">
        {hasChildren ? (
          <button type="button" className="tree-toggle" aria-expanded={expanded} aria-controls={expanded ? groupId : undefined} onClick={() => toggle(unit.id)} onKeyDown={onKey}>
            <span aria-hidden="true">{expanded ? "−" : "+"}</span>
            <span className="visually-hidden">{t("units.toggle", { name: unit.name, n: unit.child_count })}</span>
          </button>
        ) : (
          // Keeps leaves aligned with their siblings' names.
          <span className="tree-toggle tree-spacer" aria-hidden="true" />
        )}
        <UnitSummary unit={unit} />
        {actions ? <UnitActions unit={unit} actions={actions} /> : null}
      </div>
      {expanded ? <Children id={groupId} parent={unit} agencyId={agencyId} sort={sort} open={open} toggle={toggle} actions={actions} /> : null}
    </li>
  );
}

function UnitSummary({ unit }: { unit: Unit }) {
  const { t } = useTranslation("org");
  return (
    <>
      <strong>{unit.name}</strong>
      <span className="muted">{unit.code}</span>
      <Badge>{t(`enums:unitKind.${unit.kind}`)}</Badge>
      {unit.active ? null : <ActiveBadge active={false} />}
    </>
  );
}

function UnitActions({ unit, actions }: { unit: Unit; actions: NonNullable<Actions> }) {
  const { t } = useTranslation("org");
  return (
    <span className="page-actions tree-actions">
      <Button variant="ghost" onClick={() => actions.onAddChild(unit)}>
        <Named label={t("units.addChild")} name={unit.name} />
      </Button>
      <Button variant="ghost" onClick={() => actions.onEdit(unit)}>
        <Named label={t("common:actions.edit")} name={unit.name} />
      </Button>
      <Button variant="ghost" onClick={() => actions.onMove(unit)}>
        <Named label={t("units.move")} name={unit.name} />
      </Button>
    </span>
  );
}

function Children({ id, parent, ...rest }: { id: string; parent: Unit } & Omit<NodesProps, "units" | "total">) {
  const { t } = useTranslation("org");
  const children = useUnitChildren(rest.agencyId, parent.id, rest.sort);
  const units = children.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <ul id={id} role="group" aria-busy={children.isPending}>
      {children.isPending ? (
        <li role="none">
          <Loading />
        </li>
      ) : children.isError ? (
        <li role="none">
          <ErrorState error={children.error} onRetry={() => void children.refetch()} />
        </li>
      ) : (
        <>
          <Nodes units={units} total={children.data.pages[0]?.total ?? units.length} {...rest} />
          {children.hasNextPage ? (
            <li role="none">
              <MoreButton loading={children.isFetchingNextPage} onClick={() => void children.fetchNextPage()} label={t("units.moreOf", { name: parent.name })} />
            </li>
          ) : null}
        </>
      )}
    </ul>
  );
}

function MoreButton({ loading, onClick, label }: { loading: boolean; onClick: () => void; label?: string }) {
  const { t } = useTranslation("org");
  return (
    <Button variant="ghost" onClick={onClick} disabled={loading} aria-label={label}>
      {loading ? t("common:states.loading") : t("units.loadMore")}
    </Button>
  );
}

type ResultsProps = { agencyId: string; q: string; sort: UnitSort; page: number; perPage: number; onPage: (page: number, perPage: number) => void; actions: Actions };

function SearchResults({ agencyId, q, sort, page, perPage, onPage, actions }: ResultsProps) {
  const { t } = useTranslation("org");
  const results = useUnitSearch({ agencyId, q, sort, page, perPage }, true);
  if (results.isPending) return <Loading />;
  if (results.isError) return <ErrorState error={results.error} onRetry={() => void results.refetch()} />;
  if (results.data.items.length === 0) return <Empty>{t("common:states.noResults")}</Empty>;
  return (
    <section aria-label={t("units.results")}>
      <ul className="tree">
        {results.data.items.map((u) => (
          <li key={u.id}>
            <div className="tree-row">
              <UnitSummary unit={u} />
              {actions ? <UnitActions unit={u} actions={actions} /> : null}
            </div>
          </li>
        ))}
      </ul>
      <Pagination page={page} perPage={perPage} total={results.data.total} onPage={(p) => onPage(p, perPage)} onPerPage={(n) => onPage(1, n)} />
    </section>
  );
}
