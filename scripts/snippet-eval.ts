// `npm run -s eval:snippets -- [options]`: trafilatura's snippet evaluation (F1 = 2TP / (2TP +
// FP + FN) over `with` / `without` snippets, whitespace-normalised substring match, summed over
// pages) of Knipsel, raw Readability and raw defuddle on trafilatura's evaluation set.
//
//   --split dev|heldout|all    which pages (default dev; tune on dev, check on heldout)
//   --limit N                  the first N pages of the split's fixed order (e.g. 200 while iterating)
//   --only knipsel,readability extractors (default all three)
//   --threads N                worker threads (default 2)
//   --timeout MS               time bound per page (default 60000): past it, the extractor
//                              running counts as an empty extraction, with a note
//   --out FILE.json            per-page counts, confidence and texts, for looking at failures
//   --dir DIR                  another copy of the corpus (html/*.gz + evaldata.json)
import { writeFileSync } from 'node:fs';
import { confidenceReport, defaultPageTimeoutMs, evaluateParallel, extractorNames, summarise, type ExtractorName } from '@knipsel/core/testing/corpus';
import { loadSnippetCases, selectCases, snippetCorpusDir, type SnippetSplit } from '@knipsel/core/testing/corpus';

function usage(message?: string): never {
  if (message) process.stderr.write(`${message}\n`);
  process.stderr.write(
    'usage: snippet-eval [--split dev|heldout|all] [--limit N] [--only knipsel,readability,defuddle] [--threads N] [--timeout MS] [--out FILE.json] [--dir DIR]\n',
  );
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  console.log = console.error; // library chatter off stdout
  console.warn = console.error;
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const split = (arg('--split') ?? 'dev') as SnippetSplit | 'all';
  if (!['dev', 'heldout', 'all'].includes(split)) usage(`unknown split ${split}`);
  const limit = arg('--limit') ? Number(arg('--limit')) : Infinity;
  if (!(limit > 0)) usage('--limit needs a positive number');
  const only = (arg('--only')
    ?.split(',')
    .map((s) => s.trim()) ?? [...extractorNames]) as ExtractorName[];
  if (only.some((name) => !extractorNames.includes(name))) usage(`extractors: ${extractorNames.join(', ')}`);
  const threads = Number(arg('--threads') ?? 2);
  const timeoutMs = Number(arg('--timeout') ?? defaultPageTimeoutMs);
  if (!(timeoutMs > 0)) usage('--timeout needs a positive number of ms');
  const out = arg('--out');

  const cases = selectCases(loadSnippetCases(arg('--dir') ?? snippetCorpusDir), split, limit);
  const started = performance.now();
  let done = 0;
  const pages = await evaluateParallel(cases, { extractors: only, threads, timeoutMs, keepText: !!out }, () => {
    done += 1;
    if (done % 50 === 0) process.stderr.write(`${done}/${cases.length} pages\n`);
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  const lines = [
    `${cases.length} pages (${split}${Number.isFinite(limit) ? `, first ${limit}` : ''}), ${seconds} s`,
    '',
    '| pages | extractor | F1 | precision | recall | TP | FP | FN | TN | errors | median ms (jsdom) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const parts = split === 'all' ? (['dev', 'heldout', 'all'] as const) : [split];
  for (const part of parts) {
    const own = part === 'all' ? pages : pages.filter((p) => p.split === part);
    const summary = summarise(own);
    for (const name of only) {
      const s = summary[name];
      if (!s) continue;
      const { tp, fp, fn, tn } = s.counts;
      lines.push(
        `| ${part} (${own.length}) | ${name} | ${s.f1.toFixed(3)} | ${s.precision.toFixed(3)} | ${s.recall.toFixed(3)} | ${tp} | ${fp} | ${fn} | ${tn} | ${s.errors} | ${s.medianMs.toFixed(1)} |`,
      );
    }
  }
  if (only.includes('knipsel')) {
    const c = confidenceReport(pages);
    lines.push(
      '',
      `confidence < 0.7 ("controleer even"): ${c.flagged} of ${c.pages} pages flagged, ${c.flaggedPoor} of them poor (page F1 < 0.7): precision ${c.precision.toFixed(2)}; ${c.poor} poor pages, recall ${c.recall.toFixed(2)}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (out) writeFileSync(out, JSON.stringify({ split, limit, pages }, null, 1));
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`snippet-eval: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
