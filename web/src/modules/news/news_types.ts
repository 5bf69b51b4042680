// The news API's JSON (GET /api/v1/cities/{city}/news, …/news/{id}), as the app reads it.
import type { ImageRef } from "../../api/types";

export interface NewsItem {
  id: string | number;
  title: string;
  teaser: string;
  /** Safe HTML (the server's allow-list), ready to show. */
  body_html: string;
  image: ImageRef | null;
  /** null when the item has none. */
  category: string | null;
  districts: string[];
  source: string;
  link: string;
  pinned: boolean;
  /** Always set in the public API (only published items are public). */
  published_at: string | null;
  updated_at: string;
  /** The app page of the item, "/{city}/news/{id}" (absolute when the server has a public_url). */
  url: string;
}
