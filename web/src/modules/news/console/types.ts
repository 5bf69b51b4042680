// The news API as the editor screens use it (see docs/openapi.yaml, News).
import type { ImageValue } from "../../../console/editor/content_fields";

/** What the editor writes: the same in a stored item and in the request body. */
export interface NewsFields {
  title: string;
  teaser: string;
  body: string;
  body_format: "markdown" | "html";
  image: ImageValue | null;
  category: string;
  districts: string[];
  source: string;
  link: string;
  pinned: boolean;
}

/** An item as GET …/news/editorial(/{id}) returns it. */
export interface EditorialNews extends NewsFields {
  id: number | string;
  status: "draft" | "scheduled" | "published";
  publish_at: string | null;
  published_at: string | null;
  updated_at: string;
  created_at: string;
  import: { feed_url: string; guid: string } | null;
}

/** The body of POST …/news and PUT …/news/{id}. */
export interface NewsInput extends NewsFields {
  status: "draft" | "published";
  publish_at?: string;
}

/** The input that stores `item` as it is (PUT replaces the whole item). */
export function inputOf(item: EditorialNews): NewsInput {
  const input: NewsInput = {
    title: item.title,
    teaser: item.teaser,
    body: item.body,
    body_format: item.body_format,
    image: item.image,
    category: item.category,
    districts: item.districts,
    source: item.source,
    link: item.link,
    pinned: item.pinned,
    status: item.status === "draft" ? "draft" : "published",
  };
  const when = item.status === "scheduled" ? item.publish_at : item.status === "published" ? item.published_at : null;
  if (when !== null && when !== undefined) input.publish_at = when;
  return input;
}
