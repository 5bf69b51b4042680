// City admins: the city's audit log, newest first, more on demand (cursor).
import { cityPath, pagePath } from "../api/http";
import type { AuditEntry } from "../api/types";
import { useI18n, type Messages } from "../i18n";
import { useConsole } from "./console_context";
import { ListFooter } from "./list_footer";
import { PageHeading } from "./page_heading";
import { usePagedList } from "../shared/use_paged_list";

function actorKind(t: Messages, kind: AuditEntry["actor"]["kind"]): string {
  switch (kind) {
    case "user":
      return t.actorUser;
    case "token":
      return t.actorToken;
    case "cli":
      return t.actorCli;
    default:
      return String(kind);
  }
}

export function AuditPage() {
  const { t, formatDateTime } = useI18n();
  const { city } = useConsole();
  const list = usePagedList<AuditEntry>(pagePath(cityPath(city.slug, "audit"), 50, null));
  return (
    <>
      <PageHeading>{t.auditHeading}</PageHeading>
      <div class="table-wrap">
        <table class="audit-table">
          <caption>{t.auditTableCaption(city.name)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.auditTime}</th>
              <th scope="col">{t.auditActor}</th>
              <th scope="col">{t.auditAction}</th>
              <th scope="col">{t.auditObject}</th>
              <th scope="col">{t.auditRequest}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((entry) => (
              <tr key={entry.id}>
                <td>
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
                </td>
                <td>
                  {actorKind(t, entry.actor.kind)}: {entry.actor.label}
                </td>
                <td>
                  <code>{entry.action}</code>
                </td>
                <td>
                  {entry.object.type}
                  {entry.object.id !== null && entry.object.id !== "" && ` #${entry.object.id}`}
                </td>
                <td>{entry.request_id ? <code>{entry.request_id}</code> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ListFooter list={list} emptyText={t.auditEmpty} />
    </>
  );
}
