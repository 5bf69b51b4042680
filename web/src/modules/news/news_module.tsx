// News for citizens: the latest items on the start screen, the list (pinned first, then newest;
// filter by topic) and an item's page. One lazily loaded chunk with its own messages.
import { api, cityPath } from "../../api/http";
import type { CityManifest, ImageRef } from "../../api/types";
import type { CitizenScreens } from "../web_module";
import { citizenPaths, useLocation } from "../../citizen/citizen_router";
import { categoryTitle, districtNames, moduleCategories, useCity } from "../../citizen/city_context";
import { LoadFailure, Loading, MoreButton, PageHeading, useDocumentTitle } from "../../citizen/page_parts";
import { useLoad } from "../../shared/use_load";
import { usePagedList } from "../../shared/use_paged_list";
import { useCatalogue, useI18n } from "../../i18n";
import { newsMessages } from "./messages";
import type { NewsItem } from "./news_types";
import "./news.css";

const pageSize = 20;
const startCount = 3;

function listPath(city: string, limit: number, category: string | null): string {
  const query = new URLSearchParams({ limit: String(limit) });
  if (category !== null) query.set("category", category);
  return `${cityPath(city, "news")}?${query.toString()}`;
}

/** An item's page in the app (the API's "url"; built from the id when the API sends none). */
function itemPath(city: CityManifest, item: NewsItem): string {
  return item.url.startsWith("/") ? item.url : citizenPaths.module(city.slug, "news", item.id);
}

function NewsImage({ image, eager = false }: { image: ImageRef; eager?: boolean }) {
  // A fixed 16:9 box (width/height attributes and CSS): no layout shift when the image arrives.
  return (
    <img
      class="news-image"
      src={image.url}
      alt={image.alt}
      width={800}
      height={450}
      loading={eager ? "eager" : "lazy"}
      decoding="async"
    />
  );
}

function Time({ value }: { value: string | null }) {
  const { dates } = useCity();
  if (value === null) return null;
  return <time dateTime={value}>{dates.dateTime(value)}</time>;
}

/** Not found on the list means the city's news API is not (yet) there: say so, calmly. */
function listFailure(error: unknown, text: string) {
  return <LoadFailure error={error} notFound={text} />;
}

