// JSON-LD of a page (schema.org): its nodes, flattened, and the facts of its article node —
// headline, authors, publisher or site, dates, language, description, image, URL.

/** Whitespace-normalised text, or null when empty or not a string. */
export const clean = (value: unknown): string | null => {
  if (typeof value !== 'string') return null;
  const text = value.replace(/\s+/g, ' ').trim();
  return text ? text : null;
};

type Json = unknown;
const ARTICLE_TYPES =
  /^(?:Article|NewsArticle|BlogPosting|Report|ScholarlyArticle|TechArticle|AnalysisNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|SocialMediaPosting|LiveBlogPosting|DiscussionForumPosting|Posting|WebPage|AboutPage|ItemPage|CreativeWork|MedicalWebPage|Recipe|HowTo|QAPage|Review)$/;

/** All JSON-LD nodes of the page, flattened (@graph, arrays). Malformed blocks are skipped. */
export function jsonLdNodes(doc: Document): Array<Record<string, Json>> {
  const out: Array<Record<string, Json>> = [];
  const visit = (node: Json, depth: number): void => {
    if (depth > 6 || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
      return;
    }
    const record = node as Record<string, Json>;
    out.push(record);
    if (record['@graph']) visit(record['@graph'], depth + 1);
  };
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json" i]'))) {
    const raw = (script.textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '').trim();
    if (!raw) continue;
    try {
      visit(JSON.parse(raw), 0);
    } catch {
      // Malformed JSON-LD is common; ignore that block.
    }
  }
  return out;
}

function types(node: Record<string, Json>): string[] {
  const t = node['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

function names(value: Json): string[] {
  if (!value) return [];
  if (typeof value === 'string') return clean(value) && !/^https?:\/\//.test(value) ? [clean(value)!] : [];
  if (Array.isArray(value)) return value.flatMap(names);
  if (typeof value === 'object') {
    const record = value as Record<string, Json>;
    const name = clean(record.name) ?? clean([record.givenName, record.familyName].filter(Boolean).join(' '));
    return name ? [name] : [];
  }
  return [];
}

function imageUrl(value: Json): string | null {
  if (!value) return null;
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) return imageUrl(value[0]);
  if (typeof value === 'object') return clean((value as Record<string, Json>).url) ?? clean((value as Record<string, Json>).contentUrl);
  return null;
}

export interface JsonLdFacts {
  title: string | null;
  authors: string[];
  siteName: string | null;
  published: string | null;
  lang: string | null;
  description: string | null;
  image: string | null;
  url: string | null;
}

export function jsonLdFacts(doc: Document): JsonLdFacts {
  const nodes = jsonLdNodes(doc);
  const article = nodes.find((n) => types(n).some((t) => ARTICLE_TYPES.test(t) && t !== 'WebPage')) ?? nodes.find((n) => types(n).some((t) => ARTICLE_TYPES.test(t)));
  const site = nodes.find((n) => types(n).includes('WebSite'));
  const org = nodes.find((n) => types(n).some((t) => /Organization$|^NewsMediaOrganization$/.test(t)));
  const publisher = article?.publisher as Record<string, Json> | undefined;
  return {
    title: clean(article?.headline) ?? clean(article?.name),
    authors: names(article?.author ?? article?.creator),
    siteName: names(publisher)[0] ?? clean(site?.name) ?? clean(org?.name),
    published: clean(article?.datePublished) ?? clean(article?.dateCreated),
    lang: clean(article?.inLanguage) ?? clean(site?.inLanguage),
    description: clean(article?.description),
    image: imageUrl(article?.image) ?? imageUrl(article?.thumbnailUrl),
    url: clean(article?.url),
  };
}
