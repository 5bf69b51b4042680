// The news API's JSON (GET /api/v1/cities/{city}/news, …/news/{id}): the generated schema of
// docs/openapi.yaml (see src/api/types.ts).
import type { components } from "../../api/openapi";

export type NewsItem = components["schemas"]["NewsItem"];