function LatestNews() {
  const { city } = useCity();
  const m = useCatalogue(newsMessages);
  const news = useLoad(() => api<{ items: NewsItem[] }>("GET", listPath(city.slug, startCount, null)), city.slug);
  return (
    <section class="start-news" aria-labelledby="latest-news-heading">
      <div class="section-head">
        <h2 id="latest-news-heading">{m.latestHeading}</h2>
        <a href={citizenPaths.module(city.slug, "news")}>{m.allNews}</a>
      </div>
      {news.state === "loading" && <Loading />}
      {news.state === "failed" && listFailure(news.error, m.unavailable)}
      {news.state === "ready" &&
        (news.data.items.length === 0 ? (
          <p>{m.noNews}</p>
        ) : (
          <ul class="teaser-list">
            {news.data.items.slice(0, startCount).map((item) => (
              <li key={item.id}>
                <a href={itemPath(city, item)}>{item.title}</a>
                <span class="meta">
                  <Time value={item.published_at} />
                </span>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}

function CategoryFilter({ current }: { current: string | null }) {
  const { city } = useCity();
  const { lang } = useI18n();
  const m = useCatalogue(newsMessages);
  const categories = moduleCategories(city, "news");
  if (categories.length === 0) return null;
  const base = citizenPaths.module(city.slug, "news");
  return (
    <nav class="filter" aria-label={m.categoryFilter}>
      <ul>
        <li>
          <a href={base} aria-current={current === null ? "page" : undefined}>
            {m.allCategories}
          </a>
        </li>
        {categories.map((c) => (
          <li key={c.slug}>
            <a
              href={`${base}?category=${encodeURIComponent(c.slug)}`}
              aria-current={current === c.slug ? "page" : undefined}
            >
              {c.title[lang] || c.title.de}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function FeedLinks() {
  const { city } = useCity();
  const m = useCatalogue(newsMessages);
  const rss = city.feeds?.["news_rss"] ?? cityPath(city.slug, "news", "feed.rss");
  const atom = city.feeds?.["news_atom"] ?? cityPath(city.slug, "news", "feed.atom");
  return (
    <section class="feeds" aria-labelledby="news-feeds-heading">
      <h2 id="news-feeds-heading">{m.feedsHeading}</h2>
      <ul>
        <li>
          <a href={rss} type="application/rss+xml">
            {m.rssFeed}
          </a>
        </li>
        <li>
          <a href={atom} type="application/atom+xml">
            {m.atomFeed}
          </a>
        </li>
      </ul>
    </section>
  );
}

function NewsList() {
  const { city } = useCity();
  const { lang } = useI18n();
  const m = useCatalogue(newsMessages);
  const { search } = useLocation();
  const category = search.get("category");
  const list = usePagedList<NewsItem>(listPath(city.slug, pageSize, category));
  const categoryName = category === null ? null : categoryTitle(city, "news", category, lang);
  useDocumentTitle(categoryName, m.heading, city.name);
  return (
    <>
      <PageHeading>{categoryName === null ? m.heading : `${m.heading}: ${categoryName}`}</PageHeading>
      <CategoryFilter current={category} />
      {list.first.state === "loading" && <Loading />}
      {list.first.state === "failed" && listFailure(list.first.error, m.unavailable)}
      {list.first.state === "ready" && list.items.length === 0 && <p>{m.noNews}</p>}
      {list.items.length > 0 && (
        <ul class="news-list">
          {list.items.map((item) => (
            <li key={item.id}>
              <article aria-labelledby={`news-${item.id}`}>
                <h2 id={`news-${item.id}`}>
                  <a href={itemPath(city, item)}>{item.title}</a>
                </h2>
                <p class="meta">
                  {item.pinned && <strong class="badge">{m.pinned}</strong>}
                  <Time value={item.published_at} />
                  {item.category !== null && item.category !== "" && (
                    <span>{categoryTitle(city, "news", item.category, lang)}</span>
                  )}
                </p>
                {item.image !== null && <NewsImage image={item.image} />}
                {item.teaser !== "" && <p>{item.teaser}</p>}
              </article>
            </li>
          ))}
        </ul>
      )}
      <MoreButton more={list.more} loadingMore={list.loadingMore} error={list.moreError} label={m.loadMore} />
      {list.first.state === "ready" && <FeedLinks />}
    </>
  );
}

function NewsDetail({ id }: { id: string }) {
  const { city } = useCity();
  const { lang } = useI18n();
  const m = useCatalogue(newsMessages);
  const item = useLoad(() => api<NewsItem>("GET", cityPath(city.slug, "news", id)), `${city.slug}/${id}`);
  useDocumentTitle(item.state === "ready" ? item.data.title : null, m.heading, city.name);
  const back = (
    <p class="back-link">
      <a href={citizenPaths.module(city.slug, "news")}>{m.backToList}</a>
    </p>
  );
  if (item.state === "loading") return <Loading />;
  if (item.state === "failed")
    return (
      <>
        <LoadFailure error={item.error} notFound={m.itemNotFound} />
        {back}
      </>
    );
  const n = item.data;
  const districts = districtNames(city, n.districts);
  return (
    <>
      {back}
      <article class="news-item">
        <PageHeading>{n.title}</PageHeading>
        <dl class="facts">
          {n.published_at !== null && (
            <div>
              <dt>{m.published}</dt>
              <dd>
                <Time value={n.published_at} />
              </dd>
            </div>
          )}
          {n.updated_at !== "" && n.published_at !== null && n.updated_at !== n.published_at && (
            <div>
              <dt>{m.updated}</dt>
              <dd>
                <Time value={n.updated_at} />
              </dd>
            </div>
          )}
          {n.category !== null && n.category !== "" && (
            <div>
              <dt>{m.category}</dt>
              <dd>{categoryTitle(city, "news", n.category, lang)}</dd>
            </div>
          )}
          {districts.length > 0 && (
            <div>
              <dt>{m.districts}</dt>
              <dd>{districts.join(", ")}</dd>
            </div>
          )}
          {n.source !== "" && (
            <div>
              <dt>{m.source}</dt>
              <dd>{n.source}</dd>
            </div>
          )}
        </dl>
        {n.image !== null && <NewsImage image={n.image} eager />}
        {n.teaser !== "" && <p class="lead">{n.teaser}</p>}
        {/* body_html is the server's sanitised subset (see the contract): safe to insert. */}
        <div class="prose" dangerouslySetInnerHTML={{ __html: n.body_html }} />
        {n.link !== "" && (
          <p>
            <a href={n.link} rel="noopener">
              {m.readOriginal}
            </a>
          </p>
        )}
      </article>
    </>
  );
}

export const citizenModule: CitizenScreens = {
  Screen: ({ id }) => (id === null ? <NewsList /> : <NewsDetail id={id} />),
  StartSection: LatestNews,
};
