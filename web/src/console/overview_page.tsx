import { useI18n } from "../i18n";
import { useConsole } from "./console_context";
import { consolePaths, Link } from "./console_router";
import { PageHeading } from "./page_heading";
import { describeRole, moduleTitle, rolesInCity } from "./roles";

export function OverviewPage() {
  const { t, lang } = useI18n();
  const { session, city } = useConsole();
  const roles = rolesInCity(session.roles, city.slug);
  return (
    <>
      <PageHeading>{t.welcome(session.user.display_name)}</PageHeading>
      <p>{t.workingIn(city.name)}</p>
      {roles.length > 0 && (
        <>
          <h2>{t.yourRoles}</h2>
          <ul class="role-list">
            {roles.map((role) => (
              <li key={role}>{describeRole(role, t, city.modules, lang)}</li>
            ))}
          </ul>
        </>
      )}
      <h2>{t.modulesNav}</h2>
      {city.modules.length === 0 ? (
        <p>{t.noModules}</p>
      ) : (
        <ul class="tile-list">
          {city.modules.map((m) => (
            <li key={m.name}>
              <Link href={consolePaths.module(m.name)}>{moduleTitle(m, m.name, lang)}</Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
