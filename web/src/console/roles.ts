// Roles are strings: platform-admin, city-admin:CITY, editor:CITY, case-worker:CITY:MODULE.
import type { Messages } from "../i18n";
import type { SessionModule } from "../api/types";

export type ParsedRole =
  | { kind: "platform-admin" }
  | { kind: "city-admin"; city: string }
  | { kind: "editor"; city: string }
  | { kind: "case-worker"; city: string; module: string }
  | { kind: "unknown"; text: string };

export function parseRole(role: string): ParsedRole {
  const [kind, city, module, ...rest] = role.split(":");
  if (kind === "platform-admin" && city === undefined) return { kind };
  if ((kind === "city-admin" || kind === "editor") && city !== undefined && module === undefined) return { kind, city };
  if (kind === "case-worker" && city !== undefined && module !== undefined && rest.length === 0)
    return { kind, city, module };
  return { kind: "unknown", text: role };
}

/** Roles that apply in `city` (platform admin applies everywhere). */
export function rolesInCity(roles: string[], city: string): string[] {
  return roles.filter((role) => {
    const parsed = parseRole(role);
    return parsed.kind === "platform-admin" || ("city" in parsed && parsed.city === city);
  });
}

export function moduleTitle(module: SessionModule | undefined, name: string, lang: "de" | "en"): string {
  if (module === undefined) return name;
  return module.title[lang];
}

/** A role as people read it, e.g. "Sachbearbeitung Mängelmelder". */
export function describeRole(role: string, t: Messages, modules: SessionModule[], lang: "de" | "en"): string {
  const parsed = parseRole(role);
  switch (parsed.kind) {
    case "platform-admin":
      return t.rolePlatformAdmin;
    case "city-admin":
      return t.roleCityAdmin;
    case "editor":
      return t.roleEditor;
    case "case-worker":
      return t.roleCaseWorker(
        moduleTitle(
          modules.find((m) => m.name === parsed.module),
          parsed.module,
          lang,
        ),
      );
    case "unknown":
      return parsed.text;
  }
}
